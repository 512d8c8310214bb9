import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RecordingError,
  TimeoutError,
  ValidationError,
  VendorError,
} from '@unirec/core';
import type { RawResponse } from '@unirec/core/adapter';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  STORAGE_SECRET_KEY,
  compositeRegionsRequest,
  failureOf,
  isValidSignature,
  noNetwork,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import {
  ZEGO_ERROR_CODES,
  createZegoProvider,
  describeRecordStatusResponseSchema,
  zegoEnvelopeSchema,
  zegoResponses,
} from './internals.js';

noNetwork();
const sim = useSimulator();
afterEach(() => nock.cleanAll());

const SCRUBBED = 'very-secret-storage-key';
const context = (attempt = 1, earlierAttemptMayHaveActed = attempt > 1) => ({
  scrub: (text: string) => text.replaceAll(SCRUBBED, '[REDACTED]'),
  attempt,
  earlierAttemptMayHaveActed,
});

function json(status: number, data: unknown, headers: Record<string, string> = {}): RawResponse {
  return { status, headers, data, text: JSON.stringify(data), malformed: false };
}
function text(status: number, body: string, headers: Record<string, string> = {}): RawResponse {
  return { status, headers, data: undefined, text: body, malformed: body.trim() !== '' };
}

/**
 * The error `zegoResponses.read` turns `raw` into; for a failed answer (not a 2xx body of the wrong
 * shape) `errorFor` must say the same.
 */
function errorOf(raw: RawResponse, operation = 'query', failedAnswer = true): RecordingError {
  const result = zegoResponses.read(raw, context(), { operation, schema: zegoEnvelopeSchema });
  if (result.ok) throw new Error('expected the response to be read as an error');
  if (failedAnswer && !raw.malformed) {
    const direct = zegoResponses.errorFor(raw, context(), operation);
    expect(direct.constructor).toBe(result.error.constructor);
    expect(direct.message).toBe(result.error.message);
  }
  return result.error;
}

describe('ZEGO_ERROR_CODES through zegoResponses (every row)', () => {
  type Row = [number, new (...args: never[]) => RecordingError, boolean, RegExp];
  const rows: Row[] = [
    [100000001, AuthenticationError, false, /AppId is invalid.*appId and serverSecret/],
    [100000004, AuthenticationError, false, /signature expired.*clock/],
    [100000005, AuthenticationError, false, /signature invalid.*serverSecret.*clock/],
    [100000006, VendorError, false, /Action is empty/],
    [100000007, VendorError, false, /Action is not supported/],
    [100000013, AuthenticationError, false, /SignatureVersion is empty/],
    [100000014, AuthenticationError, false, /SignatureVersion is not supported/],
    [100000016, VendorError, false, /production environment/],
    [100000017, VendorError, false, /service is not enabled/],
    [300000002, VendorError, false, /cloud recording is not enabled/],
    [300000003, RateLimitError, true, /rate limited/],
    [300000004, ValidationError, false, /rejected a parameter/],
    [300000005, VendorError, false, /gateway check failed/],
    [300000006, VendorError, false, /concurrent recording tasks/],
    [300001000, NotFoundError, false, /does not exist/],
    [300001001, NotFoundError, false, /already ended/],
    [300001004, ConflictError, false, /not paused/],
    [300010000, VendorError, true, /system error/],
  ];

  it('this list covers every row of the table', () => {
    const tested = rows.map(([code]) => code).sort();
    expect(Object.keys(ZEGO_ERROR_CODES).map(Number).sort()).toEqual(tested);
  });

  it.each(rows)('Code %i on HTTP 200 → %o (retryable %s)', (code, Class, retryable, meaning) => {
    const error = errorOf(json(200, { Code: code, Message: `zego says ${code}`, RequestId: `req-${code}` }));
    expect(error).toBeInstanceOf(Class);
    expect(error.retryable).toBe(retryable);
    expect(error.vendor).toBe('zego');
    expect(error.vendorCode).toBe(code);
    expect(error.requestId).toBe(`req-${code}`);
    expect(error.httpStatus).toBe(200);
    expect(error.operation).toBe('query');
    expect(error.message).toMatch(meaning);
    expect(error.message).toContain(`req-${code}`);
    expect(error.message).toContain(`zego says ${code}`);
  });

  it('300000004 keeps ZEGO’s words as the issue; secrets in them are scrubbed', () => {
    const error = errorOf(
      json(200, { Code: 300000004, Message: `AccessKeySecret ${SCRUBBED} is invalid`, RequestId: 'v' }),
      'start',
    ) as ValidationError;
    expect(error.issues).toEqual([{ path: '(request)', message: 'AccessKeySecret [REDACTED] is invalid' }]);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(SCRUBBED);
  });

  it('a rate limit honours Retry-After; an unknown code is a VendorError retried only on 5xx', () => {
    const limited = errorOf(json(200, { Code: 300000003, RequestId: 'r' }, { 'retry-after': '2' }));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfterMs).toBe(2000);
    const unknown = errorOf(json(200, { Code: 123456789, Message: 'new', RequestId: 'u' }));
    expect(unknown).toBeInstanceOf(VendorError);
    expect(unknown.retryable).toBe(false);
    expect(unknown.message).toMatch(/unknown code.*123456789/);
    expect(errorOf(json(503, { Code: 123456789, RequestId: 'u' })).retryable).toBe(true);
  });

  it('a Code sent as a decimal string is read as the code', () => {
    expect(errorOf(json(200, { Code: '300001000', RequestId: 's' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('non-2xx and gateway answers', () => {
  it('gateway HTML on 503 → retryable VendorError; on 200 → retryable VendorError (not JSON)', () => {
    const busy = errorOf(text(503, '<html>busy</html>', { 'content-type': 'text/html' }));
    expect(busy).toBeInstanceOf(VendorError);
    expect(busy.retryable).toBe(true);
    expect(busy.httpStatus).toBe(503);
    const garbled = errorOf(text(200, '<html><body>502 Bad Gateway</body></html>'));
    expect(garbled).toBeInstanceOf(VendorError);
    expect(garbled.retryable).toBe(true);
    expect(garbled.message).toMatch(/not valid JSON/);
  });

  it('429 → RateLimitError, 401/403 → AuthenticationError with the hint, 404 → NotFound, 408 → Timeout', () => {
    const limited = errorOf(text(429, '', { 'retry-after': '1' }));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterMs).toBe(1000);
    for (const status of [401, 403]) {
      const refused = errorOf(json(status, { error: 'unauthorized' }));
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect(refused.message).toContain('serverSecret');
      expect(refused.httpStatus).toBe(status);
    }
    expect(errorOf(text(404, 'not found'))).toBeInstanceOf(NotFoundError);
    expect(errorOf(json(408, {}))).toBeInstanceOf(TimeoutError);
  });

  it('a ZEGO body on a non-2xx status is read by its Code, with its RequestId', () => {
    const coded = errorOf(json(502, { Code: 300000004, Message: 'bad', RequestId: 'gw' }));
    expect(coded).toBeInstanceOf(ValidationError);
    expect(coded.requestId).toBe('gw');
    expect(coded.httpStatus).toBe(502);
    const system = errorOf(json(500, { Code: 300010000, Message: 'sys', RequestId: 'gw2' }));
    expect(system).toBeInstanceOf(VendorError);
    expect(system.retryable).toBe(true);
    expect(system.requestId).toBe('gw2');
  });

  it('a 2xx body without a numeric Code, or with an unexpected Data shape, is a VendorError', () => {
    const shapeless = errorOf(json(200, { Message: 'hello' }), 'query', false);
    expect(shapeless).toBeInstanceOf(VendorError);
    expect(shapeless.message).toMatch(/unexpected response shape \(body\.Code\)/);
    const result = zegoResponses.read(
      json(200, { Code: 0, Message: 'succeed', RequestId: 'z', Data: { Status: 'two' } }),
      context(),
      { operation: 'query', schema: describeRecordStatusResponseSchema },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(VendorError);
    expect(result.error.requestId).toBe('z');
    expect(result.error.message).toMatch(/unexpected response shape/);
  });

  it('Code 0 is a success; `expected` turns an accepted code into a value', () => {
    const ok = zegoResponses.read(json(200, { Code: 0, RequestId: 'a', Data: { Status: 2 } }), context(), {
      operation: 'query',
      schema: describeRecordStatusResponseSchema,
      map: (body) => body.Data.Status,
    });
    expect(ok).toEqual({ ok: true, value: 2 });
    const ended = zegoResponses.read(json(200, { Code: 300001001, RequestId: 'b' }), context(2), {
      operation: 'stop',
      expected: (envelope) => (envelope.code === 300001001 ? 'ended' : undefined),
    });
    expect(ended).toEqual({ ok: true, value: 'ended' });
  });
});

describe('against the simulator', () => {
  it('retries 300000003 and a 503 with a fresh valid signature each time, then succeeds', async () => {
    const p = simProvider(sim());
    const session = await p.start(compositeRegionsRequest());
    sim().injectFault({
      vendor: 'zego',
      operation: 'DescribeRecordStatus',
      kind: 'vendor-error',
      vendorCode: 300000003,
    });
    sim().injectFault({ vendor: 'zego', operation: 'DescribeRecordStatus', kind: 'http-5xx', status: 503 });
    expect((await p.query(session)).state).toBe('recording');
    const queries = zegoRequests(sim(), 'DescribeRecordStatus').map((r) => r.query);
    expect(queries).toHaveLength(3);
    expect(new Set(queries.map((q) => q.SignatureNonce)).size).toBe(3);
    for (const q of queries) expect(isValidSignature(q)).toBe(true);
  });

  it('does not retry a code the table does not mark retryable, and reports ZEGO’s RequestId', async () => {
    const p = simProvider(sim());
    const session = await p.start(compositeRegionsRequest());
    sim().injectFault({
      vendor: 'zego',
      operation: 'DescribeRecordStatus',
      kind: 'vendor-error',
      vendorCode: 300000004,
    });
    const error = await failureOf(p.query(session));
    expect(error).toBeInstanceOf(ValidationError);
    const sent = zegoRequests(sim(), 'DescribeRecordStatus');
    expect(sent).toHaveLength(1);
    expect(error.requestId).toBe((sent[0]!.response as { RequestId: string }).RequestId);
  });

  it('a wrong serverSecret → AuthenticationError naming what to check, never retried', async () => {
    const p = simProvider(sim(), { serverSecret: 'ffffffffffffffffffffffffffffffff' });
    const error = await failureOf(p.start(compositeRegionsRequest()));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.vendorCode).toBe(100000005);
    expect(error.message).toContain('serverSecret');
    expect(zegoRequests(sim(), 'StartRecord')).toHaveLength(1);
    expect(sim().activeRecordings('zego')).toEqual([]);
  });
});

describe('secrets in vendor messages (an answer the simulator cannot give)', () => {
  it('scrubs the server secret and storage keys from errors', async () => {
    const serverSecret = 'abcdefabcdefabcdefabcdefabcdef12';
    nock('https://errors.zego.test')
      .post('/')
      .query(true)
      .reply(200, {
        Code: 300000004,
        Message: `AccessKeySecret ${STORAGE_SECRET_KEY} rejected; secret ${serverSecret}`,
        RequestId: 'x',
      });
    const p = createZegoProvider({
      appId: 7,
      serverSecret,
      baseUrl: 'https://errors.zego.test',
      maxRetries: 0,
    });
    const error = await failureOf(p.start(compositeRegionsRequest()));
    const all = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as ValidationError).issues)}`;
    expect(error).toBeInstanceOf(ValidationError);
    expect(all).not.toContain(STORAGE_SECRET_KEY);
    expect(all).not.toContain(serverSecret);
    expect(all).toContain('[REDACTED]');
  });
});
