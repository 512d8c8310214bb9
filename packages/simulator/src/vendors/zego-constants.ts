/**
 * ZEGOCLOUD Cloud Recording constants, one table each.
 * Sources: seed 002 (StartRecord, English), seed 004 (StartRecord, Chinese, with
 * examples), the vendor notes (docs/vendors/sources.md) "ZEGOCLOUD Cloud Recording" (other actions, codes, callbacks), and the
 * ZEGOCLOUD/docs_all server API pages (describe-tasks, describe-record-status, update-layout,
 * recording-status-callback, return-codes).
 */

/** Response `Code` values and the `Message` the emulator sends with them (the vendor notes (docs/vendors/sources.md), return-codes). */
export const ZEGO_CODES = {
  OK: 0,
  BAD_APP_ID: 100000001,
  SIGNATURE_EXPIRED: 100000004,
  SIGNATURE_INVALID: 100000005,
  ACTION_EMPTY: 100000006,
  ACTION_UNSUPPORTED: 100000007,
  SIGNATURE_VERSION_EMPTY: 100000013,
  SIGNATURE_VERSION_UNSUPPORTED: 100000014,
  APP_NOT_IN_PRODUCTION: 100000016,
  SERVICE_NOT_ENABLED: 100000017,
  RECORDING_NOT_ENABLED: 300000002,
  RATE_LIMITED: 300000003,
  INVALID_PARAMETER: 300000004,
  TOO_MANY_TASKS: 300000006,
  TASK_NOT_FOUND: 300001000,
  TASK_ENDED: 300001001,
  TASK_NOT_PAUSED: 300001004,
  SYSTEM_ERROR: 300010000,
} as const;

export const ZEGO_MESSAGES: Record<number, string> = {
  0: 'succeed',
  100000001: 'AppId is invalid',
  100000004: 'signature expired',
  100000005: 'signature invalid',
  100000006: 'Action is empty',
  100000007: 'Action is not supported',
  100000013: 'SignatureVersion is empty',
  100000014: 'SignatureVersion is not supported',
  100000016: 'app is not in production environment',
  100000017: 'service is not enabled',
  300000002: 'cloud recording service is not enabled',
  300000003: 'requests have exceeded the upper limit',
  300000004: 'parameter is invalid',
  300000006: 'too many concurrent recording tasks',
  300001000: 'recording task does not exist',
  300001001: 'recording task has stopped',
  300001004: 'recording is not paused',
  300010000: 'system error',
};

/** Every action and its documented call-frequency limit (requests per second). */
export const ZEGO_ACTION_QPS = {
  StartRecord: 50,
  StopRecord: 50,
  UpdateLayout: 10,
  DescribeRecordStatus: 10,
  DescribeTasks: 10,
  PauseRecord: 10,
  ResumeRecord: 10,
  TakeSnapshot: 10,
  UpdateWhiteboard: 10,
} as const;
export type ZegoAction = keyof typeof ZEGO_ACTION_QPS;

/** Common-parameter rules (seed 002 "Query Parameters"). */
export const ZEGO_AUTH = {
  signatureVersion: '2.0',
  /** "A maximum error of 10 minutes is allowed." */
  timestampToleranceSec: 600,
  /** 16 hex chars = hex of 8 random bytes */
  noncePattern: /^[0-9a-fA-F]{16}$/,
} as const;

/** Task `Status` of DescribeRecordStatus / DescribeTasks. */
export const ZEGO_TASK_STATUS = { INITIALISING: 1, RECORDING: 2, ENDED: 3, ABNORMAL: 4, PAUSED: 5 } as const;

/** RecordFiles[].Status. */
export const ZEGO_FILE_STATUS = { RECORDING: 1, UPLOADING: 2, UPLOADED: 3, BACKUP: 4, FAILED: 5 } as const;

/** Callback `event_type` values (recording-status-callback). */
export const ZEGO_EVENT = {
  UPLOAD_RESULT: 1,
  ABNORMAL_END: 2,
  IMAGE_DOWNLOAD_FAILED: 3,
  NO_STREAMS: 4,
  EXITED: 5,
  STREAM_MISSING: 6,
  UPLOADING: 7,
  HLS_M3U8: 102,
  PAUSED: 201,
  RESUMED: 202,
} as const;

/** detail.quit_reason of event 2 used by the emulator. */
export const ZEGO_QUIT_REASON = { MAX_RECORD_TIME: 4, UNKNOWN: 1001 } as const;

/** Field ranges (seed 002/004), inclusive. */
export const ZEGO_RANGES = {
  MaxIdleTime: [5, 86400],
  MaxRecordTime: [300, 86400],
  Coordinate: [0, 1920],
  VideoEdge: [1, 1920],
  /** "the product of Width and Height cannot exceed 1920 * 1080" */
  MaxPixels: 1920 * 1080,
  Fps: [5, 30],
  PPTAnimationFps: [1, 30],
  FontSize: [12, 100],
  SnapshotInterval: [5, 3600],
  FragmentSeconds: [2, 60],
  /** DescribeTasks */
  PageSize: [1, 50],
  /** DescribeTasks / DescribeRecordStatus look-back window */
  queryWindowMs: 3 * 24 * 3600 * 1000,
} as const;

/**
 * OutputFileFormat. Seeds 002/004 list mp4|flv|hls|jpg|mp3; the vendor notes (docs/vendors/sources.md) adds aac and ogg. The union
 * is accepted so no documented value is rejected.
 */
export const ZEGO_OUTPUT_FORMATS = ['mp4', 'flv', 'hls', 'jpg', 'aac', 'mp3', 'ogg'] as const;
export type ZegoOutputFormat = (typeof ZEGO_OUTPUT_FORMATS)[number];
export const ZEGO_AUDIO_ONLY_FORMATS: readonly string[] = ['aac', 'mp3', 'ogg'];

/**
 * StorageParams.Vendor: which fields each vendor requires (seed 004 warning box), which output
 * formats it can take, and how the emulator builds FileUrl (absent for Qiniu and Alibaba VOD).
 */
export interface ZegoStorageVendor {
  name: string;
  required: ReadonlyArray<'Region' | 'Bucket' | 'AccessKeyId' | 'AccessKeySecret' | 'EndPoint'>;
  vod?: 'AlibabaCloudVodParams' | 'TencentCloudVodParams';
  formats?: readonly string[];
  /** `{b}` bucket, `{r}` region, `{e}` endpoint; undefined → no FileUrl */
  urlBase?: string;
}
const KEYS4 = ['Region', 'Bucket', 'AccessKeyId', 'AccessKeySecret'] as const;
export const ZEGO_STORAGE_VENDORS: Record<number, ZegoStorageVendor> = {
  1: { name: 'Amazon S3', required: KEYS4, urlBase: 'https://{b}.s3.{r}.amazonaws.com' },
  2: { name: 'Alibaba Cloud OSS', required: KEYS4, urlBase: 'https://{b}.{r}.aliyuncs.com' },
  3: { name: 'Tencent Cloud COS', required: KEYS4, urlBase: 'https://{b}.cos.{r}.myqcloud.com' },
  4: { name: 'Qiniu Cloud Kodo', required: KEYS4 },
  5: { name: 'Alibaba Cloud VOD', required: [], vod: 'AlibabaCloudVodParams', formats: ['mp4', 'flv'] },
  6: {
    name: 'Tencent Cloud VOD',
    required: [],
    vod: 'TencentCloudVodParams',
    formats: ['mp4', 'flv', 'jpg', 'mp3'],
    urlBase: 'https://vod.tencentcloud.example',
  },
  7: { name: 'Huawei Cloud OBS', required: KEYS4, urlBase: 'https://{b}.obs.{r}.myhuaweicloud.com' },
  8: {
    name: 'Google Cloud Storage',
    required: ['Bucket', 'AccessKeyId', 'AccessKeySecret'],
    urlBase: 'https://storage.googleapis.com/{b}',
  },
  9: { name: 'China Mobile Cloud EOS', required: KEYS4, urlBase: 'https://{b}.{r}.cmecloud.cn' },
  10: { name: 'S3-compatible', required: [...KEYS4, 'EndPoint'], urlBase: '{e}/{b}' },
};

/** Emulator defaults for what the documents leave to the real service. */
export const ZEGO_SIM_DEFAULTS = {
  startDelayMs: 1000,
  uploadDelayMs: 0,
  /** streams assumed present in every room (single-stream mode without RecordStreamList) */
  roomStreams: ['sim-stream-1', 'sim-stream-2'],
  /** assumed bitrates (bps) for sizes when the request does not give one */
  videoBitrate: 1_000_000,
  audioBitrate: 48_000,
  /** assumed resolution of single-stream video files */
  singleWidth: 1280,
  singleHeight: 720,
} as const;
