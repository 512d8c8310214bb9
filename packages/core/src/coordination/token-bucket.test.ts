import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { TokenBucket } from './token-bucket.js';

const now = () => performance.now();
/** Synchronous work, as 200 start() calls made at once do before their first await. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('TokenBucket (capacity 1)', () => {
  it('spaces grants at the rate: the first at once, then one per interval', async () => {
    const bucket = new TokenBucket(50, 1, now);
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => bucket.take(0, i)));
    // five intervals of 20 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('keeps the configured rate on average (setTimeout rounding is not lost), never faster', async () => {
    // Fake timers: each one fires exactly at its (whole) millisecond, so the only lateness is rounding.
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
    try {
      // ZEGO's 50/s at the 95 % share: an interval of 21.05 ms, which setTimeout rounds up to 22
      const bucket = new TokenBucket(47.5, 1, () => performance.now());
      const granted: number[] = [];
      const all = Promise.all(
        Array.from({ length: 51 }, (_, i) => bucket.take(0, i).then(() => granted.push(performance.now()))),
      );
      await vi.advanceTimersByTimeAsync(1200);
      await all;
      // 50 intervals are 1052.6 ms, less at most the 2 ms a late timer keeps; capped at one token, the
      // rounding was lost on every grant (50 × 22 = 1100 ms)
      const span = granted[50]! - granted[0]!;
      expect(span).toBeGreaterThanOrEqual(1050.6);
      expect(span).toBeLessThanOrEqual(1054);
      for (let i = 10; i < granted.length; i++)
        expect(granted[i]! - granted[i - 10]!).toBeGreaterThanOrEqual(208.5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps late timers' time, yet never puts more than the rate into any one second", async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
    try {
      // Timers that fire up to 1.9 ms late: the clock the bucket reads runs ahead of the fake timers
      // by a lateness drawn per millisecond (deterministic, so a failure replays).
      const lateness = (ms: number) => (((Math.floor(ms) * 2654435761) >>> 0) % 20) / 10;
      const clock = () => {
        const t = performance.now();
        return t + lateness(t);
      };
      const rate = 25;
      const bucket = new TokenBucket(rate, 1, clock);
      const granted: number[] = [];
      const count = 151;
      const all = Promise.all(
        Array.from({ length: count }, (_, i) => bucket.take(0, i).then(() => granted.push(clock()))),
      );
      await vi.advanceTimersByTimeAsync(7000);
      await all;
      let most = 0;
      for (let start = 0, end = 0; start < granted.length; start++) {
        while (end < granted.length && granted[end]! < granted[start]! + 1000) end++;
        most = Math.max(most, end - start);
      }
      expect(most).toBeLessThanOrEqual(rate);
      // …and the lateness is not lost on every grant: 150 intervals of 40 ms, give or take a few ms
      expect(granted.at(-1)! - granted[0]!).toBeLessThanOrEqual(150 * 40 + 25);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands a token out when its request can leave, not while the caller is still busy', async () => {
    const bucket = new TokenBucket(10, 1, now);
    const granted: number[] = [];
    const takes = Array.from({ length: 3 }, (_, i) => bucket.take(0, i).then(() => granted.push(now())));
    const queuedAt = now();
    busy(60); // the synchronous rest of a burst of calls
    await Promise.all(takes);
    // the first grant waits for the busy caller, and the second still follows it by a whole interval
    expect(granted[0]! - queuedAt).toBeGreaterThanOrEqual(59);
    expect(granted[1]! - granted[0]!).toBeGreaterThanOrEqual(95);
    expect(granted[2]! - granted[1]!).toBeGreaterThanOrEqual(95);
  });

  it('serves higher priority first, then in arrival order', async () => {
    const bucket = new TokenBucket(100, 1, now);
    const order: string[] = [];
    await bucket.take(0, 0);
    await Promise.all([
      bucket.take(0, 1).then(() => order.push('a')),
      bucket.take(0, 2).then(() => order.push('b')),
      bucket.take(1, 3).then(() => order.push('start')),
    ]);
    expect(order).toEqual(['start', 'a', 'b']);
  });

  it('stops waiting when aborted, with the signal reason, and the next waiter moves up', async () => {
    const bucket = new TokenBucket(20, 1, now);
    await bucket.take(0, 0);
    const controller = new AbortController();
    const aborted = bucket.take(0, 1, controller.signal);
    const next = bucket.take(0, 2);
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    const started = performance.now();
    await next;
    expect(performance.now() - started).toBeLessThan(60);
  });

  it('rejectAll rejects every waiter and leaves no timer behind', async () => {
    const bucket = new TokenBucket(1, 1, now);
    const waits = [bucket.take(0, 0), bucket.take(0, 1)];
    bucket.rejectAll(new Error('closed'));
    for (const wait of waits) await expect(wait).rejects.toThrow('closed');
  });

  it('keeps the process alive while a request waits for its token', () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `const { createMemoryCoordinator } = await import(${JSON.stringify(dist)});
      const coordinator = createMemoryCoordinator();
      await coordinator.acquire('k', { requestsPerSecond: 5 }); await coordinator.acquire('k', { requestsPerSecond: 5 });
      console.log('second request sent');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.stdout).toContain('second request sent');
  });
});
