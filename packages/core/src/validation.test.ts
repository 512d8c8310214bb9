import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import {
  commonConfigSchema,
  isAllowedBaseUrl,
  layoutInputSchema,
  startRecordingRequestSchema,
} from './schemas.js';
import type { StartRecordingRequest } from './types.js';
import { formatPath, parseOrThrow } from './validation.js';

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
