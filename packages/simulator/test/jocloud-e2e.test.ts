/**
 * JOCloud through the real HTTP server: raw `fetch` requests with the documented headers
 * (AppID, Token: Basic base64(restfulId:restfulSecret)), webhooks received on a loopback server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type Simulator, type SimulatorOptions, startSimulator } from '../src/index.js';
import { createJoCloudEmulator } from '../src/vendors/jocloud.js';
import { JOCLOUD_SEED_START, JOCLOUD_SEED_STOP, JOCLOUD_SEED_UPDATE } from './helpers/vendor-context.js';
import {
  type CallbackDelivery,
  type CallbackReceiver,
  startCallbackReceiver,
} from './helpers/callback-receiver.js';

let receiver: CallbackReceiver;
let receiverUrl = '';
let received: CallbackDelivery[] = [];

beforeAll(async () => {
  receiver = await startCallbackReceiver('/jocloud-callback');
  receiverUrl = receiver.url;
  received = receiver.received;
});
afterAll(() => receiver.close());

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  received.length = 0;
});

async function boot(options: SimulatorOptions = {}) {
  sim = await startSimulator({
    clock: createManualClock(Date.UTC(2025, 0, 1)),
    // the document examples use AppID 10034: configure it so their bodies replay unchanged
    credentials: { jocloud: { appId: 10034, restfulId: 'rid', restfulSecret: 'rsecret' } },
    emulators: [createJoCloudEmulator({ startDelayMs: 1000 })],
    callbacks: { jocloud: { url: receiverUrl, token: 'shared' } },
    ...options,
  });
  return sim;
}

let trace = 0;
async function call(
  s: Simulator,
  method: string,
  reqUri: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const { appId, restfulId, restfulSecret } = s.credentials.jocloud;
  const res = await fetch(`${s.url}/app/${appId}/v1/recordoss/${reqUri}?traceId=${++trace}`, {
    method,
    headers: {
      AppID: String(appId),
      Token: `Basic ${Buffer.from(`${restfulId}:${restfulSecret}`).toString('base64')}`,
      ...(payload !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
      ...headers,
    },
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  return { status: res.status, ...((await res.json()) as any) };
}

describe('JOCloud over HTTP', () => {
  it('replays every seed 003 example and follows the lifecycle; callbacks carry the token header', async () => {
    const s = await boot();
    const applied = await call(s, 'GET', 'applyrecord');
    expect(applied).toMatchObject({ status: 200, code: 0, message: 'success', traceId: String(trace) });
    const started = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: applied.resid });
    expect(started).toMatchObject({ status: 200, code: 0 });
    const ids = { resid: applied.resid, recordid: started.recordid };
    expect((await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`)).data.status).toBe(0);
    s.advance?.(1000);
    expect((await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`)).data.status).toBe(1);
    expect((await call(s, 'POST', 'updatemixrecord', { ...JOCLOUD_SEED_UPDATE, ...ids })).code).toBe(0);
    s.advance?.(5000);
    expect((await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, ...ids })).code).toBe(0);
    expect((await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`)).code).toBe(4013);
    expect((await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: applied.resid })).code).toBe(
      4012,
    );
    await s.webhooksIdle();
    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.msgtype)).toEqual([1, 1, 2]);
    expect(events[2].context).toMatchObject({ recordid: ids.recordid, filetype: 'm3u8', duration: 5000 });
    expect(received.every((r) => r.headers['x-unirec-token'] === 'shared')).toBe(true);
  });

  it('broken variants answer the vendor codes', async () => {
    const s = await boot();
    expect((await call(s, 'GET', 'applyrecord', undefined, { Token: 'Basic eHg6eXk=' })).code).toBe(1001);
    expect((await call(s, 'POST', 'applyrecord', {})).code).toBe(2101);
    const resid = (await call(s, 'GET', 'applyrecord')).resid;
    const wrongType = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid, recordtype: '0' });
    expect(wrongType).toMatchObject({
      status: 404,
      code: 2101,
      message: expect.stringMatching(/recordtype must be one of 0, 1, 2/),
    });
    const { storagecfg: _drop, ...noStorage } = JOCLOUD_SEED_START;
    expect((await call(s, 'POST', 'startrecord', { ...noStorage, resid })).message).toMatch(
      /storagecfg is required/,
    );
    expect((await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START })).code).toBe(4012);
    const { recordid } = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid });
    expect((await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid })).code).toBe(4011);
    expect(
      (await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, resid, recordid: 'nope' })).code,
    ).toBe(4013);
    expect(recordid).toBeTruthy();
  });

  it('10 requests per second per AppID, then 2105', async () => {
    const s = await boot();
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await call(s, 'GET', 'applyrecord')).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(codes[10]).toBe(2105);
  });

  it('a path outside /app/{appid}/v1/recordoss/ is not JOCloud (server 404)', async () => {
    const s = await boot();
    expect((await fetch(`${s.url}/app/10034/v2/recordoss/applyrecord`)).status).toBe(404);
  });
});
