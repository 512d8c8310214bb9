import { raceAbort, sleep, throwIfAborted } from './abort.js';
import { TimeoutError, ValidationError } from './errors.js';
import type { CallOptions, RecordingProvider, RecordingState, RecordingStatus, SessionRef } from './types.js';

export interface WaitForStateOptions extends CallOptions {
  /** overall limit (default 60 000) */
  timeoutMs?: number;
  /** between queries (default 1 000) */
  intervalMs?: number;
  /** called with every status seen */
  onStatus?: (status: RecordingStatus) => void;
}

const TERMINAL: RecordingState[] = ['stopped', 'failed'];

/**
 * Queries until the session reaches `state` (or one of several). Agora's own advice: a start is
 * only confirmed once query reports it running. Throws TimeoutError when the time runs out and
 * AbortError as soon as `signal` aborts (between queries or during one). Reaching a terminal state
 * that was not asked for ('failed', 'stopped') resolves with that status at once, so callers can
 * tell "failed" from "slow".
 */
export async function waitForState(
  provider: RecordingProvider,
  session: SessionRef,
  state: RecordingState | RecordingState[],
  options: WaitForStateOptions = {},
): Promise<RecordingStatus> {
  const wanted = Array.isArray(state) ? state : [state];
  if (wanted.length === 0) {
    throw new ValidationError('waitForState needs a state', [
      { path: 'state', message: 'must not be empty' },
    ]);
  }
  const ctx = { vendor: provider.vendor, operation: 'waitForState' };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 1_000;
  const deadline = Date.now() + timeoutMs;
  const signal = options.signal;
  for (;;) {
    throwIfAborted(signal, ctx);
    const callOptions: CallOptions = {};
    if (signal) callOptions.signal = signal;
    if (options.maxRetries !== undefined) callOptions.maxRetries = options.maxRetries;
    const last = await withinDeadline(
      raceAbort(provider.query(session, callOptions), signal, ctx),
      deadline,
      timeoutMs,
      wanted,
      ctx,
    );
    options.onStatus?.(last);
    if (wanted.includes(last.state) || TERMINAL.includes(last.state)) return last;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(
        `waitForState: still '${last.state}' after ${timeoutMs} ms (wanted ${wanted.join(' | ')})`,
        {
          ...ctx,
          retryable: false,
        },
      );
    }
    await sleep(Math.min(intervalMs, remaining), signal, ctx);
  }
}

/** A query still running when the overall time is up ends the wait with TimeoutError all the same. */
function withinDeadline<T>(
  query: Promise<T>,
  deadline: number,
  timeoutMs: number,
  wanted: RecordingState[],
  ctx: { vendor: RecordingProvider['vendor']; operation: string },
): Promise<T> {
  const remaining = deadline - Date.now();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        reject(
          new TimeoutError(`waitForState: no answer within ${timeoutMs} ms (wanted ${wanted.join(' | ')})`, {
            ...ctx,
            retryable: false,
          }),
        );
      },
      Math.max(0, remaining),
    );
    query.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
