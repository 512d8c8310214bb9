import type { Vendor } from '../types.js';

/**
 * Shared state of every provider (docs/fleet.md): the rate budget of a vendor account,
 * idempotent starts, webhook de-duplication and the registry of running sessions. One process uses
 * `createMemoryCoordinator()` (the default); a fleet shares one `createRedisCoordinator()`.
 */
export interface Coordinator {
  /**
   * Resolves when one more request fits the budget `key` (e.g. 'agora:<appId>'), shared by every user
   * of this store. Higher `priority` is served first (Agora's start after its acquire). Rejects with
   * the signal's reason (wrapped by the caller) when `signal` aborts while waiting.
   */
  acquire(
    key: string,
    limit: { requestsPerSecond: number },
    options?: { signal?: AbortSignal | undefined; priority?: number | undefined },
  ): Promise<void>;
  /**
   * Runs `task` once per key while its JSON result is fresh (ttlMs): concurrent and later callers get
   * that result (as parsed JSON). A failure is forgotten, so the next caller runs the task again.
   */
  once<T>(key: string, ttlMs: number, task: () => Promise<T>): Promise<T>;
  /** true for the first claim of `key` within ttlMs, false for every later one (webhook de-duplication) */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** the sessions started and not yet stopped through providers that use this coordinator */
  sessions: {
    add(entry: ActiveSession): Promise<void>;
    remove(handle: string): Promise<void>;
    list(): AsyncIterable<ActiveSession>;
  };
  close(): Promise<void>;
}

export interface ActiveSession {
  handle: string;
  vendor: Vendor;
  room: string;
  sessionId: string;
  startedAt: Date;
  /** from output.maxDurationSec, or the vendor's maximum recording time */
  deadline?: Date;
}
