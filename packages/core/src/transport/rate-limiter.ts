import { TokenBucket } from '../coordination/token-bucket.js';

/**
 * Client-side token buckets, one per key (a vendor limit is per App ID, and ZEGO's differs per
 * action). Waiters are served by priority, then in arrival order: Agora's start, which must follow
 * its acquire within 2 s, asks for priority so a queue of other calls cannot push it out.
 * The bucket itself lives in coordination/token-bucket.ts and is shared with the memory coordinator.
 */

export interface RateLimiterOptions {
  /** requests per second of the bucket for keys not listed in `perKey` */
  requestsPerSecond: number;
  perKey?: Record<string, number>;
  /** tokens a bucket can hold (default 1: requests are spaced evenly, never sent in bursts) */
  burst?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private seq = 0;
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be > 0');
    this.now = options.now ?? (() => performance.now());
  }

  /** Resolves when a request under `key` may be sent. */
  acquire(
    key = 'default',
    options: { priority?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<void> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const rate = this.options.perKey?.[key] ?? this.options.requestsPerSecond;
      bucket = new TokenBucket(rate, Math.max(1, this.options.burst ?? 1), this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(options.priority ?? 0, this.seq++, options.signal);
  }
}
