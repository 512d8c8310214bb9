import type { SimSessionState, SimTimings } from '../types.js';
import { AGORA_ALL_STREAMS, AGORA_STATUS, type AgoraMode } from './agora-constants.js';
import type { AgoraStartClientRequest } from './agora-schemas.js';

/**
 * One recording task and what query/stop report about it. Status and files are derived from the clock
 * (start time + SimTimings), so a manual clock drives the whole lifecycle deterministically.
 */

/**
 * Seed 000 documents `sliceStartTime` as "Unix timestamp, in seconds". Kept in one place in case the
 * live service turns out to answer milliseconds.
 */
export const SLICE_START_TIME_UNIT_MS = 1000;

/** Participants assumed in the channel when the start request names none (the simulator has no RTC channel). */
export const SIMULATED_PARTICIPANTS: readonly string[] = ['10001', '10002'];

export interface AgoraSession {
  appId: string;
  resourceId: string;
  sid: string;
  cname: string;
  uid: string;
  mode: AgoraMode;
  startedAt: number;
  /** the start body as received (for inspection) */
  request: unknown;
  clientRequest: AgoraStartClientRequest;
  /** last moment the task may run: resourceExpiredHour, or web maxRecordingHour */
  expiresAt: number;
  endedAt?: number;
  endReason?: 'stopped' | 'expired' | 'nothing-recorded';
  participants: string[];
  /** web mode pause intervals (onhold) */
  holds: Array<{ from: number; to?: number }>;
  rtmpUrls: string[];
  layout?: unknown;
  /** NCS bookkeeping */
  sequence: number;
  scheduled: Array<{ at: number; event: 'started' | 'left' | 'uploaded' | 'exit' }>;
}

export interface AgoraFile {
  fileName: string;
  trackType: 'audio' | 'video' | 'audio_and_video';
  uid: string;
  mixedAllUser: boolean;
  isPlayable: boolean;
  sliceStartTime: number;
}

export function statusAt(s: AgoraSession, t: SimTimings, now: number): number {
  if (s.endedAt !== undefined) return AGORA_STATUS.EXITED;
  const elapsed = now - s.startedAt;
  if (elapsed < t.startingMs) return AGORA_STATUS.INITIALISED;
  if (elapsed < t.readyMs) return AGORA_STATUS.STARTING;
  if (elapsed < t.recordingMs) return AGORA_STATUS.READY;
  return AGORA_STATUS.IN_PROGRESS;
}

export function recordingStartsAt(s: AgoraSession, t: SimTimings): number {
  return s.startedAt + t.recordingMs;
}

export function isOnHold(s: AgoraSession): boolean {
  const last = s.holds[s.holds.length - 1];
  return last !== undefined && last.to === undefined;
}

export function setHold(s: AgoraSession, onhold: boolean, now: number): void {
  if (onhold && !isOnHold(s)) s.holds.push({ from: now });
  if (!onhold && isOnHold(s)) s.holds[s.holds.length - 1]!.to = now;
}

/** Milliseconds actually recorded up to `until` (excluding time on hold). */
function recordedMs(s: AgoraSession, t: SimTimings, until: number): number {
  const from = recordingStartsAt(s, t);
  if (until <= from) return 0;
  let held = 0;
  for (const h of s.holds) {
    const a = Math.max(h.from, from);
    const b = Math.min(h.to ?? until, until);
    if (b > a) held += b - a;
  }
  return Math.max(0, until - from - held);
}

const sliceTime = (ms: number) => Math.floor(ms / SLICE_START_TIME_UNIT_MS);

function prefixOf(s: AgoraSession): string {
  const segments = s.clientRequest.storageConfig.fileNamePrefix ?? [];
  return segments.map((seg) => `${seg}/`).join('');
}

export function avFileTypes(s: AgoraSession): string[] {
  return s.clientRequest.recordingFileConfig?.avFileType ?? ['hls'];
}

export function isSnapshotOnly(s: AgoraSession): boolean {
  return s.mode === 'individual' && !!s.clientRequest.snapshotConfig && !s.clientRequest.recordingFileConfig;
}

/** 'string' for hls-only composite recordings, else 'json' (seed 000 fileListMode). */
export function fileListMode(s: AgoraSession): 'string' | 'json' {
  return s.mode === 'mix' && !avFileTypes(s).includes('mp4') ? 'string' : 'json';
}

function mixedTrack(s: AgoraSession): AgoraFile['trackType'] {
  const st = s.clientRequest.recordingConfig?.streamTypes ?? 2;
  return st === 0 ? 'audio' : st === 1 ? 'video' : 'audio_and_video';
}

/** Files that exist at `until`: the index file once recording begins, then one slice per `sliceMs`. */
export function filesAt(s: AgoraSession, t: SimTimings, until: number): AgoraFile[] {
  const begin = recordingStartsAt(s, t);
  if (until < begin || isSnapshotOnly(s)) return [];
  const prefix = prefixOf(s);
  const base = `${prefix}${s.sid}_${s.cname}`;
  const startSec = sliceTime(begin);
  const files: AgoraFile[] = [];
  if (s.mode === 'individual') {
    const st = s.clientRequest.recordingConfig?.streamTypes ?? 2;
    const tracks: Array<[string, AgoraFile['trackType']]> = [];
    if (st !== 1) tracks.push(['audio', 'audio']);
    if (st !== 0) tracks.push(['video', 'video']);
    if (st === 2 && s.clientRequest.recordingConfig?.streamMode === 'standard')
      tracks.push(['av', 'audio_and_video']);
    // Participants "join" one per slice interval, so the list visibly grows over time.
    s.participants.forEach((uid, i) => {
      const joined = begin + i * t.sliceMs;
      if (until < joined) return;
      for (const [suffix, trackType] of tracks) {
        files.push({
          fileName: `${base}__uid_s_${uid}__uid_e_${suffix}.m3u8`,
          trackType,
          uid,
          mixedAllUser: false,
          isPlayable: true,
          sliceStartTime: sliceTime(joined),
        });
      }
    });
    return files;
  }
  const trackType = s.mode === 'web' ? 'audio_and_video' : mixedTrack(s);
  files.push({
    fileName: `${base}.m3u8`,
    trackType,
    uid: '0',
    mixedAllUser: true,
    isPlayable: true,
    sliceStartTime: startSec,
  });
  if (avFileTypes(s).includes('mp4')) {
    const slices = Math.floor(recordedMs(s, t, until) / t.sliceMs) + 1;
    for (let i = 0; i < slices; i++) {
      files.push({
        fileName: `${base}_${i}.mp4`,
        trackType,
        uid: '0',
        mixedAllUser: true,
        isPlayable: true,
        sliceStartTime: sliceTime(begin + i * t.sliceMs),
      });
    }
  }
  return files;
}

export function participantsOf(cr: AgoraStartClientRequest): string[] {
  const rc = cr.recordingConfig;
  const named = [...(rc?.subscribeAudioUids ?? []), ...(rc?.subscribeVideoUids ?? [])].filter(
    (u) => u !== AGORA_ALL_STREAMS,
  );
  const unique = [...new Set(named)];
  return unique.length > 0 ? unique : [...SIMULATED_PARTICIPANTS];
}

const webFileList = (files: AgoraFile[]) =>
  files.map((f) => ({ filename: f.fileName, sliceStartTime: f.sliceStartTime }));

/** query's serverResponse, per the three scenarios of seed 000 serverResponse. */
export function queryServerResponse(s: AgoraSession, t: SimTimings, now: number): Record<string, unknown> {
  const status = statusAt(s, t, now);
  const started = now >= recordingStartsAt(s, t);
  const sliceStartTime = started ? sliceTime(recordingStartsAt(s, t)) : 0;
  if (s.mode === 'web') {
    const state = started ? 'inProgress' : 'init';
    const onhold = isOnHold(s);
    const services: Array<Record<string, unknown>> = [
      {
        serviceName: 'web_recorder_service',
        payload: { fileList: webFileList(filesAt(s, t, now)), onhold, state },
      },
    ];
    if (s.rtmpUrls.length > 0) {
      const cdn = onhold ? 'onhold' : started ? 'publishing' : 'connecting';
      services.push({
        serviceName: 'rtmp_publish_service',
        payload: { outputs: s.rtmpUrls.map((rtmpUrl) => ({ rtmpUrl, status: cdn })), state },
      });
    }
    return { status, extensionServiceState: services };
  }
  if (isSnapshotOnly(s)) return { status, sliceStartTime };
  const files = filesAt(s, t, now);
  const mode = fileListMode(s);
  return {
    status,
    fileListMode: mode,
    fileList: mode === 'string' ? (files[0]?.fileName ?? '') : files,
    sliceStartTime,
  };
}

/** stop's serverResponse, per the three scenarios of seed 000 serverResponse-stop. */
export function stopServerResponse(
  s: AgoraSession,
  t: SimTimings,
  at: number,
  uploadingStatus: 'uploaded' | 'backuped' | 'unknown',
): Record<string, unknown> {
  if (s.mode === 'web') {
    return {
      extensionServiceState: [
        { serviceName: 'upload_service', payload: { uploadingStatus } },
        {
          serviceName: 'web_recorder_service',
          payload: { fileList: webFileList(filesAt(s, t, at)), onhold: false, state: 'exit' },
        },
      ],
    };
  }
  if (isSnapshotOnly(s)) return { uploadingStatus };
  const files = filesAt(s, t, at);
  const mode = fileListMode(s);
  return {
    fileListMode: mode,
    fileList: mode === 'string' ? (files[0]?.fileName ?? '') : files,
    uploadingStatus,
  };
}

export function viewState(s: AgoraSession, t: SimTimings, now: number): SimSessionState {
  if (s.endedAt !== undefined) return s.endReason === 'expired' ? 'exited' : 'stopped';
  const status = statusAt(s, t, now);
  if (status === AGORA_STATUS.IN_PROGRESS) return isOnHold(s) ? 'paused' : 'recording';
  return status === AGORA_STATUS.READY
    ? 'ready'
    : status === AGORA_STATUS.STARTING
      ? 'starting'
      : 'initialised';
}
