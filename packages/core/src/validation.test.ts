import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from './errors.js';
import {
  commonConfigSchema,
  isAllowedBaseUrl,
  layoutInputSchema,
  startRecordingRequestSchema,
} from './schemas.js';
import type { StartRecordingRequest } from './types.js';
import {
  describeIssue,
  findMalformedString,
  formatPath,
  parseOrThrow,
  findNonJsonValue,
} from './validation.js';

const base: StartRecordingRequest = {
  room: 'r',
  mode: 'composite',
  storage: {
    vendor: 's3',
    region: 'us-east-1',
    bucket: 'b',
    accessKey: 'AKIA-secret-key',
    secretKey: 'very-secret-value',
  },
};

function errorOf(value: unknown): ValidationError {
  try {
    parseOrThrow(startRecordingRequestSchema, value, { what: 'start request' });
  } catch (e) {
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('neutral request validation', () => {
  it('formats paths the way users write them', () => {
    expect(formatPath(['layout', 'regions', 3, 'x'])).toBe('layout.regions[3].x');
    expect(formatPath([])).toBe('(root)');
  });

  it('names the field and the rule', () => {
    const e = errorOf({
      ...base,
      layout: { regions: [0, 1, 2, 3].map((i) => ({ x: i === 3 ? 0.6 : 0, y: 0, width: 0.5, height: 0.5 })) },
    });
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toContain('layout.regions[3].x: x + width must be ≤ 1');
  });

  it('accepts float noise on the canvas edge', () => {
    expect(() =>
      parseOrThrow(
        layoutInputSchema,
        { regions: [{ x: 0.1 + 0.2, y: 0, width: 0.7, height: 1 }] },
        { what: 'layout' },
      ),
    ).not.toThrow();
  });

  it('rejects misspelt fields and cross-field mistakes', () => {
    expect(errorOf({ ...base, partcipants: {} }).message).toContain('partcipants');
    expect(errorOf({ ...base, mode: 'individual', layout: { preset: 'grid' } }).message).toContain(
      "layout: layout is only allowed with mode 'composite'",
    );
    expect(errorOf({ ...base, mode: 'web' }).message).toContain('web');
    expect(errorOf({ ...base, output: { formats: ['mp4'], snapshotIntervalSec: 5 } }).message).toContain(
      'output.snapshotIntervalSec',
    );
    expect(errorOf({ ...base, storage: { ...base.storage, vendor: 's3-compatible' } }).message).toContain(
      'storage.endpoint',
    );
    expect(errorOf({ ...base, storage: { ...base.storage, prefix: ['a/b'] } }).message).toContain(
      'storage.prefix[0]',
    );
    expect(errorOf({ ...base, participants: { include: ['1', '1'] } }).message).toContain(
      'participants.include[1]',
    );
  });

  it('never echoes secret values in messages', () => {
    const e = errorOf({ ...base, storage: { ...base.storage, bucket: 42 } });
    expect(e.message).not.toContain('very-secret-value');
    expect(e.message).not.toContain('AKIA-secret-key');
    expect(JSON.stringify(e)).not.toContain('very-secret-value');
  });

  it('accepts https everywhere and http only on loopback', () => {
    expect(isAllowedBaseUrl('https://api.sd-rtn.com')).toBe(true);
    expect(isAllowedBaseUrl('http://127.0.0.1:4010')).toBe(true);
    expect(isAllowedBaseUrl('http://localhost:4010')).toBe(true);
    expect(isAllowedBaseUrl('http://[::1]:4010')).toBe(true);
    expect(isAllowedBaseUrl('http://api.sd-rtn.com')).toBe(false);
    expect(isAllowedBaseUrl('http://10.0.0.1')).toBe(false);
    expect(isAllowedBaseUrl('ftp://x')).toBe(false);
    expect(commonConfigSchema.safeParse({ maxRetries: 11 }).success).toBe(false);
  });
});

/** The issues parseOrThrow reports for `value` (zod/mini issues carry no texts of their own). */
function issuesOf(schema: Parameters<typeof parseOrThrow>[0], value: unknown, pathPrefix?: string) {
  try {
    parseOrThrow(schema, value, { what: 'test input', pathPrefix });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('describeIssue', () => {
  const shape = z.strictObject({
    name: z.string(),
    count: z.optional(z.number()),
    short: z.optional(z.string().check(z.minLength(3), z.maxLength(5))),
    list: z.optional(z.array(z.string()).check(z.minLength(1), z.maxLength(2))),
    atLeast: z.optional(z.number().check(z.minimum(2))),
    above: z.optional(z.number().check(z.positive())),
    atMost: z.optional(z.number().check(z.maximum(10))),
    below: z.optional(z.number().check(z.lt(10))),
    choice: z.optional(z.enum(['red', 'green'])),
    inner: z.optional(z.strictObject({ id: z.string() })),
  });

  it('says "is required" for a missing field and "must be a <type>" for a wrong one', () => {
    expect(issuesOf(shape, {})).toEqual([{ path: 'name', message: 'is required' }]);
    expect(issuesOf(shape, { name: 5 })).toEqual([{ path: 'name', message: 'must be a string' }]);
    expect(issuesOf(shape, { name: null })).toEqual([{ path: 'name', message: 'must be a string' }]);
    expect(issuesOf(shape, { name: 'n', count: 'x' })).toEqual([
      { path: 'count', message: 'must be a number' },
    ]);
    expect(issuesOf(shape, { name: 'n', inner: {} })).toEqual([{ path: 'inner.id', message: 'is required' }]);
    expect(issuesOf(z.object({ list: z.array(z.string()) }), { list: 'a' })).toEqual([
      { path: 'list', message: 'must be an array' },
    ]);
  });

  it('words too_small and too_big by origin: characters, items, or a bound with ≥ > ≤ <', () => {
    const issues = issuesOf(shape, {
      name: 'n',
      short: 'ab',
      list: [],
      atLeast: 1,
      above: 0,
      atMost: 11,
      below: 10,
    });
    expect(issues).toEqual([
      { path: 'short', message: 'must be at least 3 characters' },
      { path: 'list', message: 'must have at least 1 item' },
      { path: 'atLeast', message: 'must be ≥ 2' },
      { path: 'above', message: 'must be > 0' },
      { path: 'atMost', message: 'must be ≤ 10' },
      { path: 'below', message: 'must be < 10' },
    ]);
    expect(issuesOf(shape, { name: 'n', short: 'abcdef', list: ['a', 'b', 'c'] })).toEqual([
      { path: 'short', message: 'must be at most 5 characters' },
      { path: 'list', message: 'must have at most 2 items' },
    ]);
  });

  it('lists the allowed values of an enum', () => {
    expect(issuesOf(shape, { name: 'n', choice: 'blue' })).toEqual([
      { path: 'choice', message: 'must be one of "red", "green"' },
    ]);
  });

  it('reports each unrecognized key as its own issue, with the key in the path', () => {
    const issues = issuesOf(shape, { name: 'n', colour: 1, sise: 2, inner: { id: 'a', idd: 3 } }, 'layout');
    expect(issues.map((i) => i.path).sort()).toEqual(['layout.colour', 'layout.inner.idd', 'layout.sise']);
    for (const issue of issues) expect(issue.message).toMatch(/not a known field/);
  });

  it("keeps a schema's own message", () => {
    expect(
      describeIssue(
        { code: 'too_small', path: ['a'], message: 'a must be ≥ 5', origin: 'number', minimum: 5 },
        {},
      ),
    ).toEqual([{ path: 'a', message: 'a must be ≥ 5' }]);
  });

  it('prefixes paths and writes array indexes in brackets', () => {
    const issues = issuesOf(
      z.object({ regions: z.array(z.object({ x: z.number() })) }),
      { regions: [{ x: 1 }, { x: 'a' }] },
      'layout',
    );
    expect(issues).toEqual([{ path: 'layout.regions[1].x', message: 'must be a number' }]);
  });
});

describe('findMalformedString', () => {
  it('finds a lone surrogate in a nested value, arrays included', () => {
    expect(findMalformedString({ a: { b: ['ok', 'x\uDC00'] } })).toEqual({
      path: 'a.b[1]',
      message: 'must be well-formed Unicode (no lone surrogate)',
    });
    expect(findMalformedString(['\uD800'], 'list')?.path).toBe('list[0]');
    expect(findMalformedString('\uDBFF end')).toBeDefined();
  });

  it('finds a lone surrogate in a key, nested or at the top', () => {
    const nested = findMalformedString({ vendorOptions: { agora: { 'k\uD800': 1 } } });
    expect(nested?.path).toBe('vendorOptions.agora');
    expect(nested?.message).toMatch(/field names/);
    expect(findMalformedString({ '\uDFFF': 1 }, 'options')?.path).toBe('options');
    expect(findMalformedString([{ '\uD800': 1 }])?.path).toBe('[0]');
  });

  it('accepts well-formed text, surrogate pairs included', () => {
    expect(
      findMalformedString({ a: '😀 é 中', list: ['\uD83D\uDE00'], n: 1, nothing: null }),
    ).toBeUndefined();
  });

  it('survives cycles and skips class instances', () => {
    const cyclic: Record<string, unknown> = { a: 'ok' };
    cyclic.self = cyclic;
    expect(findMalformedString(cyclic)).toBeUndefined();
    expect(findMalformedString({ when: new Date(), map: new Map([['\uD800', 1]]) })).toBeUndefined();
  });

  it('findNonJsonValue refuses a lone surrogate in raw vendorOptions (strings and keys), naming the field', () => {
    expect(findNonJsonValue({ agora: { note: 'x\uD800' } }, 'vendorOptions')).toEqual({
      path: 'vendorOptions.agora.note',
      message: 'must be well-formed Unicode (no lone surrogate)',
    });
    expect(findNonJsonValue({ agora: { '\uDC00': 1 } }, 'vendorOptions')?.path).toBe('vendorOptions.agora');
    expect(findNonJsonValue({ agora: { list: [1, 'ok', { n: 2 }] } }, 'vendorOptions')).toBeUndefined();
  });
});

describe('parseOrThrow never echoes an input value', () => {
  const SECRETS = ['AKIA-secret-key', 'very-secret-value'];

  const cases: Array<[string, unknown]> = [
    [
      'a secret key with whitespace',
      { ...base, storage: { ...base.storage, secretKey: 'very-secret-value with space' } },
    ],
    [
      'a secret key too long',
      { ...base, storage: { ...base.storage, secretKey: `very-secret-value${'x'.repeat(1100)}` } },
    ],
    ['a secret in a wrong-type field', { ...base, token: { value: 'very-secret-value' } }],
    ['a secret as an enum value', { ...base, mode: 'very-secret-value' }],
    ['a secret as a storage vendor', { ...base, storage: { ...base.storage, vendor: 'AKIA-secret-key' } }],
    ['a secret as a region', { ...base, storage: { ...base.storage, region: 'very-secret-value!' } }],
    ['a secret as a room with a control character', { ...base, room: 'very-secret-value\u0001' }],
    ['a secret as a URL', { ...base, callbackUrl: 'very-secret-value' }],
    ['a secret as an idempotency key', { ...base, idempotencyKey: 'very-secret-value/AKIA-secret-key' }],
    ['a secret with a lone surrogate', { ...base, token: 'very-secret-value\uD800' }],
  ];

  it.each(cases)('%s', (_name, value) => {
    const e = errorOf(value);
    const shown = [e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })].join('\n');
    for (const secret of SECRETS) expect(shown).not.toContain(secret);
  });
});
