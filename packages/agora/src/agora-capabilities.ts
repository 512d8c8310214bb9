import { defineCapabilities } from '@unirec/core/adapter';

/**
 * Agora Cloud Recording limits. Sources: seed 001 (the Chinese `start`
 * reference, "seed 001": the most precise ranges and defaults), seed 000
 * (English OpenAPI export, "seed 000") and the vendor notes (docs/vendors/sources.md) § Agora ("Limits", region table).
 * Where the seeds disagree the choice is noted on the line and in docs/vendors/agora.md.
 */
export const AGORA_LIMITS = {
  /** the vendor notes (docs/vendors/sources.md) / seed 001: 10 requests per second per App ID */
  requestsPerSecond: 10,
  /** the vendor notes (docs/vendors/sources.md): cname < 64 bytes in individual / composite mode */
  cnameMaxBytes: 63,
  /** seed 000: 1024 bytes in web mode (seed 001 says 128; the newer English export and the vendor notes (docs/vendors/sources.md) say 1024) */
  webCnameMaxBytes: 1024,
  /** seed 000/001: uid in 1 … 2^32 − 1 */
  uidMax: 4_294_967_295,
  /** seed 001 layoutConfig: at most 17 user regions */
  maxRegions: 17,
  /** seed 001 subscribe lists: ≤ 32 uids each */
  maxSubscribeUids: 32,
  /** seed 001 transcodingConfig: width ≤ 1920, height ≤ 1920, width × height ≤ 1920 × 1080 */
  maxDimension: 1920,
  maxPixels: 1920 * 1080,
  /** seed 001 transcodingConfig defaults (used when a layout is given without `video`) */
  defaultMixVideo: { width: 360, height: 640, fps: 15, bitrate: 500 },
  /** seed 001 gives no fps range for transcodingConfig: unirec takes web mode's upper bound */
  mixFps: [1, 60] as [number, number],
  /** seed 001 web serviceParam: videoWidth / videoHeight in [240, 1920], product ≤ 1920 × 1080
   * (seed 000 says ≤ 1280 × 720; seed 001 is the more precise reference) */
  webDimension: [240, 1920] as [number, number],
  webFps: [5, 60] as [number, number],
  webBitrateKbps: [50, 8000] as [number, number],
  /** seed 001 serviceParam.maxRecordingHour: [1, 720] hours */
  webMaxRecordingHour: [1, 720] as [number, number],
  /** default maxRecordingHour: the acquire default resourceExpiredHour (the vendor notes (docs/vendors/sources.md): 72) */
  webDefaultMaxRecordingHour: 72,
  /** seed examples use 1280 × 720; serviceParam requires a size */
  defaultWebVideo: { width: 1280, height: 720 },
  /** seed 001 recordingConfig.maxIdleTime: [5, 2 592 000] s (seed 000's text is garbled) */
  maxIdleSec: [5, 2_592_000] as [number, number],
  /** seed 001 snapshotConfig.captureInterval: [1, 3600] s */
  snapshotIntervalSec: [1, 3600] as [number, number],
  /** seed 001 storageConfig.fileNamePrefix: ≤ 128 characters including the slashes, a-z A-Z 0-9 only */
  prefixMaxChars: 128,
  prefixPattern: /^[A-Za-z0-9]+$/,
  /** seed 000 rtmpPublishConfig: one CDN output at most */
  maxRtmpOutputs: 1,
} as const;

/** Agora `audioProfile` (seed 001 recordingConfig.audioProfile, serviceParam.audioProfile). */
export const AGORA_AUDIO_PROFILES = [
  { profile: 0, sampleRateHz: 48_000, channels: 1, bitrateKbps: 48 },
  { profile: 1, sampleRateHz: 48_000, channels: 1, bitrateKbps: 128 },
  { profile: 2, sampleRateHz: 48_000, channels: 2, bitrateKbps: 192 },
] as const;

/**
 * Agora channel names (RTC `channelName`, the recording's cname): letters, digits, space and
 * ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ , (Agora RTC API reference, joinChannel).
 */
export const AGORA_CNAME_PATTERN = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;

/** The capability table: the one source of the limits above that core checks before any request. */
export const AGORA_CAPABILITIES = defineCapabilities({
  modes: ['composite', 'individual', 'web'],
  presets: ['grid', 'speaker', 'pip'],
  // flv and mp3 have no Agora avFileType; mp4 only in mix/web (with hls); snapshots only in individual mode.
  formats: ['hls', 'mp4', 'jpg'],
  formatsByMode: { composite: ['hls', 'mp4'], individual: ['hls', 'jpg'], web: ['hls', 'mp4'] },
  multipleFormats: true,
  storageVendors: [
    's3',
    'aliyun-oss',
    'tencent-cos',
    'azure-blob',
    'google-gcs',
    'huawei-obs',
    'baidu-bos',
    's3-compatible',
  ],
  media: ['audio', 'video', 'audio+video'],
  // Web page recording always records video (seed 001 serviceParam has no audio-only switch).
  mediaByMode: { web: ['video', 'audio+video'] },
  room: {
    maxBytes: AGORA_LIMITS.cnameMaxBytes,
    maxBytesByMode: { web: AGORA_LIMITS.webCnameMaxBytes },
    pattern: AGORA_CNAME_PATTERN,
    rule: 'must be an Agora channel name: letters, digits, space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,',
  },
  participantId: {
    pattern:
      /^(?:[1-9][0-9]{0,8}|[1-3][0-9]{9}|4[01][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}|42949[0-5][0-9]{4}|429496[0-6][0-9]{3}|4294967[01][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])$/,
    rule: `must be an Agora uid: a decimal integer in 1 … ${AGORA_LIMITS.uidMax} without leading zeros`,
  },
  layout: {
    maxRegions: AGORA_LIMITS.maxRegions,
    alpha: true,
    // Agora paints layoutConfig in list order and has no z-index field.
    zIndex: false,
    placeholderImage: true,
    backgroundImage: true,
    joinOrderFill: true,
    backgroundUpdate: true,
    units: 'fraction',
  },
  participants: { include: true, exclude: true, maxInclude: AGORA_LIMITS.maxSubscribeUids },
  video: {
    width: [1, AGORA_LIMITS.maxDimension],
    height: [1, AGORA_LIMITS.maxDimension],
    maxPixels: AGORA_LIMITS.maxPixels,
    fps: AGORA_LIMITS.mixFps,
    // seed 001 transcodingConfig.bitrate: no range given; unirec takes web mode's upper bound
    bitrateKbps: [1, AGORA_LIMITS.webBitrateKbps[1]],
    byMode: {
      web: {
        width: AGORA_LIMITS.webDimension,
        height: AGORA_LIMITS.webDimension,
        fps: AGORA_LIMITS.webFps,
        bitrateKbps: AGORA_LIMITS.webBitrateKbps,
      },
    },
  },
  audio: { bitrateKbps: [1, 10_000], sampleRatesHz: [48_000] },
  snapshot: { modes: ['individual'], intervalSec: AGORA_LIMITS.snapshotIntervalSec },
  maxIdleSec: AGORA_LIMITS.maxIdleSec,
  // Only web mode has a maximum duration (maxRecordingHour, whole hours).
  maxDurationSec: [1, AGORA_LIMITS.webMaxRecordingHour[1] * 3600],
  maxDurationModes: ['web'],
  // A resource lives resourceExpiredHour (default 72 h, the vendor notes (docs/vendors/sources.md)); the task ends with it.
  defaultMaxDurationSec: AGORA_LIMITS.webDefaultMaxRecordingHour * 3600,
  extras: ['update', 'sessionFromIds'],
});
