import type { Capabilities } from '@unirec/core';

/**
 * Agora Cloud Recording limits. Sources: shared/seeds/001_5a9c23190ed1c5d1.txt (the Chinese `start`
 * reference, "seed 001": the most precise ranges and defaults), shared/seeds/000_399aa3f9fed8ff74.txt
 * (English OpenAPI export, "seed 000") and shared/VENDORS.md § Agora ("Limits", region table).
 * Where the seeds disagree the choice is noted on the line and in docs/vendors/agora.md.
 */
export const AGORA_LIMITS = {
  /** VENDORS.md / seed 001: 10 requests per second per App ID */
  requestsPerSecond: 10,
  /** VENDORS.md: cname < 64 bytes in individual / composite mode */
  cnameMaxBytes: 63,
  /** seed 000: 1024 bytes in web mode (seed 001 says 128; the newer English export and VENDORS.md say 1024) */
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
  /** default maxRecordingHour: the acquire default resourceExpiredHour (VENDORS.md: 72) */
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

export const agoraCapabilities: Capabilities = {
  modes: ['composite', 'individual', 'web'],
  presets: ['grid', 'speaker', 'pip'],
  // flv and mp3 have no Agora avFileType; mp4 only in mix/web and only together with hls.
  formats: ['hls', 'mp4', 'jpg'],
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
    maxWidth: AGORA_LIMITS.maxDimension,
    maxHeight: AGORA_LIMITS.maxDimension,
    maxPixels: AGORA_LIMITS.maxPixels,
    fps: AGORA_LIMITS.mixFps,
  },
  snapshot: { modes: ['individual'], intervalSec: AGORA_LIMITS.snapshotIntervalSec },
  maxIdleSec: AGORA_LIMITS.maxIdleSec,
  // Only web mode has a maximum duration (maxRecordingHour, whole hours).
  maxDurationSec: [1, AGORA_LIMITS.webMaxRecordingHour[1] * 3600],
  extras: ['update'],
};
