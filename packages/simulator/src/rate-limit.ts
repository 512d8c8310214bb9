import type { SimClock } from './types.js';

/**
 * Token buckets behind `ctx.allow(key, perSecond)`.
 *
 * Keys are colon-separated, vendor first. The emulators use:
 * - `agora:<appId>`                  Agora, 10 requests/s per App ID (all cloud_recording endpoints)
 * - `agora:ncs:<customerId>`         Agora GET /v1/ncs/ip, 10/s
 * - `zego:<appId>:<Action>`          ZEGO, per action (StartRecord/StopRecord 50/s, others 10/s)
 * - `jocloud:<appId>`                JOCloud, 10 requests/s per AppID (finer keys below it, see jocloud.ts)
 *
 * Overrides (`startSimulator({ rateLimits: { agora: 5 } })`) match by key prefix on segment boundaries:
 * `agora` matches every `agora:*` key, `zego:123:StartRecord` one key. The longest matching prefix wins.
 * A value of `Infinity` (or any value <= 0) means unlimited for that prefix. `rateLimits: false` disables all.
 */
export type RateLimitOverrides = Partial<Record<string, number>>;

interface Bucket {
  tokens: number;
  capacity: number;
  updatedAt: number;
}

/** Bound the number of buckets: keys contain caller-chosen values (App IDs), so they are attacker-controlled. */
const MAX_BUCKETS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: SimClock,
    private readonly overrides: RateLimitOverrides | false = {},
  ) {}

  allow(key: string, perSecond: number): boolean {
    if (this.overrides === false) return true;
    const rate = this.rateFor(key, perSecond);
    if (!Number.isFinite(rate) || rate <= 0) return true;
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.capacity !== rate) {
      if (!bucket && this.buckets.size >= MAX_BUCKETS) this.sweep(now);
      bucket = { tokens: rate, capacity: rate, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    // Refill continuously; a clock that went backwards (manual clock `set`) refills nothing.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (elapsed / 1000) * bucket.capacity);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }

  reset(): void {
    this.buckets.clear();
  }

  /** The effective limit for `key`: the longest override prefix, else the emulator's default. */
  rateFor(key: string, fallback: number): number {
    if (this.overrides === false) return Number.POSITIVE_INFINITY;
    let best: { length: number; value: number } | undefined;
    for (const [prefix, value] of Object.entries(this.overrides)) {
      if (value === undefined) continue;
      if (key === prefix || key.startsWith(`${prefix}:`)) {
        if (!best || prefix.length > best.length) best = { length: prefix.length, value };
      }
    }
    return best ? best.value : fallback;
  }

  /** Drop buckets that are full again (they hold no state worth keeping), then the oldest if still too many. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.updatedAt) / 1000) * b.capacity >= b.capacity) this.buckets.delete(key);
    }
    while (this.buckets.size >= MAX_BUCKETS) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) break;
      this.buckets.delete(oldest.value);
    }
  }
}
