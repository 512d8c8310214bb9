import { IssueCollector, type MediaKind, parseOrThrow, unsupported } from '@unirec/core';
import { z } from 'zod';
import { checkUidList } from './agora-uid.js';
import type { AgoraMode } from './convert-to-agora-start-request.js';

/**
 * The concrete provider's `update` → Agora update `clientRequest` (seed 000 "update request":
 * streamSubscribe, webRecordingConfig, rtmpPublishConfig). Pure: no IO.
 */
export interface AgoraUpdate {
  /** new subscription lists (composite and individual mode): give include or exclude */
  participants?: { include?: string[]; exclude?: string[] };
  /** pause / resume a web page recording (webRecordingConfig.onhold) */
  webRecording?: { paused: boolean };
  /** the CDN push URL of a web page recording (rtmpPublishConfig; one output at most) */
  rtmpUrl?: string;
}

const idList = z.array(z.string().min(1)).min(1, { message: 'must list at least one uid' });
const updateSchema = z
  .strictObject({
    participants: z.strictObject({ include: idList.optional(), exclude: idList.optional() }).optional(),
    webRecording: z
      .strictObject({ paused: z.boolean({ message: 'paused must be true or false' }) })
      .optional(),
    rtmpUrl: z
      .string()
      .regex(/^rtmps?:\/\/\S+$/i, {
        message: 'must be an rtmp:// or rtmps:// URL (Agora CDN push supports RTMP and RTMPS only)',
      })
      .optional(),
  })
  .refine((u) => u.participants !== undefined || u.webRecording !== undefined || u.rtmpUrl !== undefined, {
    message: 'give participants, webRecording or rtmpUrl',
  });

export function toAgoraUpdate(
  changes: AgoraUpdate,
  mode: AgoraMode,
  media: MediaKind,
): Record<string, unknown> {
  const update = parseOrThrow(updateSchema, changes, {
    what: 'update',
    vendor: 'agora',
    operation: 'update',
  });
  const issues = new IssueCollector();
  const participants = update.participants;
  if (participants) {
    if (participants.include && participants.exclude)
      issues.add('participants', 'give either include or exclude, not both');
    if (!participants.include && !participants.exclude) issues.add('participants', 'give include or exclude');
    checkUidList(issues, 'participants.include', participants.include);
    checkUidList(issues, 'participants.exclude', participants.exclude);
  }
  issues.throwIfAny('update', { vendor: 'agora', operation: 'update' });

  const clientRequest: Record<string, unknown> = {};
  if (participants) {
    if (mode === 'web')
      throw unsupported('agora', 'update', 'participants', 'a web page recording has no subscription lists');
    const streamSubscribe: Record<string, unknown> = {};
    // Agora's REST clients and seed 000's example spell it unSubscribe…
    if (media !== 'video') {
      streamSubscribe.audioUidList = participants.include
        ? { subscribeAudioUids: [...participants.include] }
        : { unSubscribeAudioUids: [...participants.exclude!] };
    }
    if (media !== 'audio') {
      streamSubscribe.videoUidList = participants.include
        ? { subscribeVideoUids: [...participants.include] }
        : { unSubscribeVideoUids: [...participants.exclude!] };
    }
    clientRequest.streamSubscribe = streamSubscribe;
  }
  if (update.webRecording) {
    if (mode !== 'web')
      throw unsupported('agora', 'update', 'webRecording', 'only web page recordings can be paused on Agora');
    clientRequest.webRecordingConfig = { onhold: update.webRecording.paused };
  }
  if (update.rtmpUrl !== undefined) {
    if (mode !== 'web')
      throw unsupported('agora', 'update', 'rtmpUrl', 'Agora pushes to a CDN only from web page recording');
    clientRequest.rtmpPublishConfig = { outputs: [{ rtmpUrl: update.rtmpUrl }] };
  }
  return clientRequest;
}
