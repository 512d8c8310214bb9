import { defineCapabilities } from '@unirec/core/adapter';
import { ZEGO_STORAGE_VENDORS } from './zego-storage.js';

/**
 * ZEGO limits, one table. Sources: seed 002/004 "StartRecord" (ranges of MaxIdleTime, MaxRecordTime,
 * Fps, Width/Height, SnapshotInterval, MixInputList edges), ZEGOCLOUD docs "Set mixed-stream layout"
 * (at most 25 views), the vendor notes (docs/vendors/sources.md) (QPS per action).
 */
export const ZEGO_LIMITS = {
  /** MaxIdleTime "≥ 5 and ≤ 86400" seconds */
  maxIdleSec: [5, 86_400] as [number, number],
  /** MaxRecordTime "≥ 300 and ≤ 86400" seconds */
  maxDurationSec: [300, 86_400] as [number, number],
  /** MixOutputVideoConfig.Fps "[5,30]", default 15 */
  fps: [5, 30] as [number, number],
  defaultFps: 15,
  /** Width/Height "≤ 1920", and Width × Height ≤ 1920 × 1080 */
  maxEdge: 1920,
  maxPixels: 1920 * 1080,
  /** MixInputList Left/Top/Right/Bottom "[0, 1920]" */
  maxCoordinate: 1920,
  /** SnapshotInterval "[5, 3600]" seconds */
  snapshotIntervalSec: [5, 3600] as [number, number],
  /** "this canvas can display up to 25 users" (custom layout) */
  maxRegions: 25,
  /** DescribeTasks PageSize "≤ 50 and > 0"; StartTime ≥ now − 3 days; span ≤ 3 days */
  maxPageSize: 50,
  taskWindowMs: 3 * 24 * 3600 * 1000,
  /**
   * Bitrates: StartRecord documents none. unirec caps them so that ×1000 (ZEGO takes bps) stays a
   * small integer: 50 Mbps video, 512 kbps audio — beyond any real mixed stream.
   */
  videoBitrateKbps: [1, 50_000] as [number, number],
  audioBitrateKbps: [1, 512] as [number, number],
  /** RoomId: ≤ 128 bytes (ZEGO Express loginRoom roomID rule) */
  roomMaxBytes: 128,
  /** MaxRecordTime default: 24 h ("默认 86400") */
  defaultMaxRecordSec: 86_400,
} as const;

/** Published call-frequency limits per Action (seed 002 "50 times/second"; the vendor notes (docs/vendors/sources.md) table). */
export const ZEGO_QPS = { default: 10, perAction: { StartRecord: 50, StopRecord: 50 } } as const;

/**
 * Canvas used when a composite request gives no `video`: 1280×720 at ZEGO's default 15 fps and
 * 1500 kbps (the seed's own bitrate example, "1.5 Mbps = 1500*1000"). docs/vendors/zego.md.
 */
export const ZEGO_DEFAULT_VIDEO = { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 } as const;

/** The capability table: the one source of the limits above that core checks before any request. */
export const ZEGO_CAPABILITIES = defineCapabilities({
  modes: ['composite', 'individual'],
  presets: ['grid', 'speaker', 'pip'],
  formats: ['mp4', 'flv', 'hls', 'mp3', 'jpg'],
  multipleFormats: false,
  storageVendors: ZEGO_STORAGE_VENDORS,
  media: ['audio', 'video', 'audio+video'],
  room: {
    maxBytes: ZEGO_LIMITS.roomMaxBytes,
    // ZEGO room ids (Express SDK loginRoom): digits, letters and ~ ! @ # $ % ^ & * ( ) _ + = - ` ; ' , . < > / \
    pattern: /^[A-Za-z0-9~!@#$%^&*()_+=\-`;',.<>/\\]+$/,
    rule: "must be a ZEGOCLOUD room id: letters, digits and ~ ! @ # $ % ^ & * ( ) _ + = - ` ; ' , . < > / \\ (no spaces)",
  },
  // Stream ids: letters, digits, '-' and '_', ≤ 256 bytes (ZEGOCLOUD stream id rule).
  participantId: {
    pattern: /^[A-Za-z0-9_-]{1,256}$/,
    rule: "must be a ZEGOCLOUD stream id: letters, digits, '-' and '_', at most 256 characters",
  },
  layout: {
    maxRegions: ZEGO_LIMITS.maxRegions,
    alpha: false,
    zIndex: true,
    placeholderImage: true,
    backgroundImage: true,
    joinOrderFill: true,
    backgroundUpdate: false,
    units: 'pixel',
  },
  // ZEGO can list streams to record (RecordStreamList / MixInputList) but not streams to leave out.
  participants: { include: true, exclude: false, maxInclude: ZEGO_LIMITS.maxRegions },
  video: {
    width: [1, ZEGO_LIMITS.maxEdge],
    height: [1, ZEGO_LIMITS.maxEdge],
    maxPixels: ZEGO_LIMITS.maxPixels,
    fps: ZEGO_LIMITS.fps,
    bitrateKbps: ZEGO_LIMITS.videoBitrateKbps,
  },
  audio: { bitrateKbps: ZEGO_LIMITS.audioBitrateKbps },
  snapshot: { modes: ['composite', 'individual'], intervalSec: ZEGO_LIMITS.snapshotIntervalSec },
  maxIdleSec: ZEGO_LIMITS.maxIdleSec,
  maxDurationSec: ZEGO_LIMITS.maxDurationSec,
  defaultMaxDurationSec: ZEGO_LIMITS.defaultMaxRecordSec,
  extras: ['pause', 'resume', 'takeSnapshot', 'listTasks'],
});
