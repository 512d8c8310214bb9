import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  type RecordingError,
  type RecordingErrorOptions,
  TimeoutError,
  VendorError,
  createRecordingError,
} from '../errors.js';
import { malformedResponseError } from '../transport/transport.js';
import type { InterpretContext, Interpretation, RawResponse } from '../transport/types.js';
import type { Vendor } from '../types.js';
import { type Schema, formatPath } from '../validation.js';
import type { VendorCodeTable } from './code-table.js';

/**
 * Errors, once: every vendor response is read here. An adapter says how to read its envelope (code,
 * message, request id) and hands over its code table; core owns the success test, the HTTP
 * fallbacks (401/403, 404, 408, 429, 5xx), malformed and unexpected bodies, and Retry-After.
 */

export interface VendorEnvelope {
  /** the vendor's result code, when the body has one */
  code?: number | undefined;
  /** the vendor's own words */
  message?: string | undefined;
  /** the vendor's id of this request (Agora X-Request-ID, ZEGO RequestId, JOCloud traceId) */
  requestId?: string | undefined;
}

export interface ResponseReader {
  vendor: Vendor;
  /** the vendor as users know it: 'Agora', 'ZEGOCLOUD', 'JOCloud' */
  vendorName: string;
  codes: VendorCodeTable;
  /** reads code, message and request id from any response (never throws) */
  readEnvelope(raw: RawResponse): VendorEnvelope;
  /** success test; default: HTTP 2xx and no code or code 0 */
  isSuccess?(envelope: VendorEnvelope, raw: RawResponse): boolean;
  /** what to check when the credentials are refused (added to AuthenticationError messages) */
  authenticationHint?: string;
}

export interface ReadOptions<S, T = S> {
  operation: string;
  /** schema of the successful body (or of what `select` returns); omitted: the body as is */
  schema?: Schema<S> | undefined;
  /** picks the part of a successful body the schema checks (ZEGO: `Data`) */
  select?: (data: unknown) => unknown;
  /** turns the checked body into the value the operation returns */
  map?: (value: S) => T;
  /**
   * An answer that is an expected outcome of this operation although the vendor calls it an error
   * (Agora stop code 49, ZEGO StopRecord 300001001): return the value to resolve with, or undefined.
   */
  expected?: (envelope: VendorEnvelope, raw: RawResponse) => T | undefined;
}

/** The longest wait a Retry-After header may impose before a retry (longer hints are capped). */
export const MAX_RETRY_AFTER_MS = 60_000;

export interface ResponseInterpreter {
  read<S, T = S>(raw: RawResponse, context: InterpretContext, options: ReadOptions<S, T>): Interpretation<T>;
  /** the error a non-successful response means */
  errorFor(raw: RawResponse, context: InterpretContext, operation: string): RecordingError;
}

export function createResponseInterpreter(reader: ResponseReader): ResponseInterpreter {
  const name = reader.vendorName;
  const isSuccess =
    reader.isSuccess ??
    ((envelope: VendorEnvelope, raw: RawResponse) =>
      raw.status >= 200 && raw.status < 300 && (envelope.code === undefined || envelope.code === 0));

  function baseOptions(raw: RawResponse, envelope: VendorEnvelope, operation: string): RecordingErrorOptions {
    return { vendor: reader.vendor, operation, httpStatus: raw.status, requestId: envelope.requestId };
  }

  function errorFor(raw: RawResponse, context: InterpretContext, operation: string): RecordingError {
    const envelope = safeEnvelope(reader, raw);
    const said = envelope.message ? `: ${context.scrub(envelope.message).slice(0, 300)}` : '';
    const options = baseOptions(raw, envelope, operation);
    const requestId = envelope.requestId ? `, request id ${envelope.requestId}` : '';
    const retryAfterMs = readRetryAfter(raw.headers);
    const code = envelope.code;
    const rule = code !== undefined ? reader.codes[code] : undefined;
    if (code !== undefined && rule) {
      const retryable = rule.retry === true || (Array.isArray(rule.retry) && rule.retry.includes(operation));
      const hint =
        rule.kind === 'authentication' && reader.authenticationHint ? ` (${reader.authenticationHint})` : '';
      const message = `${name} ${operation} failed: ${rule.meaning}${hint} (code ${code}, HTTP ${raw.status}${requestId})${said}`;
      return createRecordingError(
        rule.kind,
        message,
        {
          ...options,
          vendorCode: code,
          retryable,
          retryAfterMs: retryable ? maxDefined(retryAfterMs, rule.retryAfterMs) : undefined,
        },
        {
          path: rule.field ?? '(request)',
          message: envelope.message ? context.scrub(envelope.message).slice(0, 300) : rule.meaning,
        },
      );
    }
    // No known code: read the HTTP status (a gateway, a proxy, or a code this table does not know).
    const what =
      code !== undefined ? `code ${code}, HTTP ${raw.status}${requestId}` : `HTTP ${raw.status}${requestId}`;
    const withCode = { ...options, vendorCode: code };
    const status = raw.status;
    if (status === 401 || status === 403) {
      const hint = reader.authenticationHint ? `: ${reader.authenticationHint}` : '';
      return new AuthenticationError(
        `${name} ${operation} failed: the credentials were refused (${what})${hint}${said}`,
        withCode,
      );
    }
    if (status === 429) {
      return new RateLimitError(`${name} ${operation} failed: rate limit exceeded (${what})${said}`, {
        ...withCode,
        retryAfterMs,
      });
    }
    if (status === 408) {
      return new TimeoutError(`${name} ${operation} failed: the vendor timed out (${what})${said}`, {
        ...withCode,
        retryAfterMs,
      });
    }
    if (status === 404 && code === undefined) {
      return new NotFoundError(`${name} ${operation} failed: not found (${what})${said}`, withCode);
    }
    const retryable = status >= 500 || status === 0;
    return new VendorError(
      `${name} ${operation} failed${code !== undefined ? ' with an unknown code' : ''} (${what})${said}`,
      { ...withCode, retryable, retryAfterMs: retryable ? retryAfterMs : undefined },
    );
  }

  function read<S, T = S>(
    raw: RawResponse,
    context: InterpretContext,
    options: ReadOptions<S, T>,
  ): Interpretation<T> {
    const { operation } = options;
    if (raw.malformed) {
      if (raw.status >= 200 && raw.status < 300) {
        return {
          ok: false,
          error: malformedResponseError(reader.vendor, operation, raw, safeEnvelope(reader, raw).requestId),
        };
      }
      return { ok: false, error: errorFor(raw, context, operation) };
    }
    const envelope = safeEnvelope(reader, raw);
    if (!isSuccess(envelope, raw)) {
      const value = options.expected?.(envelope, raw);
      if (value !== undefined) return { ok: true, value };
      return { ok: false, error: errorFor(raw, context, operation) };
    }
    const selected = options.select ? options.select(raw.data) : raw.data;
    const done = (value: S): Interpretation<T> => ({
      ok: true,
      value: options.map ? options.map(value) : (value as unknown as T),
    });
    if (!options.schema) return done(selected as S);
    const parsed = options.schema.safeParse(selected);
    if (parsed.success) return done(parsed.data);
    const fields = [...new Set(parsed.error.issues.map((i) => formatPath(i.path, 'body')))]
      .slice(0, 5)
      .join(', ');
    return {
      ok: false,
      error: new VendorError(
        `${name} ${operation}: unexpected response shape (${fields}) (HTTP ${raw.status}${envelope.requestId ? `, request id ${envelope.requestId}` : ''})`,
        baseOptions(raw, envelope, operation),
      ),
    };
  }

  return { read, errorFor };
}

function safeEnvelope(reader: ResponseReader, raw: RawResponse): VendorEnvelope {
  try {
    const envelope = reader.readEnvelope(raw);
    const code =
      typeof envelope.code === 'number' && Number.isFinite(envelope.code) ? envelope.code : undefined;
    const message = typeof envelope.message === 'string' ? envelope.message : undefined;
    const requestId =
      typeof envelope.requestId === 'string' && envelope.requestId.length <= 256
        ? envelope.requestId
        : undefined;
    return { code, message, requestId };
  } catch {
    return {};
  }
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/**
 * `retry-after-ms` (milliseconds, as openai-node reads it) or `retry-after` (seconds or an HTTP
 * date), capped at MAX_RETRY_AFTER_MS; undefined when absent or unreadable.
 */
export function readRetryAfter(headers: Record<string, string>, now = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  let value: number | undefined;
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) value = Number(ms);
  const after = headers['retry-after'];
  if (value === undefined && after !== undefined) {
    const text = after.trim();
    if (/^\d+(\.\d+)?$/.test(text)) value = Number(text) * 1000;
    else {
      const date = Date.parse(text);
      if (Number.isFinite(date)) value = Math.max(0, date - now);
    }
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(value)));
}

/** Reads a numeric code that a vendor may send as a number or a decimal string. */
export function numericCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/** A string field of a body object, if the body is an object and the field a string. */
export function stringField(data: unknown, key: string): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
