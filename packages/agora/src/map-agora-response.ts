import type {
  FileKind,
  RecordingFile,
  RecordingResult,
  RecordingState,
  RecordingStatus,
  UploadState,
} from '@unirec/core';
import { type SentLayout, combineUploadStates } from '@unirec/core/adapter';
import type {
  AgoraFileEntry,
  AgoraQueryResponse,
  AgoraServerResponse,
  AgoraStopResponse,
} from './agora-schemas.js';

/** Agora query/stop responses → neutral RecordingStatus / RecordingResult. Pure: no IO. */

/** serverResponse.status (seed 000 serverResponse; the vendor notes (docs/vendors/sources.md)): started = 4 or 5. */
export const AGORA_STATUS_STATE: Readonly<Record<number, RecordingState>> = {
  0: 'starting', // not started yet
  1: 'starting', // initialised
  2: 'starting', // starting
  3: 'starting', // partly ready
  4: 'recording', // ready
  5: 'recording', // in progress
  6: 'stopping', // stop requested
  7: 'stopped', // stopped
  8: 'stopped', // exited
  20: 'failed', // exited abnormally
};

/** web_recorder_service payload.state (seed 000 extensionServiceState payload). */
export const AGORA_WEB_STATE: Readonly<Record<string, RecordingState>> = {
  init: 'starting',
  inProgress: 'recording',
  exit: 'stopped',
};

/** uploadingStatus (seed 000 stop response). */
export const AGORA_UPLOAD_STATE: Readonly<Record<string, UploadState>> = {
  uploaded: 'uploaded',
  backuped: 'backed-up',
  unknown: 'unknown',
};

/** fileList-json trackType (seed 000). */
export const AGORA_TRACK_KIND: Readonly<Record<string, FileKind>> = {
  audio: 'audio',
  video: 'video',
  audio_and_video: 'audio+video',
};

const WEB_RECORDER = 'web_recorder_service';
const TERMINAL: RecordingState[] = ['stopping', 'stopped', 'failed'];

export function toRecordingState(serverResponse: AgoraServerResponse | undefined): RecordingState {
  const status = serverResponse?.status;
  const fromStatus: RecordingState =
    status === undefined ? 'unknown' : (AGORA_STATUS_STATE[status] ?? 'unknown');
  if (TERMINAL.includes(fromStatus)) return fromStatus;
  // Web page recording: the extension service says more than the session status (paused, exited).
  const web = serverResponse?.extensionServiceState?.find((s) => s.serviceName === WEB_RECORDER)?.payload;
  if (web) {
    const fromWeb = web.state !== undefined ? AGORA_WEB_STATE[web.state] : undefined;
    if (fromWeb === 'stopped') return 'stopped';
    if (web.onhold === true) return 'paused';
    if (fromWeb) return fromWeb;
  }
  return fromStatus;
}

export function toRecordingStatus(response: AgoraQueryResponse): RecordingStatus {
  const serverResponse = response.serverResponse;
  return {
    state: toRecordingState(serverResponse),
    vendorState: serverResponse?.status,
    files: filesOf(serverResponse),
    raw: response,
  };
}

export function toRecordingResult(
  response: AgoraStopResponse | undefined,
  alreadyStopped = false,
): RecordingResult {
  const serverResponse = response?.serverResponse;
  return {
    files: filesOf(serverResponse),
    upload: uploadOf(serverResponse),
    alreadyStopped,
    raw: response,
  };
}

/** Every file a serverResponse names: its own fileList and the web recorder's. */
export function filesOf(serverResponse: AgoraServerResponse | undefined): RecordingFile[] {
  if (!serverResponse) return [];
  const files = fileListToFiles(serverResponse.fileList, serverResponse.sliceStartTime);
  for (const service of serverResponse.extensionServiceState ?? []) {
    files.push(...fileListToFiles(service.payload?.fileList, undefined));
  }
  return files;
}

/** fileList in string mode (the m3u8 name) or json mode (an array, fileListMode 'json'). */
export function fileListToFiles(
  fileList: string | AgoraFileEntry[] | undefined,
  sliceStartTime: number | undefined,
): RecordingFile[] {
  if (fileList === undefined) return [];
  if (typeof fileList === 'string') {
    if (fileList === '') return [];
    return [withStart({ name: fileList, kind: kindFromName(fileList) }, sliceStartTime)];
  }
  const files: RecordingFile[] = [];
  for (const entry of fileList) {
    const name = entry.fileName ?? entry.filename;
    if (!name) continue;
    const kind =
      (entry.trackType !== undefined ? AGORA_TRACK_KIND[entry.trackType] : undefined) ?? kindFromName(name);
    const file: RecordingFile = { name, kind };
    // uid "0" / mixedAllUser: the mixed file of composite mode, nobody's own.
    if (entry.uid !== undefined && entry.uid !== '0' && entry.mixedAllUser !== true)
      file.participant = entry.uid;
    files.push(withStart(file, entry.sliceStartTime));
  }
  return files;
}

/** The weakest report wins: one backed-up service means not everything reached the storage. */
export function uploadOf(serverResponse: AgoraServerResponse | undefined): UploadState {
  const statuses = [
    serverResponse?.uploadingStatus,
    ...(serverResponse?.extensionServiceState ?? []).map((s) => s.payload?.uploadingStatus),
  ]
    .filter((s): s is string => s !== undefined)
    .map((s) => AGORA_UPLOAD_STATE[s] ?? 'unknown');
  return combineUploadStates(statuses);
}

function kindFromName(name: string): FileKind {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'mp4') return 'audio+video';
  if (ext === 'jpg' || ext === 'jpeg') return 'snapshot';
  if (ext === 'aac' || ext === 'm4a' || ext === 'mp3') return 'audio';
  return 'index';
}

/**
 * sliceStartTime is documented in seconds (seed 000) but Agora's service reports milliseconds:
 * anything below 10^11 (year 5138 in seconds, 1973 in ms) is taken as seconds.
 */
export function sliceStartToDate(value: number | undefined): Date | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return new Date(value < 1e11 ? value * 1000 : value);
}

function withStart(file: RecordingFile, sliceStartTime: number | undefined): RecordingFile {
  const startedAt = sliceStartToDate(sliceStartTime);
  if (startedAt) file.startedAt = startedAt;
  return file;
}

/** The layout an Agora start body asks for (transcodingConfig.layoutConfig, fractions). Pure. */
export function agoraSentLayout(body: unknown): SentLayout | undefined {
  const transcoding = (
    body as { clientRequest?: { recordingConfig?: { transcodingConfig?: Record<string, unknown> } } }
  )?.clientRequest?.recordingConfig?.transcodingConfig;
  const list = transcoding?.layoutConfig;
  if (!Array.isArray(list)) return undefined;
  const layout: SentLayout = {
    units: 'fraction',
    regions: list.map((r: Record<string, unknown>) => ({
      ...(typeof r.uid === 'string' ? { participant: r.uid } : {}),
      x: Number(r.x_axis),
      y: Number(r.y_axis),
      width: Number(r.width),
      height: Number(r.height),
    })),
  };
  if (typeof transcoding?.backgroundColor === 'string') layout.background = transcoding.backgroundColor;
  return layout;
}
