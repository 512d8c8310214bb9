import { defineCapabilities } from '@unirec/core/adapter';
import { JOCLOUD_STORAGE_VENDORS } from './jocloud-storage.js';

/**
 * JOCloud cloud recording limits, one table. Source: seed 003 ("seed
 * 003": applyrecord/startrecord notes, the mixconfig input/output, watermark, background and
 * storagecfg tables) and the vendor notes (docs/vendors/sources.md) § JOCloud. Seed ranges written "(0, x]" are kept as
 * integer intervals [1, x]; "[0, x)" as [0, x − 1].
 */
export const JOCLOUD_LIMITS = {
  /** "Each AppID is limited to 10 requests per second" (every endpoint) */
  requestsPerSecond: 10,
  /** applyrecord: the resid "remains valid for five minutes"; one startrecord per resid */
  residTtlMs: 5 * 60_000,
  /** stoprecord notes: no stream for "the preset time (default is 30 s)" stops the task; only Customer Support changes it */
  idleStopSec: 30,
  /** input zOrder: "0 indicates the bottommost layer … up to 16 layers" (unirec sends 0 … 15) */
  maxLayers: 16,
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
  /** templateid 1 … 5 */
  templateIds: [1, 5] as [number, number],
  /**
   * roomid and uid: seed 003 gives no character set. unirec follows JOCloud's RTC SDK rule for room
   * and user ids (joinRoom: "[A,Z],[a,z],[0,9],-,_", at most 64 bytes; not in the vendor notes (docs/vendors/sources.md), unconfirmed):
   * ids that need no escaping in the queryrecord path, and `roomid:uid` stays unambiguous.
   */
  idPattern: /^[A-Za-z0-9_-]{1,64}$/,
  idMaxBytes: 64,
  /**
   * resid / recordid as JOCloud returns them (seed: hex and '-'): letters, digits, '-' and '_', at most
   * 256 characters. No '.': a recordid of '..' would change the queryrecord path.
   */
  taskIdPattern: /^[A-Za-z0-9_-]{1,256}$/,
  /**
   * JOCloud has no maximum duration (a task runs until stoprecord or the idle stop): the registry's
   * deadline (reapExpiredSessions) is unirec's choice, 24 hours, as ZEGO's default MaxRecordTime.
   */
  registryDeadlineSec: 24 * 3600,
} as const;

/**
 * Canvas used when a composite video recording gives no `video`: 1280×720 at JOCloud's default 15 fps
 * and 1500 kbps (the seed has no default bitrate; the same canvas and bitrate as ZEGO's default, so a
 * request without `video` looks alike on both). docs/vendors/jocloud.md.
 */
export const JOCLOUD_DEFAULT_VIDEO = { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 } as const;

const ID = '[A-Za-z0-9_-]{1,64}';

/** The capability table: the one source of the limits above that core checks before any request. */
export const JOCLOUD_CAPABILITIES = defineCapabilities({
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
  room: {
    maxBytes: JOCLOUD_LIMITS.idMaxBytes,
    pattern: JOCLOUD_LIMITS.idPattern,
    rule: "must be a JOCloud room id: letters, digits, '-' and '_', at most 64 characters",
  },
  // A uid, or `roomid:uid` for a user of another room (mixconfig input `roomid`).
  participantId: {
    pattern: new RegExp(`^(?:${ID}:)?${ID}$`),
    rule: "must be a JOCloud uid (letters, digits, '-' and '_', at most 64 characters), or roomid:uid for a user of another room",
  },
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
  participants: {
    include: true,
    exclude: false,
    maxInclude: JOCLOUD_LIMITS.maxLayers,
    exactlyOneIn: ['individual'],
  },
  // No `multipleOf`: a side that is not a multiple of 4 is rounded as JOCloud itself rounds, with a
  // warning (strict: UnsupportedFeatureError), in convert-to-jocloud-mix-output.ts. docs/vendors/jocloud.md.
  video: {
    width: JOCLOUD_LIMITS.videoEdge,
    height: JOCLOUD_LIMITS.videoEdge,
    maxPixels: JOCLOUD_LIMITS.videoEdge[1] * JOCLOUD_LIMITS.videoEdge[1],
    fps: JOCLOUD_LIMITS.fps,
    bitrateKbps: JOCLOUD_LIMITS.videoBitrateKbps,
  },
  // Audio is fixed (128 kbps, 48 kHz, stereo AAC): another value is recorded at these, with a warning.
  audio: { sampleRatesHz: [JOCLOUD_LIMITS.audio.sampleRateHz] },
  // no snapshots on JOCloud
  snapshot: { modes: [], intervalSec: [1, 1] },
  // the idle stop is fixed at 30 s (changed only by JOCloud Customer Support): 30 is the only value
  maxIdleSec: [JOCLOUD_LIMITS.idleStopSec, JOCLOUD_LIMITS.idleStopSec],
  // no maxDurationSec: a task runs until stoprecord or the idle stop
  defaultMaxDurationSec: JOCLOUD_LIMITS.registryDeadlineSec,
  extras: ['sessionFromIds'],
});
