import type {
  FileKind,
  RecordingFile,
  RecordingResult,
  RecordingState,
  RecordingStatus,
  UploadState,
} from '@unirec/core';
import { type SentLayout, uploadStateOfFiles } from '@unirec/core/adapter';
import type { ZegoRecordFile, ZegoRecordStatusData } from './zego-schemas.js';

/**
 * ZEGO DescribeRecordStatus / callback data → neutral status and files. Pure.
 * Source: ZEGOCLOUD docs describe-record-status (task Status, RecordFiles[].Status, MediaTrackType)
 * and recording-status-callback (file_info[] in snake_case); the vendor notes (docs/vendors/sources.md).
 */

/** Task `Status`: 1 initialising · 2 recording · 3 ended · 4 ended abnormally · 5 paused. */
export const ZEGO_TASK_STATE: Record<number, RecordingState> = {
  1: 'starting',
  2: 'recording',
  3: 'stopped',
  4: 'failed',
  5: 'paused',
};

/** RecordFiles[].Status: 1 recording · 2 uploading · 3 uploaded · 4 in ZEGO backup storage (3 days) · 5 upload failed. */
export const ZEGO_FILE_UPLOAD: Record<number, UploadState> = {
  1: 'pending',
  2: 'pending',
  3: 'uploaded',
  4: 'backed-up',
  5: 'failed',
};

/** MediaTrackType: 1 audio only · 2 video only · 3 audio and video. */
export const ZEGO_TRACK_KIND: Record<number, FileKind> = { 1: 'audio', 2: 'video', 3: 'audio+video' };

const AUDIO_FORMATS = new Set(['aac', 'mp3', 'ogg']);

export function stateOf(status: number | undefined): RecordingState {
  return (status !== undefined && ZEGO_TASK_STATE[status]) || 'unknown';
}

function fileKind(file: ZegoRecordFile): FileKind {
  const format = file.OutputFileFormat?.toLowerCase();
  if (format === 'jpg') return 'snapshot';
  const byTrack = file.MediaTrackType !== undefined ? ZEGO_TRACK_KIND[file.MediaTrackType] : undefined;
  if (byTrack) return byTrack;
  return format && AUDIO_FORMATS.has(format) ? 'audio' : 'audio+video';
}

function nameOf(file: ZegoRecordFile): string {
  if (file.FileId) return file.FileId;
  if (file.FileUrl) return file.FileUrl.split('?')[0]!.split('/').pop() ?? file.FileUrl;
  return file.VideoId ?? '';
}

/**
 * One RecordFiles entry → RecordingFile. `participant` is the StreamId (for composite recordings
 * ZEGO reports the MixOutputStreamId there). FileUrl is absent for Qiniu and Alibaba VOD.
 */
export function toRecordingFile(file: ZegoRecordFile): RecordingFile {
  const out: RecordingFile = { name: nameOf(file), kind: fileKind(file) };
  if (file.StreamId) out.participant = file.StreamId;
  if (file.BeginTimestamp) out.startedAt = new Date(file.BeginTimestamp);
  if (file.FileUrl) out.url = file.FileUrl;
  if (file.FileSize !== undefined) out.sizeBytes = file.FileSize;
  if (file.Duration !== undefined) out.durationMs = file.Duration;
  if (file.Status !== undefined) out.upload = ZEGO_FILE_UPLOAD[file.Status] ?? 'unknown';
  return out;
}

/** Callback detail.file_info[] (snake_case) → the RecordFiles shape. */
export function fromFileInfo(info: Record<string, unknown>): ZegoRecordFile {
  const str = (k: string) => (typeof info[k] === 'string' ? (info[k] as string) : undefined);
  const num = (k: string) => {
    const v = info[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    return undefined;
  };
  return {
    UserId: str('user_id'),
    UserName: str('user_name'),
    StreamId: str('stream_id'),
    FileId: str('file_id'),
    VideoId: str('video_id'),
    FileUrl: str('file_url'),
    OutputFileFormat: str('output_file_format'),
    FileSize: num('file_size'),
    Duration: num('duration'),
    ResolutionWidth: num('resolution_width'),
    ResolutionHeight: num('resolution_height'),
    MediaTrackType: num('media_track_type'),
    BeginTimestamp: num('begin_timestamp'),
    Status: num('status'),
  };
}

export function toRecordingStatus(data: ZegoRecordStatusData, raw: unknown): RecordingStatus {
  return {
    state: stateOf(data.Status),
    vendorState: data.Status,
    files: (data.RecordFiles ?? []).map(toRecordingFile),
    raw,
  };
}

/** Overall upload state of a task from its files: the weakest file wins (core's combineUploadStates). */
export function overallUpload(files: RecordingFile[]): UploadState {
  return uploadStateOfFiles(files);
}

export function toRecordingResult(
  files: RecordingFile[],
  alreadyStopped: boolean,
  raw: unknown,
): RecordingResult {
  return { files, upload: overallUpload(files), alreadyStopped, raw };
}

/** The layout a StartRecord body asks for (MixConfig.MixInputList, pixel edges). Pure. */
export function zegoSentLayout(body: unknown): SentLayout | undefined {
  const mix = (body as { RecordInputParams?: { MixConfig?: Record<string, unknown> } })?.RecordInputParams
    ?.MixConfig;
  const list = mix?.MixInputList;
  if (!Array.isArray(list)) return undefined;
  const layout: SentLayout = {
    units: 'pixel',
    regions: list.map((r: Record<string, number | string>) => ({
      ...(typeof r.StreamId === 'string' ? { participant: r.StreamId } : {}),
      x: Number(r.Left),
      y: Number(r.Top),
      width: Number(r.Right) - Number(r.Left),
      height: Number(r.Bottom) - Number(r.Top),
    })),
  };
  if (typeof mix?.MixOutputBackgroundColor === 'number') {
    layout.background = `0x${mix.MixOutputBackgroundColor.toString(16).padStart(8, '0').toUpperCase()}`;
  }
  return layout;
}
