/**
 * One token bucket with a queue of waiters served by priority, then in arrival order: the memory
 * coordinator's, one per budget key. A bucket of capacity 1 spaces requests evenly: never a burst,
 * even after an idle spell.
 *
 * Tokens are handed out in a timer turn of their own, never inside `take()`: a vendor counts requests
 * when they arrive, so a token must be taken when its request can leave. Taken inside `take()`, the
 * first of 200 starts called at once would hold its token while the other 199 run their synchronous
 * part (validation, mapping: tens of ms), and the next token, timed from that moment, would follow it
 * out by less than the interval.
 */

/** How much of a late timer's time a waiting queue keeps (see refill). */
const LATE_CREDIT_MS = 2;
/**
 * Above this rate a millisecond timer cannot space grants anyway: no late credit and no window guard
 * (whose memory is one number per request of a second).
 */
const MAX_GUARDED_RATE = 1000;

interface Waiter {
  priority: number;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly waiters: Waiter[] = [];
  /** the pending turn that hands out tokens (an immediate when one is there, else a timeout) */
  private timer: { cancel(): void } | undefined;
  /** times of the last ceil(rate) grants, oldest first: the window guard of the late credit */
  private readonly granted: number[] = [];

  constructor(
    private ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** A later call may carry another limit for the same key: the newest one applies from now on. */
  setRate(ratePerSecond: number): void {
    if (ratePerSecond === this.ratePerSecond) return;
    this.refill();
    this.ratePerSecond = ratePerSecond;
  }

  take(priority: number, seq: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // Insert in place (priority first, then arrival): O(n) instead of a sort per call.
      let at = this.waiters.length;
      while (at > 0 && this.waiters[at - 1]!.priority < priority) at--;
      this.waiters.splice(at, 0, waiter);
      this.schedule();
    });
  }

  /** No waiter and a full bucket: dropping it and making a new one later changes nothing. */
  isIdle(): boolean {
    if (this.waiters.length > 0) return false;
    this.refill();
    return this.tokens >= this.capacity;
  }

  /** Rejects every waiter (the owner is closing) and stops the timer. */
  rejectAll(error: unknown): void {
    this.timer?.cancel();
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    // While callers wait, a timer that fired late keeps up to LATE_CREDIT_MS of what it accrued: capped
    // at the capacity, the millisecond setTimeout rounds up and its lateness would be lost on every
    // grant (ZEGO's budget of 95 % of 50/s ran at 0.89 of the 50). The window guard (windowWaitMs)
    // keeps the credit from ever putting more grants into one second than the spacing would.
    const credit =
      this.waiters.length > 0 && this.ratePerSecond <= MAX_GUARDED_RATE
        ? (this.ratePerSecond * LATE_CREDIT_MS) / 1000
        : 0;
    this.tokens = Math.min(this.capacity + credit, this.tokens + elapsed * this.ratePerSecond);
    this.last = now;
  }

  /**
   * Ms until the window guard lets the next grant go: n = ceil(rate) grants back, plus n intervals.
   * The credit may let a grant follow a late one early; the guard keeps any n + 1 grants at least n
   * intervals apart, so no second ever holds more than ceil(rate) of them (exactly the rate when it
   * is whole), which the even spacing gives without the credit.
   */
  private windowWaitMs(now: number): number {
    if (this.ratePerSecond > MAX_GUARDED_RATE) return 0;
    const n = Math.ceil(this.ratePerSecond);
    if (this.granted.length < n) return 0;
    const since = this.granted[this.granted.length - n]!;
    return Math.max(0, since + (n * 1000) / this.ratePerSecond - now);
  }

  private recordGrant(now: number): void {
    if (this.ratePerSecond > MAX_GUARDED_RATE) {
      this.granted.length = 0;
      return;
    }
    this.granted.push(now);
    const excess = this.granted.length - Math.ceil(this.ratePerSecond);
    if (excess > 0) this.granted.splice(0, excess);
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    this.refill();
    const windowMs = this.windowWaitMs(this.last);
    if (this.tokens >= 1 && windowMs === 0) {
      const immediate = setImmediate(() => this.grant());
      this.timer = { cancel: () => clearImmediate(immediate) };
      return;
    }
    const tokenMs = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.ratePerSecond) * 1000;
    const waitMs = Math.max(1, Math.ceil(Math.max(tokenMs, windowMs)));
    // Not unref'd: a request waiting for its token is work in progress and must keep the process alive.
    const timeout = setTimeout(() => this.grant(), waitMs);
    this.timer = { cancel: () => clearTimeout(timeout) };
  }

  private grant(): void {
    this.timer = undefined;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1 && this.windowWaitMs(this.last) === 0) {
      this.tokens -= 1;
      this.recordGrant(this.last);
      const waiter = this.waiters.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.schedule();
  }
}
