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
  /** rate-limit bucket (default 'default') */
  rateLimitKey?: string;
  /** served before other waiting requests of the same bucket */
  priority?: number;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  signal?: AbortSignal | undefined;
  /** extra strings to scrub from logs and errors for this call (e.g. storage keys) */
  secrets?: Array<string | undefined>;
}

/** The adapter's reading of a response: a value, or the error it means (with `retryable` set). */
export type Interpretation<T> = { ok: true; value: T } | { ok: false; error: RecordingError };
