// Interim version: replaced by the full memory coordinator (wt-redis branch).
import { RateLimiter } from '../transport/rate-limiter.js';
import type { ActiveSession, Coordinator } from './types.js';

export function createMemoryCoordinator(): Coordinator {
  const limiters = new Map<string, RateLimiter>();
  const results = new Map<string, { value: unknown; expires: number }>();
  const running = new Map<string, Promise<unknown>>();
  const claims = new Map<string, number>();
  const sessions = new Map<string, ActiveSession>();
  return {
    acquire(key, limit, options = {}) {
      let limiter = limiters.get(`${key}\n${limit.requestsPerSecond}`);
      if (!limiter) {
        limiter = new RateLimiter({ requestsPerSecond: limit.requestsPerSecond });
        limiters.set(`${key}\n${limit.requestsPerSecond}`, limiter);
      }
      return limiter.acquire(key, { priority: options.priority, signal: options.signal });
    },
    async once<T>(key: string, ttlMs: number, task: () => Promise<T>): Promise<T> {
      const cached = results.get(key);
      if (cached && cached.expires > Date.now()) return JSON.parse(JSON.stringify(cached.value)) as T;
      const current = running.get(key);
      if (current) return JSON.parse(JSON.stringify(await current)) as T;
      const run = task();
      running.set(key, run);
      try {
        const value = await run;
        results.set(key, { value, expires: Date.now() + ttlMs });
        return JSON.parse(JSON.stringify(value)) as T;
      } finally {
        running.delete(key);
      }
    },
    async claim(key, ttlMs) {
      const now = Date.now();
      const until = claims.get(key);
      if (until !== undefined && until > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    sessions: {
      async add(entry) {
        sessions.set(entry.handle, { ...entry });
      },
      async remove(handle) {
        sessions.delete(handle);
      },
      async *list() {
        for (const entry of [...sessions.values()]) yield { ...entry };
      },
    },
    async close() {},
  };
}
