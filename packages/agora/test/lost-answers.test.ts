import { ConflictError, NetworkError, TimeoutError, isRecordingError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import {
  agoraRequests,
  compositeRequest,
  offline,
  provider,
  rejectionOf,
  runningAgora,
  useSimulator,
} from './fixtures.js';

/**
 * Answers lost after Agora acted (simulator faults `lost-response` / `late-response`): the vendor
 * state changed, the client never heard. Nothing may be left running without a way to reach it.
 */
offline();
const sim = useSimulator();

/** The one recording the simulator runs, and the ids the error reported for it. */
function runningRecording() {
  const running = runningAgora(sim());
  expect(running).toHaveLength(1);
  return running[0]!;
}

describe('a start whose answer is lost', () => {
  it.each([
    ['retried on the same resource (code 7, no sid)', 2, ConflictError],
    ['not retried (maxRetries 0)', 0, NetworkError],
  ] as const)(
    '%s → a typed error with unconfirmedRecording; sessionFromIds stops it',
    async (_name, maxRetries, kind) => {
      sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'lost-response' });
      const p = provider(sim(), { maxRetries });
      const error = await rejectionOf(p.start(compositeRequest()));
      expect(isRecordingError(error)).toBe(true);
      expect(error).toBeInstanceOf(kind);
      expect(error.operation).toBe('start');

      const running = runningRecording();
      expect(error.unconfirmedRecording).toMatchObject({
        vendor: 'agora',
        room: 'conformance-room',
        ids: { resourceId: running.ids.resourceId, cname: running.ids.cname, uid: running.ids.uid },
      });
      expect(error.unconfirmedRecording.hint).toContain('sessionFromIds');
      expect(JSON.parse(JSON.stringify(error)).unconfirmedRecording.ids).toEqual(
        error.unconfirmedRecording.ids,
      );
      const starts = agoraRequests(sim()).filter((r) => r.operation === 'start');
      expect(starts.map((r) => r.fault ?? r.status)).toEqual(
        maxRetries === 0 ? ['lost-response'] : ['lost-response', 201],
      );

      // The sid arrives by NCS in production; here the simulator tells it.
      const session = p.sessionFromIds({
        ...error.unconfirmedRecording.ids,
        sid: running.ids.sid,
        mode: 'composite',
      });
      expect(session).toMatchObject({
        vendor: 'agora',
        room: 'conformance-room',
        mode: 'composite',
        sessionId: running.ids.sid,
      });
      expect((await p.query(session)).state).toBe('recording');
      const result = await p.stop(session);
      expect(result.alreadyStopped).toBe(false);
      expect(result.files.length).toBeGreaterThan(0);
      expect(runningAgora(sim())).toEqual([]);
    },
  );

  it('an answer that comes after the timeout: TimeoutError with the ids; the handle from sessionFromIds works', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'late-response', delayMs: 3000 });
    const p = provider(sim(), { timeoutMs: 1000, maxRetries: 0 });
    const error = await rejectionOf(p.start(compositeRequest()));
    expect(error).toBeInstanceOf(TimeoutError);
    const running = runningRecording();
    expect(error.unconfirmedRecording.ids).toEqual({
      resourceId: running.ids.resourceId,
      cname: running.ids.cname,
      uid: running.ids.uid,
    });
    await p.stop(
      p.sessionFromIds({ ...error.unconfirmedRecording.ids, sid: running.ids.sid, mode: 'composite' }),
    );
    expect(runningAgora(sim())).toEqual([]);
  });

  it('a start Agora refused outright (code 2) reports no unconfirmed recording', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'vendor-error', vendorCode: 2 });
    const error = await rejectionOf(provider(sim()).start(compositeRequest()));
    expect(error.unconfirmedRecording).toBeUndefined();
    expect(runningAgora(sim())).toEqual([]);
  });

  it('an acquire whose answer is lost leaves nothing running and no unconfirmed recording', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'acquire', kind: 'lost-response' });
    const error = await rejectionOf(provider(sim(), { maxRetries: 0 }).start(compositeRequest()));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.unconfirmedRecording).toBeUndefined();
    expect(runningAgora(sim())).toEqual([]);
  });
});

describe('a stop whose answer is lost', () => {
  it('the retry gets code 49: resolves alreadyStopped false, upload unknown, no files (they come by NCS)', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    sim().injectFault({ vendor: 'agora', operation: 'stop', kind: 'lost-response' });
    const result = await p.stop(session);
    expect(result).toMatchObject({ alreadyStopped: false, upload: 'unknown', files: [] });
    const stops = agoraRequests(sim()).filter((r) => r.operation === 'stop');
    expect(stops.map((r) => r.fault ?? r.status)).toEqual(['lost-response', 400]);
    expect(stops[1]!.response).toMatchObject({ code: 49 });
    expect(runningAgora(sim())).toEqual([]);
    // A later stop of the same session: now it had ended before this call.
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true, files: [] });
  });

  it('a retry after a refusal (429: Agora did nothing) that gets 49 means the session had ended before', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    await p.stop(session);
    sim().injectFault({
      vendor: 'agora',
      operation: 'stop',
      kind: 'vendor-error',
      vendorCode: 'rate-limited',
    });
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true, files: [] });
    const stops = agoraRequests(sim()).filter((r) => r.operation === 'stop');
    expect(stops.map((r) => r.status)).toEqual([200, 429, 400]);
  });

  it('without retries the lost answer is a NetworkError, and the recording did end', async () => {
    const p = provider(sim(), { maxRetries: 0 });
    const session = await p.start(compositeRequest());
    sim().injectFault({ vendor: 'agora', operation: 'stop', kind: 'lost-response' });
    expect(await rejectionOf(p.stop(session))).toBeInstanceOf(NetworkError);
    expect(runningAgora(sim())).toEqual([]);
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true });
  });
});
