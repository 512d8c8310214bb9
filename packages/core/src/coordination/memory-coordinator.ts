import {
  checkActiveSession,
  checkHandle,
  checkCoordinatorKey,
  checkPriority,
  checkRequestsPerSecond,
  checkTask,
  checkTtlMs,
  coordinatorClosedError,
  decodeOnceResult,
  encodeOnceResult,
} from './coordinator-input.js';
import { TokenBucket } from './token-bucket.js';
import type { ActiveSession, Coordinator } from './types.js';

export interface MemoryCoordinatorOptions {
  /** ms clock for TTLs and buckets (default `performance.now()`); tests may pass their own */
  now?: () => number;
}

/** A Coordinator of one process, with a count of what it holds (for metrics, and to see it stays bounded). */
export interface MemoryCoordinator extends Coordinator {
  /** entries held right now: budget buckets, once results, claims, registered sessions */
  stats(): { buckets: number; results: number; claims: number; sessions: number };
}

/** Expired entries and idle buckets are dropped at most this often, on the next call. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * The Coordinator of one process, and the default of every provider: no setup, nothing shared.
 * Same contract as the Redis coordinator, down to `once` handing out JSON copies (a Date comes back as
 * an ISO string), so code that works here works unchanged on a fleet.
 */
export function createMemoryCoordinator(options: MemoryCoordinatorOptions = {}): MemoryCoordinator {
  return new InMemoryCoordinator(options.now ?? (() => performance.now()));
}

class InMemoryCoordinator implements MemoryCoordinator {
  private readonly buckets = new Map<string, TokenBucket>();
  private seq = 0;
  /** once results as JSON text, so every reader parses its own copy */
  private readonly results = new Map<string, { json: string; expiresAt: number }>();
  private readonly running = new Map<string, Promise<string>>();
  private readonly claims = new Map<string, number>();
  private readonly registry = new Map<string, ActiveSession>();
  private closed = false;
  private nextSweepAt: number;

  constructor(private readonly now: () => number) {
    this.nextSweepAt = now() + SWEEP_INTERVAL_MS;
  }

  acquire(
    key: string,
    limit: { requestsPerSecond: number },
    options: { signal?: AbortSignal | undefined; priority?: number | undefined } = {},
  ): Promise<void> {
    const operation = 'coordinator.acquire';
    try {
      this.assertOpen(operation);
      checkCoordinatorKey(operation, key);
      const rate = checkRequestsPerSecond(operation, limit);
      const priority = checkPriority(operation, options?.priority);
      this.sweep();
      let bucket = this.buckets.get(key);
      if (bucket) bucket.setRate(rate);
      else {
        bucket = new TokenBucket(rate, 1, this.now);
        this.buckets.set(key, bucket);
      }
      return bucket.take(priority, this.seq++, options?.signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async once<T>(key: string, ttlMs: number, task: () => Promise<T>): Promise<T> {
    const operation = 'coordinator.once';
    this.assertOpen(operation);
    checkCoordinatorKey(operation, key);
    const ttl = checkTtlMs(operation, ttlMs);
    checkTask(operation, task);
    this.sweep();
    const fresh = this.results.get(key);
    if (fresh && fresh.expiresAt > this.now()) return decodeOnceResult<T>(fresh.json);
    let run = this.running.get(key);
    if (!run) {
      run = (async () => {
        const json = encodeOnceResult(operation, await task());
        // A coordinator closed while the task ran keeps nothing; the callers still get the result.
        if (!this.closed) this.results.set(key, { json, expiresAt: this.now() + ttl });
        return json;
      })();
      this.running.set(key, run);
      // A failure is not stored: the next caller runs the task again. Every waiter of this run
      // gets the failure through `run` itself.
      run.then(
        () => this.running.delete(key),
        () => this.running.delete(key),
      );
    }
    return decodeOnceResult<T>(await run);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const operation = 'coordinator.claim';
    this.assertOpen(operation);
    checkCoordinatorKey(operation, key);
    const ttl = checkTtlMs(operation, ttlMs);
    this.sweep();
    const now = this.now();
    const expiresAt = this.claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.claims.set(key, now + ttl);
    return true;
  }

  readonly sessions = {
    add: async (entry: ActiveSession): Promise<void> => {
      this.assertOpen('coordinator.sessions.add');
      const copy = checkActiveSession('coordinator.sessions.add', entry);
      this.registry.set(copy.handle, copy);
    },
    remove: async (handle: string): Promise<void> => {
      this.assertOpen('coordinator.sessions.remove');
      checkHandle('coordinator.sessions.remove', handle);
      this.registry.delete(handle);
    },
    list: (): AsyncIterable<ActiveSession> => {
      const registry = this.registry;
      const assertOpen = () => this.assertOpen('coordinator.sessions.list');
      return {
        async *[Symbol.asyncIterator]() {
          assertOpen();
          // A snapshot: removing entries while iterating (the reaper does) is safe.
          for (const entry of [...registry.values()])
            yield checkActiveSession('coordinator.sessions.list', entry);
        },
      };
    },
  };

  stats(): { buckets: number; results: number; claims: number; sessions: number } {
    this.sweep();
    return {
      buckets: this.buckets.size,
      results: this.results.size,
      claims: this.claims.size,
      sessions: this.registry.size,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = coordinatorClosedError('coordinator.acquire');
    for (const bucket of this.buckets.values()) bucket.rejectAll(error);
    this.buckets.clear();
    this.results.clear();
    this.claims.clear();
    this.registry.clear();
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw coordinatorClosedError(operation);
  }

  /** Keeps memory bounded by live entries: drops expired results and claims, and idle buckets. */
  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [key, entry] of this.results) if (entry.expiresAt <= now) this.results.delete(key);
    for (const [key, expiresAt] of this.claims) if (expiresAt <= now) this.claims.delete(key);
    for (const [key, bucket] of this.buckets) if (bucket.isIdle()) this.buckets.delete(key);
  }
}
