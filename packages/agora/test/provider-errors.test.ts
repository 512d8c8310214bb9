import { startSimulator } from '@unirec/simulator';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  ValidationError,
  VendorError,
  isRecordingError,
} from '@unirec/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  agoraRequests,
  compositeRequest,
  decodeHandle,
  offline,
  provider,
  rejectionOf,
  runningAgora,
  useSimulator,
} from './fixtures.js';
import { createAgoraProvider } from './internals.js';

/** Agora error codes as the provider meets them: on the simulator, and with nock for exact bodies. */
offline();
const sim = useSimulator();
const operations = () => agoraRequests(sim()).map((r) => r.operation);

/** A provider whose hook records the X-Request-ID of every answer. */
function observed(extra: Record<string, unknown> = {}) {
  const requestIds: Array<string | undefined> = [];
  const p = provider(sim(), {
    hooks: { onResponse: (info) => void requestIds.push(info.requestId) },
    ...extra,
  });
  return { p, requestIds };
}

describe('start', () => {
  it.each([62, 433, 502])('code %i on start (resource spent) → a fresh acquire + start', async (code) => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'vendor-error', vendorCode: code });
    const session = await provider(sim()).start(compositeRequest());
    expect(operations()).toEqual(['acquire', 'start', 'acquire', 'start']);
    const [, firstStart, secondAcquire, secondStart] = agoraRequests(sim());
    expect(firstStart!.status).toBe(code === 62 ? 504 : code === 433 ? 400 : 500);
    // The second start uses the second resource.
    expect(secondStart!.path).toContain(
      `/resourceid/${(secondAcquire!.response as { resourceId: string }).resourceId}/`,
    );
    expect(runningAgora(sim()).map((s) => s.ids.sid)).toEqual([session.sessionId]);
    expect(session.handle).toMatch(/^ur2\.agora\./);
  });

  it('code 502 on start keeps failing → the error after maxRetries fresh starts, nothing running', async () => {
    sim().injectFault({
      vendor: 'agora',
      operation: 'start',
      kind: 'vendor-error',
      vendorCode: 502,
      times: 2,
    });
    const error = await rejectionOf(provider(sim(), { maxRetries: 1 }).start(compositeRequest()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.vendorCode).toBe(502);
    // Agora said no worker was allocated: no recording to chase.
    expect(error.unconfirmedRecording).toBeUndefined();
    expect(operations()).toEqual(['acquire', 'start', 'acquire', 'start']);
    expect(runningAgora(sim())).toEqual([]);
  });

  it('code 62 on acquire (service not enabled) is not retried', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'acquire', kind: 'vendor-error', vendorCode: 62 });
    const error = await rejectionOf(provider(sim()).start(compositeRequest()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toContain('not enabled');
    expect(operations()).toEqual(['acquire']);
  });

  it('code 500 on acquire is retried, then start proceeds', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'acquire', kind: 'vendor-error', vendorCode: 500 });
    await expect(provider(sim()).start(compositeRequest())).resolves.toMatchObject({ vendor: 'agora' });
    expect(operations()).toEqual(['acquire', 'acquire', 'start']);
  });

  it('code 2 on start → ValidationError with the request id, no retry', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'vendor-error', vendorCode: 2 });
    const { p, requestIds } = observed();
    const error = await rejectionOf(p.start(compositeRequest()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.requestId).toBe(requestIds.at(-1));
    expect(operations()).toEqual(['acquire', 'start']);
  });

  it('code 7 without a sid → ConflictError with unconfirmedRecording {resourceId, cname, uid}', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'vendor-error', vendorCode: 7 });
    const { p, requestIds } = observed();
    const error = await rejectionOf(p.start(compositeRequest()));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.vendorCode).toBe(7);
    expect(requestIds).toHaveLength(2);
    const [acquire] = agoraRequests(sim());
    expect(error.unconfirmedRecording).toEqual({
      vendor: 'agora',
      room: 'conformance-room',
      ids: {
        resourceId: (acquire!.response as { resourceId: string }).resourceId,
        cname: 'conformance-room',
        uid: (acquire!.body as { uid: string }).uid,
      },
      hint: expect.stringContaining('sessionFromIds'),
    });
    expect(error.message).toContain('NCS');
  });

  it('the code-7 ConflictError carries the X-Request-ID and HTTP status of its answer', async () => {
    sim().injectFault({ vendor: 'agora', operation: 'start', kind: 'vendor-error', vendorCode: 7 });
    const { p, requestIds } = observed();
    const error = await rejectionOf(p.start(compositeRequest()));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.httpStatus).toBe(201);
    expect(error.requestId).toBe(requestIds.at(-1));
  });
});

describe('start: answers only nock can give (a code-7 body with a sid, an odd body)', () => {
  const BASE = 'https://agora-errors.unirec.test';
  const PREFIX = `/v1/apps/${CREDENTIALS.appId}/cloud_recording`;
  const headers = { 'X-Request-ID': 'agora-rq-77', 'Content-Type': 'application/json' };
  const nockProvider = (extra = {}) => createAgoraProvider({ ...CREDENTIALS, baseUrl: BASE, ...extra });
  const startPath = `${PREFIX}/resourceid/RID/mode/mix/start`;

  it('code 7 with a sid (an earlier attempt got through) → the session with that sid', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resourceId: 'RID' }, headers);
    nock(BASE).post(startPath).reply(201, { code: 7, resourceId: 'RID', sid: 'SID7' }, headers);
    nock(BASE)
      .get(`${PREFIX}/resourceid/RID/sid/SID7/mode/mix/query`)
      .reply(200, { serverResponse: { status: 5 } }, headers);
    const p = nockProvider();
    const session = await p.start(compositeRequest());
    expect(session.sessionId).toBe('SID7');
    expect((await p.query(session)).state).toBe('recording');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a code-7 sid that is not an Agora id is not trusted: ConflictError, unconfirmed', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resourceId: 'RID' }, headers);
    nock(BASE).post(startPath).reply(201, { code: 7, sid: '../../stop' }, headers);
    const error = await rejectionOf(nockProvider().start(compositeRequest()));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.unconfirmedRecording?.ids).toMatchObject({ resourceId: 'RID', cname: 'conformance-room' });
  });

  it('a timed-out start retried on the same resource: code 7 with the sid completes it', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resourceId: 'RID' }, headers);
    nock(BASE).post(startPath).delay(2500).reply(200, { sid: 'LATE' }, headers);
    nock(BASE).post(startPath).reply(201, { code: 7, sid: 'SID-FIRST' }, headers);
    const session = await nockProvider({ timeoutMs: 1000, maxRetries: 1 }).start(compositeRequest());
    expect(decodeHandle(session.handle)).toMatchObject({ s: 'SID-FIRST', d: { resourceId: 'RID' } });
  });

  it('a 200 answer of an unexpected shape is a VendorError naming the field', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resource: 'x' }, headers);
    const error = await rejectionOf(nockProvider().start(compositeRequest()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toContain('resourceId');
    expect(error.requestId).toBe('agora-rq-77');
    nock.cleanAll();
  });
});

describe('query and stop', () => {
  it('query errors carry the X-Request-ID of their answer and the right class', async () => {
    const { p, requestIds } = observed({ maxRetries: 0 });
    const session = await p.start(compositeRequest());
    const cases = [
      [{ kind: 'vendor-error', vendorCode: 404 }, NotFoundError, 404],
      [{ kind: 'vendor-error', vendorCode: 'unauthorized' }, AuthenticationError, 401],
      [{ kind: 'vendor-error', vendorCode: 'rate-limited' }, RateLimitError, 429],
      [{ kind: 'vendor-error', vendorCode: 8 }, VendorError, 400],
      [{ kind: 'vendor-error', vendorCode: 1003 }, NotFoundError, 400],
    ] as const;
    for (const [fault, kind, status] of cases) {
      sim().injectFault({ vendor: 'agora', operation: 'query', ...fault });
      const error = await rejectionOf(p.query(session));
      expect(error, String(fault.vendorCode)).toBeInstanceOf(kind);
      expect(error.httpStatus).toBe(status);
      expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(error.requestId).toBe(requestIds.at(-1));
    }
    sim().injectFault({ vendor: 'agora', operation: 'query', kind: 'malformed-json' });
    const malformed = await rejectionOf(p.query(session));
    expect(malformed).toBeInstanceOf(VendorError);
    expect(malformed.retryable).toBe(true);
    expect(isRecordingError(malformed)).toBe(true);
  });

  it('query after stop: Agora answers 404 → NotFoundError', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    await p.stop(session);
    expect(await rejectionOf(p.query(session))).toBeInstanceOf(NotFoundError);
  });

  it('stop: a repeated stop (49) and a gone worker (404) are an ended session', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    const first = await p.stop(session);
    expect(first).toMatchObject({ alreadyStopped: false, upload: 'uploaded' });
    expect(first.files.length).toBeGreaterThan(0);
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true, files: [], upload: 'unknown' });
    expect(agoraRequests(sim()).at(-1)!.response).toMatchObject({ code: 49 });
    sim().injectFault({ vendor: 'agora', operation: 'stop', kind: 'vendor-error', vendorCode: 404 });
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true, files: [] });
  });

  it('stop before anything was recorded: 435 → no files, not "already stopped", and the task ends', async () => {
    // Default timings: the task records only after 500 ms, so an immediate stop finds nothing.
    const slow = await startSimulator({ credentials: { agora: CREDENTIALS } });
    try {
      const p = createAgoraProvider({ ...CREDENTIALS, baseUrl: slow.url });
      const session = await p.start(compositeRequest());
      expect(await p.stop(session)).toMatchObject({ alreadyStopped: false, files: [], upload: 'unknown' });
      expect(slow.requests.at(-1)).toMatchObject({ operation: 'stop', status: 206, response: { code: 435 } });
      expect(slow.activeRecordings('agora')).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
