import { inspect } from 'node:util';
import { AbortError, waitForState } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { eventually, expectNoSecrets, rejectionOf } from './helpers.js';
import type { SuiteContext } from './types.js';

/** Cancellation: AbortError on every path, promptly, carrying nothing of the request. */
export function describeAbort(ctx: SuiteContext): void {
  const { options } = ctx;
  const secrets = (): string[] => {
    const request = options.compositeRequest();
    const fields = options.adapter.fields;
    const creds = Object.keys(fields)
      .filter((k) => fields[k]!.secret)
      .map((k) => String(ctx.backend().credentials[k]));
    return [...creds, request.storage.accessKey, request.storage.secretKey];
  };

  const expectAbortError = (error: unknown, reason?: unknown) => {
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).name).toBe('AbortError');
    if (reason !== undefined) expect((error as Error).cause).toBe(reason);
    expectNoSecrets(
      inspect(error, { depth: 10, showHidden: true }) +
        JSON.stringify(error) +
        String((error as Error).stack),
      secrets(),
    );
  };

  describe('cancellation', () => {
    it('aborting a start that hangs rejects at once with AbortError, carrying no secret', async () => {
      const p = ctx.provider({ timeoutMs: 10_000 });
      ctx.backend().fail('start', 'hang');
      const controller = new AbortController();
      const pending = p.start(options.compositeRequest(), { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 150));
      const reason = new Error('user cancelled');
      const t0 = performance.now();
      controller.abort(reason);
      const error = await rejectionOf(pending);
      expect(performance.now() - t0).toBeLessThan(200);
      expectAbortError(error, reason);
    });

    it('an already aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(
        ctx.provider().start(options.compositeRequest(), { signal: controller.signal }),
      );
      expectAbortError(error, controller.signal.reason);
      expect(ctx.backend().requests()).toEqual([]);
    });

    it('aborting during a retry backoff rejects with AbortError (not a bare DOMException)', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'server-error', 5);
      const controller = new AbortController();
      let retried!: () => void;
      const retrying = new Promise<void>((r) => (retried = r));
      const q = ctx
        .provider({ hooks: { onRetry: () => retried() } })
        .query(session, { signal: controller.signal });
      await retrying;
      controller.abort();
      expectAbortError(await rejectionOf(q), controller.signal.reason);
      await p.stop(session);
    });

    it("AbortSignal.timeout's reason is kept as the cause", async () => {
      const p = ctx.provider({ timeoutMs: 10_000 });
      const session = await p.start(options.compositeRequest());
      ctx.backend().fail('query', 'hang');
      const signal = AbortSignal.timeout(100);
      const error = await rejectionOf(p.query(session, { signal }));
      expectAbortError(error);
      expect(((error as Error).cause as Error).name).toBe('TimeoutError');
    });

    it('waitForState settles within 50 ms of its signal aborting', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      const controller = new AbortController();
      const waiting = waitForState(p, session, 'stopped', {
        intervalMs: 5_000,
        timeoutMs: 60_000,
        signal: controller.signal,
      });
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      controller.abort();
      expectAbortError(await rejectionOf(waiting));
      expect(performance.now() - t0).toBeLessThan(50);
      await p.stop(session);
    });

    it('aborting a start the vendor already acted on leaves no recording running', async () => {
      const p = ctx.provider({ timeoutMs: 5_000 });
      // The vendor processes the start at once; its answer arrives only 600 ms later.
      ctx.backend().sim.injectFault({
        vendor: ctx.vendor,
        operation: startOperation(ctx),
        kind: 'late-response' as never,
        delayMs: 600,
      });
      const controller = new AbortController();
      const pending = p.start(options.compositeRequest(), { signal: controller.signal });
      await eventually(() => ctx.backend().running().length === 1, 3_000, 'the vendor to start recording');
      controller.abort();
      expectAbortError(await rejectionOf(pending));
      // The SDK stops what the vendor started once its answer arrives.
      await eventually(
        () => ctx.backend().running().length === 0,
        5_000,
        'the aborted recording to be stopped',
      );
    });
  });
}

/** The simulator operation that creates the recording. */
export function startOperation(ctx: SuiteContext): string {
  return { agora: 'start', zego: 'StartRecord', jocloud: 'startrecord' }[ctx.vendor];
}
