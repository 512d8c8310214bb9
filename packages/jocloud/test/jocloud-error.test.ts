import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RawResponse,
  type RecordingError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
  VendorError,
} from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  JOCLOUD_CODE_TABLE,
  joCloudApplyRecordSchema,
  joCloudResponses,
  needsNewResid,
} from './internals.js';

/** seed 003 "Return Code" table: every code but 0 (success). */
const SEED_CODES = [
  1000, 1001, 1002, 2101, 2103, 2104, 2105, 4001, 4004, 4005, 4006, 4007, 4009, 4011, 4012, 4013, 4014, 4015,
  4016, 4017, 4018, 4019,
];

const raw = (status: number, data: unknown, text = ''): RawResponse => ({
  status,
  headers: {},
  data,
  text,
  malformed: false,
});
const ctx = {
  scrub: (t: string) => t.replaceAll('SECRET-VALUE', '[redacted]'),
  attempt: 1,
  earlierAttemptMayHaveActed: false,
};

/** The error a response means, read as the client reads every JOCloud answer. */
function errorOf(response: RawResponse, operation = 'start'): RecordingError {
  const result = joCloudResponses.read(response, ctx, { operation, schema: joCloudApplyRecordSchema });
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('the code table in core’s rule shape', () => {
  it('lists every code of the seed’s table, and nothing else; frozen', () => {
    expect(Object.keys(JOCLOUD_CODE_TABLE).map(Number).sort()).toEqual(SEED_CODES);
    expect(Object.isFrozen(JOCLOUD_CODE_TABLE)).toBe(true);
  });

  it.each([
    [1000, AuthenticationError, false],
    [1001, AuthenticationError, false],
    [1002, AuthenticationError, false],
    [2101, ValidationError, false],
    [2103, TimeoutError, true],
    [2104, VendorError, true],
    [2105, RateLimitError, true],
    [4001, TimeoutError, true],
    [4004, ValidationError, false],
    [4005, VendorError, false],
    [4006, ValidationError, false],
    [4007, TimeoutError, true],
    [4009, VendorError, false],
    [4011, ConflictError, false],
    [4012, VendorError, false],
    [4013, NotFoundError, false],
    [4014, VendorError, false],
    [4015, TimeoutError, true],
    [4016, ValidationError, false],
    [4017, VendorError, false],
    [4018, VendorError, true],
    [4019, UnsupportedFeatureError, false],
  ] as const)('code %i → %o, retryable %s, with the traceId as request id', (code, kind, retryable) => {
    const error = errorOf(
      raw(200, { code, message: 'from JOCloud', traceId: '123456789012345678901234567' }),
    );
    expect(error).toBeInstanceOf(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.vendorCode).toBe(code);
    expect(error.vendor).toBe('jocloud');
    expect(error.requestId).toBe('123456789012345678901234567');
    expect(error.message).toContain('from JOCloud');
  });

  it('the rules that carry more than a kind: 2105 waits a second, 4012 asks for a new resid', () => {
    expect(errorOf(raw(200, { code: 2105 })).retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(needsNewResid(errorOf(raw(404, { code: 4012 })))).toBe(true);
    expect(needsNewResid(errorOf(raw(404, { code: 4011 })))).toBe(false);
    expect(needsNewResid(new Error('x'))).toBe(false);
    expect(Object.values(JOCLOUD_CODE_TABLE).filter((r) => r.renew)).toHaveLength(1);
    expect(errorOf(raw(200, { code: 1001 })).message).toMatch(/restfulId and restfulSecret/);
    expect(errorOf(raw(200, { code: 4005 })).message).toMatch(/not publishing/);
    expect((errorOf(raw(200, { code: 4016 })) as ValidationError).issues[0]?.path).toBe('layout');
    for (const rule of Object.values(JOCLOUD_CODE_TABLE)) {
      if (rule.kind === 'validation' || rule.kind === 'authentication') expect(rule.retry).toBeUndefined();
    }
  });
});

describe('joCloudResponses: reading any answer', () => {
  it('success: code 0 on HTTP 2xx, checked by the schema', () => {
    const result = joCloudResponses.read(
      raw(200, { code: 0, message: 'success', resid: 'r-1', traceId: 't' }),
      ctx,
      {
        operation: 'applyrecord',
        schema: joCloudApplyRecordSchema,
      },
    );
    expect(result).toMatchObject({ ok: true, value: { resid: 'r-1' } });
  });

  it('an HTTP 404 with a code is read by its code (the seed’s "HTTP response 404 error" list)', () => {
    expect(errorOf(raw(404, { code: 2101, traceId: 't-1' }))).toBeInstanceOf(ValidationError);
    expect(errorOf(raw(404, { code: 4011 }))).toBeInstanceOf(ConflictError);
    expect(errorOf(raw(404, { code: 4005 }))).toBeInstanceOf(VendorError);
    expect(errorOf(raw(404, { code: 4012 })).httpStatus).toBe(404);
  });

  it('a code written as digits is read; an unknown code is a VendorError, retried only on 5xx', () => {
    expect(errorOf(raw(200, { code: '4013' }))).toBeInstanceOf(NotFoundError);
    const unknown = errorOf(raw(200, { code: 9999 }));
    expect(unknown).toBeInstanceOf(VendorError);
    expect(unknown.retryable).toBe(false);
    expect(errorOf(raw(503, { code: 9999 })).retryable).toBe(true);
  });

  it('answers without a code fall back on the HTTP status (gateways, proxies)', () => {
    expect(errorOf(raw(404, undefined))).toBeInstanceOf(NotFoundError);
    expect(errorOf(raw(401, { message: 'no' }))).toBeInstanceOf(AuthenticationError);
    expect(errorOf(raw(429, undefined))).toBeInstanceOf(RateLimitError);
    expect(errorOf(raw(502, undefined)).retryable).toBe(true);
    const html = errorOf({ status: 502, headers: {}, data: undefined, text: '<html>', malformed: true });
    expect(html.retryable).toBe(true);
    const garbled = errorOf({
      status: 200,
      headers: {},
      data: undefined,
      text: '{"code":0,',
      malformed: true,
    });
    expect(garbled).toBeInstanceOf(VendorError);
    expect(garbled.retryable).toBe(true);
  });

  it('a 2xx body that is not JOCloud’s answer is an unexpected shape, naming the field', () => {
    const error = errorOf(raw(200, { message: 'success', resid: 'r' }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toContain('code');
    expect(errorOf(raw(200, { code: 0, resid: 'bad id with spaces' })).message).toContain('resid');
  });

  it('JOCloud’s own words are scrubbed of the request’s secrets; a huge traceId is not kept', () => {
    const error = errorOf(
      raw(200, { code: 2101, message: 'bad secretkey SECRET-VALUE', traceId: 't'.repeat(300) }),
    );
    expect(error.message).not.toContain('SECRET-VALUE');
    expect(JSON.stringify(error)).not.toContain('SECRET-VALUE');
    expect(error.requestId).toBeUndefined();
  });
});
