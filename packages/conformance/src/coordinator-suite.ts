import { randomUUID } from 'node:crypto';
import { type Coordinator, ValidationError, isRecordingError } from '@unirec/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCoordinatorState } from './coordinator-suite-state.js';

export interface CoordinatorConformanceOptions {
  /** shown in the test names */
  name: string;
  /**
   * Makes the coordinator of one test; the suite closes it afterwards. Keys are unique per test, so
   * coordinators may share a store (one Redis server) across tests.
   */
  create: () => Coordinator | Promise<Coordinator>;
  /**
   * Extra ms allowed on every timing bound (default 40). A networked store adds a round trip to each
   * call; the bounds are still tight enough that a coordinator that ignores the rule fails.
   */
  timingSlackMs?: number;
  /** more tests of this coordinator, in the spirit of unstorage's `additionalTests` */
  additionalTests?: (context: CoordinatorTestContext) => void;
}

export interface CoordinatorTestContext {
  /** the coordinator of the running test */
  coordinator(): Coordinator;
  /** a key no other test uses */
  key(label: string): string;
  slackMs: number;
}

/**
 * The contract every Coordinator keeps (docs/fleet.md): the memory coordinator of
 * @unirec/core and the Redis one of @unirec/redis run the same tests.
 * `runCoordinatorConformance({ name: 'redis', create: () => createRedisCoordinator({ url }) })`.
 */
export function runCoordinatorConformance(options: CoordinatorConformanceOptions): void {
  const slackMs = options.timingSlackMs ?? 40;
  describe(`${options.name}: Coordinator conformance`, () => {
    let current: Coordinator | undefined;
    const run = randomUUID().slice(0, 8);
    const context: CoordinatorTestContext = {
      coordinator: () => {
        if (!current) throw new Error('no coordinator: call inside a test');
        return current;
      },
      key: (label) => `conformance:${run}:${label}:${randomUUID()}`,
      slackMs,
    };
    beforeEach(async () => {
      current = await options.create();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describeAcquire(context);
    describeCoordinatorState(context);

    describe('close', () => {
      it('rejects later calls with a unirec error, and a second close resolves', async () => {
        const c = context.coordinator();
        await c.close();
        await expect(c.close()).resolves.toBeUndefined();
        for (const call of [
          () => c.acquire(context.key('closed'), { requestsPerSecond: 10 }),
          () => c.claim(context.key('closed'), 1_000),
          () => c.once(context.key('closed'), 1_000, async () => 1),
          () => c.sessions.remove('ur1.agora.closed'),
        ]) {
          const error = await call().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isRecordingError(error)).toBe(true);
          expect(String((error as Error).message)).toMatch(/closed/);
        }
      });

      it('settles a waiting acquire with a unirec error instead of leaving it pending', async () => {
        const c = context.coordinator();
        const key = context.key('close-waiter');
        await c.acquire(key, { requestsPerSecond: 0.2 });
        const waiting = c.acquire(key, { requestsPerSecond: 0.2 }).then(
          () => 'granted',
          (e: unknown) => e,
        );
        await sleep(30);
        await c.close();
        const outcome = await Promise.race([waiting, sleep(1_000).then(() => 'still pending')]);
        expect(isRecordingError(outcome)).toBe(true);
      });
    });

    options.additionalTests?.(context);
  });
}

function describeAcquire(context: CoordinatorTestContext): void {
  const { slackMs } = context;
  // Connecting to a store (and loading its scripts) is not the budget's business: done before timing.
  const warmUp = (c: Coordinator) => c.acquire(context.key('warm-up'), { requestsPerSecond: 1_000 });
  describe('acquire', () => {
    it('spaces grants evenly at the given rate: never more than the rate in any one-second window', async () => {
      const c = context.coordinator();
      await warmUp(c);
      const key = context.key('spacing');
      const rate = 25;
      const interval = 1000 / rate;
      const started = performance.now();
      const times = await Promise.all(
        Array.from({ length: 30 }, () =>
          c.acquire(key, { requestsPerSecond: rate }).then(() => performance.now()),
        ),
      );
      times.sort((a, b) => a - b);
      // The first request of an unused budget is not held back.
      expect(times[0]! - started).toBeLessThan(interval + slackMs);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(interval - 2);
      }
      expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(rate);
      // …and the budget is used: 30 grants take about 29 intervals, not much more.
      expect(times.at(-1)! - times[0]!).toBeLessThan(29 * interval + 4 * slackMs);
    });

    it('keeps budgets of different keys apart', async () => {
      const c = context.coordinator();
      await warmUp(c);
      const slow = context.key('slow');
      const fast = context.key('fast');
      await c.acquire(slow, { requestsPerSecond: 2 });
      const slowNext = c.acquire(slow, { requestsPerSecond: 2 }).then(() => performance.now());
      const started = performance.now();
      await Promise.all(Array.from({ length: 5 }, () => c.acquire(fast, { requestsPerSecond: 200 })));
      expect(performance.now() - started).toBeLessThan(100 + slackMs);
      expect((await slowNext) - started).toBeGreaterThanOrEqual(400);
    });

    it('serves callers of equal priority in arrival order', async () => {
      const c = context.coordinator();
      await warmUp(c);
      const key = context.key('fifo');
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          c.acquire(key, { requestsPerSecond: 50 }).then(() => order.push(i)),
        ),
      );
      expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('lets a priority caller overtake a queue: granted within about two intervals', async () => {
      const c = context.coordinator();
      await warmUp(c);
      const key = context.key('priority');
      const rate = 20;
      const interval = 1000 / rate;
      const granted: string[] = [];
      const queue = Array.from({ length: 12 }, (_, i) =>
        c.acquire(key, { requestsPerSecond: rate }).then(() => granted.push(`normal-${i}`)),
      );
      await sleep(interval / 2);
      const asked = performance.now();
      await c.acquire(key, { requestsPerSecond: rate }, { priority: 1 });
      const waited = performance.now() - asked;
      granted.push('priority');
      await Promise.all(queue);
      expect(waited).toBeLessThanOrEqual(2 * interval + slackMs);
      // Twelve waiters take 550 ms; the priority caller went out with most of them still waiting.
      expect(granted.indexOf('priority')).toBeLessThanOrEqual(3);
    });

    it('removes a waiter whose signal aborts, rejecting with the signal reason', async () => {
      const c = context.coordinator();
      await warmUp(c);
      const key = context.key('abort');
      await c.acquire(key, { requestsPerSecond: 2 });
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      const waiting = c.acquire(key, { requestsPerSecond: 2 }, { signal: controller.signal });
      await sleep(20);
      const abortedAt = performance.now();
      controller.abort(reason);
      await expect(waiting).rejects.toBe(reason);
      expect(performance.now() - abortedAt).toBeLessThan(slackMs + 20);
      // An already-aborted signal rejects at once, and the budget keeps working afterwards.
      const gone = AbortSignal.abort(reason);
      await expect(c.acquire(key, { requestsPerSecond: 2 }, { signal: gone })).rejects.toBe(reason);
      await expect(c.acquire(key, { requestsPerSecond: 2 })).resolves.toBeUndefined();
    });

    it('refuses a bad limit or key with a ValidationError naming the field', async () => {
      const c = context.coordinator();
      for (const requestsPerSecond of [
        0,
        -1,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        '10' as unknown as number,
      ]) {
        const error = await c.acquire(context.key('bad'), { requestsPerSecond }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]?.path).toBe('limit.requestsPerSecond');
      }
      const badKey = await c.acquire('', { requestsPerSecond: 1 }).catch((e: unknown) => e);
      expect((badKey as ValidationError).issues[0]?.path).toBe('key');
      const badPriority = await c
        .acquire(context.key('bad'), { requestsPerSecond: 1 }, { priority: Number.NaN })
        .catch((e: unknown) => e);
      expect((badPriority as ValidationError).issues[0]?.path).toBe('options.priority');
    });
  });
}

/** Most timestamps inside any window [t, t + windowMs) that starts at one of them. */
export function maxInAnyWindow(sortedTimes: readonly number[], windowMs: number): number {
  let most = 0;
  let end = 0;
  for (let start = 0; start < sortedTimes.length; start++) {
    while (end < sortedTimes.length && sortedTimes[end]! < sortedTimes[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
