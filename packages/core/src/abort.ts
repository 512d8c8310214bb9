import { AbortError } from './errors.js';
import type { Vendor } from './types.js';

/**
 * Cancellation, one way everywhere: an aborted signal becomes AbortError (name 'AbortError',
 * cause = the signal's reason), never the HTTP library's CanceledError or a bare DOMException.
 */

export interface AbortContext {
  vendor?: Vendor | undefined;
  operation?: string | undefined;
}

export function abortError(signal: AbortSignal | undefined, ctx: AbortContext = {}): AbortError {
  const what = ctx.operation ? `${ctx.vendor ? `${ctx.vendor} ` : ''}${ctx.operation}` : 'the call';
  return new AbortError(`${what} was aborted by its signal`, {
    vendor: ctx.vendor,
    operation: ctx.operation,
    reason: signal?.reason,
  });
}

export function throwIfAborted(signal: AbortSignal | undefined, ctx: AbortContext = {}): void {
  if (signal?.aborted) throw abortError(signal, ctx);
}

/**
 * Settles with `promise`, or rejects with AbortError as soon as `signal` aborts (the promise goes
 * on; its later outcome is ignored here, so the caller must handle it if it matters).
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  ctx: AbortContext = {},
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortError(signal, ctx));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, ctx));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** setTimeout as a promise that rejects with AbortError when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal, ctx: AbortContext = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, ctx));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal, ctx));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
