import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RecordingError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
  VendorError,
} from '../errors.js';
import type { InterpretContext, Interpretation, RawResponse } from '../transport/types.js';
import type { VendorCodeTable } from './code-table.js';
import {
  MAX_RETRY_AFTER_MS,
  type ReadOptions,
  type ResponseReader,
  createResponseInterpreter,
  numericCode,
  readRetryAfter,
  stringField,
} from './interpret.js';

const SECRET = 'sk-live-0123456789abcdef';
const HINT = 'check the App ID and the API secret';

/** A small code table covering every rule feature (kinds, retry forms, renew, retryAfterMs, field). */
const CODES: VendorCodeTable = {
  10: { kind: 'validation', meaning: 'the room name is invalid', field: 'room' },
  11: { kind: 'validation', meaning: 'a parameter is invalid' },
  20: { kind: 'vendor', meaning: 'the backend is busy', retry: true },
  21: { kind: 'vendor', meaning: 'the worker is moving', retry: ['query', 'stop'] },
  22: { kind: 'vendor', meaning: 'internal error' },
  30: { kind: 'vendor', meaning: 'the resource is spent', renew: true },
  31: { kind: 'vendor', meaning: 'timed out at the vendor', retry: ['query'], renew: true },
  40: { kind: 'rate_limit', meaning: 'too many requests', retry: true, retryAfterMs: 3_000 },
  41: { kind: 'rate_limit', meaning: 'the concurrency quota is used up' },
  50: { kind: 'authentication', meaning: 'the token has expired', field: 'token' },
  60: { kind: 'not_found', meaning: 'no such task' },
  70: { kind: 'conflict', meaning: 'the task is already running' },
  80: { kind: 'timeout', meaning: 'the vendor timed out', retry: true },
  90: { kind: 'unsupported_feature', meaning: 'this region has no web recording', field: 'mode' },
};

function reader(overrides: Partial<ResponseReader> = {}): ResponseReader {
  return {
    vendor: 'zego',
    vendorName: 'Vendorly',
    codes: CODES,
    readEnvelope: (raw) => ({
      code: numericCode((raw.data as Record<string, unknown> | undefined)?.code),
      message: stringField(raw.data, 'message'),
      requestId: raw.headers['x-request-id'],
    }),
    authenticationHint: HINT,
    ...overrides,
  };
}

function raw(status: number, data?: unknown, headers: Record<string, string> = {}): RawResponse {
  return { status, headers, data, text: data === undefined ? '' : JSON.stringify(data), malformed: false };
}

function malformed(status: number, headers: Record<string, string> = {}): RawResponse {
  return { status, headers, data: undefined, text: '<html>502 Bad Gateway</html>', malformed: true };
}

const ctx: InterpretContext = {
  scrub: (text) => text.split(SECRET).join('[REDACTED]'),
  attempt: 1,
  earlierAttemptMayHaveActed: false,
};

function errorOf<T>(result: Interpretation<T>): RecordingError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function read<S, T = S>(
  response: RawResponse,
  options: Partial<ReadOptions<S, T>> = {},
  from: ResponseReader = reader(),
): Interpretation<T> {
  return createResponseInterpreter(from).read<S, T>(response, ctx, { operation: 'start', ...options });
}

describe('createResponseInterpreter: code table rows', () => {
  it('turns each kind into its error class, with the code, status and operation', () => {
    const cases: Array<[number, new (...args: never[]) => RecordingError]> = [
      [10, ValidationError],
      [20, VendorError],
      [40, RateLimitError],
      [50, AuthenticationError],
      [60, NotFoundError],
      [70, ConflictError],
      [80, TimeoutError],
      [90, UnsupportedFeatureError],
    ];
    for (const [code, ErrorClass] of cases) {
      const error = errorOf(read(raw(200, { code, message: 'nope' })));
      expect(error, `code ${code}`).toBeInstanceOf(ErrorClass);
      expect(error.vendorCode).toBe(code);
      expect(error.httpStatus).toBe(200);
      expect(error.vendor).toBe('zego');
      expect(error.operation).toBe('start');
      expect(error.message).toContain(CODES[code]!.meaning);
      expect(error.message).toContain(`code ${code}`);
      expect(error.message).toContain('Vendorly start failed');
    }
  });

  it('a known code wins over the HTTP status', () => {
    expect(errorOf(read(raw(401, { code: 10 })))).toBeInstanceOf(ValidationError);
    expect(errorOf(read(raw(404, { code: 70 })))).toBeInstanceOf(ConflictError);
    expect(errorOf(read(raw(503, { code: 22 }))).retryable).toBe(false);
  });

  it('a validation code carries one issue on the rule field, with the vendor message', () => {
    const error = errorOf(read(raw(400, { code: 10, message: 'cname too long' }))) as ValidationError;
    expect(error.issues).toEqual([{ path: 'room', message: 'cname too long' }]);
    expect(error.message).toContain('cname too long');
  });

  it("a validation code without field is about '(request)' and falls back to the rule meaning", () => {
    const error = errorOf(read(raw(400, { code: 11 }))) as ValidationError;
    expect(error.issues).toEqual([{ path: '(request)', message: 'a parameter is invalid' }]);
  });

  it('an unsupported-feature code names the rule field as the feature', () => {
    const error = errorOf(read(raw(200, { code: 90 }))) as UnsupportedFeatureError;
    expect(error.feature).toBe('mode');
  });

  it('adds the authentication hint to an authentication code', () => {
    const error = errorOf(read(raw(200, { code: 50 })));
    expect(error.message).toContain(HINT);
    const withoutHint = errorOf(read(raw(200, { code: 50 }), {}, reader({ authenticationHint: undefined })));
    expect(withoutHint.message).not.toContain(HINT);
  });

  it('retry: true retries on every operation', () => {
    for (const operation of ['start', 'query', 'stop']) {
      expect(errorOf(read(raw(200, { code: 20 }), { operation })).retryable, operation).toBe(true);
    }
  });

  it('retry: [operations] retries only those operations', () => {
    expect(errorOf(read(raw(200, { code: 21 }), { operation: 'query' })).retryable).toBe(true);
    expect(errorOf(read(raw(200, { code: 21 }), { operation: 'stop' })).retryable).toBe(true);
    expect(errorOf(read(raw(200, { code: 21 }), { operation: 'start' })).retryable).toBe(false);
    expect(errorOf(read(raw(200, { code: 21 }), { operation: 'updateLayout' })).retryable).toBe(false);
  });

  it('no retry means not retried, whatever the kind (a quota is not a wait)', () => {
    expect(errorOf(read(raw(200, { code: 22 }))).retryable).toBe(false);
    expect(errorOf(read(raw(429, { code: 41 })))).toBeInstanceOf(RateLimitError);
    expect(errorOf(read(raw(429, { code: 41 }))).retryable).toBe(false);
  });

  it('a renew rule is not retried with the same request', () => {
    expect(errorOf(read(raw(200, { code: 30 }))).retryable).toBe(false);
    expect(errorOf(read(raw(200, { code: 30 }), { operation: 'query' })).retryable).toBe(false);
    // renew on start, plain retry on the operation the rule lists
    expect(errorOf(read(raw(200, { code: 31 }), { operation: 'start' })).retryable).toBe(false);
    expect(errorOf(read(raw(200, { code: 31 }), { operation: 'query' })).retryable).toBe(true);
  });

  it('takes retryAfterMs from the rule, only when the error is retried', () => {
    expect(errorOf(read(raw(200, { code: 40 }))).retryAfterMs).toBe(3_000);
    expect(errorOf(read(raw(200, { code: 20 }))).retryAfterMs).toBeUndefined();
    const notRetried = errorOf(
      read(
        raw(200, { code: 22 }),
        {},
        reader({ codes: { 22: { kind: 'vendor', meaning: 'x', retryAfterMs: 5_000 } } }),
      ),
    );
    expect(notRetried.retryable).toBe(false);
    expect(notRetried.retryAfterMs).toBeUndefined();
  });
});

describe('createResponseInterpreter: HTTP fallbacks without a known code', () => {
  it('401 and 403 are AuthenticationError with the hint, not retried', () => {
    for (const status of [401, 403]) {
      const error = errorOf(read(raw(status, { message: 'denied' })));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(HINT);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toContain('denied');
      expect(error.retryable).toBe(false);
      expect(error.httpStatus).toBe(status);
    }
  });

  it('an unknown code on 401 is still AuthenticationError and keeps the code', () => {
    const error = errorOf(read(raw(401, { code: 9999 })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.vendorCode).toBe(9999);
  });

  it('404 is NotFoundError only without a code', () => {
    const plain = errorOf(read(raw(404)));
    expect(plain).toBeInstanceOf(NotFoundError);
    expect(plain.retryable).toBe(false);
    const withCode = errorOf(read(raw(404, { code: 9999 })));
    expect(withCode).not.toBeInstanceOf(NotFoundError);
    expect(withCode).toBeInstanceOf(VendorError);
    expect(withCode.vendorCode).toBe(9999);
    expect(withCode.message).toContain('unknown code');
  });

  it('408 is a retryable TimeoutError', () => {
    const error = errorOf(read(raw(408)));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.retryable).toBe(true);
  });

  it('429 is a retryable RateLimitError carrying Retry-After', () => {
    const error = errorOf(read(raw(429, undefined, { 'retry-after': '7' })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it('5xx is a retryable VendorError carrying Retry-After', () => {
    for (const status of [500, 502, 503, 504]) {
      const error = errorOf(read(raw(status, { message: 'oops' }, { 'retry-after': '2' })));
      expect(error, `HTTP ${status}`).toBeInstanceOf(VendorError);
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBe(2_000);
      expect(error.httpStatus).toBe(status);
    }
  });

  it('other 4xx are not retryable VendorErrors (and carry no retry wait)', () => {
    for (const status of [400, 405, 409, 422]) {
      const error = errorOf(read(raw(status, undefined, { 'retry-after': '2' })));
      expect(error, `HTTP ${status}`).toBeInstanceOf(VendorError);
      expect(error.retryable).toBe(false);
      expect(error.retryAfterMs).toBeUndefined();
    }
  });

  it('a 2xx with a code the table does not know is a VendorError naming the code, not retryable', () => {
    const error = errorOf(read(raw(200, { code: 12345 })));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.vendorCode).toBe(12345);
    expect(error.message).toContain('code 12345');
    expect(error.retryable).toBe(false);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads retry-after-ms, retry-after seconds and an HTTP date', () => {
    expect(readRetryAfter({ 'retry-after-ms': '1500' }, now)).toBe(1_500);
    expect(readRetryAfter({ 'retry-after': '3' }, now)).toBe(3_000);
    expect(readRetryAfter({ 'retry-after': '1.5' }, now)).toBe(1_500);
    expect(readRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:09 GMT' }, now)).toBe(9_000);
    // a date in the past: go now
    expect(readRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms and falls back to retry-after when it is unreadable', () => {
    expect(readRetryAfter({ 'retry-after-ms': '250', 'retry-after': '10' }, now)).toBe(250);
    expect(readRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': '10' }, now)).toBe(10_000);
  });

  it('caps every form at MAX_RETRY_AFTER_MS (60 s)', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
    expect(readRetryAfter({ 'retry-after-ms': '999999' }, now)).toBe(60_000);
    expect(readRetryAfter({ 'retry-after': '3600' }, now)).toBe(60_000);
    expect(readRetryAfter({ 'retry-after': 'Thu, 22 Oct 2015 07:28:00 GMT' }, now)).toBe(60_000);
  });

  it('ignores absent and unreadable values', () => {
    expect(readRetryAfter({}, now)).toBeUndefined();
    expect(readRetryAfter({ 'retry-after': 'later' }, now)).toBeUndefined();
    // not a valid value: whatever it parses to, it imposes no wait
    expect(readRetryAfter({ 'retry-after': '-5' }, now) ?? 0).toBe(0);
    expect(readRetryAfter({ 'retry-after-ms': '1e9' }, now)).toBeUndefined();
  });

  it('through the interpreter: the header is capped, and the longer of header and rule wins', () => {
    expect(errorOf(read(raw(429, undefined, { 'retry-after': '120' }))).retryAfterMs).toBe(60_000);
    // rule 40 says 3 s
    expect(errorOf(read(raw(200, { code: 40 }, { 'retry-after': '1' }))).retryAfterMs).toBe(3_000);
    expect(errorOf(read(raw(200, { code: 40 }, { 'retry-after': '10' }))).retryAfterMs).toBe(10_000);
    expect(errorOf(read(raw(200, { code: 40 }, { 'retry-after-ms': '4500' }))).retryAfterMs).toBe(4_500);
    expect(errorOf(read(raw(200, { code: 40 }, { 'retry-after': '600' }))).retryAfterMs).toBe(60_000);
    // a retried rule without its own wait takes the header's
    expect(errorOf(read(raw(503, { code: 20 }, { 'retry-after': '4' }))).retryAfterMs).toBe(4_000);
  });
});

describe('malformed and unexpected bodies', () => {
  it('a 2xx body that is not JSON is a retryable VendorError', () => {
    const error = errorOf(read(malformed(200, { 'x-request-id': 'req-9' })));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(200);
    expect(error.requestId).toBe('req-9');
  });

  it('a non-2xx body that is not JSON gets the HTTP fallback', () => {
    const gateway = errorOf(read(malformed(503, { 'retry-after': '5' })));
    expect(gateway).toBeInstanceOf(VendorError);
    expect(gateway.retryable).toBe(true);
    expect(gateway.retryAfterMs).toBe(5_000);
    expect(gateway.httpStatus).toBe(503);
    expect(errorOf(read(malformed(401)))).toBeInstanceOf(AuthenticationError);
    expect(errorOf(read(malformed(429)))).toBeInstanceOf(RateLimitError);
    expect(errorOf(read(malformed(400))).retryable).toBe(false);
  });

  it('an unexpected success shape is a VendorError naming the fields, not retryable, without the values', () => {
    const schema = z.object({ sid: z.string(), resourceId: z.string() });
    const error = errorOf(
      read(raw(200, { sid: ['leaky-value-42'] }, { 'x-request-id': 'req-1' }), { schema }),
    );
    expect(error).toBeInstanceOf(VendorError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('body.sid');
    expect(error.message).toContain('body.resourceId');
    expect(error.message).toContain('req-1');
    expect(error.message).not.toContain('leaky-value-42');
  });

  it('accepts a body matching the schema', () => {
    const schema = z.object({ sid: z.string() });
    expect(read(raw(200, { sid: 's-1', extra: true }), { schema })).toEqual({
      ok: true,
      value: { sid: 's-1' },
    });
  });
});

describe('expected, select and map', () => {
  it('expected turns a vendor error into a value', () => {
    const result = read(raw(200, { code: 60 }), {
      operation: 'stop',
      expected: (envelope) => (envelope.code === 60 ? { alreadyStopped: true } : undefined),
    });
    expect(result).toEqual({ ok: true, value: { alreadyStopped: true } });
  });

  it('expected returning undefined leaves the error', () => {
    const result = read(raw(200, { code: 70 }), {
      operation: 'stop',
      expected: (envelope) => (envelope.code === 60 ? { alreadyStopped: true } : undefined),
    });
    expect(errorOf(result)).toBeInstanceOf(ConflictError);
  });

  it('expected sees the HTTP status of a response without a code', () => {
    const result = read(raw(404), {
      expected: (_envelope, response) => (response.status === 404 ? 'gone' : undefined),
    });
    expect(result).toEqual({ ok: true, value: 'gone' });
  });

  it('select picks the part the schema checks and map turns it into the value', () => {
    const schema = z.object({ TaskId: z.string() });
    const result = read(raw(200, { code: 0, Data: { TaskId: 't-1' } }), {
      schema,
      select: (data) => (data as { Data?: unknown }).Data,
      map: (value: { TaskId: string }) => `task ${value.TaskId}`,
    });
    expect(result).toEqual({ ok: true, value: 'task t-1' });
    const bad = read(raw(200, { code: 0, Data: { TaskId: 5 } }), {
      schema,
      select: (data) => (data as { Data?: unknown }).Data,
    });
    expect(errorOf(bad).message).toContain('TaskId');
  });

  it('select and map work without a schema', () => {
    const result = read(raw(200, { code: 0, Data: [1, 2, 3] }), {
      select: (data) => (data as { Data: number[] }).Data,
      map: (value: number[]) => value.length,
    });
    expect(result).toEqual({ ok: true, value: 3 });
  });
});

describe("the vendor's message", () => {
  it('is scrubbed with ctx.scrub in the message and in validation issues', () => {
    const error = errorOf(read(raw(400, { code: 10, message: `room ${SECRET} invalid` }))) as ValidationError;
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[REDACTED]');
    expect(JSON.stringify(error)).not.toContain(SECRET);
    const fallback = errorOf(read(raw(500, { message: `echo ${SECRET}` })));
    expect(fallback.message).not.toContain(SECRET);
    expect(fallback.message).toContain('[REDACTED]');
  });

  it('is cut to 300 characters in the message', () => {
    const error = errorOf(read(raw(500, { message: 'a'.repeat(5_000) })));
    expect(error.message).toContain('a'.repeat(300));
    expect(error.message).not.toContain('a'.repeat(301));
  });

  it('is scrubbed before it is cut, so no piece of a secret survives at the cut', () => {
    const error = errorOf(read(raw(500, { message: `${'a'.repeat(295)}${SECRET}` })));
    expect(error.message).not.toContain(SECRET.slice(0, 5));
  });

  it('is cut to 300 characters in a validation issue too (toJSON carries the issues)', () => {
    const error = errorOf(read(raw(400, { code: 10, message: 'b'.repeat(5_000) }))) as ValidationError;
    expect(error.issues[0]!.message.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(error).length).toBeLessThan(2_000);
  });
});

describe('readEnvelope that misbehaves', () => {
  const throwing = reader({
    readEnvelope: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'code')");
    },
  });

  it('a throwing readEnvelope never makes read throw', () => {
    expect(read(raw(200, { ok: 1 }), {}, throwing)).toEqual({ ok: true, value: { ok: 1 } });
    const error = errorOf(read(raw(503), {}, throwing));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.retryable).toBe(true);
    expect(errorOf(read(malformed(200), {}, throwing))).toBeInstanceOf(VendorError);
  });

  it('junk return values are ignored field by field', () => {
    const junk: unknown[] = [
      null,
      undefined,
      'code 10',
      42,
      { code: '10', message: 42, requestId: { id: 1 } },
      { code: Number.NaN, message: ['x'], requestId: 7 },
      { code: Number.POSITIVE_INFINITY },
      {
        get code(): number {
          throw new Error('getter');
        },
      },
    ];
    for (const value of junk) {
      const r = reader({ readEnvelope: () => value as never });
      expect(() => read(raw(400), {}, r)).not.toThrow();
      const error = errorOf(read(raw(400), {}, r));
      // no code was read: a plain HTTP 400 fallback
      expect(error).toBeInstanceOf(VendorError);
      expect(error.vendorCode).toBeUndefined();
      expect(error.requestId).toBeUndefined();
      expect(read(raw(200, { ok: 1 }), {}, r).ok).toBe(true);
    }
  });
});

describe('request id', () => {
  it('is kept when it is a string of at most 256 characters', () => {
    const error = errorOf(read(raw(500, undefined, { 'x-request-id': 'req-abc' })));
    expect(error.requestId).toBe('req-abc');
    expect(error.message).toContain('request id req-abc');
    const longest = 'r'.repeat(256);
    expect(errorOf(read(raw(500, undefined, { 'x-request-id': longest }))).requestId).toBe(longest);
  });

  it('is dropped when longer than 256 characters or not a string', () => {
    const tooLong = 'r'.repeat(257);
    const error = errorOf(read(raw(500, undefined, { 'x-request-id': tooLong })));
    expect(error.requestId).toBeUndefined();
    expect(error.message).not.toContain(tooLong);
    const numeric = reader({ readEnvelope: () => ({ requestId: 123 as never }) });
    expect(errorOf(read(raw(500), {}, numeric)).requestId).toBeUndefined();
  });
});
