import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  isRecordingError,
} from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from './helpers.js';
import type { SuiteContext } from './types.js';

/** The vendor's failure answers → error classes, retries and the request id (part of the suite). */
export function describeVendorErrors(ctx: SuiteContext): void {
  const { options } = ctx;
  describe('vendor errors', () => {
    it('auth failure → AuthenticationError, not retried', async () => {
      let retries = 0;
      const p = ctx.provider({ hooks: { onRetry: () => void retries++ } });
      ctx.backend().fail('start', 'auth');
      const error = await rejectionOf(p.start(options.compositeRequest()));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).vendor).toBe(ctx.vendor);
      expect((error as AuthenticationError).retryable).toBe(false);
      expect(retries).toBe(0);
      expect(ctx.backend().running()).toEqual([]);
    });

    it('the vendor rejecting a parameter → ValidationError with its code, never retried', async () => {
      let retries = 0;
      const p = ctx.provider({ hooks: { onRetry: () => void retries++ } });
      ctx.backend().fail('start', 'invalid-parameter');
      const error = await rejectionOf(p.start(options.compositeRequest()));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).vendorCode).toBeDefined();
      expect(retries).toBe(0);
    });

    it('already recording → ConflictError (where the vendor has that answer)', async (test) => {
      if (!ctx.backend().canFail('conflict')) test.skip('this vendor has no "already recording" answer');
      ctx.backend().fail('start', 'conflict');
      const error = await rejectionOf(ctx.provider().start(options.compositeRequest()));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).vendorCode).toBeDefined();
    });

    it('unknown session on query → NotFoundError with the request id', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'not-found');
      const error = await rejectionOf(p.query(session));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).requestId).toEqual(expect.any(String));
    });

    it('rate limited → RateLimitError (retryable) when retries are off', async () => {
      const p = ctx.provider({ maxRetries: 0 });
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'rate-limit');
      const error = await rejectionOf(p.query(session));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryable).toBe(true);
    });

    for (const failure of ['server-error', 'network', 'rate-limit', 'malformed'] as const) {
      it(`retries after '${failure}' and then succeeds`, async () => {
        const retries: unknown[] = [];
        const p = ctx.provider({ hooks: { onRetry: (info: unknown) => void retries.push(info) } });
        const session = await p.start(options.compositeRequest());
        ctx.backend().fail('query', failure);
        expect(['starting', 'recording']).toContain((await p.query(session)).state);
        expect(retries.length).toBe(1);
      });
    }

    it('retries a start after a 5xx without creating a second recording', async () => {
      const p = ctx.provider();
      ctx.backend().fail('start', 'server-error');
      const session = await p.start(options.compositeRequest());
      expect(
        ctx
          .backend()
          .running()
          .map((s) => s.id),
      ).toEqual([session.sessionId]);
    });

    it('gives up after maxRetries and reports the last error', async () => {
      const p = ctx.provider({ maxRetries: 1 });
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'server-error', 5);
      const error = await rejectionOf(p.query(session));
      expect(isRecordingError(error)).toBe(true);
      expect((error as { retryable: boolean }).retryable).toBe(true);
      expect((error as { httpStatus: number }).httpStatus).toBe(503);
    });

    it('a request with no answer → TimeoutError', async () => {
      const p = ctx.provider({ timeoutMs: 300, maxRetries: 0 });
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'hang');
      expect(await rejectionOf(p.query(session))).toBeInstanceOf(TimeoutError);
    });
  });
}
