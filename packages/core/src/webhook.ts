import { WebhookVerificationError } from './errors.js';
import type { Vendor } from './types.js';

/** Shared pieces of the webhook receivers: header lookup, body decoding, timestamp windows. */

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** Header lookup ignoring case (node:http lower-cases names; frameworks may not). */
export function headerValue(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export function rawBodyText(rawBody: string | Uint8Array): string {
  if (typeof rawBody === 'string') return rawBody;
  if (rawBody instanceof Uint8Array) return new TextDecoder('utf-8', { fatal: false }).decode(rawBody);
  throw new TypeError('rawBody must be a string or bytes');
}

export function parseJsonBody(vendor: Vendor, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError(`${vendor} webhook: body is not JSON`, {
      vendor,
      operation: 'webhook',
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new WebhookVerificationError(`${vendor} webhook: body is not a JSON object`, {
      vendor,
      operation: 'webhook',
    });
  }
  return data as Record<string, unknown>;
}

/** Rejects a timestamp outside ±toleranceSec of now (replays, badly skewed senders). */
export function assertFreshTimestamp(
  vendor: Vendor,
  timestampMs: number,
  toleranceSec: number,
  nowMs: number,
): void {
  if (!Number.isFinite(timestampMs)) {
    throw new WebhookVerificationError(`${vendor} webhook: timestamp is missing or not a number`, {
      vendor,
      operation: 'webhook',
    });
  }
  if (Math.abs(nowMs - timestampMs) > toleranceSec * 1000) {
    throw new WebhookVerificationError(
      `${vendor} webhook: timestamp is outside the ${toleranceSec} s window`,
      {
        vendor,
        operation: 'webhook',
      },
    );
  }
}
