import type {
  RecordingEvent,
  RecordingEventType,
  RecordingState,
  WebhookHeaders,
  WebhookReceiver,
} from '@unirec/core';
import {
  ValidationError,
  WebhookVerificationError,
  assertFreshTimestamp,
  defineWebhookReceiver,
  isPlainObject,
  parseJsonBody,
  readWebhookBody,
  sha1Hex,
  timingSafeEqual,
  webhookLimits,
} from '@unirec/core/adapter';
import { fromFileInfo, toRecordingFile } from './map-zego-response.js';

/**
 * ZEGO recording-status callbacks (ZEGOCLOUD docs recording-status-callback; the vendor notes (docs/vendors/sources.md)
 * "Callbacks"). POST JSON `{app_id, task_id, room_id, event_type, message, nonce, timestamp,
 * signature, sequence, detail}`; signature = sha1(sorted [callbackSecret, timestamp, nonce] joined),
 * lowercase hex. The signature travels in the body, so headers are not needed.
 *
 * ZEGO's signature covers only the secret, timestamp and nonce — not the body: a captured callback's
 * signature fields can be replayed with an edited body (another file_url, another event_type) within
 * the timestamp window. docs/vendors/zego.md says what to do: HTTPS, an IP allowlist, and
 * `provider.confirmEvent(event)` (DescribeRecordStatus) before acting on a file.
 */

export interface ZegoWebhookOptions {
  /** CallbackSecret from the ZEGOCLOUD console */
  callbackSecret: string;
  /**
   * accepted clock difference of `timestamp`, seconds (default 300). `false` disables the check and
   * is UNSAFE: any callback ever captured then verifies forever (replays).
   */
  toleranceSec?: number | false;
  /** larger bodies are refused before any parsing or hashing (default 1 MiB) */
  maxBodyBytes?: number;
  /** clock, replaceable in tests */
  now?: () => number;
}

/** A RecordingEvent with ZEGO's extra facts when the event has them. */
export interface ZegoRecordingEvent extends RecordingEvent {
  /** recording.failed: detail.quit_reason (its meaning is in `reason`) */
  quitReason?: number;
}

const DEFAULT_TOLERANCE_SEC = 300;

/** event_type → neutral event (and state for status events). Unknown types → vendor.other. */
export const ZEGO_EVENTS: Record<
  number,
  { type: RecordingEventType; state?: RecordingState; meaning: string }
> = {
  1: { type: 'recording.file_uploaded', meaning: 'recording file upload result' },
  2: { type: 'recording.failed', state: 'failed', meaning: 'recording task ended abnormally' },
  3: { type: 'recording.warning', meaning: 'a background or watermark image failed to download' },
  4: { type: 'recording.warning', meaning: 'the room has no streams' },
  5: { type: 'recording.stopped', state: 'stopped', meaning: 'recording ended normally' },
  6: { type: 'recording.warning', meaning: 'a stream to record does not exist' },
  7: { type: 'recording.status', state: 'stopping', meaning: 'recording stopped, files uploading' },
  102: { type: 'recording.status', state: 'recording', meaning: 'real-time HLS playlist address' },
  201: { type: 'recording.status', state: 'paused', meaning: 'recording paused' },
  202: { type: 'recording.status', state: 'recording', meaning: 'recording resumed' },
};

/** detail.quit_reason of event_type 2. */
export const ZEGO_QUIT_REASONS: Record<number, string> = {
  1: 'failed to start the recording service',
  2: 'failed to log in to the room',
  3: 'no stream or whiteboard in the room for longer than MaxIdleTime',
  4: 'the recording reached MaxRecordTime',
  5: 'failed to start the recording engine',
  6: 'the recording service was disconnected',
  1001: 'unknown recording error',
  1002: 'the recording file name is too long',
  1003: 'failed to open the recording file',
  1004: 'not enough storage space on the recording service',
  1005: 'failed to initialise the recording engine',
  1006: 'failed to write the file header',
  1007: 'EBADF while writing the file',
  1008: 'EIO while writing the file',
  1009: 'internal channel error',
  1010: 'recording file format not supported',
  1011: 'illegal recording state',
};

export function zegoCallbackSignature(callbackSecret: string, timestamp: string, nonce: string): string {
  return sha1Hex([callbackSecret, timestamp, nonce].sort().join(''));
}

function fail(message: string): never {
  throw new WebhookVerificationError(`zego webhook: ${message}`, { vendor: 'zego', operation: 'webhook' });
}

/** A string field of the callback, as ZEGO's senders write it (strings; numbers tolerated). */

/** ZEGO sends nonce and timestamp as strings; numbers are tolerated (their PHP sample casts freely). */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A WebhookReceiver whose events carry ZEGO's extra facts; ZEGO signs the body, so headers are optional. */
export interface ZegoWebhookReceiver extends WebhookReceiver {
  receive(rawBody: string | Uint8Array, headers?: WebhookHeaders, requestUrl?: string): ZegoRecordingEvent;
}

export function createZegoWebhookReceiver(options: ZegoWebhookOptions): ZegoWebhookReceiver {
  const secret = options?.callbackSecret;
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ValidationError(
      'Invalid zego webhook options: callbackSecret is required',
      [{ path: 'callbackSecret', message: 'is required (the CallbackSecret from the ZEGOCLOUD console)' }],
      { vendor: 'zego', operation: 'webhook' },
    );
  }
  const { toleranceSec: tolerance, maxBodyBytes } = webhookLimits('zego', options, {
    toleranceSec: DEFAULT_TOLERANCE_SEC,
    allowNoTolerance: true,
  });
  const now = options.now ?? Date.now;

  return defineWebhookReceiver('zego', (rawBody) => {
    const body = parseJsonBody('zego', readWebhookBody('zego', rawBody, maxBodyBytes).text);
    const signature = typeof body.signature === 'string' ? body.signature.toLowerCase() : undefined;
    const timestamp = scalar(body.timestamp);
    const nonce = scalar(body.nonce);
    if (!signature || !timestamp || !nonce) fail('signature, timestamp or nonce is missing');
    if (!timingSafeEqual(signature, zegoCallbackSignature(secret, timestamp, nonce)))
      fail('signature does not match');
    if (!/^\d+$/.test(timestamp)) fail('timestamp is not Unix seconds');
    if (tolerance !== false) assertFreshTimestamp('zego', Number(timestamp) * 1000, tolerance, now());
    const eventType = typeof body.event_type === 'number' ? body.event_type : Number(scalar(body.event_type));
    if (!Number.isInteger(eventType)) fail('event_type is missing: not a ZEGOCLOUD recording callback');
    return toEvent(body, eventType, Number(timestamp), nonce);
  }) as ZegoWebhookReceiver;
}

function toEvent(
  body: Record<string, unknown>,
  eventType: number,
  timestampSec: number,
  nonce: string,
): ZegoRecordingEvent {
  const known = ZEGO_EVENTS[eventType];
  const event: ZegoRecordingEvent = {
    vendor: 'zego',
    type: known?.type ?? 'vendor.other',
    occurredAt: new Date(timestampSec * 1000),
    vendorEvent: eventType,
    raw: body,
  };
  const room = scalar(body.room_id);
  const task = scalar(body.task_id);
  if (room) event.room = room;
  if (task) event.sessionId = task;
  const sequence = scalar(body.sequence);
  // Without `sequence` (older senders), a resent callback still repeats its timestamp and nonce.
  if (task && sequence !== undefined) event.eventId = `${task}:${sequence}`;
  else event.eventId = `${task ?? scalar(body.app_id) ?? 'zego'}:${eventType}:${timestampSec}:${nonce}`;
  if (known?.state) event.state = known.state;

  const detail = isPlainObject(body.detail) ? body.detail : {};
  if (eventType === 1 && Array.isArray(detail.file_info)) {
    event.files = detail.file_info.filter(isPlainObject).map((info) => toRecordingFile(fromFileInfo(info)));
  }
  if (eventType === 102 && typeof detail.file_id === 'string') {
    event.files = [toRecordingFile(fromFileInfo(detail))];
  }
  if (eventType === 2) {
    const reason = Number(scalar(detail.quit_reason));
    if (Number.isInteger(reason)) {
      event.quitReason = reason;
      event.reason = ZEGO_QUIT_REASONS[reason] ?? `quit reason ${reason}`;
    } else if (typeof body.message === 'string' && body.message) event.reason = body.message;
  }
  return event;
}
