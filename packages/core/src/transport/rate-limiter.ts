/**
 * Client-side token buckets, one per key (a vendor limit is per App ID, and ZEGO's differs per
 * action). Waiters are served by priority, then in arrival order: Agora's start, which must follow
 * its acquire within 2 s, asks for priority so a queue of other calls cannot push it out.
 */

export interface RateLimiterOptions {
  /** requests per second of the bucket for keys not listed in `perKey` */
  requestsPerSecond: number;
  perKey?: Record<string, number>;
  /** tokens a bucket can hold (default 1: requests are spaced evenly, never sent in bursts) */
  burst?: number;
  now?: () => number;
}

interface Waiter {
  priority: number;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(priority: number, seq: number, signal?: AbortSignal): Promise<void> {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.waiters.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
      this.schedule();
    });
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerSecond);
    this.last = now;
  }

  private schedule(): void {
    if (this.timer) return;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      const waiter = this.waiters.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (this.waiters.length === 0) return;
    const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, waitMs);
    // Not unref'd: a request waiting for its token is work in progress and must keep the process alive.
  }
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
