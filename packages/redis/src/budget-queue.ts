/**
 * The waiters of one rate budget in one process. Only the head of the queue (highest priority, then
 * first come) asks Redis for a slot, so a process sends at most one reservation at a time per budget
 * however many callers wait, and keeps priority and arrival order among its own callers. Across
 * processes, priority works through the reservation horizon (see RESERVE_SLOT).
 */

/**
 * `at`: when the granted slot starts, in this process's performance.now() ms (never earlier than the
 * slot in Redis time); `gapMs`: the spacing of the budget's slots.
 */
export type Reservation =
  | { granted: true; at: number; gapMs: number }
  | { granted: false; retryAfterUs: number };

export interface BudgetQueueDeps {
  /** one reservation attempt for the current head (throws a unirec error when Redis fails) */
  reserve(priority: number): Promise<Reservation>;
  /**
   * Redis failed: settle every waiter taken off the queue (reject, or serve from the local fallback).
   * All of them at once: a Redis that times out would otherwise cost each waiter `timeoutMs` in turn.
   */
  failed(
    error: unknown,
    waiters: ReadonlyArray<{ priority: number; signal: AbortSignal | undefined }>,
  ): Array<Promise<void>>;
  /**
   * A granted slot is used no later than this many ms after it starts; a waiter that wakes up later
   * (its process was busy) gives the slot up and queues again. Slots are spaced so that this much
   * lateness cannot put more requests than the budget into any one-second window.
   */
  staleAfterMs: number;
}

interface Waiter {
  priority: number;
  seq: number;
  signal: AbortSignal | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** set while the waiter holds a slot and sleeps until it */
  timer: ReturnType<typeof setTimeout> | undefined;
  onAbort: (() => void) | undefined;
}

export class BudgetQueue {
  readonly #deps: BudgetQueueDeps;
  /** waiting for a slot, by priority then arrival */
  readonly #queue: Waiter[] = [];
  /** holding a slot, sleeping until it starts */
  readonly #holding = new Set<Waiter>();
  #pumping = false;
  #closed = false;
  /** ends the pump's current retry sleep early (the head changed) */
  #wake: (() => void) | undefined;
  /** when this process last let a request of this budget go (performance.now() ms) */
  #lastGrantAt = Number.NEGATIVE_INFINITY;
  #lastGapMs = 0;

  constructor(deps: BudgetQueueDeps) {
    this.#deps = deps;
  }

  get size(): number {
    return this.#queue.length + this.#holding.size;
  }

  /** Nothing waiting and the last grant a full gap ago: dropping this queue loses nothing. */
  isIdle(now: number): boolean {
    return !this.#pumping && this.size === 0 && now - this.#lastGrantAt >= this.#lastGapMs;
  }

  enqueue(priority: number, seq: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq, signal, resolve, reject, timer: undefined, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.#abort(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#insert(waiter);
    });
  }

  /** Rejects every waiter, holding a slot or not, and stops the pump (the coordinator is closing). */
  close(error: unknown): void {
    this.#closed = true;
    for (const waiter of [...this.#queue.splice(0), ...this.#holding]) this.#settle(waiter, error);
    this.#holding.clear();
    this.#wake?.();
  }

  #insert(waiter: Waiter): void {
    let at = this.#queue.length;
    while (at > 0 && outranks(waiter, this.#queue[at - 1]!)) at--;
    this.#queue.splice(at, 0, waiter);
    if (at === 0) this.#wake?.();
    if (!this.#pumping) void this.#pump();
  }

  #abort(waiter: Waiter): void {
    const i = this.#queue.indexOf(waiter);
    if (i >= 0) {
      this.#queue.splice(i, 1);
      if (i === 0) this.#wake?.();
    }
    // A waiter holding a slot forfeits it: the slot stays booked in Redis, unused.
    this.#holding.delete(waiter);
    this.#settle(waiter, waiter.signal!.reason);
  }

  /** Resolves (error undefined) or rejects a waiter and drops its timer and abort listener. */
  #settle(waiter: Waiter, error?: unknown): void {
    clearTimeout(waiter.timer);
    waiter.timer = undefined;
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        let reservation: Reservation;
        try {
          reservation = await this.#deps.reserve(this.#queue[0]!.priority);
        } catch (error) {
          const failed = this.#queue.splice(0);
          for (const waiter of failed) {
            if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
          }
          const settled = this.#deps.failed(error, failed);
          failed.forEach((waiter, i) => {
            settled[i]!.then(waiter.resolve, waiter.reject);
          });
          continue;
        }
        if (reservation.granted) {
          // The slot goes to whoever heads the queue now (the one it was asked for may have aborted);
          // with nobody left it is simply unused.
          const waiter = this.#queue.shift();
          if (waiter) this.#hold(waiter, reservation.at, reservation.gapMs);
        } else {
          await this.#sleep(reservation.retryAfterUs / 1000);
        }
      }
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * The waiter sleeps until its slot, and never goes sooner than `gapMs` after this process's
   * previous grant: a timer that fired late pushes the next grants back instead of letting them catch
   * up. Timers may fire a little early, so the time is checked and the sleep resumed. A waiter that
   * wakes too long after its slot gives it up and queues again (see `staleAfterMs`).
   */
  #hold(waiter: Waiter, slotAt: number, gapMs: number): void {
    this.#holding.add(waiter);
    const attempt = () => {
      waiter.timer = undefined;
      if (!this.#holding.has(waiter)) return;
      const now = performance.now();
      const due = Math.max(slotAt, this.#lastGrantAt + gapMs);
      if (now - slotAt > this.#deps.staleAfterMs) {
        this.#holding.delete(waiter);
        this.#insert(waiter);
        return;
      }
      if (now >= due) {
        this.#holding.delete(waiter);
        this.#lastGrantAt = now;
        this.#lastGapMs = gapMs;
        this.#settle(waiter);
        return;
      }
      // Not unref'd: a request waiting for its slot is work in progress and keeps the process alive.
      waiter.timer = setTimeout(attempt, Math.ceil(due - now));
    };
    attempt();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        if (this.#wake === wake) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, Math.ceil(ms)));
      this.#wake = wake;
    });
  }
}

function outranks(a: Waiter, b: Waiter): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}
