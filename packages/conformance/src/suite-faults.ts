import type { RecordingSession } from '@unirec/core';
import { AuthenticationError, RateLimitError, ValidationError, isRecordingError } from '@unirec/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets, printed } from './helpers.js';
import type { Failure, NeutralOperation, SuiteContext } from './types.js';

interface FaultCase {
  failure: Failure;
  /** injected this many times (Infinity: persistent) */
  times: number;
  /** the outcome the user must see: success after retries, or this error class */
  expect: 'success' | typeof RateLimitError | typeof ValidationError | typeof AuthenticationError;
}

const CASES: FaultCase[] = [
  { failure: 'server-error', times: 1, expect: 'success' },
  { failure: 'network', times: 1, expect: 'success' },
  { failure: 'hang', times: 1, expect: 'success' },
  { failure: 'malformed', times: 1, expect: 'success' },
  { failure: 'rate-limit', times: 1, expect: 'success' },
  { failure: 'rate-limit', times: Number.POSITIVE_INFINITY, expect: RateLimitError },
  { failure: 'lost-response', times: 1, expect: 'success' },
  { failure: 'invalid-parameter', times: 1, expect: ValidationError },
  { failure: 'auth', times: 1, expect: AuthenticationError },
];

const OPERATIONS: NeutralOperation[] = ['start', 'updateLayout', 'query', 'stop'];

/**
 * Every operation × every fault the simulator injects: a typed error or a recovery, in bounded time,
 * with no unhandled rejection, no secret in the error, and no duplicate or orphan recording left at
 * the vendor (checked in the simulator's state).
 */
export function describeFaultMatrix(ctx: SuiteContext): void {
  const { options } = ctx;
  describe('fault matrix', () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    beforeAll(() => void process.on('unhandledRejection', onUnhandled));
    afterAll(() => void process.off('unhandledRejection', onUnhandled));

    for (const operation of OPERATIONS) {
      for (const c of CASES) {
        const title = `${operation} × ${c.failure}${c.times === Number.POSITIVE_INFINITY ? ' (persistent)' : ''}`;
        it(title, async () => {
          const backend = ctx.backend();
          const p = ctx.provider({ timeoutMs: 400, maxRetries: 2 });
          const live = new Set<string>();
          let session: RecordingSession | undefined;
          if (operation !== 'start') {
            session = await p.start(options.compositeRequest());
            live.add(session.sessionId);
          }
          backend.fail(operation, c.failure, c.times);
          const t0 = performance.now();
          let error: unknown;
          let result: unknown;
          try {
            if (operation === 'start') result = await p.start(options.compositeRequest());
            else if (operation === 'updateLayout')
              result = await p.updateLayout(session!, { preset: 'grid' });
            else if (operation === 'query') result = await p.query(session!);
            else result = await p.stop(session!);
          } catch (e) {
            error = e;
          }
          backend.sim.clearFaults();
          // Bounded: 3 attempts of at most 400 ms each, their backoffs (≤ 8 s each, capped), and slack.
          expect(performance.now() - t0).toBeLessThan(20_000);
          if (error !== undefined) {
            expect(isRecordingError(error), String(error)).toBe(true);
            expectNoSecrets(printed(error), secretsOf(ctx));
            if (c.expect !== 'success') expect(error).toBeInstanceOf(c.expect);
            else if (!(isRecordingError(error) && error.unconfirmedRecording)) {
              throw new Error(`${title}: expected a recovery, got ${String(error)}`);
            }
          } else {
            expect(c.expect, `${title} succeeded`).toBe('success');
          }
          if (operation === 'start' && result) live.add((result as RecordingSession).sessionId);
          if (operation === 'stop' && error === undefined) live.delete(session!.sessionId);

          // The vendor runs exactly what the SDK knows of (plus a recording an error reported as unconfirmed).
          const running = backend.running().map((s) => s.id);
          const unconfirmed = isRecordingError(error) && error.unconfirmedRecording ? 1 : 0;
          expect(running.length, `${title}: running ${running.join(', ')}`).toBeLessThanOrEqual(
            live.size + unconfirmed,
          );
          for (const id of live) expect(running, `${title}: ${id} should run`).toContain(id);
          for (const id of live)
            await p.stop(session && session.sessionId === id ? session : (result as RecordingSession));
          await new Promise((r) => setTimeout(r, 0));
          expect(unhandled).toEqual([]);
        });
      }
    }
  });
}

function secretsOf(ctx: SuiteContext): string[] {
  const fields = ctx.options.adapter.fields;
  const request = ctx.options.compositeRequest();
  return [
    ...Object.keys(fields)
      .filter((k) => fields[k]!.secret)
      .map((k) => String(ctx.backend().credentials[k])),
    request.storage.accessKey,
    request.storage.secretKey,
  ];
}
