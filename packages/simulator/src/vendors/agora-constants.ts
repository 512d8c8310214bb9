/**
 * Agora Cloud Recording constants. Sources: seed 000 (English OpenAPI export,
 * "seed 000"), seed 001 (Chinese `start` reference, "seed 001") and
 * the vendor notes (docs/vendors/sources.md) § Agora (error-code table, status codes, region-vendor table, NCS events).
 */

export const AGORA_PATH_PREFIX = '/v1/apps/';
export const AGORA_NCS_IP_PATH = '/v1/ncs/ip';

export type AgoraMode = 'individual' | 'mix' | 'web';
export const AGORA_MODES: readonly AgoraMode[] = ['individual', 'mix', 'web'];

/** Limits. Seed 001 (start), seed 000 (acquire/start schemas), the vendor notes (docs/vendors/sources.md) "Limits". */
export const AGORA_LIMITS = {
  /** the vendor notes (docs/vendors/sources.md): 10 requests/s per App ID; seed 001: "每秒钟的请求数限制为 10 次" */
  requestsPerSecond: 10,
  /** the vendor notes (docs/vendors/sources.md): cname < 64 bytes for recording modes */
  cnameMaxBytesExclusive: 64,
  /** seed 000 acquire-request: web mode cname max 1024 bytes (seed 001 says 128; the newer 000 wins) */
  webCnameMaxBytes: 1024,
  /** seed 000/001: uid in 1 … 2^32−1 */
  uidMax: 4_294_967_295,
  /** seed 001 layoutConfig: at most 17 regions */
  maxLayoutRegions: 17,
  /** seed 001 subscribe lists: array length ≤ 32 */
  maxSubscribeUids: 32,
  /** seed 001 transcodingConfig: width, height ≤ 1920 and width × height ≤ 1920 × 1080 */
  maxDimension: 1920,
  maxPixels: 1920 * 1080,
  /** seed 001 web serviceParam: videoWidth/videoHeight in [240, 1920], product ≤ 1920 × 1080 */
  webMinDimension: 240,
  /** seed 000 acquire: resource ID valid 5 minutes */
  resourceTtlMs: 5 * 60_000,
  /** the vendor notes (docs/vendors/sources.md) acquire: resourceExpiredHour 1–720, default 72 */
  resourceExpiredHourMin: 1,
  resourceExpiredHourMax: 720,
  resourceExpiredHourDefault: 72,
  /** seed 001 storageConfig.fileNamePrefix: ≤ 128 characters including slashes */
  fileNamePrefixMaxChars: 128,
  /** seed 001 recordingConfig.maxIdleTime: [5, 2 592 000] s (seed 000's "5 to 2^32-1 / cannot exceed 30" is garbled) */
  maxIdleTimeMin: 5,
  maxIdleTimeMax: 2_592_000,
  /** seed 001 snapshotConfig.captureInterval: [1, 3600], default 10 */
  captureIntervalMin: 1,
  captureIntervalMax: 3600,
  /** seed 001 web serviceParam ranges */
  webVideoBitrate: [50, 8000] as const,
  webVideoFps: [5, 60] as const,
  webMaxRecordingHour: [1, 720] as const,
  webMaxVideoDuration: [30, 240] as const,
  webReadyTimeout: [0, 60] as const,
  /** seed 000 rtmpPublishConfig: at most 1 CDN output */
  maxRtmpOutputs: 1,
} as const;

/** `serverResponse.status` (seed 000 serverResponse; the vendor notes (docs/vendors/sources.md)). Started = READY or IN_PROGRESS. */
export const AGORA_STATUS = {
  NOT_STARTED: 0,
  INITIALISED: 1,
  STARTING: 2,
  PARTLY_READY: 3,
  READY: 4,
  IN_PROGRESS: 5,
  STOP_REQUESTED: 6,
  STOPPED: 7,
  EXITED: 8,
  EXITED_ABNORMALLY: 20,
} as const;

/**
 * Error codes with their HTTP status (the vendor notes (docs/vendors/sources.md) error table). Where the table gives no status ("–"),
 * the simulator answers 400, like the other client errors.
 */
export const AGORA_ERRORS: Readonly<Record<number, { http: number; reason: string }>> = {
  2: { http: 400, reason: 'invalid parameter' },
  7: { http: 201, reason: 'the recording has already been started with this resource' },
  8: { http: 400, reason: 'invalid HTTP header, path, method or JSON body' },
  49: { http: 400, reason: 'the recording task is already exiting' },
  53: { http: 400, reason: 'a recording with the same cname and uid is already running' },
  62: { http: 504, reason: 'request timed out' },
  65: { http: 206, reason: 'the recording backend did not finish in time' },
  109: { http: 400, reason: 'the RTC token has expired' },
  110: { http: 400, reason: 'the RTC token is invalid' },
  400: { http: 400, reason: 'invalid appid' },
  401: { http: 400, reason: 'invalid channel' },
  404: { http: 404, reason: 'failed to find worker' },
  405: { http: 400, reason: 'account is not active' },
  406: { http: 400, reason: 'concurrency over limit' },
  432: { http: 400, reason: 'request parameters do not match the resource' },
  433: { http: 400, reason: 'the resource has expired' },
  435: { http: 206, reason: 'no recorded file was created' },
  500: { http: 500, reason: 'internal error' },
  501: { http: 500, reason: 'no worker manager available' },
  502: { http: 500, reason: 'failed to allocate a worker' },
  504: { http: 500, reason: 'worker allocation timed out' },
  1001: { http: 400, reason: 'failed to resolve the resource id' },
  1003: { http: 400, reason: 'appid does not match the sid' },
  1013: { http: 400, reason: 'invalid channel name' },
  1028: { http: 400, reason: 'invalid updateLayout request body' },
};

/** Answers from the API gateway (no `code`): the vendor notes (docs/vendors/sources.md) "Errors without a `code` come from the gateway". */
export const AGORA_GATEWAY = {
  unauthorized: { http: 401, message: 'Invalid authentication credentials' },
  rateLimited: { http: 429, message: 'API rate limit exceeded' },
} as const;

/**
 * Storage vendor → accepted numeric regions (the vendor notes (docs/vendors/sources.md) "Storage vendor / region", region-vendor reference
 * 2025-12). Seed 000 lists vendors 1, 2, 3, 5, 6, 7, 8; the vendor notes (docs/vendors/sources.md) adds 11 (S3-compatible).
 */
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const AGORA_STORAGE_REGIONS: Readonly<Record<number, readonly number[]>> = {
  1: [...range(0, 16), 18, 19, 20, 21, 22, 24, 25], // Amazon S3
  2: range(0, 27), // Alibaba Cloud OSS
  3: range(0, 19), // Tencent Cloud COS
  5: [0], // Microsoft Azure
  6: [0], // Google Cloud
  7: range(0, 15), // Huawei OBS
  8: range(1, 7), // Baidu BOS (no region 0)
  11: [0], // S3-compatible, endpoint in extensionParams.endpoint
};
export const AGORA_STORAGE_VENDOR = { S3: 1, ALIBABA: 2, S3_COMPATIBLE: 11 } as const;

/** acquire `clientRequest.scene` (seed 000): 0 real-time, 1 web page, 2 postponed transcoding/mixing */
export const AGORA_SCENE = { REALTIME: 0, WEB: 1, POSTPONED: 2 } as const;

/**
 * NCS event types the simulator emits (the vendor notes (docs/vendors/sources.md) "NCS webhooks"). productId 3 = cloud recording.
 * serviceType (0 cloud recording service, 1 recorder, 2 uploader, 4 extension services) follows Agora's
 * NCS page; it is not in the seeds: *unconfirmed*.
 */
export const AGORA_NCS = {
  productId: 3,
  events: {
    sessionExit: { eventType: 11, msgName: 'session_exit', serviceType: 0 },
    uploaderStarted: { eventType: 30, msgName: 'uploader_started', serviceType: 2 },
    uploaded: { eventType: 31, msgName: 'uploaded', serviceType: 2 },
    recorderStarted: { eventType: 40, msgName: 'recorder_started', serviceType: 1 },
    recorderLeave: { eventType: 41, msgName: 'recorder_leave', serviceType: 1 },
    webRecorderStarted: { eventType: 70, msgName: 'web_recorder_started', serviceType: 4 },
    webRecorderStopped: { eventType: 71, msgName: 'web_recorder_stopped', serviceType: 4 },
  },
} as const;

/** Web-mode extension services (seed 001 "扩展服务设置"). */
export const AGORA_WEB_SERVICE = 'web_recorder_service';
export const AGORA_RTMP_SERVICE = 'rtmp_publish_service';
/** The subscribe-list wildcard (seed 000 subscribeAudioUids: `["#allstream#"]`). */
export const AGORA_ALL_STREAMS = '#allstream#';
