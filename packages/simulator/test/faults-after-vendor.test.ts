/**
 * Faults after the vendor acted (`lost-response`, `late-response`) against faults before it (`reset`,
 * `hang`): state, rate-limit tokens and webhooks tell them apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { SEED_000_EXAMPLES, SEED_001_START_EXAMPLES } from './fixtures-agora.js';
import { agoraClient, clone, startManual } from './helpers.js';
import { type CallbackReceiver, startCallbackReceiver } from './helpers/callback-receiver.js';

const composite = (): any => clone(SEED_001_START_EXAMPLES.composite.body);

let sim: Simulator | undefined;
let receiver: CallbackReceiver | undefined;
afterEach(async () => {
  await sim?.close();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
});

/** A manual-clock simulator with Agora limited to `rate` requests/s and NCS webhooks to a receiver. */
async function boot(rate = 100) {
  receiver = await startCallbackReceiver('/ncs');
  const started = await startManual({
    rateLimits: { agora: rate },
    timings: { recordingMs: 500 },
    callbacks: { agora: { url: receiver.url, secret: 'ncs-secret' } },
  });
  sim = started.sim;
  return { ...started, api: agoraClient(started.sim), receiver };
}

describe('lost-response: processed in full, then the socket is destroyed', () => {
  it('the start happened (session, log, webhooks) though the client saw a dropped connection', async () => {
    const { sim, api, receiver } = await boot();
    const body = composite();
    const { resourceId } = (await api.acquire(body.cname, body.uid)).json;
    sim.injectFault({ vendor: 'agora', operation: 'start', kind: 'lost-response' });
    await expect(api.start(resourceId, 'mix', body)).rejects.toThrow();

    const logged = sim.requests.at(-1);
    expect(logged).toMatchObject({ operation: 'start', status: 200, fault: 'lost-response' });
    const sid = (logged?.response as { sid?: string } | undefined)?.sid;
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.activeRecordings('agora')).toMatchObject([
      { id: sid, ids: { resourceId, sid, cname: body.cname, uid: body.uid }, active: true },
    ]);
    sim.advance?.(500);
    await sim.webhooksIdle();
    expect(receiver.received.map((r) => JSON.parse(r.body).payload.sid)).toEqual([sid, sid]);
    expect(sim.pendingFaults()).toEqual([]);
  });

  it('spends the rate-limit token; a reset (before the vendor) spends none and changes nothing', async () => {
    const { sim, api } = await boot(2);
    sim.injectFault({ operation: 'acquire', kind: 'reset', times: 3 });
    for (let i = 0; i < 3; i++) await expect(api.acquire('room', '1')).rejects.toThrow();
    expect(sim.requests.map((r) => [r.status, r.fault])).toEqual(Array(3).fill([0, 'reset']));
    expect((await api.acquire('room', '1')).status).toBe(200); // token 1 of 2
    sim.injectFault({ operation: 'acquire', kind: 'lost-response' });
    await expect(api.acquire('room', '2')).rejects.toThrow(); // token 2 of 2, answer lost
    expect((await api.acquire('room', '3')).status).toBe(429);
  });

  it('a lost stop still stopped: the retry learns it only from the vendor error', async () => {
    const { sim, clock, api } = await boot();
    const body = composite();
    const { resourceId } = (await api.acquire(body.cname, body.uid)).json;
    const { sid } = (await api.start(resourceId, 'mix', body)).json;
    clock.advance(1_000);
    sim.injectFault({ vendor: 'agora', operation: 'stop', kind: 'lost-response' });
    await expect(api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop)).rejects.toThrow();
    expect(sim.activeRecordings()).toEqual([]);
    expect(sim.sessions({ vendor: 'agora' })).toMatchObject([{ id: sid, state: 'stopped', active: false }]);
  });
});

describe('late-response: processed now, answered after delayMs', () => {
  it('a client with a shorter timeout gives up while the recording already runs; the answer never reaches it', async () => {
    const { sim, api } = await boot();
    const body = composite();
    const { resourceId } = (await api.acquire(body.cname, body.uid)).json;
    sim.injectFault({ operation: 'start', kind: 'late-response', delayMs: 400 });
    const t0 = Date.now();
    const start = fetch(`${api.base}/resourceid/${resourceId}/mode/mix/start`, {
      method: 'POST',
      headers: api.headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(100),
    });
    await expect(start).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(400);
    expect(sim.activeRecordings('agora')).toHaveLength(1);
    expect(sim.requests.at(-1)).toMatchObject({ operation: 'start', status: 200, fault: 'late-response' });
  });

  it('a patient client gets the normal answer, late', async () => {
    const { sim, api } = await boot();
    sim.injectFault({ operation: 'acquire', kind: 'late-response', delayMs: 150 });
    const t0 = Date.now();
    const late = await api.acquire('room', '7');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ cname: 'room', uid: '7', resourceId: expect.any(String) });
    // the log entry was written when the vendor acted, before the answer left
    expect(sim.requests.at(-1)?.response).toEqual(late.json);
  });

  it('hang with delayMs stays before the vendor: a client that gave up meanwhile changed nothing', async () => {
    const { sim, api } = await boot();
    const body = composite();
    const { resourceId } = (await api.acquire(body.cname, body.uid)).json;
    sim.injectFault({ operation: 'start', kind: 'hang', delayMs: 200 });
    await expect(
      fetch(`${api.base}/resourceid/${resourceId}/mode/mix/start`, {
        method: 'POST',
        headers: api.headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.sessions()).toEqual([]);
    expect((await api.start(resourceId, 'mix', body)).status).toBe(200);
  });

  it('close() does not wait for a late answer', async () => {
    const s = await startSimulator();
    s.injectFault({ kind: 'late-response', delayMs: 60_000 });
    const pending = fetch(`${s.url}/v1/ncs/ip`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('rejects a late-response without delayMs and negative or non-finite delays', async () => {
    const { sim } = await boot();
    expect(() => sim.injectFault({ kind: 'late-response' })).toThrow(/delayMs/);
    expect(() => sim.injectFault({ kind: 'late-response', delayMs: -1 })).toThrow(RangeError);
    expect(() => sim.injectFault({ kind: 'hang', delayMs: Number.NaN })).toThrow(RangeError);
    expect(sim.pendingFaults()).toEqual([]);
  });
});
