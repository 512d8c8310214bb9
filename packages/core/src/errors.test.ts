import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RecordingError,
  TimeoutError,
  ValidationError,
  VendorError,
  isErrorKind,
  isRecordingError,
} from './errors.js';

describe('errors', () => {
  it('carries vendor, operation, code, status, request id and retryable', () => {
    const e = new NotFoundError('gone', {
      vendor: 'agora',
      operation: 'query',
      vendorCode: 404,
      httpStatus: 404,
      requestId: 'r-1',
    });
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toBeInstanceOf(RecordingError);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(VendorError);
    expect(e.kind).toBe('not_found');
    expect(e.name).toBe('NotFoundError');
    expect(e.retryable).toBe(false);
    expect(e.toJSON()).toMatchObject({
      vendor: 'agora',
      operation: 'query',
      vendorCode: 404,
      httpStatus: 404,
      requestId: 'r-1',
    });
  });

  it('network, timeout and rate-limit errors are retryable by default', () => {
    expect(new NetworkError('x').retryable).toBe(true);
    expect(new TimeoutError('x').retryable).toBe(true);
    expect(new RateLimitError('x').retryable).toBe(true);
    expect(new RateLimitError('x', { retryable: false }).retryable).toBe(false);
  });

  it('instance checks survive a second copy of the package (the CJS build)', () => {
    const require = createRequire(import.meta.url);
    const copy = require('../dist/index.cjs') as typeof import('./index.js');
    expect(copy.ValidationError).not.toBe(ValidationError);
    const foreign = new copy.ValidationError('bad', [{ path: 'room', message: 'required' }]);
    expect(foreign).toBeInstanceOf(ValidationError);
    expect(foreign).toBeInstanceOf(RecordingError);
    expect(foreign).not.toBeInstanceOf(AuthenticationError);
    expect(isRecordingError(foreign)).toBe(true);
    expect(isErrorKind(foreign, 'validation')).toBe(true);
    expect(new AuthenticationError('x')).toBeInstanceOf(copy.AuthenticationError);
    expect(new AuthenticationError('x')).not.toBeInstanceOf(copy.ValidationError);
  });

  it('plain errors are not recording errors', () => {
    expect(isRecordingError(new Error('x'))).toBe(false);
    expect(isRecordingError({ message: 'x' })).toBe(false);
    expect(new Error('x')).not.toBeInstanceOf(RecordingError);
  });

  it('keeps a cause out of JSON and inspect output, and strips its details', () => {
    const cause = Object.assign(new Error('socket hang up'), {
      config: { headers: { Authorization: 'Basic c2VjcmV0' } },
    });
    const e = new VendorError('failed', { cause });
    expect(JSON.stringify(e)).not.toContain('Basic');
    expect(inspect(e, { showHidden: true, depth: 10 })).not.toContain('c2VjcmV0');
    expect((e as Error & { cause: Error }).cause.message).toBe('socket hang up');
  });

  it('ValidationError lists its issues', () => {
    const e = new ValidationError('Invalid request', [
      { path: 'layout.regions[3].x', message: 'x + width must be ≤ 1' },
    ]);
    expect(e.issues[0]!.path).toBe('layout.regions[3].x');
    expect(e.toJSON().issues).toEqual(e.issues);
  });
});
