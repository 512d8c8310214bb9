import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RecordingProvider,
  type RecordingSession,
  TimeoutError,
  ValidationError,
  isRecordingError,
} from '@unirec/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions, VendorFake } from './types.js';

export interface SuiteContext {
  fake(): VendorFake;
  provider(extra?: Record<string, unknown>): RecordingProvider;
}

const HANDLE_CHARS = /^[A-Za-z0-9._~=-]+$/;

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The vendor's failure answers → error classes, retries and idempotency (part of the suite). */
export function describeVendorErrors(options: ConformanceOptions, ctx: SuiteContext): void {
  describe('vendor errors', () => {
    it('auth failure → AuthenticationError, not retried', async () => {
      let retries = 0;
      const p = ctx.provider({ hooks: { onRetry: () => void retries++ } });
      ctx.fake().fail('start', 'auth');
      const error = await rejectionOf(p.start(options.compositeRequest()));
      expect(error).toBeInstanceOf(AuthenticationError);
      const e = error as AuthenticationError;
      expect(e.vendor).toBe(options.vendor);
      expect(e.retryable).toBe(false);
      expect(typeof e.operation).toBe('string');
      expect(retries).toBe(0);
    });

    it('the vendor rejecting a parameter → ValidationError, never retried', async () => {
      let retries = 0;
      const p = ctx.provider({ hooks: { onRetry: () => void retries++ } });
      ctx.fake().fail('start', 'invalid-parameter');
      const error = await rejectionOf(p.start(options.compositeRequest()));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).vendorCode).toBeDefined();
      expect(retries).toBe(0);
    });

    it.runIf(options.features?.startConflict !== false)('already recording → ConflictError', async () => {
      ctx.fake().fail('start', 'conflict');
      const error = await rejectionOf(ctx.provider().start(options.compositeRequest()));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).vendorCode).toBeDefined();
    });

    it('unknown or ended session on query → NotFoundError with the request id', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      ctx.fake().fail('query', 'not-found');
      const error = await rejectionOf(p.query(session));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).requestId).toEqual(expect.any(String));
    });

    it('rate limited → RateLimitError (retryable) when retries are off', async () => {
      const p = ctx.provider({ maxRetries: 0 });
      const session = await p.start(options.compositeRequest());
      ctx.fake().fail('query', 'rate-limit');
      const error = await rejectionOf(p.query(session));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryable).toBe(true);
    });

    for (const failure of ['server-error', 'network', 'rate-limit', 'malformed'] as const) {
      it(`retries after '${failure}' and then succeeds`, async () => {
        const retries: unknown[] = [];
        const p = ctx.provider({ hooks: { onRetry: (info: unknown) => void retries.push(info) } });
        const session = await p.start(options.compositeRequest());
        ctx.fake().setState('recording');
        ctx.fake().fail('query', failure);
        const status = await p.query(session);
        expect(status.state).toBe('recording');
        expect(retries.length).toBe(1);
      });
    }

    it('a second start with the same idempotencyKey never creates a second recording', async () => {
      const p = ctx.provider();
      const request = { ...options.compositeRequest(), idempotencyKey: 'conformance-key-1' };
      const first = await p.start(request);
      let second: RecordingSession | undefined;
      try {
        second = await p.start(request);
      } catch (error) {
        expect(error).toBeInstanceOf(ConflictError);
      }
      if (second) {
        // the same recording: later calls through either session reach the same vendor task
        ctx.fake().setState('recording');
        expect((await p.query(second)).state).toBe('recording');
        await p.stop(first);
        expect((await p.stop(second)).alreadyStopped).toBe(true);
      }
    });

    it('retries a start after a 5xx without creating a second recording', async () => {
      const p = ctx.provider();
      ctx.fake().fail('start', 'server-error');
      const session = await p.start(options.compositeRequest());
      expect(session.handle).toMatch(HANDLE_CHARS);
      ctx.fake().setState('recording');
      expect((await p.query(session)).state).toBe('recording');
    });

    it('gives up after maxRetries and reports the last error', async () => {
      const p = ctx.provider({ maxRetries: 1 });
      const session = await p.start(options.compositeRequest());
      ctx.fake().fail('query', 'server-error', 5);
      const error = await rejectionOf(p.query(session));
      expect(isRecordingError(error)).toBe(true);
      expect((error as { retryable: boolean }).retryable).toBe(true);
    });

    it('a request with no answer → TimeoutError', async () => {
      const p = ctx.provider({ timeoutMs: 300, maxRetries: 0 });
      const session = await p.start(options.compositeRequest());
      ctx.fake().fail('query', 'hang');
      const error = await rejectionOf(p.query(session));
      expect(error).toBeInstanceOf(TimeoutError);
    });
  });
}
