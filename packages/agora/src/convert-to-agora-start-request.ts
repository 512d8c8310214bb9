import type { MediaKind, OutputFormat, StartRecordingRequest } from '@unirec/core';
import { type WarningCollector, deepMerge } from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';
import { type AgoraStorageConfig, toAgoraStorage } from './agora-storage.js';
import { parseAgoraVendorOptions } from './agora-vendor-options.js';
import { toAgoraLayout } from './convert-to-agora-layout.js';
import { audioProfile } from './convert-to-agora-media.js';
import { webServices } from './convert-to-agora-web.js';

/**
 * Neutral StartRecordingRequest (already validated by core's schema and checked against
 * AGORA_CAPABILITIES) → Agora acquire + start bodies. Pure: no IO, no randomness (the recorder uid
 * is chosen by the caller). Raises ValidationError / UnsupportedFeatureError only for Agora rules the
 * capability table cannot express (storage regions and prefixes, vendorOptions), and reports lossy
 * translations as warnings (or raises under strict).
 */

export type AgoraMode = 'mix' | 'individual' | 'web';

/** neutral mode → Agora path `mode` (seed 000 start) */
export const AGORA_MODE: Record<StartRecordingRequest['mode'], AgoraMode> = {
  composite: 'mix',
  individual: 'individual',
  web: 'web',
};

/** neutral media → recordingConfig.streamTypes (seed 001: 0 audio, 1 video, 2 both) */
export const AGORA_STREAM_TYPES: Record<MediaKind, number> = { audio: 0, video: 1, 'audio+video': 2 };

/** acquire clientRequest.scene (seed 000): 0 real-time, 1 web page, 2 postponed transcoding / mixing */
export const AGORA_SCENE = { realtime: 0, web: 1, postponed: 2 } as const;

/** seed 001 subscribeUidGroup: upper bound of subscribed uids for each group value */
export const SUBSCRIBE_UID_GROUPS: Array<[maxUids: number, group: number]> = [
  [2, 0],
  [7, 1],
  [12, 2],
  [17, 3],
  [32, 4],
  [49, 5],
];

export interface AgoraRequestBody {
  cname: string;
  uid: string;
  clientRequest: Record<string, unknown>;
}

export interface AgoraStartPlan {
  mode: AgoraMode;
  acquire: AgoraRequestBody;
  start: AgoraRequestBody;
}

export interface StartContext {
  /** the recorder's uid: request.recorderUid or one the provider chose */
  uid: string;
  warnings: WarningCollector;
}

export function convertToAgoraStartRequest(
  request: StartRecordingRequest,
  ctx: StartContext,
): AgoraStartPlan {
  const mode = AGORA_MODE[request.mode];
  const media = request.media ?? 'audio+video';
  const formats = request.output?.formats;
  const warnings = ctx.warnings;
  const options = parseAgoraVendorOptions(request.vendorOptions?.agora, mode);
  // Before anything that may warn: under strict a warning must not hide an invalid storage.
  const storageConfig: AgoraStorageConfig = toAgoraStorage(request.storage);

  const clientRequest: Record<string, unknown> = {};
  if (request.token !== undefined) clientRequest.token = request.token;
  if (mode !== 'web') clientRequest.recordingConfig = recordingConfig(request, mode, media, warnings);

  const wantsSnapshot = formats?.includes('jpg') ?? false;
  const avFileType = fileTypes(formats, mode, warnings);
  if (avFileType) clientRequest.recordingFileConfig = { avFileType };
  if (wantsSnapshot) {
    const snapshot: Record<string, unknown> = { fileType: ['jpg'] };
    if (request.output?.snapshotIntervalSec !== undefined)
      snapshot.captureInterval = request.output.snapshotIntervalSec;
    clientRequest.snapshotConfig = snapshot;
  }
  clientRequest.storageConfig = storageConfig;
  let maxRecordingHour: number | undefined;
  if (mode === 'web') {
    const web = webServices(request, options, warnings);
    clientRequest.extensionServiceConfig = web.extensionServiceConfig;
    maxRecordingHour = web.maxRecordingHour;
  }
  if (request.callbackUrl !== undefined) {
    warnings.add(
      'callbackUrl',
      'Agora has no per-request callback URL: events go to the NCS webhook configured in Agora Console; point it at this URL and verify with createAgoraWebhookReceiver',
    );
  }

  const startClientRequest = options.startPatches.reduce(
    (acc, patch) => deepMerge(acc, patch),
    clientRequest,
  );
  const acquireClientRequest = deepMerge(
    acquireRequest(mode, startClientRequest, maxRecordingHour),
    options.acquire,
  );
  return {
    mode,
    acquire: { cname: request.room, uid: ctx.uid, clientRequest: acquireClientRequest },
    start: { cname: request.room, uid: ctx.uid, clientRequest: startClientRequest },
  };
}

function recordingConfig(
  request: StartRecordingRequest,
  mode: AgoraMode,
  media: MediaKind,
  warnings: WarningCollector,
) {
  const config: Record<string, unknown> = { channelType: 0, streamTypes: AGORA_STREAM_TYPES[media] };
  if (request.output?.maxIdleSec !== undefined) config.maxIdleTime = request.output.maxIdleSec;
  if (mode === 'mix') {
    if (request.audio && media !== 'video') config.audioProfile = audioProfile(request.audio, warnings);
    const transcoding = transcodingConfig(request, warnings);
    if (transcoding) config.transcodingConfig = transcoding;
  } else {
    if (request.video)
      warnings.add(
        'video',
        'Agora individual mode records every stream as sent: video width/height/fps/bitrate are ignored',
      );
    if (request.audio)
      warnings.add('audio', 'Agora individual mode records every stream as sent: audio settings are ignored');
  }

  const include = request.participants?.include;
  const exclude = request.participants?.exclude;
  const withAudio = media !== 'video';
  const withVideo = media !== 'audio';
  if (include) {
    if (withAudio) config.subscribeAudioUids = [...include];
    if (withVideo) config.subscribeVideoUids = [...include];
  }
  if (exclude) {
    // seed 001 and Agora's REST clients spell it unSubscribe… (seed 000's schema table: unsubscribe…).
    if (withAudio) config.unSubscribeAudioUids = [...exclude];
    if (withVideo) config.unSubscribeVideoUids = [...exclude];
  }
  // Required in individual mode (seed 001). Unknown peak (no include list): the largest group, so
  // no stream goes unrecorded.
  if (include) config.subscribeUidGroup = subscribeUidGroup(include.length);
  else if (mode === 'individual')
    config.subscribeUidGroup = SUBSCRIBE_UID_GROUPS[SUBSCRIBE_UID_GROUPS.length - 1]![1];
  return config;
}

export function subscribeUidGroup(count: number): number {
  for (const [max, group] of SUBSCRIBE_UID_GROUPS) if (count <= max) return group;
  return SUBSCRIBE_UID_GROUPS[SUBSCRIBE_UID_GROUPS.length - 1]![1];
}

function transcodingConfig(
  request: StartRecordingRequest,
  warnings: WarningCollector,
): Record<string, unknown> | undefined {
  if (!request.video && !request.layout) return undefined;
  // seed 001: with transcodingConfig, width, height, fps and bitrate are all required.
  const defaults = AGORA_LIMITS.defaultMixVideo;
  const video = request.video;
  const config: Record<string, unknown> = {
    width: video?.width ?? defaults.width,
    height: video?.height ?? defaults.height,
    fps: video?.fps ?? defaults.fps,
    bitrate: video?.bitrateKbps ?? defaults.bitrate,
  };
  if (request.layout) {
    Object.assign(
      config,
      toAgoraLayout(request.layout, {
        participants: request.participants?.include,
        warnings,
        operation: 'start',
      }),
    );
  }
  return config;
}

/**
 * output.formats → recordingFileConfig.avFileType.
 * - mix / individual: undefined when nothing was asked (Agora's default, hls) or only snapshots were
 *   asked (seed 001: snapshot-only must not set recordingFileConfig).
 * - mp4 needs hls beside it (seed 001: ["mp4"] alone is error code 2): added, with a warning.
 * - web: seed 000 says web page recording needs ["hls","mp4"] (both seed examples send it): always
 *   sent; asking for only one of them is a warning.
 */
function fileTypes(
  formats: OutputFormat[] | undefined,
  mode: AgoraMode,
  warnings: WarningCollector,
): string[] | undefined {
  const both = ['hls', 'mp4'];
  if (!formats) return mode === 'web' ? both : undefined;
  const av = formats.filter((f) => f === 'hls' || f === 'mp4');
  if (av.length === 0) return mode === 'web' ? both : undefined;
  if (av.length === 1 && mode === 'web') {
    warnings.add('output.formats', 'Agora web page recording writes hls and mp4 together: both are written');
    return both;
  }
  if (av.includes('mp4') && !av.includes('hls') && mode !== 'individual') {
    warnings.add(
      'output.formats',
      'Agora records mp4 only together with hls in composite mode: hls files are written as well',
    );
    return both;
  }
  return av.includes('mp4') ? both : ['hls'];
}

function acquireRequest(
  mode: AgoraMode,
  start: Record<string, unknown>,
  maxRecordingHour: number | undefined,
) {
  const collection = start.appsCollection as { combinationPolicy?: unknown } | undefined;
  const postponed = collection?.combinationPolicy === 'postpone_transcoding';
  const scene = mode === 'web' ? AGORA_SCENE.web : postponed ? AGORA_SCENE.postponed : AGORA_SCENE.realtime;
  const request: Record<string, unknown> = { scene };
  // seed 001: keep maxRecordingHour within the resource's lifetime (resourceExpiredHour, default 72).
  if (maxRecordingHour !== undefined && maxRecordingHour > AGORA_LIMITS.webDefaultMaxRecordingHour) {
    request.resourceExpiredHour = maxRecordingHour;
  }
  return request;
}
