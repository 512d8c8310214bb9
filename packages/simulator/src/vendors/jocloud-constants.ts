/**
 * JOCloud cloud recording constants, one table each.
 * Sources: seed 003 (API reference: endpoints, bodies, return codes) and the vendor notes (docs/vendors/sources.md)
 * "JOCloud cloud recording" (methods, auth, callback format from docs.jocloud.com api_callback).
 */

/** `code` values and the `message` sent with them (seed 003 "Return Code" table). */
export const JOCLOUD_CODES = {
  OK: 0,
  NO_TOKEN: 1000,
  INVALID_TOKEN: 1001,
  NO_APPID: 1002,
  INVALID_PARAMETER: 2101,
  TIMEOUT: 2103,
  INTERNAL_ERROR: 2104,
  TOO_FREQUENT: 2105,
  OPERATION_TIMEOUT: 4001,
  UNSUPPORTED_PARAMETERS: 4004,
  ROOM_NOT_PUBLISHING: 4005,
  INVALID_TIME: 4006,
  OPERATION_TIMEOUT_2: 4007,
  RECORDING_TIMEOUT: 4009,
  TASK_EXISTS: 4011,
  RESID_INVALID: 4012,
  RECORDID_UNKNOWN: 4013,
  MIX_FAILED: 4014,
  MIX_TIMEOUT: 4015,
  MIX_INVALID: 4016,
  MIX_FAILED_2: 4017,
  MIX_INTERNAL: 4018,
  NOT_MIXED: 4019,
} as const;

export const JOCLOUD_MESSAGES: Record<number, string> = {
  0: 'success',
  1000: 'No token in the service API header',
  1001: 'token format and/or content is incorrect',
  1002: 'No application ID',
  2101: 'Invalid API parameter',
  2103: 'Request timeout',
  2104: 'Internal server error',
  2105: 'Too-frequent calling of command',
  4001: 'Recording operation timeout',
  4004: 'Unsupported recording parameters',
  4005: 'Room is not publishing',
  4006: 'Invalid recording time parameters',
  4007: 'Recording operation timeout',
  4009: 'Recording timeout',
  4011: 'Recording task already exists',
  4012: 'Recording resid is invalid or has been invalidated by timeout',
  4013: 'Recording recordid does not exist',
  4014: 'Stream mixing operation failed',
  4015: 'Stream mixing operation timed out',
  4016: 'Invalid mixed stream parameters',
  4017: 'Stream mixing operation failed',
  4018: 'Internal stream mixing error',
  4019: 'Recording task type is not mixed stream recording',
};

/**
 * HTTP status per code. The seed lists 2101, 4005, 4011 and 4012 under "HTTP response 404 error";
 * for every other code the HTTP status is undocumented and the emulator answers 200.
 */
export const JOCLOUD_HTTP_STATUS: Record<number, number> = { 2101: 404, 4005: 404, 4011: 404, 4012: 404 };

/**
 * reqUri → HTTP method. applyrecord GET and startrecord POST are documented; the methods of
 * updatemixrecord, stoprecord (POST, they carry bodies) and queryrecord (GET, path parameters) are
 * unconfirmed (the vendor notes (docs/vendors/sources.md)).
 */
export const JOCLOUD_OPERATIONS = {
  applyrecord: 'GET',
  startrecord: 'POST',
  updatemixrecord: 'POST',
  stoprecord: 'POST',
  queryrecord: 'GET',
} as const;
export type JoCloudOperation = keyof typeof JOCLOUD_OPERATIONS;

/** "Each AppID is limited to 10 requests per second"; queryrecord: "Each recordid is limited to 10 requests per second". */
export const JOCLOUD_RATE = { perAppId: 10, queryPerRecordId: 10 } as const;

/** queryrecord data.status: "0: Init status 1: Task starting". */
export const JOCLOUD_QUERY_STATUS = { INIT: 0, STARTED: 1 } as const;

/** Field ranges (seed 003). `[a, b]` inclusive; exclusive bounds of the seed are written as integers. */
export const JOCLOUD_RANGES = {
  /** layoutX/layoutY/cropX/cropY: [0, 1920] */
  coord: [0, 1920],
  /** layoutW/layoutH/cropW/cropH: (0, 1920] */
  size: [1, 1920],
  /** "0 indicates the bottommost layer … up to 16 layers": sixteen layers are 0 … 15 */
  zOrder: [0, 15],
  /** videowidth/videoheight: [16, 1920] (not a multiple of 4 → rounded by the service, so accepted) */
  videoEdge: [16, 1920],
  /** "integral multiple of 4. (If not, round to the nearest multiple of 4)" */
  videoEdgeMultiple: 4,
  /** videofps "(0, 60] … The default value is 15fps. If … higher than 60, the service will be adjusted to 60" */
  maxFps: 60,
  defaultFps: 15,
  /** videogop "default value: 30fps" */
  defaultGop: 30,
  /** kbps, (0, 10000] */
  videobitrate: [1, 10000],
  /** (0, 1000) */
  videogop: [1, 999],
  /** watermark x/y: [0, 1920) */
  watermarkCoord: [0, 1919],
  /** watermark image width/height: (0, 1920) */
  watermarkSize: [1, 1919],
  /** font size (0, 100] */
  fontSize: [1, 100],
  templateid: [1, 5],
  /** bytes */
  maxUrlBytes: 256,
  maxSeiBytes: 2048,
  /** fileprefix joined with '/' separators, slashes included */
  maxPrefixChars: 128,
} as const;

/**
 * The one value the service supports for each of these output fields ("value: 128", "Value is 2", …;
 * videoencode "100: H264 (not support H265)"). Another integer is code 4004 (unsupported parameters).
 */
export const JOCLOUD_FIXED = {
  audiobitrate: 128,
  audiochannel: 2,
  audiosample: 48000,
  audioformat: 2,
  videoencode: 100,
} as const;

export const JOCLOUD_TIMESTAMP_FORMATS = [
  '%Y/%m/%d',
  '%Y-%m-%d',
  '%H:%M:%S',
  '%Y/%m/%d %H:%M:%S',
  '%Y-%m-%d %H:%M:%S',
] as const;

/**
 * storagecfg.vender per the seed. The integration guide says only Alibaba OSS is supported; the seed
 * is followed and all three are accepted.
 */
export const JOCLOUD_STORAGE_VENDERS: Record<number, string> = {
  0: 'Alibaba Cloud',
  1: 'Tencent Cloud',
  2: 'Qiniu Cloud',
};

/**
 * Callback constants (docs.jocloud.com api_callback, the vendor notes (docs/vendors/sources.md)). `recordtask_m3u8_info` (msgtype 2) and the
 * msgid shape `RECORD-<recordid>-<hex ms>` are from the published example; the msgtype 1 names are the
 * emulator's own (no msgtype 1 example is published). No signature and no header but Content-Type are
 * documented, so none is sent.
 */
export const JOCLOUD_CALLBACK = {
  product: 1,
  msgtype: { STATUS: 1, RESULT: 2 },
  msgname: { result: 'recordtask_m3u8_info', started: 'recordtask_started', stopped: 'recordtask_stopped' },
  filetype: 'm3u8',
  contentType: 'application/json',
} as const;

/** Emulator defaults for what the documents leave to the real service. */
export const JOCLOUD_SIM_DEFAULTS = {
  startDelayMs: 1000,
  /** "This ID remains valid for five minutes" */
  residTtlMs: 5 * 60_000,
  /** stoprecord notes: "no stream in the room for more than the preset time (default is 30 s)" → auto stop */
  idleStopMs: 30_000,
  endedRetentionMs: 10 * 60_000,
} as const;
