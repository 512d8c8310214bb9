import {
  createRecordingError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  type RawResponse,
  type RecordingError,
  type RecordingErrorOptions,
  VendorError,
  isRecordingError,
} from '@unirec/core';
import { agoraErrorBodySchema } from './agora-schemas.js';

/** Agora's operations as the client names them (also the `operation` of every error). */
export type AgoraOperation = 'acquire' | 'start' | 'update' | 'updateLayout' | 'query' | 'stop';

type Kind = 'validation' | 'conflict' | 'not_found' | 'authentication' | 'rate_limit' | 'vendor';

interface AgoraErrorRule {
  kind: Kind;
  meaning: string;
  /** retried by the transport (same request) on these operations; `true`: on every operation */
  retry: boolean | AgoraOperation[];
  /** on start: the resource is spent, so the provider starts over with a new acquire */
  reacquire?: boolean;
  retryAfterMs?: number;
}

/**
 * Agora error codes (body `code`) → error class and retry advice. Source: shared/VENDORS.md § Agora
 * "Error codes", read from Agora's response-code reference (AgoraIO/Docs-Source
 * cloud-recording/rest-api) and integration best practices. Never retry 40x.
 */
export const AGORA_ERROR_CODES: Readonly<Record<number, AgoraErrorRule>> = {
  2: { kind: 'validation', meaning: 'invalid parameter', retry: false },
  7: { kind: 'conflict', meaning: 'the recording was already started with this resource', retry: false },
  8: { kind: 'vendor', meaning: 'invalid HTTP header, path, method or JSON body', retry: false },
  49: { kind: 'not_found', meaning: 'the recording task is already exiting', retry: false },
  53: {
    kind: 'conflict',
    meaning: 'a recording with the same cname and uid is already running (use another recorder uid)',
    retry: false,
  },
  // On acquire 62 means the Cloud Recording service is not enabled for the App ID: retrying cannot help.
  62: {
    kind: 'vendor',
    meaning: 'request timed out (on acquire: Cloud Recording is not enabled for this App ID)',
    // On start the resource is spent: a fresh acquire + start (reacquire), not the same request again.
    retry: ['update', 'updateLayout', 'query', 'stop'],
    reacquire: true,
  },
  65: {
    kind: 'vendor',
    meaning: 'the recording backend did not answer in time',
    retry: true,
    retryAfterMs: 3000,
  },
  109: { kind: 'authentication', meaning: 'the RTC token has expired', retry: false },
  110: { kind: 'authentication', meaning: 'the RTC token is invalid', retry: false },
  400: { kind: 'authentication', meaning: 'invalid App ID', retry: false },
  401: { kind: 'validation', meaning: 'invalid channel name', retry: false },
  404: {
    kind: 'not_found',
    meaning: 'no recording worker found: the session is over (or failing over, 30–60 s)',
    retry: false,
  },
  405: { kind: 'authentication', meaning: 'the account is not active', retry: false },
  // Concurrency quota: waiting milliseconds will not free it; the caller tries later.
  406: { kind: 'rate_limit', meaning: 'concurrent recordings over the limit', retry: false },
  432: { kind: 'validation', meaning: 'the request parameters do not match the resource', retry: false },
  433: { kind: 'vendor', meaning: 'the resource has expired', retry: false, reacquire: true },
  435: { kind: 'vendor', meaning: 'nothing was recorded', retry: false },
  500: { kind: 'vendor', meaning: 'internal error', retry: true },
  501: { kind: 'vendor', meaning: 'no worker manager available', retry: true },
  502: {
    kind: 'vendor',
    meaning: 'failed to allocate a recording worker',
    retry: ['acquire', 'update', 'updateLayout', 'query', 'stop'],
    reacquire: true,
  },
  504: { kind: 'vendor', meaning: 'worker allocation timed out', retry: true },
  1001: { kind: 'not_found', meaning: 'the resource id could not be resolved', retry: false },
  1003: { kind: 'not_found', meaning: 'the App ID does not match the sid', retry: false },
  1013: { kind: 'validation', meaning: 'invalid channel name', retry: false },
  1028: { kind: 'validation', meaning: 'invalid updateLayout request body', retry: false },
};

/** The neutral field an Agora validation code is about, for ValidationError.issues. */
const CODE_FIELD: Readonly<Record<number, string>> = { 401: 'room', 1013: 'room', 1028: 'layout' };

export interface AgoraErrorContext {
  operation: AgoraOperation;
  /** scrubs secrets from vendor text (Agora may echo parts of the request in `reason`) */
  scrub: (text: string) => string;
}

/** Reads an Agora error code from a response body, if there is one. */
export function agoraCode(raw: RawResponse): number | undefined {
  const parsed = agoraErrorBodySchema.safeParse(raw.data);
  return parsed.success ? parsed.data.code : undefined;
}

/** Builds the error an Agora answer means (body code first; gateway answers carry none). */
export function agoraError(raw: RawResponse, ctx: AgoraErrorContext): RecordingError {
  const { operation } = ctx;
  const parsed = agoraErrorBodySchema.safeParse(raw.data);
  const body = parsed.success ? parsed.data : {};
  const reasonText = body.reason ?? body.message;
  const reason = reasonText ? `: ${ctx.scrub(reasonText).slice(0, 300)}` : '';
  const base: RecordingErrorOptions = {
    vendor: 'agora',
    operation,
    httpStatus: raw.status,
    requestId: raw.headers['x-request-id'],
  };

  const code = body.code;
  const rule = code !== undefined ? AGORA_ERROR_CODES[code] : undefined;
  if (code !== undefined && rule) {
    const retryable = rule.retry === true || (Array.isArray(rule.retry) && rule.retry.includes(operation));
    const options = {
      ...base,
      vendorCode: code,
      retryable,
      retryAfterMs: retryable ? rule.retryAfterMs : undefined,
    };
    const message = `Agora ${operation} failed: ${rule.meaning} (code ${code}, HTTP ${raw.status})${reason}`;
    return createRecordingError(rule.kind, message, options, {
      path: CODE_FIELD[code] ?? '(request)',
      message,
    });
  }

  // No known code: the API gateway (VENDORS.md "Errors without a code come from the gateway").
  const options = { ...base, vendorCode: code };
  const what = code !== undefined ? `code ${code}, HTTP ${raw.status}` : `HTTP ${raw.status}`;
  if (raw.status === 401 || raw.status === 403) {
    return new AuthenticationError(
      `Agora ${operation} failed: the customer ID / secret were refused (${what})${reason}`,
      options,
    );
  }
  if (raw.status === 429)
    return new RateLimitError(`Agora ${operation} failed: rate limit exceeded (${what})${reason}`, options);
  if (raw.status === 404)
    return new NotFoundError(`Agora ${operation} failed: not found (${what})${reason}`, options);
  return new VendorError(`Agora ${operation} failed (${what})${reason}`, {
    ...options,
    retryable: raw.status >= 500,
  });
}

/** A start error after which the resource is spent and a fresh acquire + start is Agora's advice. */
export function needsReacquire(error: unknown): boolean {
  if (!isRecordingError(error) || error.operation !== 'start' || typeof error.vendorCode !== 'number')
    return false;
  return AGORA_ERROR_CODES[error.vendorCode]?.reacquire === true;
}

/** True for a 2xx answer whose body carries no Agora error code (HTTP 200 is success). */
export function isAgoraSuccess(raw: RawResponse): boolean {
  if (raw.status < 200 || raw.status >= 300) return false;
  const code = agoraCode(raw);
  return (
    code === undefined ||
    code === 0 ||
    code === 200 ||
    (raw.status === 200 && AGORA_ERROR_CODES[code] === undefined)
  );
}
