/**
 * The neutral model of DESIGN.md. Every adapter maps from these types to its vendor's request and
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
  /** opaque, URL-safe; everything later calls need */
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
  upload: 'uploaded' | 'backed-up' | 'pending' | 'unknown';
  /** true when the session had already ended before this stop */
  alreadyStopped: boolean;
  raw: unknown;
}

export interface LayoutUpdateResult {
  warnings: Warning[];
  raw: unknown;
}

export interface CallOptions {
  /** overrides the provider's timeoutMs for this call */
  timeoutMs?: number;
  /** overrides the provider's maxRetries for this call */
  maxRetries?: number;
  signal?: AbortSignal;
}

export interface Capabilities {
  modes: RecordingMode[];
  presets: LayoutPreset[];
  formats: OutputFormat[];
  /** which output formats can be combined in one recording */
  multipleFormats: boolean;
  storageVendors: StorageVendor[];
  media: MediaKind[];
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
  participants: { include: boolean; exclude: boolean; maxInclude: number };
  video: { maxWidth: number; maxHeight: number; maxPixels: number; fps: [number, number] };
  snapshot: { modes: RecordingMode[]; intervalSec: [number, number] };
  maxIdleSec?: [number, number];
  maxDurationSec?: [number, number];
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
  raw: unknown;
}

export interface WebhookReceiver {
  receive(
    rawBody: string | Uint8Array,
    headers: Record<string, string | string[] | undefined>,
  ): RecordingEvent;
}
