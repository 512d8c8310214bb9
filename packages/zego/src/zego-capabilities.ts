import type { Capabilities } from '@unirec/core';
import { ZEGO_STORAGE_VENDORS } from './zego-storage.js';

/**
 * ZEGO limits, one table. Sources: seed 002/004 "StartRecord" (ranges of MaxIdleTime, MaxRecordTime,
 * Fps, Width/Height, SnapshotInterval, MixInputList edges), ZEGOCLOUD docs "Set mixed-stream layout"
 * (at most 25 views), VENDORS.md (QPS per action).
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
} as const;

/** Published call-frequency limits per Action (seed 002 "50 times/second"; VENDORS.md table). */
export const ZEGO_QPS = { default: 10, perAction: { StartRecord: 50, StopRecord: 50 } } as const;

/**
 * Canvas used when a composite request gives no `video`: 1280×720 at ZEGO's default 15 fps and
 * 1500 kbps (the seed's own bitrate example, "1.5 Mbps = 1500*1000"). docs/vendors/zego.md.
 */
export const ZEGO_DEFAULT_VIDEO = { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 } as const;

export const ZEGO_CAPABILITIES: Capabilities = {
  modes: ['composite', 'individual'],
  presets: ['grid', 'speaker', 'pip'],
  formats: ['mp4', 'flv', 'hls', 'mp3', 'jpg'],
  multipleFormats: false,
  storageVendors: ZEGO_STORAGE_VENDORS,
  media: ['audio', 'video', 'audio+video'],
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
    maxWidth: ZEGO_LIMITS.maxEdge,
    maxHeight: ZEGO_LIMITS.maxEdge,
    maxPixels: ZEGO_LIMITS.maxPixels,
    fps: ZEGO_LIMITS.fps,
  },
  snapshot: { modes: ['composite', 'individual'], intervalSec: ZEGO_LIMITS.snapshotIntervalSec },
  maxIdleSec: ZEGO_LIMITS.maxIdleSec,
  maxDurationSec: ZEGO_LIMITS.maxDurationSec,
  extras: ['pause', 'resume', 'takeSnapshot', 'listTasks'],
};
