import type { MediaKind } from '@unirec/core';
import { IssueCollector, parseOrThrow, unsupported } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { AGORA_CAPABILITIES } from './agora-capabilities.js';
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

const { participantId, participants: limits } = AGORA_CAPABILITIES;
const uid = z
  .string({ error: participantId.rule })
  .check(z.regex(participantId.pattern, { error: participantId.rule }));
const idList = z
  .array(uid)
  .check(
    z.minLength(1, { error: 'must list at least one uid' }),
    z.maxLength(limits.maxInclude, { error: `must list at most ${limits.maxInclude} uids` }),
  );
const updateSchema = z
  .strictObject({
    participants: z.optional(z.strictObject({ include: z.optional(idList), exclude: z.optional(idList) })),
    webRecording: z.optional(
      z.strictObject({ paused: z.boolean({ error: 'paused must be true or false' }) }),
    ),
    rtmpUrl: z.optional(
      z.string().check(
        z.maxLength(2048, { error: 'must be at most 2048 characters' }),
        z.regex(/^rtmps?:\/\/\S+$/i, {
          error: 'must be an rtmp:// or rtmps:// URL (Agora CDN push supports RTMP and RTMPS only)',
        }),
      ),
    ),
  })
  .check(
    z.refine((u) => u.participants !== undefined || u.webRecording !== undefined || u.rtmpUrl !== undefined, {
      error: 'give participants, webRecording or rtmpUrl',
    }),
  );

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
