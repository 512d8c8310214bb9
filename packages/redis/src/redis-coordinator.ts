import { inspect } from 'node:util';
import {
  type ActiveSession,
  type Coordinator,
  type MemoryCoordinator,
  type RecordingError,
  checkActiveSession,
  checkCoordinatorKey,
  checkHandle,
  checkPriority,
  checkRequestsPerSecond,
  checkTask,
  checkTtlMs,
  coordinatorClosedError,
  createMemoryCoordinator,
  decodeOnceResult,
  isErrorKind,
  isRecordingError,
  VendorError,
} from '@unirec/core/adapter';
import { Redis } from 'ioredis';
import { BudgetQueue, type Reservation } from './budget-queue.js';
import {
  type RedisConnectionInput,
  type RedisCoordinatorOptions,
  type ResolvedRedisSettings,
  describeUrl,
  parseConnection,
  resolveSettings,
  urlSecrets,
} from './redis-config.js';
import { RedisConnection } from './redis-connection.js';
import { type KeySpace, createKeySpace } from './redis-keys.js';
import { onceAcrossProcesses } from './redis-once.js';
import { RESERVE_SLOT } from './redis-scripts.js';

/**
 * Ordinary callers may book a slot at most this far ahead (one interval, and never less than this
 * floor, so timer granularity cannot starve a fast budget). A priority caller books the next free
 * slot however far it is, so it waits at most about one horizon plus one interval.
 */
const HORIZON_FLOOR_US = 25_000;
/**
 * Slots are 5 % further apart than the budget, and a slot not used within STALE_AFTER_MS of its start
 * is given up (its waiter asks again). Requests thus leave in [slot, slot + 45 ms], and R + 1
 * consecutive slots span 1 000 ms × 1.05: no one-second window can hold more than the budget, even
 * when a busy process sends late. The budget is used at up to 95 %.
 */
const SPACING_MARGIN = 0.05;
/** 5 % of a second, less 5 ms for the error of mapping Redis TIME onto this process's clock */
const STALE_AFTER_MS = 1_000 * SPACING_MARGIN - 5;
const SESSION_SCAN_COUNT = 200;

/**
 * Maps Redis TIME onto this process's clock. Each reply gives `received - redisNow` = offset + the
 * reply's latency; the smallest recent value is the best estimate, so slot times keep Redis's spacing
 * instead of inheriting each reply's latency jitter (a slow reply would otherwise shorten the gap to
 * the next slot). Only the last 5–10 s of replies count, so clock drift cannot accumulate.
 */
class RedisClock {
  /** smallest offset seen in the current window and in the one before */
  #current = Number.POSITIVE_INFINITY;
  #previous = Number.POSITIVE_INFINITY;
  #windowStart = Number.NEGATIVE_INFINITY;

  toLocal(redisNowMs: number, receivedMs: number): number {
    if (receivedMs - this.#windowStart > 5_000) {
      this.#previous = this.#current;
      this.#current = Number.POSITIVE_INFINITY;
      this.#windowStart = receivedMs;
    }
    this.#current = Math.min(this.#current, receivedMs - redisNowMs);
    // received ≥ the moment Redis read its clock, so no estimate maps a slot earlier than it is
    return redisNowMs + Math.min(this.#current, this.#previous);
  }
}

/**
 * The Coordinator on Redis, for a fleet of app servers sharing one vendor account
 * (docs/fleet.md). `{ url }` makes a client that `close()` quits; `{ client }` uses an
 * app's ioredis `Redis` or `Cluster` and leaves it open.
 */
export function createRedisCoordinator(
  connection: RedisConnectionInput,
  options: RedisCoordinatorOptions = {},
): Coordinator {
  const input = parseConnection(connection);
  const settings = resolveSettings(options);
  if ('url' in input) {
    const url = new URL(input.url);
    const client = new Redis(input.url, {
      // A call never queues while disconnected (it fails fast or waits for the connection, bounded by
      // timeoutMs) and is never re-sent after a connection drop: a script may already have run.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: Math.max(settings.timeoutMs, 2_000),
      // Back quickly once Redis is back: reconnect after 50, 100, 200 … ms, at most 1 s apart.
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000),
    });
    const redis = new RedisConnection(client, {
      owned: true,
      timeoutMs: settings.timeoutMs,
      where: `at ${describeUrl(url)}`,
      secrets: urlSecrets(url),
    });
    return new RedisCoordinator(redis, settings);
  }
  const redis = new RedisConnection(input.client, {
    owned: false,
    timeoutMs: settings.timeoutMs,
    where: '(app client)',
    secrets: [],
  });
  return new RedisCoordinator(redis, settings);
}

class RedisCoordinator implements Coordinator {
  readonly #redis: RedisConnection;
  readonly #settings: ResolvedRedisSettings;
  readonly #keys: KeySpace;
  readonly #budgets = new Map<string, { queue: BudgetQueue; rate: number }>();
  readonly #onceRuns = new Map<string, Promise<string>>();
  #local: MemoryCoordinator | undefined;
  readonly #clock = new RedisClock();
  #seq = 0;
  #closed = false;
  #nextSweepAt = 0;

  constructor(redis: RedisConnection, settings: ResolvedRedisSettings) {
    this.#redis = redis;
    this.#settings = settings;
    this.#keys = createKeySpace(settings.prefix);
  }

  acquire(
    key: string,
    limit: { requestsPerSecond: number },
    options: { signal?: AbortSignal | undefined; priority?: number | undefined } = {},
  ): Promise<void> {
    const operation = 'coordinator.acquire';
    try {
      this.#assertOpen(operation);
      checkCoordinatorKey(operation, key);
      const rate = checkRequestsPerSecond(operation, limit);
      const priority = checkPriority(operation, options?.priority);
      this.#sweepBudgets();
      let budget = this.#budgets.get(key);
      if (!budget) {
        const entry = { queue: undefined as unknown as BudgetQueue, rate };
        entry.queue = new BudgetQueue({
          reserve: (headPriority) => this.#reserve(key, entry.rate, headPriority),
          failed: (error, waiters) => this.#budgetFailed(key, entry.rate, error, waiters),
          staleAfterMs: STALE_AFTER_MS,
        });
        budget = entry;
        this.#budgets.set(key, entry);
      }
      // The newest limit for a key applies from the next reservation on.
      budget.rate = rate;
      return budget.queue.enqueue(priority, this.#seq++, options?.signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async once<T>(key: string, ttlMs: number, task: () => Promise<T>): Promise<T> {
    const operation = 'coordinator.once';
    this.#assertOpen(operation);
    checkCoordinatorKey(operation, key);
    const ttl = checkTtlMs(operation, ttlMs);
    checkTask(operation, task);
    // Callers in this process share one run without asking Redis again (and get the same failure).
    let run = this.#onceRuns.get(key);
    if (!run) {
      const context = {
        connection: this.#redis,
        keys: this.#keys,
        leaseMs: this.#settings.onceLeaseMs,
        pollMs: this.#settings.oncePollMs,
        report: (error: RecordingError) => this.#report(error),
      };
      run = onceAcrossProcesses(context, key, ttl, async () => task());
      this.#onceRuns.set(key, run);
      run.then(
        () => this.#onceRuns.delete(key),
        () => this.#onceRuns.delete(key),
      );
    }
    return decodeOnceResult<T>(await run);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const operation = 'coordinator.claim';
    this.#assertOpen(operation);
    checkCoordinatorKey(operation, key);
    const ttl = checkTtlMs(operation, ttlMs);
    const reply = await this.#redis.command(operation, 'SET', [this.#keys.claim(key), '1', 'NX', 'PX', ttl]);
    return reply === 'OK';
  }

  readonly sessions = {
    add: async (entry: ActiveSession): Promise<void> => {
      const operation = 'coordinator.sessions.add';
      this.#assertOpen(operation);
      const session = checkActiveSession(operation, entry);
      await this.#redis.command(operation, 'HSET', [
        this.#keys.sessions(),
        session.handle,
        JSON.stringify(session),
      ]);
    },
    remove: async (handle: string): Promise<void> => {
      const operation = 'coordinator.sessions.remove';
      this.#assertOpen(operation);
      checkHandle(operation, handle);
      await this.#redis.command(operation, 'HDEL', [this.#keys.sessions(), handle]);
    },
    list: (): AsyncIterable<ActiveSession> => ({
      [Symbol.asyncIterator]: () => this.#listSessions(),
    }),
  };

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = coordinatorClosedError('coordinator.acquire');
    for (const { queue } of this.#budgets.values()) queue.close(error);
    this.#budgets.clear();
    await this.#local?.close();
    await this.#redis.close();
  }

  /** Shows the settings, never the client or its URL. */
  [inspect.custom](): string {
    const { prefix, timeoutMs, fallback } = this.#settings;
    return `RedisCoordinator ${inspect({ prefix, timeoutMs, fallback, closed: this.#closed })}`;
  }

  toJSON(): Record<string, unknown> {
    const { prefix, timeoutMs, fallback } = this.#settings;
    return { kind: 'RedisCoordinator', prefix, timeoutMs, fallback, closed: this.#closed };
  }

  async #reserve(key: string, rate: number, priority: number): Promise<Reservation> {
    const intervalUs = (1_000_000 / rate) * (1 + SPACING_MARGIN);
    const horizonUs = priority > 0 ? -1 : Math.max(intervalUs, HORIZON_FLOOR_US);
    const reply = (await this.#redis.script(
      'coordinator.acquire',
      RESERVE_SLOT,
      [this.#keys.rate(key)],
      [intervalUs.toFixed(3), horizonUs.toFixed(0)],
    )) as [number, number, number?];
    const received = performance.now();
    if (Number(reply[0]) !== 1) return { granted: false, retryAfterUs: Number(reply[1]) };
    const redisNowMs = Number(reply[2]) / 1000;
    const at = this.#clock.toLocal(redisNowMs, received) + Number(reply[1]) / 1000;
    return { granted: true, at, gapMs: intervalUs / 1000 };
  }

  #budgetFailed(
    key: string,
    rate: number,
    error: unknown,
    waiters: ReadonlyArray<{ priority: number; signal: AbortSignal | undefined }>,
  ): Array<Promise<void>> {
    const failure = this.#redis.toError('coordinator.acquire', error);
    const reachable = !isErrorKind(failure, 'network') && !isErrorKind(failure, 'timeout');
    if (this.#settings.fallback !== 'local' || reachable || this.#closed) {
      return waiters.map(() => Promise.reject(failure));
    }
    this.#report(failure);
    this.#local ??= createMemoryCoordinator();
    const local = this.#local;
    return waiters.map((w) =>
      local.acquire(key, { requestsPerSecond: rate }, { signal: w.signal, priority: w.priority }),
    );
  }

  async *#listSessions(): AsyncGenerator<ActiveSession> {
    const operation = 'coordinator.sessions.list';
    this.#assertOpen(operation);
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const reply = (await this.#redis.command(operation, 'HSCAN', [
        this.#keys.sessions(),
        cursor,
        'COUNT',
        SESSION_SCAN_COUNT,
      ])) as [string, string[]];
      cursor = String(reply[0]);
      const flat = reply[1] ?? [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const handle = String(flat[i]);
        // HSCAN may return an entry twice while the hash is resized.
        if (seen.has(handle)) continue;
        seen.add(handle);
        const session = this.#parseSession(String(flat[i + 1]));
        if (session) yield session;
      }
    } while (cursor !== '0');
  }

  #parseSession(text: string): ActiveSession | undefined {
    try {
      const raw = JSON.parse(text) as Record<string, unknown>;
      const entry = { ...raw, startedAt: new Date(String(raw.startedAt)) } as Record<string, unknown>;
      if (raw.deadline !== undefined) entry.deadline = new Date(String(raw.deadline));
      return checkActiveSession('coordinator.sessions.list', entry);
    } catch (error) {
      // Not written by this package (or by a newer one): skipped, and said so.
      this.#report(
        isRecordingError(error)
          ? error
          : new VendorError('Redis holds an unreadable entry in the session registry: skipped', {
              operation: 'coordinator.sessions.list',
            }),
      );
      return undefined;
    }
  }

  /** Keeps memory bounded by the budgets in use: idle ones are dropped, at most once a second. */
  #sweepBudgets(): void {
    const now = performance.now();
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + 1_000;
    for (const [key, budget] of this.#budgets) if (budget.queue.isIdle(now)) this.#budgets.delete(key);
  }

  #report(error: RecordingError): void {
    try {
      this.#settings.onError?.(error);
    } catch {
      // a throwing listener must not break the call that reported
    }
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw coordinatorClosedError(operation);
  }
}
