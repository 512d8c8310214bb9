import { createHmac, randomUUID } from 'node:crypto';
import type { SimContext, SimTimings } from '../types.js';
import { AGORA_NCS } from './agora-constants.js';
import { type AgoraSession, filesAt, isSnapshotOnly } from './agora-session.js';

/**
 * Agora Notification Center Service (NCS) callbacks (the vendor notes (docs/vendors/sources.md) "NCS webhooks"): POST JSON
 * `{noticeId, productId, eventType, notifyMs, payload}` signed with `Agora-Signature`
 * (hex HMAC-SHA1 of the raw body) and `Agora-Signature-V2` (hex HMAC-SHA256 of the raw body).
 */

type NcsEvent = (typeof AGORA_NCS.events)[keyof typeof AGORA_NCS.events];

export function signNcsBody(secret: string, rawBody: string): { v1: string; v2: string } {
  return {
    v1: createHmac('sha1', secret).update(rawBody, 'utf8').digest('hex'),
    v2: createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex'),
  };
}

export function emitNcs(
  ctx: SimContext,
  s: AgoraSession,
  event: NcsEvent,
  details: Record<string, unknown>,
): void {
  const target = ctx.callbacks.agora;
  if (!target) return;
  const now = ctx.clock.now();
  const body = JSON.stringify({
    noticeId: randomUUID(),
    productId: AGORA_NCS.productId,
    eventType: event.eventType,
    notifyMs: now,
    payload: {
      cname: s.cname,
      uid: s.uid,
      sid: s.sid,
      sequence: s.sequence++,
      sendts: now,
      serviceType: event.serviceType,
      details: { msgName: event.msgName, ...details },
    },
  });
  const { v1, v2 } = signNcsBody(target.secret, body);
  ctx.emitWebhook({
    url: target.url,
    headers: { 'content-type': 'application/json', 'agora-signature': v1, 'agora-signature-v2': v2 },
    body,
  });
}

/** Recording became active: uploader and recorder (or web recorder) started. */
export function emitStarted(ctx: SimContext, s: AgoraSession, at: number): void {
  const e = AGORA_NCS.events;
  emitNcs(ctx, s, e.uploaderStarted, { status: 0 });
  if (s.mode === 'web') emitNcs(ctx, s, e.webRecorderStarted, { recorderStartTime: at });
  else emitNcs(ctx, s, e.recorderStarted, { startUtcMs: at });
}

/** The recorder (or web recorder) left the channel. */
export function emitLeft(ctx: SimContext, s: AgoraSession): void {
  const e = AGORA_NCS.events;
  if (s.mode === 'web') emitNcs(ctx, s, e.webRecorderStopped, {});
  else emitNcs(ctx, s, e.recorderLeave, { leaveCode: 0 });
}

/** Every file is uploaded (31, with the file list). */
export function emitUploaded(ctx: SimContext, s: AgoraSession, t: SimTimings): void {
  const e = AGORA_NCS.events;
  const at = s.endedAt ?? ctx.clock.now();
  // Snapshot-only tasks upload JPGs, which the simulator does not enumerate.
  const fileList = isSnapshotOnly(s) ? [] : filesAt(s, t, at);
  emitNcs(ctx, s, e.uploaded, { status: 0, fileList });
}

export function emitExit(ctx: SimContext, s: AgoraSession): void {
  emitNcs(ctx, s, AGORA_NCS.events.sessionExit, { exitStatus: 0 });
}
