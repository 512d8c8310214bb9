/**
 * zod schemas of the ZEGO action bodies, every name, type and range taken from seeds 002/004
 * (StartRecord) and the docs_all pages of the other actions, plus the cross-field rules the documents
 * state. Messages name the field and the rule; they become the `Message` of a 300000004 answer.
 */
import { z } from 'zod';
import { bool, int, need, nonEmpty, oneOf, positive, range, str, url } from './zego-jocloud-validation.js';
import { ZEGO_OUTPUT_FORMATS, ZEGO_RANGES, ZEGO_STORAGE_VENDORS } from './zego-constants.js';

/**
 * 0xRRGGBB00 colour. The documents type it int32, yet white (0xFFFFFF00) only fits unsigned: both
 * the unsigned value and its signed int32 reading are accepted; the low byte must be 0.
 */
const colour = () =>
  int().refine((v) => v >= -0x80000000 && v <= 0xffffff00 && (v & 0xff) === 0, {
    error: 'must be a 0xRRGGBB00 integer (fourth byte 0)',
  });
const coord = () => range(ZEGO_RANGES.Coordinate);

const Rect = { Top: coord(), Left: coord(), Bottom: coord(), Right: coord() };

export const MixInputItem = z.strictObject({
  StreamId: str().optional(),
  ViewType: oneOf([1, 2]).optional(),
  ...Rect,
  Layer: int(),
  FillMode: oneOf([1, 2]).optional(),
  BackgroundImage: url().optional(),
});
export type ZegoMixInput = z.infer<typeof MixInputItem>;

const MixOutputVideoConfig = z.strictObject({
  Width: range(ZEGO_RANGES.VideoEdge),
  Height: range(ZEGO_RANGES.VideoEdge),
  Fps: range(ZEGO_RANGES.Fps),
  Bitrate: positive(),
});

const MixConfig = z.strictObject({
  MixMode: oneOf([1, 2, 3, 4, 5]).optional(),
  MixInputList: z.array(MixInputItem, { error: need('an array') }).optional(),
  FillMode: oneOf([1, 2]).optional(),
  MixOutputStreamId: nonEmpty(),
  MixOutputVideoConfig: MixOutputVideoConfig.optional(),
  MixOutputAudioConfig: z.strictObject({ Bitrate: positive().optional() }).optional(),
  MixOutputBackgroundColor: colour().optional(),
  MixOutputBackgroundImage: url().optional(),
  MixMaxResolutionStreamId: str().optional(),
  MixOutputWatermarkImage: url().optional(),
  MixOutputWatermarkImageConfig: z.strictObject(Rect).optional(),
  DefaultMixStreamBackgroundImage: url().optional(),
  IsAlwaysMix: bool().optional(),
  MixOutputWatermarkTimestampConfig: z.strictObject({ FontSize: range(ZEGO_RANGES.FontSize) }).optional(),
  RecordSoundWave: bool().optional(),
  SoundWaveType: oneOf([0, 1]).optional(),
  StreamConfigList: z
    .array(z.strictObject({ StreamId: str().optional(), StreamType: oneOf([0, 1, 2, 3]).optional() }), {
      error: need('an array'),
    })
    .optional(),
  ClearInputStreamTimeout: int().min(0, { error: 'must be ≥ 0' }).optional(),
});

const Whiteboard = z.strictObject({
  HorizontalRatio: positive(),
  VerticalRatio: positive(),
  Width: positive().optional(),
  Height: positive().optional(),
  WhiteboardId: str().optional(),
  BackgroundColor: colour().optional(),
  IsPPTAnimation: bool().optional(),
  PPTAnimationFps: range(ZEGO_RANGES.PPTAnimationFps).optional(),
});

const RecordInputParams = z.strictObject({
  RecordMode: oneOf([1, 2]),
  StreamType: oneOf([1, 2, 3, 4]).optional(),
  ClientTaskId: str().optional(),
  RecordStreamList: z.array(z.strictObject({ StreamId: nonEmpty() }), { error: need('an array') }).optional(),
  FillBlank: bool().optional(),
  FillFrame: z
    .strictObject({ FrameFillMode: oneOf([1, 2, 3]).optional(), FrameFillColor: colour().optional() })
    .optional(),
  RecordMuteAudio: oneOf([1, 2]).optional(),
  RecordMuteAudioSplitThreshold: int().optional(),
  HasWhiteboard: bool().optional(),
  Whiteboard: z.array(Whiteboard, { error: need('an array') }).optional(),
  MaxIdleTime: range(ZEGO_RANGES.MaxIdleTime).optional(),
  MaxRecordTime: range(ZEGO_RANGES.MaxRecordTime).optional(),
  MixConfig: MixConfig.optional(),
  /** named by the vendor notes (docs/vendors/sources.md) (single-stream only), not by the seeds */
  ResumeWithoutInterruption: bool().optional(),
});

const RecordOutputParams = z.strictObject({
  OutputFileFormat: z
    .enum(ZEGO_OUTPUT_FORMATS, { error: need(`one of ${ZEGO_OUTPUT_FORMATS.join(', ')}`) })
    .optional(),
  OutputFolder: str().optional(),
  OutputFileRule: oneOf([1]).optional(),
  SnapshotInterval: range(ZEGO_RANGES.SnapshotInterval).optional(),
  CallbackUrl: url().optional(),
  FragmentSeconds: range(ZEGO_RANGES.FragmentSeconds).optional(),
  RealtimeUploadFragment: bool().optional(),
  ShortFragmentPath: bool().optional(),
});

const StorageParams = z.strictObject({
  Vendor: oneOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  Region: str().optional(),
  Bucket: str().optional(),
  AccessKeyId: str().optional(),
  AccessKeySecret: str().optional(),
  AlibabaCloudVodParams: z
    .strictObject({
      Region: nonEmpty(),
      AccessKeyId: nonEmpty(),
      AccessKeySecret: nonEmpty(),
      Title: nonEmpty(),
      StorageLocation: nonEmpty(),
    })
    .optional(),
  TencentCloudVodParams: z
    .strictObject({
      SecretId: nonEmpty(),
      SecretKey: nonEmpty(),
      Region: nonEmpty(),
      SubAppId: int().optional(),
    })
    .optional(),
  EndPoint: str().optional(),
});

export const StartRecordBody = z.strictObject({
  RoomId: nonEmpty(),
  RecordInputParams,
  RecordOutputParams: RecordOutputParams.optional(),
  StorageParams,
});
export type ZegoStartRecord = z.infer<typeof StartRecordBody>;

export const TaskIdBody = z.strictObject({ TaskId: nonEmpty() });

/** "TaskId, MixMode?, MixInputList?, MixMaxResolutionStreamId? (nothing else)" */
export const UpdateLayoutBody = z.strictObject({
  TaskId: nonEmpty(),
  MixMode: MixConfig.shape.MixMode,
  MixInputList: MixConfig.shape.MixInputList,
  MixMaxResolutionStreamId: str().optional(),
});
export type ZegoUpdateLayout = z.infer<typeof UpdateLayoutBody>;

export const UpdateWhiteboardBody = z.strictObject({ TaskId: nonEmpty(), WhiteboardId: nonEmpty() });

export const DescribeTasksBody = z.strictObject({
  Status: oneOf([2, 3]),
  RoomId: str().optional(),
  /** "When not filled in or filled in as 0, defaults to 1." */
  PageOffset: int().min(0, { error: 'must be ≥ 1 (0 means 1)' }).optional(),
  PageSize: range(ZEGO_RANGES.PageSize).optional(),
  StartTime: int().min(0, { error: 'must be a Unix timestamp in milliseconds' }),
  EndTime: int().min(0, { error: 'must be a Unix timestamp in milliseconds' }),
});
export type ZegoDescribeTasks = z.infer<typeof DescribeTasksBody>;

// ---------------------------------------------------------------------------------------------
// Cross-field rules the documents state

export interface Canvas {
  width: number;
  height: number;
}

function checkRect(
  r: { Top: number; Left: number; Bottom: number; Right: number },
  at: string,
  canvas?: Canvas,
) {
  if (r.Left >= r.Right) return `${at}.Right must be greater than Left`;
  if (r.Top >= r.Bottom) return `${at}.Bottom must be greater than Top`;
  if (canvas && r.Right > canvas.width) return `${at}.Right must not exceed the canvas width ${canvas.width}`;
  if (canvas && r.Bottom > canvas.height)
    return `${at}.Bottom must not exceed the canvas height ${canvas.height}`;
  return null;
}

/** MixMode 1 needs MixInputList; edges inside the canvas; at most one whiteboard view, only with a whiteboard. */
export function checkMixLayout(
  mode: number,
  list: ZegoMixInput[] | undefined,
  canvas: Canvas | undefined,
  hasWhiteboard: boolean,
  prefix: string,
): string | null {
  if (mode === 1 && (!list || list.length === 0))
    return `${prefix}MixInputList is required when MixMode is 1`;
  let whiteboards = 0;
  for (const [i, item] of (list ?? []).entries()) {
    const bad = checkRect(item, `${prefix}MixInputList[${i}]`, canvas);
    if (bad) return bad;
    if (item.ViewType === 2) {
      if (!hasWhiteboard)
        return `${prefix}MixInputList[${i}].ViewType 2 needs whiteboard recording (HasWhiteboard)`;
      if (++whiteboards > 1) return `${prefix}MixInputList: only one view may have ViewType 2`;
    }
  }
  return null;
}

export function canvasOf(body: ZegoStartRecord): Canvas | undefined {
  const v = body.RecordInputParams.MixConfig?.MixOutputVideoConfig;
  return v ? { width: v.Width, height: v.Height } : undefined;
}

export function checkStartRecord(body: ZegoStartRecord): string | null {
  const input = body.RecordInputParams;
  const streamType = input.StreamType ?? 3;
  const P = 'RecordInputParams.';
  if (input.HasWhiteboard && !input.Whiteboard?.length)
    return `${P}Whiteboard is required when HasWhiteboard is true`;
  if (input.RecordMode === 2) {
    const mix = input.MixConfig;
    if (!mix) return `${P}MixConfig is required when RecordMode is 2`;
    const M = `${P}MixConfig.`;
    if (streamType === 1 && input.HasWhiteboard)
      return `${P}HasWhiteboard: a whiteboard cannot be recorded when StreamType is 1 (audio only) in mixed mode`;
    const video = mix.MixOutputVideoConfig;
    if (streamType !== 1 && !video)
      return `${M}MixOutputVideoConfig is required when StreamType is 2, 3 or 4`;
    if (video && video.Width * video.Height > ZEGO_RANGES.MaxPixels) {
      return `${M}MixOutputVideoConfig: Width × Height must not exceed 1920 × 1080`;
    }
    const canvas = canvasOf(body);
    const layout = checkMixLayout(
      mix.MixMode ?? 2,
      mix.MixInputList,
      canvas,
      input.HasWhiteboard === true,
      M,
    );
    if (layout) return layout;
    if (mix.MixOutputWatermarkImageConfig) {
      const bad = checkRect(mix.MixOutputWatermarkImageConfig, `${M}MixOutputWatermarkImageConfig`, canvas);
      if (bad) return bad;
    }
  }
  return checkStorage(body);
}

function checkStorage(body: ZegoStartRecord): string | null {
  const s = body.StorageParams;
  const vendor = ZEGO_STORAGE_VENDORS[s.Vendor];
  if (!vendor) return `StorageParams.Vendor ${s.Vendor} is not supported`;
  for (const key of vendor.required) {
    if (!s[key]) return `StorageParams.${key} is required when Vendor is ${s.Vendor} (${vendor.name})`;
  }
  if (vendor.vod && !s[vendor.vod])
    return `StorageParams.${vendor.vod} is required when Vendor is ${s.Vendor}`;
  const format = body.RecordOutputParams?.OutputFileFormat ?? 'mp4';
  if (vendor.formats && !vendor.formats.includes(format)) {
    return `RecordOutputParams.OutputFileFormat '${format}' cannot be uploaded to ${vendor.name} (${vendor.formats.join(', ')} only)`;
  }
  return null;
}
