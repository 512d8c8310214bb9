import {
  AuthenticationError,
  ConflictError,
  MAX_RETRY_AFTER_MS,
  NotFoundError,
  RateLimitError,
  type RawResponse,
  TimeoutError,
  ValidationError,
  VendorError,
  isRecordingError,
} from '@unirec/core/adapter';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { AGORA_ERROR_CODES, agoraResponses, needsReacquire } from './internals.js';

/**
 * Every row of the Agora code table (the vendor notes (docs/vendors/sources.md) § Agora "Error codes"), read through the response
 * interpreter the client uses. The expectations are written out again here, not read from the
 * table, so a typo in either shows up.
 */

const OPERATIONS = ['acquire', 'start', 'update', 'updateLayout', 'query', 'stop'] as const;
type Operation = (typeof OPERATIONS)[number];
const ALL = [...OPERATIONS];
const NONE: Operation[] = [];

interface Row {
  kind: 'validation' | 'conflict' | 'not_found' | 'authentication' | 'rate_limit' | 'vendor';
  /** operations the transport repeats the same request on */
  retry: Operation[];
  /** a start failing with it is redone with a new acquire + start */
  renew?: boolean;
  retryAfterMs?: number;
  /** ValidationError issue path */
  field?: string;
  /** the HTTP status Agora answers it with (the vendor notes (docs/vendors/sources.md); 400 where the table says "–") */
  http: number;
}

const EXPECTED: Record<number, Row> = {
  2: { kind: 'validation', retry: NONE, http: 400 },
  7: { kind: 'conflict', retry: NONE, http: 201 },
  8: { kind: 'vendor', retry: NONE, http: 400 },
  49: { kind: 'not_found', retry: NONE, http: 400 },
  53: { kind: 'conflict', retry: NONE, http: 400 },
  // On acquire 62 is "service not enabled": never retried; on start a fresh acquire + start.
  62: { kind: 'vendor', retry: ['update', 'updateLayout', 'query', 'stop'], renew: true, http: 504 },
  65: { kind: 'vendor', retry: ALL, retryAfterMs: 3000, http: 206 },
  109: { kind: 'authentication', retry: NONE, http: 400 },
  110: { kind: 'authentication', retry: NONE, http: 400 },
  400: { kind: 'authentication', retry: NONE, http: 400 },
  401: { kind: 'validation', retry: NONE, field: 'room', http: 400 },
  404: { kind: 'not_found', retry: NONE, http: 404 },
  405: { kind: 'authentication', retry: NONE, http: 400 },
  406: { kind: 'rate_limit', retry: NONE, http: 400 },
  432: { kind: 'validation', retry: NONE, http: 400 },
  433: { kind: 'vendor', retry: NONE, renew: true, http: 400 },
  435: { kind: 'vendor', retry: NONE, http: 206 },
  500: { kind: 'vendor', retry: ALL, http: 500 },
  501: { kind: 'vendor', retry: ALL, http: 500 },
  502: {
    kind: 'vendor',
    retry: ['acquire', 'update', 'updateLayout', 'query', 'stop'],
    renew: true,
    http: 500,
  },
  504: { kind: 'vendor', retry: ALL, http: 500 },
  1001: { kind: 'not_found', retry: NONE, http: 400 },
  1003: { kind: 'not_found', retry: NONE, http: 400 },
  1013: { kind: 'validation', retry: NONE, field: 'room', http: 400 },
  1028: { kind: 'validation', retry: NONE, field: 'layout', http: 400 },
};

const CLASSES = {
  validation: ValidationError,
  conflict: ConflictError,
  not_found: NotFoundError,
  authentication: AuthenticationError,
  rate_limit: RateLimitError,
  vendor: VendorError,
};

const ctx = {
  scrub: (s: string) => s.replaceAll('hunter2', '[REDACTED]'),
  attempt: 1,
  earlierAttemptMayHaveActed: false,
};
function raw(status: number, data: unknown, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    headers: { 'x-request-id': 'rq-1', ...headers },
    data,
    text: data === undefined ? '' : JSON.stringify(data),
    malformed: false,
  };
}
const errorFor = (response: RawResponse, operation: string) =>
  agoraResponses.errorFor(response, ctx, operation);
const read = (response: RawResponse, operation = 'acquire') =>
  agoraResponses.read(response, ctx, { operation, schema: z.looseObject({ resourceId: z.string() }) });

describe('the Agora code table (the vendor notes (docs/vendors/sources.md)), row by row', () => {
  it('holds exactly the documented codes', () => {
    expect(
      Object.keys(AGORA_ERROR_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(
      Object.keys(EXPECTED)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });

  for (const [code, row] of Object.entries(EXPECTED)) {
    it(`code ${code} (HTTP ${row.http}) → ${row.kind}, retried on [${row.retry.join(', ')}]${row.renew ? ', renew' : ''}`, () => {
      for (const operation of OPERATIONS) {
        const error = errorFor(raw(row.http, { code: Number(code), reason: 'why hunter2' }), operation);
        expect(error, operation).toBeInstanceOf(CLASSES[row.kind]);
        expect(error.kind).toBe(row.kind);
        expect(error.vendor).toBe('agora');
        expect(error.vendorCode).toBe(Number(code));
        expect(error.httpStatus).toBe(row.http);
        expect(error.requestId).toBe('rq-1');
        expect(error.operation).toBe(operation);
        expect(error.message).toContain(`code ${code}`);
        expect(error.message).toContain(AGORA_ERROR_CODES[Number(code)]!.meaning);
        expect(error.message).toContain(': why [REDACTED]');
        expect(error.message).not.toContain('hunter2');
        expect(error.retryable, `${code} on ${operation}`).toBe(row.retry.includes(operation));
        expect(error.retryAfterMs).toBe(row.retry.includes(operation) ? row.retryAfterMs : undefined);
        expect(needsReacquire(error), `${code} on ${operation}`).toBe(
          operation === 'start' && row.renew === true,
        );
        if (row.kind === 'validation') {
          expect((error as ValidationError).issues.map((i) => i.path)).toEqual([row.field ?? '(request)']);
        }
      }
    });
  }

  it('through read(): the same error, never a value (a non-2xx status or a documented code)', () => {
    for (const [code, row] of Object.entries(EXPECTED)) {
      const result = read(raw(row.http, { code: Number(code) }), 'query');
      expect(result.ok, code).toBe(false);
      if (!result.ok) expect(result.error.vendorCode).toBe(Number(code));
    }
  });

  it('a code sent as a decimal string is the same code', () => {
    expect(errorFor(raw(400, { code: '53' }), 'start')).toBeInstanceOf(ConflictError);
  });

  it('authentication codes point at the credentials to check', () => {
    expect(errorFor(raw(400, { code: 400 }), 'acquire').message).toContain('customerId / customerSecret');
  });
});

describe('answers without a known code (the gateway, a proxy)', () => {
  const CASES: Array<[number, unknown, new (...args: never[]) => Error, boolean]> = [
    [401, { message: 'Invalid authentication credentials' }, AuthenticationError, false],
    [403, {}, AuthenticationError, false],
    [404, undefined, NotFoundError, false],
    [408, undefined, TimeoutError, true],
    [429, { message: 'API rate limit exceeded' }, RateLimitError, true],
    [500, undefined, VendorError, true],
    [503, { message: 'upstream' }, VendorError, true],
    [400, {}, VendorError, false],
    [400, { code: 999_999, reason: 'new' }, VendorError, false],
  ];
  for (const [status, body, kind, retryable] of CASES) {
    it(`HTTP ${status} ${JSON.stringify(body)} → ${kind.name}, retryable ${retryable}`, () => {
      const error = errorFor(raw(status, body), 'query');
      expect(error).toBeInstanceOf(kind);
      expect(error.httpStatus).toBe(status);
      expect(error.requestId).toBe('rq-1');
      expect(error.retryable).toBe(retryable);
    });
  }

  it('the gateway message is kept, the request id comes from X-Request-ID (bounded)', () => {
    const error = errorFor(raw(401, { message: 'Invalid authentication credentials' }), 'acquire');
    expect(error.message).toContain('Invalid authentication credentials');
    expect(error.message).toContain('request id rq-1');
    expect(
      errorFor(raw(500, undefined, { 'x-request-id': 'r'.repeat(257) }), 'query').requestId,
    ).toBeUndefined();
    expect(
      errorFor({ status: 500, headers: {}, data: undefined, text: '', malformed: false }, 'query').requestId,
    ).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('is honoured on retryable answers (seconds, milliseconds, an HTTP date), capped', () => {
    expect(errorFor(raw(500, { code: 500 }, { 'retry-after': '7' }), 'acquire').retryAfterMs).toBe(7000);
    expect(errorFor(raw(503, undefined, { 'retry-after-ms': '1500' }), 'query').retryAfterMs).toBe(1500);
    const date = new Date(Date.now() + 20_000).toUTCString();
    const fromDate = errorFor(raw(503, undefined, { 'retry-after': date }), 'query').retryAfterMs!;
    expect(fromDate).toBeGreaterThan(15_000);
    expect(fromDate).toBeLessThanOrEqual(20_000);
    expect(errorFor(raw(503, undefined, { 'retry-after': '86400' }), 'query').retryAfterMs).toBe(
      MAX_RETRY_AFTER_MS,
    );
    const limited = errorFor(
      raw(429, { message: 'API rate limit exceeded' }, { 'retry-after': '2' }),
      'query',
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfterMs).toBe(2000);
  });

  it("the longer of Retry-After and the code's own advice (65: 3 s) wins", () => {
    expect(errorFor(raw(206, { code: 65 }), 'start').retryAfterMs).toBe(3000);
    expect(errorFor(raw(206, { code: 65 }, { 'retry-after': '1' }), 'start').retryAfterMs).toBe(3000);
    expect(errorFor(raw(206, { code: 65 }, { 'retry-after': '10' }), 'start').retryAfterMs).toBe(10_000);
  });

  it('is ignored where nothing will be retried, and when unreadable', () => {
    expect(errorFor(raw(400, { code: 2 }, { 'retry-after': '5' }), 'start').retryAfterMs).toBeUndefined();
    expect(errorFor(raw(500, { code: 502 }, { 'retry-after': '5' }), 'start').retryAfterMs).toBeUndefined();
    expect(errorFor(raw(503, undefined, { 'retry-after': 'soon' }), 'query').retryAfterMs).toBeUndefined();
  });
});

describe('read(): successes, odd and malformed bodies', () => {
  it('2xx without a code, with code 0 / 200, or with a code Agora does not document is success', () => {
    for (const data of [
      { resourceId: 'R' },
      { code: 0, resourceId: 'R' },
      { code: 200, resourceId: 'R' },
      { code: 12_345, resourceId: 'R' },
    ]) {
      expect(read(raw(200, data))).toEqual({ ok: true, value: data });
    }
  });

  it('a 2xx carrying a documented code is that error (65 answers HTTP 206)', () => {
    const result = read(raw(206, { code: 65 }), 'start');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.retryable).toBe(true);
  });

  it('a 200 of an unexpected shape is a VendorError naming the field', () => {
    const result = read(raw(200, { resource: 'x' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(VendorError);
      expect(result.error.message).toContain('resourceId');
      expect(result.error.message).toContain('request id rq-1');
    }
  });

  it('malformed JSON: a 2xx is a retryable VendorError; a 5xx reads the status', () => {
    const bad = (status: number): RawResponse => ({
      status,
      headers: { 'x-request-id': 'rq-9' },
      data: undefined,
      text: '<html>bad gateway',
      malformed: true,
    });
    for (const status of [200, 502]) {
      const result = read(bad(status));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBeInstanceOf(VendorError);
        expect(result.error.retryable).toBe(true);
        expect(result.error.httpStatus).toBe(status);
        expect(result.error.requestId).toBe('rq-9');
      }
    }
    const notJson = read(bad(400));
    expect(notJson.ok || notJson.error.retryable).toBe(false);
  });

  it('odd envelopes never throw: arrays, strings, null, numbers as reasons', () => {
    for (const data of [
      [1, 2],
      'text',
      null,
      42,
      { code: 2, reason: 42 },
      { code: Number.NaN },
      { code: '2; drop' },
    ]) {
      const error = errorFor(raw(400, data), 'query');
      expect(isRecordingError(error)).toBe(true);
    }
    expect(errorFor(raw(400, { code: 2, reason: 42 }), 'query')).toBeInstanceOf(ValidationError);
  });
});
