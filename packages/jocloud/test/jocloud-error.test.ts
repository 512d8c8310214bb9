import { describe, expect, expectTypeOf, it } from 'vitest';
// Core's rule shape is not exported by @unirec/core yet: compare against its source directly.
import type { VendorCodeRule, VendorCodeTable } from '../../core/src/adapter/code-table.js';
import {
  JOCLOUD_CODE_TABLE,
  type JoCloudCodeRule,
  joCloudCodeRule,
  readJoCloudEnvelope,
  recordIdOfConflict,
} from '../src/index.js';

/** seed 003 "Return Code" table: every code but 0 (success). */
const SEED_CODES = [
  1000, 1001, 1002, 2101, 2103, 2104, 2105, 4001, 4004, 4005, 4006, 4007, 4009, 4011, 4012, 4013, 4014, 4015,
  4016, 4017, 4018, 4019,
];

describe('the code table in core’s rule shape', () => {
  it('is assignable to core’s VendorCodeTable (compile-time check) and frozen', () => {
    expectTypeOf(JOCLOUD_CODE_TABLE).toExtend<VendorCodeTable>();
    expectTypeOf<JoCloudCodeRule>().toExtend<VendorCodeRule>();
    expectTypeOf<VendorCodeRule>().toExtend<JoCloudCodeRule>();
    expect(Object.isFrozen(JOCLOUD_CODE_TABLE)).toBe(true);
  });

  it('lists every code of the seed’s table, and nothing else', () => {
    expect(Object.keys(JOCLOUD_CODE_TABLE).map(Number).sort()).toEqual(SEED_CODES);
    expect(joCloudCodeRule(0)).toBeUndefined();
    expect(joCloudCodeRule(9999)).toBeUndefined();
  });

  it.each([
    [1000, 'authentication', undefined],
    [1001, 'authentication', undefined],
    [1002, 'authentication', undefined],
    [2101, 'validation', undefined],
    [2103, 'timeout', true],
    [2104, 'vendor', true],
    [2105, 'rate_limit', true],
    [4001, 'timeout', true],
    [4004, 'validation', undefined],
    [4005, 'vendor', undefined],
    [4006, 'validation', undefined],
    [4007, 'timeout', true],
    [4009, 'vendor', undefined],
    [4011, 'conflict', undefined],
    [4012, 'vendor', undefined],
    [4013, 'not_found', undefined],
    [4014, 'vendor', undefined],
    [4015, 'timeout', true],
    [4016, 'validation', undefined],
    [4017, 'vendor', undefined],
    [4018, 'vendor', true],
    [4019, 'unsupported_feature', undefined],
  ] as const)('code %i → %s, retry %s', (code, kind, retry) => {
    const rule = joCloudCodeRule(code)!;
    expect(rule.kind).toBe(kind);
    expect(rule.retry).toBe(retry);
    expect(rule.meaning.length).toBeGreaterThan(10);
  });

  it('the rules that carry more than a kind', () => {
    expect(joCloudCodeRule(2105)!.retryAfterMs).toBe(1000);
    expect(joCloudCodeRule(4012)!.renew).toBe(true);
    expect(Object.values(JOCLOUD_CODE_TABLE).filter((r) => r.renew)).toHaveLength(1);
    expect(joCloudCodeRule(4005)!.meaning).toMatch(/not publishing/);
    expect(joCloudCodeRule(4019)!.meaning).toMatch(/composite/);
    expect(joCloudCodeRule(1001)!.meaning).toMatch(/restfulId and restfulSecret/);
    expect(joCloudCodeRule(2101)!.field).toBe('(request)');
    expect(joCloudCodeRule(4016)!.field).toBe('layout');
    // validation codes are never retried
    for (const rule of Object.values(JOCLOUD_CODE_TABLE)) {
      if (rule.kind === 'validation' || rule.kind === 'authentication') expect(rule.retry).toBeUndefined();
    }
  });
});

describe('readJoCloudEnvelope', () => {
  it('reads code, message and traceId (the requestId), whatever the HTTP status', () => {
    expect(
      readJoCloudEnvelope({
        status: 404,
        data: { code: 2101, message: 'invalid parameter: roomid', traceId: 't-1' },
      }),
    ).toEqual({ code: 2101, message: 'invalid parameter: roomid', requestId: 't-1' });
    // an HTTP 404 is read by its code: 4013 is not-found, 4011 a conflict, 2101 a validation error
    for (const code of [4011, 4012, 4005, 4013]) {
      expect(readJoCloudEnvelope({ status: 404, data: { code, message: 'x' } }).code).toBe(code);
    }
    expect(readJoCloudEnvelope({ status: 200, data: { code: 0, message: 'success' } })).toEqual({
      code: 0,
      message: 'success',
    });
  });

  it('tolerates a code written as digits; ignores what it cannot read', () => {
    expect(readJoCloudEnvelope({ status: 200, data: { code: '4013' } })).toEqual({ code: 4013 });
    expect(readJoCloudEnvelope({ status: 200, data: { code: 'x', message: 5, traceId: '' } })).toEqual({});
    expect(readJoCloudEnvelope({ status: 200, data: { code: 1.5 } })).toEqual({});
    expect(readJoCloudEnvelope({ status: 200, data: { code: Number.POSITIVE_INFINITY } })).toEqual({});
    for (const data of [undefined, null, 'not json', 42, [1, 2], JSON.parse('{"__proto__":{"code":1}}')]) {
      expect(readJoCloudEnvelope({ status: 502, data })).toEqual({});
    }
    expect(readJoCloudEnvelope(undefined as never)).toEqual({});
  });

  it('caps a huge message and traceId', () => {
    const out = readJoCloudEnvelope({
      status: 200,
      data: { code: 1, message: 'm'.repeat(10_000), traceId: 't'.repeat(10_000) },
    });
    expect(out.message).toHaveLength(1000);
    expect(out.requestId).toHaveLength(256);
  });
});

describe('recordIdOfConflict (4011 on a retried start)', () => {
  it('the recordid when the 4011 answer carries one (top level or in data)', () => {
    expect(recordIdOfConflict({ code: 4011, message: 'exists', recordid: 'r1' })).toBe('r1');
    expect(recordIdOfConflict({ code: '4011', data: { recordid: 'r2' } })).toBe('r2');
  });

  it('nothing for other codes or a 4011 without a recordid (the seed documents none)', () => {
    expect(recordIdOfConflict({ code: 4011, message: 'Recording task already exists' })).toBeUndefined();
    expect(recordIdOfConflict({ code: 0, recordid: 'r1' })).toBeUndefined();
    expect(recordIdOfConflict({ code: 4011, recordid: '' })).toBeUndefined();
    expect(recordIdOfConflict(null)).toBeUndefined();
  });
});
