import { ValidationError, WebhookVerificationError, isRecordingError } from './errors.js';
import type { RecordingEvent, Vendor, WebhookReceiver } from './types.js';

/**
 * Shared pieces of the webhook receivers: the raw-body rule, the size cap, header lookup, JSON
 * parsing, timestamp windows, and the guarantee that `receive` throws nothing but
 * WebhookVerificationError.
 */

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** Default cap of a callback body, checked before any parsing or hashing. */
export const DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** The largest body cap a receiver accepts (a bigger one would let a forged body exhaust memory). */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Checks the options every receiver shares: `maxBodyBytes` an integer in [1, 64 MiB] and
 * `toleranceSec` a positive finite number (or `false` where the vendor allows it). NaN from an unset
 * environment variable must not turn a check off silently. Returns the values with their defaults.
 */
export function webhookLimits(
  vendor: Vendor,
  options: { maxBodyBytes?: unknown; toleranceSec?: unknown },
  defaults: { toleranceSec: number; allowNoTolerance?: boolean },
): { maxBodyBytes: number; toleranceSec: number | false } {
  const issues: Array<{ path: string; message: string }> = [];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BODY_BYTES;
  if (
    typeof maxBodyBytes !== 'number' ||
    !Number.isInteger(maxBodyBytes) ||
    maxBodyBytes < 1 ||
    maxBodyBytes > MAX_WEBHOOK_BODY_BYTES
  ) {
    issues.push({
      path: 'maxBodyBytes',
      message: `must be an integer number of bytes in [1, ${MAX_WEBHOOK_BODY_BYTES}]`,
    });
  }
  const toleranceSec = options.toleranceSec ?? defaults.toleranceSec;
  const noTolerance = toleranceSec === false && defaults.allowNoTolerance === true;
  if (
    !noTolerance &&
    !(typeof toleranceSec === 'number' && Number.isFinite(toleranceSec) && toleranceSec > 0)
  ) {
    issues.push({
      path: 'toleranceSec',
      message: `must be a positive number of seconds${defaults.allowNoTolerance ? ', or false' : ''}`,
    });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid ${vendor} webhook options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
      { vendor, operation: 'webhook' },
    );
  }
  return { maxBodyBytes: maxBodyBytes as number, toleranceSec: toleranceSec as number | false };
}

function fail(vendor: Vendor, message: string): WebhookVerificationError {
  return new WebhookVerificationError(`${vendor} webhook: ${message}`, { vendor, operation: 'webhook' });
}

/** Header lookup ignoring case (node:http lower-cases names; frameworks may not). Non-strings are absent. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  // A Fetch Headers object (Request.headers in fetch-style frameworks)
  if (
    typeof (headers as { get?: unknown }).get === 'function' &&
    typeof (headers as { has?: unknown }).has === 'function'
  ) {
    try {
      const value = (headers as { get(name: string): unknown }).get(name);
      return typeof value === 'string' ? value.split(',')[0]!.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

export interface WebhookBody {
  text: string;
  /** the exact bytes received (signatures are over these) */
  bytes: Uint8Array;
}

/**
 * The body exactly as received. A parsed object (express.json(), fastify's default parser) cannot
 * be verified: the bytes that were signed are gone.
 */
export function readWebhookBody(
  vendor: Vendor,
  rawBody: unknown,
  maxBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES,
): WebhookBody {
  if (typeof rawBody === 'string') {
    // Cheap bound first: every UTF-16 unit is at least one byte.
    if (rawBody.length > maxBodyBytes || Buffer.byteLength(rawBody, 'utf8') > maxBodyBytes) {
      throw fail(vendor, `body is larger than maxBodyBytes (${maxBodyBytes})`);
    }
    return { text: rawBody, bytes: Buffer.from(rawBody, 'utf8') };
  }
  if (rawBody instanceof ArrayBuffer) rawBody = new Uint8Array(rawBody);
  if (rawBody instanceof Uint8Array) {
    if (rawBody.byteLength > maxBodyBytes)
      throw fail(vendor, `body is larger than maxBodyBytes (${maxBodyBytes})`);
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(rawBody), bytes: rawBody };
  }
  const what =
    rawBody === null
      ? 'null'
      : Array.isArray(rawBody)
        ? 'an array'
        : typeof rawBody === 'object'
          ? 'a parsed object'
          : typeof rawBody;
  throw fail(
    vendor,
    `the body must be the raw request body (a string or bytes), got ${what}: pass the raw body (express.raw(), fastify's parseAs 'buffer'), not parsed JSON`,
  );
}

/** @deprecated use readWebhookBody: kept for adapters that only need the text */
export function rawBodyText(rawBody: string | Uint8Array): string {
  return typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: false }).decode(rawBody);
}

export function parseJsonBody(vendor: Vendor, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw fail(vendor, 'body is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw fail(vendor, 'body is not a JSON object');
  return data as Record<string, unknown>;
}

/** Rejects a timestamp outside ±toleranceSec of now (replays, badly skewed senders). */
export function assertFreshTimestamp(
  vendor: Vendor,
  timestampMs: number,
  toleranceSec: number,
  nowMs: number,
): void {
  if (!Number.isFinite(timestampMs)) throw fail(vendor, 'timestamp is missing or not a number');
  if (Math.abs(nowMs - timestampMs) > toleranceSec * 1000) {
    throw fail(vendor, `timestamp is outside the ${toleranceSec} s window`);
  }
}

/** A query parameter of a request URL ('/hook?token=…' or absolute); undefined when absent. */
export function queryParam(requestUrl: unknown, name: string): string | undefined {
  if (typeof requestUrl !== 'string' || requestUrl.length > 16_384) return undefined;
  try {
    return new URL(requestUrl, 'http://localhost').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps a vendor's receive so that it throws nothing but WebhookVerificationError: a body that
 * passed verification but is not the vendor's format is a verification failure too.
 */
export function defineWebhookReceiver(
  vendor: Vendor,
  receive: (rawBody: unknown, headers: unknown, requestUrl: unknown) => RecordingEvent,
): WebhookReceiver {
  return {
    receive(rawBody, headers, requestUrl) {
      try {
        return receive(rawBody, headers, requestUrl);
      } catch (error) {
        if (isRecordingError(error) && error.kind === 'webhook_verification') throw error;
        throw fail(vendor, "body is not a callback in the vendor's format");
      }
    },
  };
}
