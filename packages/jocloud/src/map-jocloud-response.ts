import type { FileKind, RecordingFile, RecordingResult, RecordingState, RecordingStatus } from '@unirec/core';
import { type SentLayout, isPlainObject } from '@unirec/core/adapter';
import type { JoCloudCallbackContext, JoCloudQueryRecordResponse } from './jocloud-schemas.js';

/** JOCloud answers and callback contexts → neutral status, result and files. Pure: no IO. */

/**
 * queryrecord `data.status` (seed 003: "0: Init status 1: Task starting"). The seed's "Task starting"
 * is read as "task started": query only answers between start and stop (after stop: 4013), status 1
 * comes with a non-zero `starttime`, and there is no other code for a running task.
 */
export const JOCLOUD_TASK_STATUS: Readonly<Record<number, RecordingState>> = Object.freeze({
  0: 'starting',
  1: 'recording',
});

/** Callback `filetype` → file kind (the only documented one is m3u8: an HLS playlist). */
export const JOCLOUD_FILE_KIND: Readonly<Record<string, FileKind>> = Object.freeze({
  m3u8: 'index',
  mp4: 'audio+video',
  flv: 'audio+video',
  aac: 'audio',
  mp3: 'audio',
  m4a: 'audio',
});

/** Callback `uid` of a mixed recording: "0" stands for "every mixed user", nobody in particular. */
const MIXED_UID = '0';

export interface JoCloudRecordingStatus extends RecordingStatus {
  /** data.createtime */
  createdAt?: Date;
  /** data.starttime (absent while it is 0) */
  startedAt?: Date;
}

export function toRecordingState(status: number | undefined): RecordingState {
  if (status === undefined || !Object.hasOwn(JOCLOUD_TASK_STATUS, status)) return 'unknown';
  return JOCLOUD_TASK_STATUS[status] ?? 'unknown';
}

/** A JOCloud time in ms → Date; 0, negative or out-of-range values → undefined. */
export function msToDate(value: number | undefined): Date | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function toRecordingStatus(answer: JoCloudQueryRecordResponse): JoCloudRecordingStatus {
  const data = answer.data;
  const status: JoCloudRecordingStatus = {
    state: toRecordingState(data.status),
    vendorState: data.status,
    files: filesFromAddress(data.fileaddress, { filetype: undefined }),
    raw: answer,
  };
  const createdAt = msToDate(data.createtime);
  const startedAt = msToDate(data.starttime);
  if (createdAt) status.createdAt = createdAt;
  if (startedAt) status.startedAt = startedAt;
  return status;
}

/**
 * stoprecord → RecordingResult. The answer names no files: JOCloud reports the playlist address in
 * the msgtype 2 callback (`recording.file_uploaded`), and queryrecord answers 4013 once a task is
 * stopped, so `upload` is 'unknown'.
 */
export function toRecordingResult(answer: unknown, alreadyStopped: boolean): RecordingResult {
  return { files: [], upload: 'unknown', alreadyStopped, raw: answer };
}

/** A callback context (msgtype 2 "recording result") → the file it reports, if it names one. */
export function toRecordingFiles(context: JoCloudCallbackContext): RecordingFile[] {
  const files = filesFromAddress(context.fileaddress, context);
  const startedAt = msToDate(context.starttime);
  const participant = participantOf(context.uid);
  for (const file of files) {
    if (startedAt) file.startedAt = startedAt;
    if (context.duration !== undefined && context.duration >= 0) file.durationMs = context.duration;
    if (participant !== undefined) file.participant = participant;
    file.upload = 'uploaded';
  }
  return files;
}

function participantOf(uids: string[] | undefined): string | undefined {
  const uid = uids?.length === 1 ? uids[0]! : undefined;
  if (uid === undefined) return undefined;
  return uid === MIXED_UID || uid === '' ? undefined : uid;
}

function filesFromAddress(
  address: string | string[] | undefined,
  context: { filetype?: string | undefined },
): RecordingFile[] {
  if (address === undefined) return [];
  const list = Array.isArray(address) ? address : [address];
  return list.filter((a) => a !== '').map((a) => toFile(a, context.filetype));
}

/** 'https://bucket.host/a/b/rec.m3u8' → name 'a/b/rec.m3u8' (the object key), url kept. */
function toFile(address: string, filetype: string | undefined): RecordingFile {
  let name = address;
  let url: string | undefined;
  try {
    const parsed = new URL(address);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      url = address;
      name = safeDecode(parsed.pathname.replace(/^\/+/, '')) || address;
    }
  } catch {
    // an object key, not a URL
  }
  const ext = (filetype ?? /\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase();
  const kind = Object.hasOwn(JOCLOUD_FILE_KIND, ext) ? JOCLOUD_FILE_KIND[ext]! : 'audio+video';
  const file: RecordingFile = { name, kind };
  if (url) file.url = url;
  return file;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The layout a startrecord (or updatemixrecord) body asks for: mixconfig.input in pixels. Audio-only
 * inputs have no rectangle and are left out; a template (no input) gives undefined. Pure.
 */
export function joCloudSentLayout(body: unknown): SentLayout | undefined {
  const mix = isPlainObject(body) && isPlainObject(body.mixconfig) ? body.mixconfig : undefined;
  if (!isPlainObject(body) || !mix || !Array.isArray(mix.input)) return undefined;
  const layout: SentLayout = { units: 'pixel', regions: [] };
  for (const item of mix.input as unknown[]) {
    if (!isPlainObject(item) || typeof item.layoutW !== 'number' || typeof item.layoutH !== 'number')
      continue;
    layout.regions.push({
      ...(typeof item.uid === 'string' ? { participant: participantOfInput(item, body) } : {}),
      x: Number(item.layoutX),
      y: Number(item.layoutY),
      width: item.layoutW,
      height: item.layoutH,
    });
  }
  const background =
    isPlainObject(mix.output) && isPlainObject(mix.output.background)
      ? mix.output.background.color
      : undefined;
  if (typeof background === 'string') layout.background = background;
  return layout;
}

/** The neutral participant of an input: `roomid:uid` when the stream is in another room. */
function participantOfInput(item: Record<string, unknown>, body: Record<string, unknown>): string {
  return typeof item.roomid === 'string' && item.roomid !== body.roomid
    ? `${item.roomid}:${String(item.uid)}`
    : String(item.uid);
}
