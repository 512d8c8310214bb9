import type {
  RecordingEvent,
  RecordingEventType,
  RecordingFile,
  RecordingState,
  WebhookReceiver,
} from '@unirec/core';
import {
  ValidationError,
  WebhookVerificationError,
  assertFreshTimestamp,
  defineWebhookReceiver,
  headerValue,
  hmacSha1Hex,
  hmacSha256Hex,
  parseJsonBody,
  readWebhookBody,
  timingSafeEqual,
  webhookLimits,
} from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { agoraFileEntrySchema } from './agora-schemas.js';
import { fileListToFiles } from './map-agora-response.js';

/**
 * Agora NCS (Notification Center Service) webhooks. Source: the vendor notes (docs/vendors/sources.md) § Agora "NCS webhooks"
 * (AgoraIO/Docs-Source shared/notification-center-service). The body is
 * `{ noticeId, productId, eventType, notifyMs, payload: { cname, uid, sid, sequence, sendts, serviceType, details } }`;
 * `Agora-Signature-V2` is hex HMAC-SHA256 and `Agora-Signature` hex HMAC-SHA1 of the raw body with
 * the NCS secret. NCS resends unanswered notifications: de-duplicate on `eventId` (the noticeId).
 */

export interface AgoraWebhookOptions {
  /** the NCS secret from Agora Console */
  secret: string;
  /** reject notifications whose notifyMs is further than this from now (default 300 s) */
  toleranceSec?: number;
  /** larger bodies are refused before any hashing or parsing (default 1 MiB) */
  maxBodyBytes?: number;
  /** clock, replaceable in tests */
  now?: () => number;
}

/** NCS productId of Cloud Recording */
export const AGORA_NCS_PRODUCT_CLOUD_RECORDING = 3;

/** NCS eventType → neutral event (the vendor notes (docs/vendors/sources.md) event list); 1 and 11 depend on details, see below. */
export const AGORA_EVENT_TYPES: Readonly<Record<number, RecordingEventType>> = {
  1: 'recording.failed', // error (details.errorMsg in reason); session_exit tells whether it ended
  2: 'recording.warning', // warning
  3: 'recording.status', // status_update
  4: 'recording.status', // file_infos
  11: 'recording.stopped', // session_exit (exitStatus ≠ 0: failed)
  12: 'recording.warning', // session_failover
  30: 'recording.status', // uploader_started
  31: 'recording.file_uploaded', // uploaded
  32: 'recording.warning', // backuped: some files went to Agora's backup, not your storage (yet)
  33: 'recording.status', // uploading_progress
  40: 'recording.started', // recorder_started
  41: 'recording.status', // recorder_leave (session_exit follows)
  42: 'recording.status', // recorder_slice_start
  43: 'recording.status', // audio stream state
  44: 'recording.status', // video stream state
  45: 'recording.file_uploaded', // recorder_snapshot_file
  70: 'recording.started', // web_recorder_started
  71: 'recording.status', // web_recorder_stopped (session_exit follows)
  72: 'recording.status', // web recorder capability
  73: 'recording.status', // web recorder reload
  90: 'recording.warning', // download_failed (background / placeholder image)
  100: 'recording.status', // rtmp_publish_status
};

/** The session state an NCS event reports (events not listed say nothing about it). */
const AGORA_EVENT_STATE: Readonly<Record<number, RecordingState>> = {
  40: 'recording',
  41: 'stopping',
  70: 'recording',
  71: 'stopping',
};

const noticeSchema = z.looseObject({
  noticeId: z.pipe(z.union([z.string().check(z.maxLength(256)), z.number()]), z.transform(String)),
  productId: z.number(),
  eventType: z.number(),
  notifyMs: z.number(),
  payload: z.optional(
    z.looseObject({
      cname: z.optional(z.string()),
      uid: z.optional(z.union([z.string(), z.number()])),
      sid: z.optional(z.string()),
      details: z.optional(z.looseObject({})),
    }),
  ),
});
const fileListSchema = z.union([z.string(), z.array(agoraFileEntrySchema)]);

const DEFAULT_TOLERANCE_SEC = 300;

function fail(message: string): WebhookVerificationError {
  return new WebhookVerificationError(`agora webhook: ${message}`, { vendor: 'agora', operation: 'webhook' });
}

export function createAgoraWebhookReceiver(options: AgoraWebhookOptions): WebhookReceiver {
  const secret = options?.secret;
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ValidationError(
      'createAgoraWebhookReceiver needs the NCS secret (Agora Console → Notifications)',
      [{ path: 'secret', message: 'is required (a non-empty string)' }],
      { vendor: 'agora', operation: 'webhook' },
    );
  }
  const limits = webhookLimits('agora', options, { toleranceSec: DEFAULT_TOLERANCE_SEC });
  const toleranceSec = limits.toleranceSec as number;
  const maxBodyBytes = limits.maxBodyBytes;
  const now = options.now ?? Date.now;

  return defineWebhookReceiver('agora', (rawBody, headers) => {
    const body = readWebhookBody('agora', rawBody, maxBodyBytes);
    verifySignature(secret, body.bytes, headers);
    const json = parseJsonBody('agora', body.text);
    const parsed = noticeSchema.safeParse(json);
    if (!parsed.success)
      throw fail('body is not an NCS notification (noticeId, productId, eventType, notifyMs)');
    const notice = parsed.data;
    assertFreshTimestamp('agora', notice.notifyMs, toleranceSec, now());
    return toRecordingEvent(notice, json);
  });
}

function verifySignature(secret: string, bytes: Uint8Array, headers: unknown): void {
  // Over the raw bytes as received: re-serialised JSON would not match.
  const v2 = headerValue(headers, 'Agora-Signature-V2');
  const v1 = headerValue(headers, 'Agora-Signature');
  let ok: boolean;
  if (v2 !== undefined) ok = timingSafeEqual(v2.trim().toLowerCase(), hmacSha256Hex(secret, bytes));
  else if (v1 !== undefined) ok = timingSafeEqual(v1.trim().toLowerCase(), hmacSha1Hex(secret, bytes));
  else throw fail('no Agora-Signature-V2 or Agora-Signature header');
  if (!ok) throw fail('signature does not match (is this the NCS secret of this project, and the raw body?)');
}

type Notice = z.infer<typeof noticeSchema>;

function toRecordingEvent(notice: Notice, raw: unknown): RecordingEvent {
  const details = (notice.payload?.details ?? {}) as Record<string, unknown>;
  const event: RecordingEvent = {
    vendor: 'agora',
    type: eventType(notice, details),
    occurredAt: new Date(notice.notifyMs),
    eventId: notice.noticeId,
    vendorEvent: notice.eventType,
    raw,
  };
  if (notice.payload?.cname !== undefined) event.room = notice.payload.cname;
  if (notice.payload?.sid !== undefined) event.sessionId = notice.payload.sid;
  const state = eventState(notice, details);
  if (state) event.state = state;
  const reason =
    typeof details.errorMsg === 'string'
      ? details.errorMsg
      : typeof details.msg === 'string'
        ? details.msg
        : undefined;
  if (reason) event.reason = reason;
  else if (notice.eventType === 11 && details.exitStatus !== undefined && details.exitStatus !== 0) {
    event.reason = `session exited abnormally (exitStatus ${String(details.exitStatus)})`;
  }
  const files = eventFiles(notice.eventType, details);
  if (files.length > 0) event.files = files;
  return event;
}

function eventType(notice: Notice, details: Record<string, unknown>): RecordingEventType {
  if (notice.productId !== AGORA_NCS_PRODUCT_CLOUD_RECORDING) return 'vendor.other';
  // session_exit: exitStatus 0 is a normal exit, anything else an abnormal one.
  if (notice.eventType === 11)
    return details.exitStatus === undefined || details.exitStatus === 0
      ? 'recording.stopped'
      : 'recording.failed';
  return AGORA_EVENT_TYPES[notice.eventType] ?? 'vendor.other';
}

function eventState(notice: Notice, details: Record<string, unknown>): RecordingState | undefined {
  if (notice.productId !== AGORA_NCS_PRODUCT_CLOUD_RECORDING) return undefined;
  if (notice.eventType === 11)
    return details.exitStatus === undefined || details.exitStatus === 0 ? 'stopped' : 'failed';
  return AGORA_EVENT_STATE[notice.eventType];
}

function eventFiles(eventType: number, details: Record<string, unknown>): RecordingFile[] {
  if (eventType === 45 && typeof details.fileName === 'string')
    return [{ name: details.fileName, kind: 'snapshot' }];
  const list = fileListSchema.safeParse(details.fileList);
  return list.success ? fileListToFiles(list.data, undefined) : [];
}
