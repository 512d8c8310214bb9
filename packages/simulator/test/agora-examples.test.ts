import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock, Simulator } from '../src/index.js';
import { SEED_000_EXAMPLES, SEED_001_START_EXAMPLES } from './fixtures-agora.js';
import { acquireAndStart, agoraClient, clone, startManual } from './helpers.js';

/** Replays every request example of the Agora documents against the emulator: all must be accepted. */

let sim: Simulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ sim, clock } = await startManual({ rateLimits: false }));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type Example = { mode: string; body: { cname: string; uid: string; clientRequest: Record<string, unknown> } };

/** The acquire scene each example needs (seed 000 acquire: 1 web page, 2 postponed transcoding/mixing). */
function sceneFor(example: Example): number {
  if (example.mode === 'web') return 1;
  const apps = example.body.clientRequest.appsCollection as { combinationPolicy?: string } | undefined;
  return apps?.combinationPolicy === 'postpone_transcoding' ? 2 : 0;
}

function documented(example: Example): Example {
  const copy = clone(example);
  const options = copy.body.clientRequest.transcodeOptions as { audio?: Record<string, string> } | undefined;
  // The delayed-mixing example writes "xxxx" placeholders; use the documented defaults.
  if (options?.audio) options.audio = { sampleRate: '48000', bitrate: '48000', channels: '2' };
  return copy;
}

describe('seed 001 start examples', () => {
  for (const [name, raw] of Object.entries(SEED_001_START_EXAMPLES)) {
    it(`accepts "${name}" (acquire → start → query → stop)`, async () => {
      const example = documented(raw as unknown as Example);
      const { api, resourceId, started, sid } = await acquireAndStart(sim, example.mode, example.body, {
        scene: sceneFor(example),
      });
      expect(started.status, started.text).toBe(200);
      expect(started.json).toMatchObject({ cname: example.body.cname, uid: example.body.uid, resourceId });
      expect(sid).toMatch(/^[0-9a-f]{32}$/);
      expect(started.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);

      clock.advance(sim.timings.recordingMs);
      const q = await api.query(resourceId, sid, example.mode);
      expect(q.status, q.text).toBe(200);
      expect(q.json.serverResponse.status).toBe(5);

      const stopped = await api.stop(resourceId, sid, example.mode, {
        cname: example.body.cname,
        uid: example.body.uid,
        clientRequest: {},
      });
      expect(stopped.status, stopped.text).toBe(200);
      expect(stopped.json.sid).toBe(sid);
    });
  }

  it('rejects the delayed-mixing example with its literal "xxxx" placeholders', async () => {
    const example = clone(SEED_001_START_EXAMPLES.audioPostponedMixing) as unknown as Example;
    const { started } = await acquireAndStart(sim, example.mode, example.body, { scene: 2 });
    expect(started.status).toBe(400);
    expect(started.json.code).toBe(2);
    expect(started.json.reason).toMatch(/transcodeOptions\.audio\.sampleRate/);
  });
});

describe('seed 000 examples', () => {
  it('accepts acquire, start, update, updateLayout, query and stop', async () => {
    const api = agoraClient(sim);
    const acq = await api.acquire(SEED_000_EXAMPLES.acquire.cname, SEED_000_EXAMPLES.acquire.uid, {
      ...SEED_000_EXAMPLES.acquire.clientRequest,
    });
    expect(acq.status, acq.text).toBe(200);
    expect(acq.json).toMatchObject({ cname: 'httpClient463224', uid: '527841' });
    const rid = acq.json.resourceId as string;

    const start = await api.start(rid, SEED_000_EXAMPLES.start.mode, SEED_000_EXAMPLES.start.body);
    expect(start.status, start.text).toBe(200);
    const sid = start.json.sid as string;

    const upd = await api.update(rid, sid, 'individual', SEED_000_EXAMPLES.update);
    expect(upd.status, upd.text).toBe(200);
    expect(upd.json).toEqual({ cname: 'httpClient463224', uid: '527841', resourceId: rid, sid });

    clock.advance(1_000);
    const q = await api.query(rid, sid, 'individual');
    expect(q.status).toBe(200);
    expect(q.json.serverResponse).toMatchObject({ status: 5, fileListMode: 'json' });

    const stop = await api.stop(rid, sid, 'individual', SEED_000_EXAMPLES.stop);
    expect(stop.status, stop.text).toBe(200);
    expect(stop.json.serverResponse.uploadingStatus).toBe('uploaded');
  });

  it('accepts the updateLayout example on a composite recording', async () => {
    const example = SEED_001_START_EXAMPLES.composite;
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', clone(example.body));
    const res = await api.updateLayout(resourceId, sid, 'mix', SEED_000_EXAMPLES.updateLayout);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ cname: 'httpClient463224', uid: '527841', resourceId, sid });
  });

  it('answers GET /v1/ncs/ip in the documented shape', async () => {
    const api = agoraClient(sim);
    const res = await fetch(`${sim.url}/v1/ncs/ip`, {
      headers: { authorization: api.headers.authorization },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { service: { hosts: Array<{ primaryIP: string }> } } };
    expect(body.data.service.hosts[0]?.primaryIP).toBe('127.0.0.1');
  });
});
