import type { MediaKind, StartRecordingRequest } from '@unirec/core';
import {
  type Canvas,
  IssueCollector,
  type WarningCollector,
  deepMerge,
  isPlainObject,
  renderPreset,
  storageRegion,
} from '@unirec/core/adapter';
import { md5Hex } from '@unirec/core/md5';
import { toZegoBackground, toZegoLayout } from './convert-to-zego-layout.js';
import { ZEGO_DEFAULT_VIDEO, ZEGO_LIMITS } from './zego-capabilities.js';
import { type ZegoStorageParams, toOutputFolder, toZegoStorage } from './zego-storage.js';

/**
 * A validated neutral StartRecordingRequest → the ZEGO StartRecord body (seed 002/004). Pure: the
 * ClientTaskId comes in from the provider, so the same call always yields the same body. Checks
 * ZEGO's own ranges (ValidationError naming field, rule and numbers) and what ZEGO cannot do at all
 * (UnsupportedFeatureError), both before any request.
 */

/** RecordInputParams.StreamType per neutral media (4, separate A/V files, only via vendorOptions). */
export const ZEGO_STREAM_TYPE: Record<MediaKind, 1 | 2 | 3> = { audio: 1, video: 2, 'audio+video': 3 };
/** RecordInputParams.RecordMode */
export const ZEGO_RECORD_MODE = { individual: 1, composite: 2 } as const;

export interface ZegoStartRecordBody {
  RoomId: string;
  RecordInputParams: Record<string, unknown>;
  RecordOutputParams?: Record<string, unknown>;
  StorageParams: ZegoStorageParams;
  [key: string]: unknown;
}

export interface ZegoStartPlan {
  body: ZegoStartRecordBody;
  /** the mixed canvas in pixels (composite with video), kept in the handle for later layouts */
  canvas?: Canvas;
}

export interface ZegoStartContext {
  warnings: WarningCollector;
  /** idempotencyKey, or one generated per `start` call and kept across its retries */
  clientTaskId: string;
}

/** Mixed output stream id: readable when the room id is a valid stream id, else a hash of it. */
export function mixOutputStreamId(room: string): string {
  // ZEGO stream ids: letters, digits, '-' and '_' only (≤ 256 bytes); room ids allow more.
  return /^[A-Za-z0-9_-]{1,200}$/.test(room) ? `mix_${room}` : `mix_${md5Hex(room)}`;
}

export function toZegoStartRecord(request: StartRecordingRequest, ctx: ZegoStartContext): ZegoStartPlan {
  const warnings = ctx.warnings;
  const issues = new IssueCollector();
  const zegoOptions = request.vendorOptions?.zego;

  // Modes, exclude lists and several formats were refused by core from ZEGO_CAPABILITIES.
  const formats = request.output?.formats;
  const format = formats?.[0];
  const storage = toZegoStorage(request.storage, format, zegoOptions, issues);

  const media = request.media ?? 'audio+video';
  const hasVideo = media !== 'audio';
  const include = request.participants?.include;
  if (format === 'mp3' && hasVideo) {
    warnings.add('output.formats', `'mp3' keeps only the audio of media '${media}'`);
  }
  if (request.token !== undefined)
    warnings.add('token', 'ZEGOCLOUD cloud recording needs no RTC token: token is not sent');
  if (request.recorderUid !== undefined) {
    warnings.add('recorderUid', 'ZEGOCLOUD chooses the recorder identity itself: recorderUid is not sent');
  }
  // An endpoint of another vendor only names the region (already read from it): nothing is lost.
  if (
    request.storage.endpoint !== undefined &&
    request.storage.vendor !== 's3-compatible' &&
    request.storage.region !== undefined &&
    storageRegion({ ...request.storage, region: undefined }) === undefined
  ) {
    warnings.add(
      'storage.endpoint',
      `ZEGOCLOUD takes an EndPoint only for 's3-compatible': storage.endpoint is not sent (the region decides the host)`,
    );
  }

  const input: Record<string, unknown> = {
    // Core refused mode web from ZEGO_CAPABILITIES.
    RecordMode: ZEGO_RECORD_MODE[request.mode as keyof typeof ZEGO_RECORD_MODE],
    StreamType: ZEGO_STREAM_TYPE[media],
    ClientTaskId: ctx.clientTaskId,
  };
  let canvas: Canvas | undefined;

  if (request.mode === 'composite') {
    const mix: Record<string, unknown> = { MixOutputStreamId: mixOutputStreamId(request.room) };
    if (hasVideo) {
      const video = request.video ?? ZEGO_DEFAULT_VIDEO;
      const { width, height } = video;
      const fps = video.fps ?? ZEGO_LIMITS.defaultFps;
      canvas = { width, height };
      mix.MixOutputVideoConfig = {
        Width: width,
        Height: height,
        Fps: fps,
        // Bitrate is in bits per second: kbps × 1000.
        Bitrate: (video.bitrateKbps ?? ZEGO_DEFAULT_VIDEO.bitrateKbps) * 1000,
      };
    } else if (request.video) {
      warnings.add('video', "media 'audio' records no video: video settings are not sent");
    }
    if (request.audio?.bitrateKbps !== undefined)
      mix.MixOutputAudioConfig = { Bitrate: request.audio.bitrateKbps * 1000 };
    warnAudioLoss(request, warnings, ['sampleRateHz', 'channels']);
    issues.throwIfAny('start request', { vendor: 'zego', operation: 'start' });

    if (canvas && request.layout) {
      Object.assign(mix, toZegoLayout(request.layout, { canvas, participants: include, warnings }));
      Object.assign(mix, toZegoBackground(request.layout.background));
    } else if (canvas && include && include.length > 0) {
      // Without a layout, ZEGO mixes every stream of the room; a custom grid of the listed streams is
      // the only way to record just them (unirec's choice, so no 'layout.preset' warning).
      const regions = renderPreset('grid', { participants: include });
      Object.assign(mix, toZegoLayout({ regions }, { canvas, participants: include, warnings }));
    } else if (!canvas && include && include.length > 0) {
      warnings.add(
        'participants.include',
        'an audio-only composite recording on ZEGOCLOUD mixes every stream of the room: participants.include is not applied',
      );
    }
    input.MixConfig = mix;
  } else {
    if (include && include.length > 0) input.RecordStreamList = include.map((StreamId) => ({ StreamId }));
    if (request.video)
      warnings.add(
        'video',
        'individual recordings keep each stream’s own resolution on ZEGOCLOUD: video is not sent',
      );
    if (request.audio) warnAudioLoss(request, warnings, ['sampleRateHz', 'channels', 'bitrateKbps']);
  }
  if (request.output?.maxIdleSec !== undefined) input.MaxIdleTime = request.output.maxIdleSec;
  if (request.output?.maxDurationSec !== undefined) input.MaxRecordTime = request.output.maxDurationSec;
  issues.throwIfAny('start request', { vendor: 'zego', operation: 'start' });

  const output: Record<string, unknown> = {};
  if (format !== undefined) output.OutputFileFormat = format;
  const folder = toOutputFolder(request.storage.prefix);
  if (folder !== undefined) output.OutputFolder = folder;
  if (format === 'jpg' && request.output?.snapshotIntervalSec !== undefined) {
    output.SnapshotInterval = request.output.snapshotIntervalSec;
  }
  if (request.callbackUrl !== undefined) output.CallbackUrl = request.callbackUrl;

  let body: ZegoStartRecordBody = { RoomId: request.room, RecordInputParams: input, StorageParams: storage };
  if (Object.keys(output).length > 0) body.RecordOutputParams = output;
  // Raw vendor fields win over everything unirec mapped (the design (docs/architecture.md): "deep-merged last").
  if (zegoOptions && isPlainObject(zegoOptions)) body = deepMerge(body, zegoOptions);

  const plan: ZegoStartPlan = { body };
  if (canvas) plan.canvas = canvas;
  return plan;
}

function warnAudioLoss(
  request: StartRecordingRequest,
  warnings: WarningCollector,
  fields: Array<'sampleRateHz' | 'channels' | 'bitrateKbps'>,
): void {
  for (const field of fields) {
    if (request.audio?.[field] !== undefined) {
      warnings.add(
        `audio.${field}`,
        `ZEGOCLOUD has no setting for audio.${field} in this mode: it is not sent`,
      );
    }
  }
}
