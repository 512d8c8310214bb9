import type { RecordingError } from '../errors.js';
import type { Vendor } from '../types.js';

/** Receives only redacted data. Any console-like object fits. */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

export interface RequestInfo {
  vendor: Vendor;
  operation: string;
  method: string;
  /** redacted */
  url: string;
  /** redacted */
  headers: Record<string, string>;
  /** redacted */
  body: unknown;
  attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  status: number;
  requestId: string | undefined;
  durationMs: number;
  /** redacted */
  responseBody: unknown;
}

export interface RetryInfo {
  vendor: Vendor;
  operation: string;
  attempt: number;
  delayMs: number;
  error: RecordingError;
  /** host the next attempt goes to (changes on a domain fallback) */
  nextBaseUrl: string;
}

export interface Hooks {
  onRequest?(info: RequestInfo): void | Promise<void>;
  onResponse?(info: ResponseInfo): void | Promise<void>;
  onRetry?(info: RetryInfo): void | Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** parsed JSON, or undefined when the body was empty */
  data: unknown;
  /** the body as text, when it was not JSON */
  text: string;
  /** true when a non-empty body failed to parse as JSON */
  malformed: boolean;
}

export interface TransportRequest {
  operation: string;
  method: 'GET' | 'POST';
  /** appended to the base URL */
  path: string;
  /** query parameters; a function is called again on every attempt (fresh signatures, nonces) */
  query?: Record<string, string | number> | (() => Record<string, string | number>);
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: unknown;
  /** rate-limit budget within the vendor account (ZEGO: the Action); default: the account's one budget */
  rateLimitKey?: string;
  /** served before other waiting requests of the same budget */
  priority?: number;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * This request creates something at the vendor (a recording). Once it has been sent, the signal no
   * longer cancels it: it runs to its end (retries included) so that its outcome is known, and the
   * caller, which answered its own caller with AbortError already, can clean up.
   */
  commits?: boolean;
  /** extra strings to scrub from logs and errors for this call (e.g. storage keys) */
  secrets?: Array<string | undefined>;
}

/** What an interpreter may use besides the response: scrubs known secrets from vendor text. */
export interface InterpretContext {
  scrub(text: string): string;
  /** 1 for the first attempt */
  attempt: number;
  /**
   * An earlier attempt of this call may have been carried out by the vendor although its answer never
   * arrived (a timeout or dropped connection after sending, an unreadable 2xx, a 5xx): an "already
   * done" answer now most likely means this call did it. False after refusals (a vendor code, 429).
   */
  earlierAttemptMayHaveActed: boolean;
}

/** The adapter's reading of a response: a value, or the error it means (with `retryable` set). */
export type Interpretation<T> = { ok: true; value: T } | { ok: false; error: RecordingError };
