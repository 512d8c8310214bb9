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
 * only confirmed once query reports it running. Throws TimeoutError when the time runs out.
 * Reaching a terminal state that was not asked for ('failed', 'stopped') resolves with that status
 * at once, so callers can tell "failed" from "slow".
 */
export async function waitForState(
  provider: RecordingProvider,
  session: SessionRef,
  state: RecordingState | RecordingState[],
  options: WaitForStateOptions = {},
): Promise<RecordingStatus> {
  const wanted = Array.isArray(state) ? state : [state];
  if (wanted.length === 0)
    throw new ValidationError('waitForState needs a state', [
      { path: 'state', message: 'must not be empty' },
    ]);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 1_000;
  const deadline = Date.now() + timeoutMs;
  let last: RecordingStatus | undefined;
  for (;;) {
    const callOptions: CallOptions = {};
    if (options.signal) callOptions.signal = options.signal;
    if (options.maxRetries !== undefined) callOptions.maxRetries = options.maxRetries;
    last = await provider.query(session, callOptions);
    options.onStatus?.(last);
    if (wanted.includes(last.state)) return last;
    if (TERMINAL.includes(last.state)) return last;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(
        `waitForState: still '${last.state}' after ${timeoutMs} ms (wanted ${wanted.join(' | ')})`,
        {
          vendor: provider.vendor,
          operation: 'waitForState',
          retryable: false,
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)));
    if (options.signal?.aborted) throw options.signal.reason;
  }
}
