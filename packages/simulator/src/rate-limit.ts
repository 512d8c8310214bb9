import type { SimClock } from './types.js';

/**
 * Sliding-window limits behind `ctx.allow(key, perSecond)`: a request is accepted when fewer than N
 * requests of the same key were accepted in the 1000 ms before it (window `(now − 1000, now]`), so no
 * one-second window, wherever it starts, holds more than N accepted requests. Refused requests do not
 * count. This is the strictest reading of "N requests per second": a client that never trips it trips
 * neither a fixed-window counter nor a token bucket of the same N. Fractional limits round down (min 1).
 *
 * Keys are colon-separated, vendor first. The emulators use:
 * - `agora:<appId>`                  Agora, 10 requests/s per App ID (all cloud_recording endpoints)
 * - `agora:ncs:<customerId>`         Agora GET /v1/ncs/ip, 10/s
 * - `zego:<appId>:<Action>`          ZEGO, per action (StartRecord/StopRecord 50/s, others 10/s)
 * - `jocloud:<appId>`                JOCloud applyrecord/startrecord/updatemixrecord/stoprecord, 10/s per AppID
 * - `jocloud:<appId>:queryrecord:<recordid>`  JOCloud queryrecord, 10/s per recordid
 *
 * Overrides (`startSimulator({ rateLimits: { agora: 5 } })`) match by key prefix on segment boundaries:
 * `agora` matches every `agora:*` key, `zego:123:StartRecord` one key. The longest matching prefix wins.
 * A value of `Infinity` (or any value <= 0) means unlimited for that prefix. `rateLimits: false` disables all.
 */
export type RateLimitOverrides = Partial<Record<string, number>>;

/** The window every limit is counted over. */
export const RATE_WINDOW_MS = 1000;

interface Window {
  limit: number;
  /** times of the accepted requests still inside the window, oldest first (at most `limit`) */
  accepted: number[];
}

/** Bound the number of windows: keys contain caller-chosen values (App IDs), so they are attacker-controlled. */
const MAX_BUCKETS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Window>();

  constructor(
    private readonly clock: SimClock,
    private readonly overrides: RateLimitOverrides | false = {},
  ) {}

  allow(key: string, perSecond: number): boolean {
    if (this.overrides === false) return true;
    const rate = this.rateFor(key, perSecond);
    if (!Number.isFinite(rate) || rate <= 0) return true;
    const limit = Math.max(1, Math.floor(rate));
    const now = this.clock.now();
    let w = this.buckets.get(key);
    if (!w || w.limit !== limit) {
      if (!w && this.buckets.size >= MAX_BUCKETS) this.sweep(now);
      w = { limit, accepted: [] };
      this.buckets.set(key, w);
    }
    // A clock set backwards (manual clock `set`) starts the window afresh.
    if (w.accepted.length > 0 && w.accepted[w.accepted.length - 1]! > now) w.accepted.length = 0;
    while (w.accepted.length > 0 && w.accepted[0]! <= now - RATE_WINDOW_MS) w.accepted.shift();
    if (w.accepted.length >= limit) return false;
    w.accepted.push(now);
    return true;
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

  /** Drop windows with nothing inside any more (no state worth keeping), then the oldest if still too many. */
  private sweep(now: number): void {
    for (const [key, w] of this.buckets) {
      const newest = w.accepted[w.accepted.length - 1];
      if (newest === undefined || newest <= now - RATE_WINDOW_MS) this.buckets.delete(key);
    }
    while (this.buckets.size >= MAX_BUCKETS) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) break;
      this.buckets.delete(oldest.value);
    }
  }
}
