import type { SimClock } from './types.js';

/** A clock that only moves when told to: makes lifecycles, expiry and rate limits testable without sleeping. */
export interface ManualClock extends SimClock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

export const systemClock: SimClock = { now: () => Date.now() };

/**
 * `start` defaults to the real current time (not a fixed date) so that vendors checking request
 * timestamps against the simulator clock (ZEGO signs with Unix seconds, ±10 min) still accept
 * clients that sign with their own real clock.
 */
export function createManualClock(start: number = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('advance(ms) needs a finite, non-negative number');
      current += ms;
    },
    set(epochMs: number) {
      if (!Number.isFinite(epochMs)) throw new RangeError('set(epochMs) needs a finite number');
      current = epochMs;
    },
  };
}

export function isManualClock(clock: SimClock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advance === 'function';
}
