import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RawResponse,
  ValidationError,
  VendorError,
  isRecordingError,
} from '@unirec/core';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { AGORA_ERROR_CODES, type AgoraOperation, agoraError, createAgoraProvider } from '../src/index.js';
import { CREDENTIALS, compositeRequest, offline } from './fixtures.js';

offline();
const BASE = 'https://agora-errors.unirec.test';
const PREFIX = `/v1/apps/${CREDENTIALS.appId}/cloud_recording`;
const scrub = (s: string) => s;
const raw = (status: number, data: unknown): RawResponse => ({
  status,
  headers: { 'x-request-id': 'rq-1' },
  data,
  text: '',
  malformed: false,
});
const kinds = {
  validation: ValidationError,
  conflict: ConflictError,
  not_found: NotFoundError,
  authentication: AuthenticationError,
  rate_limit: RateLimitError,
  vendor: VendorError,
};

afterEach(() => nock.cleanAll());

describe('the Agora error-code table (VENDORS.md)', () => {
  const ops: AgoraOperation[] = ['acquire', 'start', 'query', 'stop'];
  for (const [code, rule] of Object.entries(AGORA_ERROR_CODES)) {
    it(`code ${code} (${rule.meaning}) → ${rule.kind}`, () => {
      for (const operation of ops) {
        const error = agoraError(raw(400, { code: Number(code), reason: 'why' }), { operation, scrub });
        expect(error).toBeInstanceOf(kinds[rule.kind]);
        expect(error.vendorCode).toBe(Number(code));
        expect(error.requestId).toBe('rq-1');
        expect(error.operation).toBe(operation);
        expect(error.message).toContain(`code ${code}`);
        expect(error.message).toContain(': why');
      }
    });
  }

  it('retry advice: 65 and 5xx codes on acquire; never 40x; 62 on acquire means the service is off', () => {
    const retryable = (code: number, operation: AgoraOperation) =>
      agoraError(raw(500, { code }), { operation, scrub }).retryable;
    expect(retryable(65, 'acquire')).toBe(true);
    expect(agoraError(raw(206, { code: 65 }), { operation: 'start', scrub }).retryAfterMs).toBe(3000);
    for (const code of [500, 501, 504]) expect(retryable(code, 'acquire')).toBe(true);
    expect(retryable(502, 'acquire')).toBe(true);
    expect(retryable(502, 'start')).toBe(false); // a new acquire + start instead, see provider.test
    expect(retryable(62, 'acquire')).toBe(false);
    expect(retryable(62, 'start')).toBe(false);
    expect(retryable(62, 'query')).toBe(true);
    for (const code of [
      2, 8, 49, 53, 109, 110, 400, 401, 404, 405, 406, 432, 433, 435, 1001, 1003, 1013, 1028,
    ]) {
      for (const operation of ['acquire', 'start', 'query', 'stop'] as const)
        expect(retryable(code, operation), `${code} ${operation}`).toBe(false);
    }
  });

  it('gateway answers without a code: 401/403 auth, 429 rate limit (retryable), 404 not found, 5xx retryable', () => {
    expect(
      agoraError(raw(401, { message: 'Invalid authentication credentials' }), { operation: 'query', scrub }),
    ).toBeInstanceOf(AuthenticationError);
    expect(agoraError(raw(403, {}), { operation: 'query', scrub })).toBeInstanceOf(AuthenticationError);
    const limited = agoraError(raw(429, { message: 'API rate limit exceeded' }), {
      operation: 'query',
      scrub,
    });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryable).toBe(true);
    expect(agoraError(raw(404, undefined), { operation: 'query', scrub })).toBeInstanceOf(NotFoundError);
    const server = agoraError(raw(503, undefined), { operation: 'query', scrub });
    expect(server).toBeInstanceOf(VendorError);
    expect(server.retryable).toBe(true);
    expect(agoraError(raw(400, {}), { operation: 'query', scrub }).retryable).toBe(false);
  });

  it("code 2 is a ValidationError carrying Agora's reason", () => {
    const error = agoraError(raw(400, { code: 2, reason: 'invalid parameter: transcodingConfig.width' }), {
      operation: 'start',
      scrub,
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('transcodingConfig.width');
  });
});

describe('error codes through the provider', () => {
  const provider = (extra = {}) => createAgoraProvider({ ...CREDENTIALS, baseUrl: BASE, ...extra });
  const headers = { 'X-Request-ID': 'agora-rq-77', 'Content-Type': 'application/json' };
  const acquireOk = (times = 1) =>
    nock(BASE).post(`${PREFIX}/acquire`).times(times).reply(200, { resourceId: 'RID' }, headers);
  const startPath = (mode = 'mix') => `${PREFIX}/resourceid/RID/mode/${mode}/start`;

  it('code 7 on start (the resource already started: an earlier attempt got through) → the session, with its sid', async () => {
    acquireOk();
    nock(BASE).post(startPath()).reply(201, { code: 7, resourceId: 'RID', sid: 'SID7' }, headers);
    nock(BASE)
      .get(`${PREFIX}/resourceid/RID/sid/SID7/mode/mix/query`)
      .reply(200, { serverResponse: { status: 5 } }, headers);
    const p = provider();
    const session = await p.start(compositeRequest());
    expect((await p.query(session)).state).toBe('recording');
  });

  it('code 7 without a sid → ConflictError (the sid cannot be found any other way)', async () => {
    acquireOk();
    nock(BASE).post(startPath()).reply(201, { code: 7 }, headers);
    const error = await provider()
      .start(compositeRequest())
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.requestId).toBe('agora-rq-77');
  });

  it('a timed-out start retried on the same resource: code 7 completes it', async () => {
    acquireOk();
    nock(BASE).post(startPath()).delay(400).reply(200, { sid: 'LATE' }, headers);
    nock(BASE).post(startPath()).reply(201, { code: 7, sid: 'SID-FIRST' }, headers);
    const session = await provider({ timeoutMs: 150, maxRetries: 1 }).start(compositeRequest());
    const payload = JSON.parse(Buffer.from(session.handle.split('.')[2]!, 'base64url').toString());
    expect(payload.sid).toBe('SID-FIRST');
    expect(payload.resourceId).toBe('RID');
  });

  it.each([62, 433, 502])('code %i on start (resource spent) → a fresh acquire + start', async (code) => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resourceId: 'RID' }, headers);
    const first = nock(BASE)
      .post(startPath())
      .reply(code === 433 ? 400 : 500, { code }, headers);
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resourceId: 'RID2' }, headers);
    const second = nock(BASE)
      .post(`${PREFIX}/resourceid/RID2/mode/mix/start`)
      .reply(200, { sid: 'S2', resourceId: 'RID2' }, headers);
    const session = await provider().start(compositeRequest());
    expect(first.isDone() && second.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
    expect(session.handle).toContain('ur1.agora.');
  });

  it('code 502 on start keeps failing → the error after maxRetries fresh starts', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).times(2).reply(200, { resourceId: 'RID' }, headers);
    nock(BASE).post(startPath()).times(2).reply(500, { code: 502 }, headers);
    const error = await provider({ maxRetries: 1 })
      .start(compositeRequest())
      .catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.vendorCode).toBe(502);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('code 62 on acquire (service not enabled) is not retried', async () => {
    const scope = nock(BASE).post(`${PREFIX}/acquire`).reply(504, { code: 62 }, headers);
    const error = await provider()
      .start(compositeRequest())
      .catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toContain('not enabled');
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('code 500 on acquire is retried, then start proceeds', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(500, { code: 500 }, headers);
    acquireOk();
    nock(BASE).post(startPath()).reply(200, { sid: 'S' }, headers);
    await expect(provider().start(compositeRequest())).resolves.toMatchObject({ vendor: 'agora' });
  });

  it('stop: 49 and 404 are an already-ended session; 435 means nothing was recorded', async () => {
    const session = `/resourceid/RID/sid/SID/mode/mix`;
    acquireOk(3);
    nock(BASE).post(startPath()).times(3).reply(200, { sid: 'SID' }, headers);
    const p = provider();
    const s = await p.start(compositeRequest());
    nock(BASE).post(`${PREFIX}${session}/stop`).reply(400, { code: 49 }, headers);
    expect(await p.stop(s)).toMatchObject({ alreadyStopped: true, files: [] });
    nock(BASE).post(`${PREFIX}${session}/stop`).reply(404, { code: 404 }, headers);
    expect(await p.stop(s)).toMatchObject({ alreadyStopped: true });
    nock(BASE).post(`${PREFIX}${session}/stop`).reply(206, { code: 435 }, headers);
    expect(await p.stop(s)).toMatchObject({ alreadyStopped: false, files: [], upload: 'unknown' });
  });

  it('query: 404 → NotFoundError with the X-Request-ID; every error carries the request id', async () => {
    acquireOk();
    nock(BASE).post(startPath()).reply(200, { sid: 'SID' }, headers);
    const p = provider({ maxRetries: 0 });
    const s = await p.start(compositeRequest());
    const query = `${PREFIX}/resourceid/RID/sid/SID/mode/mix/query`;
    for (const [status, body, kind] of [
      [404, { code: 404 }, NotFoundError],
      [401, { message: 'Invalid authentication credentials' }, AuthenticationError],
      [429, { message: 'API rate limit exceeded' }, RateLimitError],
      [400, { code: 8 }, VendorError],
      [500, 'not json', VendorError],
    ] as const) {
      nock(BASE)
        .get(query)
        .reply(status, typeof body === 'string' ? body : body, headers);
      const error = await p.query(s).catch((e) => e);
      expect(error, String(status)).toBeInstanceOf(kind);
      expect(error.requestId).toBe('agora-rq-77');
      expect(error.httpStatus).toBe(status);
      expect(isRecordingError(error)).toBe(true);
    }
  });

  it('a 200 answer of an unexpected shape is a VendorError naming the field', async () => {
    nock(BASE).post(`${PREFIX}/acquire`).reply(200, { resource: 'x' }, headers);
    const error = await provider()
      .start(compositeRequest())
      .catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toContain('resourceId');
  });
});
