/**
 * The state of one ZEGO recording task, derived from the clock: Status, RecordFiles and callback
 * payloads in the shapes of the DescribeRecordStatus and recording-status-callback documents.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { SimWebhook } from '../types.js';
import { zegoCallbackSignature } from './zego-auth.js';
import {
  ZEGO_AUDIO_ONLY_FORMATS,
  ZEGO_FILE_STATUS,
  ZEGO_RANGES,
  ZEGO_SIM_DEFAULTS,
  ZEGO_STORAGE_VENDORS,
  ZEGO_TASK_STATUS,
} from './zego-constants.js';
import type { ZegoDescribeTasks, ZegoStartRecord } from './zego-schemas.js';

export interface ZegoTask {
  taskId: string;
  /** the AppId the task was started under */
  appId: number;
  clientTaskId?: string;
  roomId: string;
  body: ZegoStartRecord;
  createdAt: number;
  /** when Status turns from 1 (initialising) to 2 (recording) */
  beginAt: number;
  endedAt?: number;
  outcome?: 'ended' | 'abnormal';
  pausedAt?: number;
  pausedMs: number;
  /** when the files reach "uploaded" after the end */
  uploadDoneAt?: number;
  uploadNotified: boolean;
  sequence: number;
  whiteboardId?: string;
}

export interface ZegoRecordFile {
  UserId: string;
  UserName: string;
  StreamId: string;
  FileId: string;
  VideoId: string;
  FileUrl?: string;
  OutputFileFormat: string;
  FileSize: number;
  Duration: number;
  ResolutionWidth: number;
  ResolutionHeight: number;
  MediaTrackType: 1 | 2 | 3;
  BeginTimestamp: number;
  Status: number;
}

/** 16 characters like the documented ids ("YRHu6-E4IyvEAAAD"): letters, digits and '-'. */
export function newTaskId(): string {
  return randomBytes(12).toString('base64url').replace(/_/g, '-');
}

export const isMixed = (t: ZegoTask) => t.body.RecordInputParams.RecordMode === 2;
export const isOver = (t: ZegoTask) => t.outcome !== undefined;

export function taskStatus(t: ZegoTask, now: number): number {
  if (t.outcome === 'ended') return ZEGO_TASK_STATUS.ENDED;
  if (t.outcome === 'abnormal') return ZEGO_TASK_STATUS.ABNORMAL;
  if (now < t.beginAt) return ZEGO_TASK_STATUS.INITIALISING;
  if (t.pausedAt !== undefined) return ZEGO_TASK_STATUS.PAUSED;
  return ZEGO_TASK_STATUS.RECORDING;
}

/** Milliseconds of the recording span [beginAt, to) that fell inside pauses. */
function pauseSpan(t: ZegoTask, from: number, to: number) {
  return Math.max(0, to - Math.max(from, t.beginAt));
}

/** Media actually recorded so far (pauses excluded). */
export function recordedMs(t: ZegoTask, now: number): number {
  const to = t.endedAt ?? now;
  const open = t.pausedAt !== undefined ? pauseSpan(t, t.pausedAt, to) : 0;
  return Math.max(0, to - t.beginAt - t.pausedMs - open);
}

export function pause(t: ZegoTask, now: number) {
  if (t.pausedAt === undefined) t.pausedAt = now;
}

export function resume(t: ZegoTask, now: number) {
  if (t.pausedAt === undefined) return;
  t.pausedMs += pauseSpan(t, t.pausedAt, now);
  t.pausedAt = undefined;
}

/** Ends the task; files are uploading until uploadDoneAt. */
export function endTask(t: ZegoTask, at: number, outcome: 'ended' | 'abnormal', uploadDelayMs: number) {
  resume(t, at);
  t.endedAt = at;
  t.outcome = outcome;
  t.uploadDoneAt = at + uploadDelayMs;
}

/** yyyyMMddHHmmssSSS in UTC, the "UTC" part of OutputFileRule 1. */
function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:TZ.]/g, '');
}

interface Source {
  streamId: string;
  userId: string;
  userName: string;
  /** file-name middle part per OutputFileRule 1 */
  namePart: string;
  width: number;
  height: number;
  videoOnly?: boolean;
}

function sources(t: ZegoTask, roomStreams: readonly string[]): Source[] {
  const input = t.body.RecordInputParams;
  const mix = input.MixConfig;
  if (input.RecordMode === 2 && mix) {
    const v = mix.MixOutputVideoConfig;
    const id = mix.MixOutputStreamId;
    return [
      { streamId: id, userId: id, userName: id, namePart: id, width: v?.Width ?? 0, height: v?.Height ?? 0 },
    ];
  }
  const listed = input.RecordStreamList?.map((s) => s.StreamId) ?? [];
  const ids = listed.length > 0 ? listed : roomStreams;
  const out: Source[] = ids.map((streamId) => ({
    streamId,
    userId: streamId,
    userName: `user_${streamId}`,
    namePart: `${streamId}_${streamId}`,
    width: ZEGO_SIM_DEFAULTS.singleWidth,
    height: ZEGO_SIM_DEFAULTS.singleHeight,
  }));
  const wb = input.Whiteboard?.[0];
  if (input.HasWhiteboard && wb && (t.whiteboardId ?? wb.WhiteboardId)) {
    const s = 'whiteboard';
    const [w, h] = [wb.Width ?? 1280, wb.Height ?? 720];
    out.push({ streamId: s, userId: s, userName: s, namePart: s, width: w, height: h, videoOnly: true });
  }
  return out;
}

type Track = 'A' | 'V' | 'VA';
const TRACK_TYPE: Record<Track, 1 | 2 | 3> = { A: 1, V: 2, VA: 3 };

function tracks(streamType: number, format: string, videoOnly: boolean): Track[] {
  if (videoOnly) return ['V'];
  if (ZEGO_AUDIO_ONLY_FORMATS.includes(format)) return ['A'];
  return ({ 1: ['A'], 2: ['V'], 3: ['VA'], 4: ['A', 'V'] } as Record<number, Track[]>)[streamType] ?? ['VA'];
}

function fileUrl(t: ZegoTask, fileId: string): string | undefined {
  const s = t.body.StorageParams;
  const base = ZEGO_STORAGE_VENDORS[s.Vendor]?.urlBase;
  if (!base) return undefined;
  const root = base
    .replace('{b}', s.Bucket ?? '')
    .replace('{r}', s.Region ?? '')
    .replace('{e}', (s.EndPoint ?? '').replace(/\/+$/, ''));
  const folder = (t.body.RecordOutputParams?.OutputFolder ?? '').replace(/^\/+/, '');
  return `${root}/${folder && !folder.endsWith('/') ? `${folder}/` : folder}${fileId}`;
}

/** RecordFiles at `now`: empty while initialising and for jpg (snapshot) tasks. */
export function recordFiles(t: ZegoTask, now: number, roomStreams: readonly string[]): ZegoRecordFile[] {
  const format = t.body.RecordOutputParams?.OutputFileFormat ?? 'mp4';
  if (format === 'jpg' || now < t.beginAt) return [];
  const streamType = t.body.RecordInputParams.StreamType ?? 3;
  const duration = recordedMs(t, now);
  const video =
    t.body.RecordInputParams.MixConfig?.MixOutputVideoConfig?.Bitrate ?? ZEGO_SIM_DEFAULTS.videoBitrate;
  const audio =
    t.body.RecordInputParams.MixConfig?.MixOutputAudioConfig?.Bitrate ?? ZEGO_SIM_DEFAULTS.audioBitrate;
  let status: number = ZEGO_FILE_STATUS.RECORDING;
  if (isOver(t))
    status = now < (t.uploadDoneAt ?? 0) ? ZEGO_FILE_STATUS.UPLOADING : ZEGO_FILE_STATUS.UPLOADED;
  const vod = t.body.StorageParams.Vendor === 5 || t.body.StorageParams.Vendor === 6;
  const files: ZegoRecordFile[] = [];
  for (const src of sources(t, roomStreams)) {
    for (const track of tracks(streamType, format, src.videoOnly === true)) {
      const separateAudio = track === 'A' && (format === 'mp4' || format === 'flv');
      const fileFormat = separateAudio ? 'aac' : format;
      const ext = fileFormat === 'hls' ? 'm3u8' : fileFormat;
      const FileId = `${t.taskId}_${t.roomId}_${src.namePart}_${track}_${utcStamp(t.beginAt)}.${ext}`;
      const bps = track === 'A' ? audio : track === 'V' ? video : video + audio;
      const url = fileUrl(t, FileId);
      files.push({
        UserId: src.userId,
        UserName: src.userName,
        StreamId: src.streamId,
        FileId,
        VideoId: vod ? createHash('md5').update(FileId).digest('hex') : '',
        ...(url ? { FileUrl: url } : {}),
        OutputFileFormat: fileFormat,
        FileSize: Math.round(((duration / 1000) * bps) / 8),
        Duration: duration,
        ResolutionWidth: track === 'A' ? 0 : src.width,
        ResolutionHeight: track === 'A' ? 0 : src.height,
        MediaTrackType: TRACK_TYPE[track],
        BeginTimestamp: t.beginAt,
        Status: status,
      });
    }
  }
  return files;
}

/** The JPG a TakeSnapshot produces (delivered by callback event 1 only). */
export function snapshotFile(t: ZegoTask, now: number): ZegoRecordFile {
  const mix = t.body.RecordInputParams.MixConfig;
  const id = mix?.MixOutputStreamId ?? '';
  const FileId = `${t.taskId}_${t.roomId}_${id}_V_${utcStamp(now)}.jpg`;
  const url = fileUrl(t, FileId);
  return {
    UserId: id,
    UserName: id,
    StreamId: id,
    FileId,
    VideoId: '',
    ...(url ? { FileUrl: url } : {}),
    OutputFileFormat: 'jpg',
    FileSize: 0,
    Duration: 0,
    ResolutionWidth: mix?.MixOutputVideoConfig?.Width ?? 0,
    ResolutionHeight: mix?.MixOutputVideoConfig?.Height ?? 0,
    MediaTrackType: 2,
    BeginTimestamp: now,
    Status: ZEGO_FILE_STATUS.UPLOADED,
  };
}

/**
 * DescribeTasks: the window rules of the document, then tasks whose start lies in [StartTime, EndTime],
 * newest first. Status 2 lists live tasks (1, 2, 5), Status 3 ended ones (3, 4). Returns the rule
 * broken as a string, or the page.
 */
export function listTasks(all: Iterable<ZegoTask>, q: ZegoDescribeTasks, now: number) {
  const window = ZEGO_RANGES.queryWindowMs;
  if (q.EndTime <= q.StartTime) return 'EndTime must be greater than StartTime';
  if (q.EndTime - q.StartTime > window) return 'EndTime - StartTime must not exceed 3 days';
  if (q.StartTime < now - window) return 'StartTime must not be earlier than 3 days before now';
  const pageOffset = q.PageOffset || 1; // "not filled in or filled in as 0, defaults to 1"
  const pageSize = q.PageSize ?? ZEGO_RANGES.PageSize[1];
  const ended = (s: number) => s === ZEGO_TASK_STATUS.ENDED || s === ZEGO_TASK_STATUS.ABNORMAL;
  const matching = [...all]
    .filter((t) => (q.RoomId ? t.roomId === q.RoomId : true))
    .filter((t) => t.createdAt >= q.StartTime && t.createdAt <= q.EndTime)
    .map((t) => ({ t, status: taskStatus(t, now) }))
    .filter(({ status }) => (q.Status === 3 ? ended(status) : !ended(status)))
    .sort((a, b) => b.t.createdAt - a.t.createdAt);
  return {
    PageOffset: pageOffset,
    PageSize: pageSize,
    TotalCount: matching.length,
    TaskidList: matching.slice((pageOffset - 1) * pageSize, pageOffset * pageSize).map(({ t, status }) => ({
      RecordBeginTimestamp: t.createdAt,
      TaskId: t.taskId,
      RoomId: t.roomId,
      Status: status,
    })),
  };
}

/** RecordFiles in the callback's snake_case (event_type 1 detail.file_info[]). */
export function toFileInfo(f: ZegoRecordFile) {
  return {
    user_id: f.UserId,
    user_name: f.UserName,
    stream_id: f.StreamId,
    file_id: f.FileId,
    video_id: f.VideoId,
    ...(f.FileUrl ? { file_url: f.FileUrl } : {}),
    output_file_format: f.OutputFileFormat,
    file_size: f.FileSize,
    duration: f.Duration,
    resolution_width: f.ResolutionWidth,
    resolution_height: f.ResolutionHeight,
    media_track_type: f.MediaTrackType,
    begin_timestamp: f.BeginTimestamp,
    status: f.Status,
  };
}

/** One signed callback: {app_id, task_id, room_id, event_type, message, nonce, timestamp, signature, sequence, detail}. */
export function zegoCallback(
  t: ZegoTask,
  appId: number,
  secret: string,
  eventType: number,
  message: string,
  detail: Record<string, unknown>,
  now: number,
): Omit<SimWebhook, 'url'> {
  const nonce = String(randomInt(100000, 1000000));
  const timestamp = String(Math.floor(now / 1000));
  const payload = {
    app_id: appId,
    task_id: t.taskId,
    room_id: t.roomId,
    event_type: eventType,
    message,
    nonce,
    timestamp,
    signature: zegoCallbackSignature(secret, timestamp, nonce),
    sequence: t.sequence++,
    detail,
  };
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}
