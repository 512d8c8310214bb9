/**
 * The neutral model of the design (docs/architecture.md). Every adapter maps from these types to its vendor's request and
 * back; names here are public API.
 */

export type Vendor = 'agora' | 'zego' | 'jocloud';
export const VENDORS: readonly Vendor[] = ['agora', 'zego', 'jocloud'];

export type RecordingMode = 'composite' | 'individual' | 'web';
export type MediaKind = 'audio' | 'video' | 'audio+video';
export type OutputFormat = 'hls' | 'mp4' | 'flv' | 'mp3' | 'jpg';
export type FitMode = 'cover' | 'contain';
export type LayoutPreset = 'grid' | 'speaker' | 'pip';

export interface Background {
  /** '#RRGGBB' */
  color?: string;
  /** http(s) URL of a JPG/PNG */
  image?: string;
}

/** One tile of a composite layout; coordinates are fractions of the canvas, top-left origin. */
export interface Region {
  participant?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  zIndex?: number;
  fit?: FitMode;
  /** 0 (transparent) … 1 (opaque) */
  alpha?: number;
  /** shown while the participant has no video */
  placeholderImage?: string;
}

export interface PresetLayout {
  preset: LayoutPreset;
  /** participant shown large (speaker, pip) */
  focus?: string;
  background?: Background;
  /** tiles to lay out when participants are not known (default: grid 4, speaker 5, pip 4) */
  slots?: number;
}

export interface RegionsLayout {
  regions: Region[];
  background?: Background;
}

export type LayoutInput = PresetLayout | RegionsLayout;

export type StorageVendor =
  | 's3'
  | 'aliyun-oss'
  | 'tencent-cos'
  | 'qiniu-kodo'
  | 'huawei-obs'
  | 'google-gcs'
  | 'azure-blob'
  | 'baidu-bos'
  | 's3-compatible'
  | 'aliyun-vod'
  | 'tencent-vod'
  | 'china-mobile-eos';

export interface StorageConfig {
  vendor: StorageVendor;
  /** the storage provider's own region id, e.g. 'us-east-1', 'oss-cn-hangzhou' */
  region?: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** s3-compatible, JOCloud */
  endpoint?: string;
  /** folder segments */
  prefix?: string[];
}

export interface VideoSettings {
  width: number;
  height: number;
  fps?: number;
  bitrateKbps?: number;
}

export interface AudioSettings {
  sampleRateHz?: number;
  bitrateKbps?: number;
  channels?: 1 | 2;
}

export interface OutputSettings {
  formats?: OutputFormat[];
  snapshotIntervalSec?: number;
  maxIdleSec?: number;
  maxDurationSec?: number;
}

export interface WebPageSettings {
  /** the page to record */
  url: string;
  /** seconds (default: vendor's) */
  maxDurationSec?: number;
  /** capture the page's audio as well (default true) */
  audio?: boolean;
}

export interface StartRecordingRequest {
  /** Agora cname, ZEGO RoomId, JOCloud roomid */
  room: string;
  mode: RecordingMode;
  media?: MediaKind;
  participants?: { include?: string[]; exclude?: string[] };
  layout?: LayoutInput;
  video?: VideoSettings;
  audio?: AudioSettings;
  output?: OutputSettings;
  storage: StorageConfig;
  web?: WebPageSettings;
  token?: string;
  recorderUid?: string;
  callbackUrl?: string;
  idempotencyKey?: string;
  vendorOptions?: {
    agora?: Record<string, unknown>;
    zego?: Record<string, unknown>;
    jocloud?: Record<string, unknown>;
  };
}

export interface Warning {
  /** stable identifier, e.g. 'layout.alpha', 'layout.zIndex', 'layout.rounding', 'layout.preset' */
  feature: string;
  message: string;
}

export interface RecordingSession {
  vendor: Vendor;
  room: string;
  mode: RecordingMode;
  startedAt: Date;
  /**
   * The vendor's id of this recording (Agora sid, ZEGO TaskId, JOCloud recordid): the same string a
   * webhook event of this recording carries in `RecordingEvent.sessionId`.
   */
  sessionId: string;
  /** opaque, URL-safe (A-Z a-z 0-9 . _ ~ = -); everything later calls need; never a secret */
  handle: string;
  warnings: Warning[];
}

export type SessionRef = RecordingSession | string;

export type RecordingState =
  | 'starting'
  | 'recording'
  | 'paused'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'unknown';

export type FileKind = 'audio' | 'video' | 'audio+video' | 'snapshot' | 'index';

export interface RecordingFile {
  name: string;
  kind: FileKind;
  participant?: string;
  startedAt?: Date;
  url?: string;
  sizeBytes?: number;
  durationMs?: number;
  /** per-file upload state where the vendor reports one */
  upload?: UploadState;
}

export type UploadState = 'uploaded' | 'backed-up' | 'pending' | 'failed' | 'unknown';

export interface RecordingStatus {
  state: RecordingState;
  /** the vendor's raw state code */
  vendorState: string | number | undefined;
  files: RecordingFile[];
  raw: unknown;
}

export interface RecordingResult {
  files: RecordingFile[];
  /** the weakest state among the files (see combineUploadStates); 'unknown' when none are reported */
  upload: UploadState;
  /** true when the session had already ended before this stop */
  alreadyStopped: boolean;
  raw: unknown;
}

export interface LayoutUpdateResult {
  warnings: Warning[];
  raw: unknown;
}

export interface CallOptions {
  /** overrides the provider's timeoutMs (per attempt) for this call */
  timeoutMs?: number;
  /** overrides the provider's maxRetries for this call */
  maxRetries?: number;
  /** aborting rejects the call with AbortError (name 'AbortError', cause = the signal's reason) */
  signal?: AbortSignal;
}

/** An inclusive [min, max] range of a vendor limit. */
export type Range = readonly [min: number, max: number];

export interface VideoLimits {
  width: Range;
  height: Range;
  /** width × height */
  maxPixels: number;
  fps: Range;
  bitrateKbps: Range;
  /** width and height must be multiples of this (JOCloud: 4) */
  multipleOf?: number;
}

/**
 * What a vendor can do and its documented limits: the one source of them. Core's
 * `checkCapabilities` refuses a request that needs something outside this table before any
 * request is sent (UnsupportedFeatureError for what the vendor cannot do, ValidationError for a
 * value outside a limit), and the conformance suite derives its cases from it.
 */
export interface Capabilities {
  modes: RecordingMode[];
  presets: LayoutPreset[];
  /** every format of any mode */
  formats: OutputFormat[];
  /** formats per mode, where a mode allows fewer than `formats` */
  formatsByMode?: Partial<Record<RecordingMode, OutputFormat[]>>;
  /** can one recording write several formats */
  multipleFormats: boolean;
  storageVendors: StorageVendor[];
  media: MediaKind[];
  /** media per mode, where a mode allows fewer than `media` */
  mediaByMode?: Partial<Record<RecordingMode, MediaKind[]>>;
  room: {
    /** UTF-8 bytes */
    maxBytes: number;
    maxBytesByMode?: Partial<Record<RecordingMode, number>>;
    /** characters the vendor accepts in a room id */
    pattern?: RegExp;
    /** the rule of `pattern` in words */
    rule?: string;
  };
  /** the form of a participant id (Agora uid, ZEGO stream id, JOCloud uid) */
  participantId: { pattern: RegExp; rule: string };
  layout: {
    maxRegions: number;
    alpha: boolean;
    zIndex: boolean;
    placeholderImage: boolean;
    backgroundImage: boolean;
    /** regions without a participant are filled in join order */
    joinOrderFill: boolean;
    /** can the background change in updateLayout */
    backgroundUpdate: boolean;
    /** 'fraction' keeps coordinates; 'pixel' rounds to the canvas */
    units: 'fraction' | 'pixel';
  };
  participants: {
    include: boolean;
    exclude: boolean;
    maxInclude: number;
    /** modes that record exactly one participant, named in participants.include (JOCloud individual) */
    exactlyOneIn?: RecordingMode[];
  };
  video: VideoLimits & { byMode?: Partial<Record<RecordingMode, Partial<VideoLimits>>> };
  audio: { bitrateKbps?: Range; sampleRatesHz?: number[] };
  snapshot: { modes: RecordingMode[]; intervalSec: Range };
  /** absent: the vendor has no idle timeout setting */
  maxIdleSec?: Range;
  /** absent: the vendor has no maximum-duration setting */
  maxDurationSec?: Range;
  /** modes where maxDurationSec can be set (default: every mode) */
  maxDurationModes?: RecordingMode[];
  /** how long a recording runs at most when nobody stops it (the registry's default deadline) */
  defaultMaxDurationSec: number;
  /** operations beyond the neutral interface, on the concrete provider class */
  extras: string[];
}

export interface RecordingProvider {
  readonly vendor: Vendor;
  readonly capabilities: Capabilities;
  start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession>;
  updateLayout(session: SessionRef, layout: LayoutInput, options?: CallOptions): Promise<LayoutUpdateResult>;
  query(session: SessionRef, options?: CallOptions): Promise<RecordingStatus>;
  stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult>;
}

export type RecordingEventType =
  | 'recording.started'
  | 'recording.file_uploaded'
  | 'recording.stopped'
  | 'recording.failed'
  | 'recording.warning'
  | 'recording.status'
  | 'vendor.other';

export interface RecordingEvent {
  vendor: Vendor;
  type: RecordingEventType;
  room?: string;
  sessionId?: string;
  occurredAt: Date;
  files?: RecordingFile[];
  /** vendor's de-duplication key (Agora noticeId, ZEGO task_id+sequence, JOCloud msgid) */
  eventId?: string;
  /** vendor event code */
  vendorEvent?: string | number;
  /** the recording's neutral state as this event reports it, where it says */
  state?: RecordingState;
  /** why the recording ended or failed, in the vendor's words, where it says */
  reason?: string;
  raw: unknown;
}

export interface WebhookReceiver {
  /**
   * Verifies and parses one callback. `rawBody` is the request body exactly as received (string or
   * bytes, never a parsed object); `requestUrl` is the request's path and query (node:http `req.url`).
   * Throws WebhookVerificationError for anything that is not an authentic callback of the vendor.
   */
  receive(
    rawBody: string | Uint8Array,
    headers: Record<string, string | string[] | undefined>,
    requestUrl?: string,
  ): RecordingEvent;
}
