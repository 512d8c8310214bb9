import type { Capabilities } from '@unirec/core';
import { JOCLOUD_STORAGE_VENDORS } from './jocloud-storage.js';

/**
 * JOCloud cloud recording limits, one table. Source: shared/seeds/003_0f8800df4988fb1a.txt ("seed
 * 003": applyrecord/startrecord notes, the mixconfig input/output, watermark, background and
 * storagecfg tables) and shared/VENDORS.md § JOCloud. Seed ranges written "(0, x]" are kept as
 * integer intervals [1, x]; "[0, x)" as [0, x − 1].
 */
export const JOCLOUD_LIMITS = {
  /** "Each AppID is limited to 10 requests per second" (every endpoint) */
  requestsPerSecond: 10,
  /** queryrecord: "Each recordid is limited to 10 requests per second" */
  queryPerRecordIdPerSecond: 10,
  /** applyrecord: the resid "remains valid for five minutes"; one startrecord per resid */
  residTtlMs: 5 * 60_000,
  /** stoprecord notes: no stream for "the preset time (default is 30 s)" stops the task; only Customer Support changes it */
  idleStopSec: 30,
  /** input zOrder: "0 indicates the bottommost layer … up to 16 layers" */
  maxLayers: 16,
  /** zOrder values JOCloud accepts: 0 … 16 (unirec sends 0 … maxLayers − 1, the paint rank) */
  zOrder: [0, 16] as [number, number],
  /** layoutX / layoutY / cropX / cropY: [0, 1920] */
  coordinate: [0, 1920] as [number, number],
  /** layoutW / layoutH / cropW / cropH: (0, 1920] */
  size: [1, 1920] as [number, number],
  /** output videowidth / videoheight: [16, 1920], "integral multiple of 4 (If not, round to the nearest multiple of 4)" */
  videoEdge: [16, 1920] as [number, number],
  videoEdgeMultiple: 4,
  /** videobitrate kbps: (0, 10000] */
  videoBitrateKbps: [1, 10_000] as [number, number],
  /** videofps: (0, 60], default 15 ("If … set higher than 60, the service will be adjusted to 60") */
  fps: [1, 60] as [number, number],
  defaultFps: 15,
  /** videogop: (0, 1000), "videogop = videofps × Key frame interval (seconds)"; 15 fps / 30 gop recommended */
  gop: [1, 999] as [number, number],
  keyFrameIntervalSec: 2,
  /** videoencode "100: H264 (not support H265)" */
  videoEncodeH264: 100,
  /** audio output values the seed fixes ("value: 128", "Value is 2", "value is 48000", "2: AAC") */
  audio: { bitrateKbps: 128, channels: 2, sampleRateHz: 48_000, formatAac: 2 },
  /** watermark x / y: [0, 1920) and below the output width / height */
  watermarkCoordinate: [0, 1919] as [number, number],
  /** image watermark width / height: (0, 1920) and not over the output width / height */
  watermarkImageSize: [1, 1919] as [number, number],
  /** watermark font size: (0, 100] */
  fontSize: [1, 100] as [number, number],
  /** image URLs (background, watermark, patchUrl): "not more than 256 bytes" */
  maxUrlBytes: 256,
  /** base64seidata: "the length of original string does not exceed 2048 bytes" */
  maxSeiBytes: 2048,
  /** fileprefix: "The prefix length (slash included) cannot exceed 128 characters"; [A-Za-z0-9] only */
  prefixMaxChars: 128,
  prefixPattern: /^[A-Za-z0-9]+$/,
  /** templateid 1 … 5 */
  templateIds: [1, 5] as [number, number],
} as const;

/**
 * Canvas used when a composite video recording gives no `video`: 1280×720 at JOCloud's default 15 fps
 * and 1500 kbps (the seed has no default bitrate; the same canvas and bitrate as ZEGO's default, so a
 * request without `video` looks alike on both). docs/vendors/jocloud.md.
 */
export const JOCLOUD_DEFAULT_VIDEO = { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 } as const;

export const JOCLOUD_CAPABILITIES: Capabilities = Object.freeze({
  // streamtype 1 (mixed) and 2 (source stream, one user per task); no web page recording.
  modes: ['composite', 'individual'],
  // No template has a documented geometry: presets are rendered by the core engine into input[].
  presets: ['grid', 'speaker', 'pip'],
  // The seed has no file-format field; the recording result is an HLS playlist ("filetype": "m3u8").
  formats: ['hls'],
  multipleFormats: false,
  storageVendors: JOCLOUD_STORAGE_VENDORS,
  // recordtype 0 audio/video, 1 video, 2 audio
  media: ['audio', 'video', 'audio+video'],
  layout: {
    maxRegions: JOCLOUD_LIMITS.maxLayers,
    alpha: true,
    zIndex: true,
    // `patch` / `patchUrl` are one setting for the whole output, not per input.
    placeholderImage: false,
    backgroundImage: true,
    // every input names its uid; only templates (never used for presets) fill by themselves
    joinOrderFill: false,
    // updatemixrecord takes the full mixconfig, output.background included
    backgroundUpdate: true,
    units: 'pixel',
  },
  // input[] lists the streams to mix; nothing lists streams to leave out. Individual: one uid per task.
  participants: { include: true, exclude: false, maxInclude: JOCLOUD_LIMITS.maxLayers },
  video: {
    maxWidth: JOCLOUD_LIMITS.videoEdge[1],
    maxHeight: JOCLOUD_LIMITS.videoEdge[1],
    maxPixels: JOCLOUD_LIMITS.videoEdge[1] * JOCLOUD_LIMITS.videoEdge[1],
    fps: JOCLOUD_LIMITS.fps,
  },
  // no snapshots on JOCloud
  snapshot: { modes: [], intervalSec: [0, 0] },
  // the idle stop is fixed at 30 s (changed only by JOCloud Customer Support)
  maxIdleSec: [JOCLOUD_LIMITS.idleStopSec, JOCLOUD_LIMITS.idleStopSec],
  // no maximum duration: a task runs until stoprecord or the idle stop
  extras: [],
} satisfies Capabilities);

deepFreeze(JOCLOUD_CAPABILITIES);

function deepFreeze(value: object): void {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child);
  }
  Object.freeze(value);
}
