import {
  AGORA_LIMITS as L,
  AGORA_RTMP_SERVICE,
  AGORA_SCENE,
  AGORA_WEB_SERVICE,
  type AgoraMode,
} from './agora-constants.js';
import type { AgoraStartClientRequest, AgoraUpdateBody } from './agora-schemas.js';

/**
 * Rules that depend on the recording mode or on the acquired resource: "what belongs to which mode".
 * Each returns the Agora error to answer, or undefined. Sources quoted per rule (seed 000 / seed 001).
 */
export interface AgoraRuleViolation {
  code: number;
  reason: string;
}

const invalid = (reason: string): AgoraRuleViolation => ({ code: 2, reason });
const mismatch = (reason: string): AgoraRuleViolation => ({ code: 432, reason });

export function cnameViolation(cname: string, web: boolean): AgoraRuleViolation | undefined {
  const bytes = Buffer.byteLength(cname, 'utf8');
  if (web && bytes > L.webCnameMaxBytes)
    return invalid(`cname: must be at most ${L.webCnameMaxBytes} bytes in web mode`);
  if (!web && bytes >= L.cnameMaxBytesExclusive) {
    return invalid(`cname: must be shorter than ${L.cnameMaxBytesExclusive} bytes`);
  }
  return undefined;
}

/** Mode rules for a start request's clientRequest (seed 001 unless noted). */
export function startModeViolation(
  mode: AgoraMode,
  cr: AgoraStartClientRequest,
): AgoraRuleViolation | undefined {
  const rc = cr.recordingConfig;
  const streamTypes = rc?.streamTypes ?? 2;
  const avFileType = cr.recordingFileConfig?.avFileType ?? ['hls'];

  // "transcodingConfig：仅适用于合流模式，单流模式下不能设置该参数"
  if (rc?.transcodingConfig && mode !== 'mix') {
    return invalid('clientRequest.recordingConfig.transcodingConfig: is only allowed in mix mode');
  }
  // "截图功能仅适用于单流录制模式"; "streamTypes 必须设置为 1 或 2"; "如果设置了 subscribeAudioUid，则必须同时设置 subscribeVideoUids"
  if (cr.snapshotConfig) {
    if (mode !== 'individual')
      return invalid('clientRequest.snapshotConfig: is only allowed in individual mode');
    if (streamTypes === 0)
      return invalid('clientRequest.recordingConfig.streamTypes: must be 1 or 2 when snapshotConfig is set');
    if (rc?.subscribeAudioUids && !rc.subscribeVideoUids) {
      return invalid(
        'clientRequest.recordingConfig.subscribeVideoUids: is required with subscribeAudioUids when snapshotConfig is set',
      );
    }
  }
  // "只有在合流录制模式（mix）和页面录制模式（web）下，才可设置 "mp4""
  if (avFileType.includes('mp4') && mode === 'individual') {
    return invalid('clientRequest.recordingFileConfig.avFileType: "mp4" is only allowed in mix and web mode');
  }
  // appsCollection / transcodeOptions: individual mode with postponed transcoding or mixing only (seed 000/001).
  const postponed = cr.appsCollection?.combinationPolicy === 'postpone_transcoding';
  if (postponed && mode !== 'individual') {
    return invalid(
      'clientRequest.appsCollection.combinationPolicy: "postpone_transcoding" is only allowed in individual mode',
    );
  }
  if (cr.transcodeOptions) {
    if (!postponed)
      return invalid(
        'clientRequest.transcodeOptions: requires appsCollection.combinationPolicy "postpone_transcoding"',
      );
    const t = cr.transcodeOptions;
    // seed 000: "Delayed transcoding can currently only be set to MP4 format."
    if (
      t.transConfig.transMode === 'postponeTranscoding' &&
      t.container?.format &&
      t.container.format !== 'mp4'
    ) {
      return invalid(
        'clientRequest.transcodeOptions.container.format: must be "mp4" for postponeTranscoding',
      );
    }
    // seed 000: delayed mixing "is only applicable to the audio single-stream non-transcoding recording mode".
    if (t.transConfig.transMode === 'audioMix') {
      if (t.container?.format === 'mp4')
        return invalid(
          'clientRequest.transcodeOptions.container.format: must be "mp3", "m4a" or "aac" for audioMix',
        );
      if (streamTypes !== 0 || rc?.streamMode !== 'original') {
        return invalid(
          'clientRequest.transcodeOptions: audioMix needs recordingConfig.streamTypes 0 and streamMode "original"',
        );
      }
    }
  }

  const services = cr.extensionServiceConfig?.extensionServices ?? [];
  if (mode === 'web') {
    // seed 001 扩展服务设置: web page recording, optionally with one CDN push; nothing else.
    const web = services.filter((s) => s.serviceName === AGORA_WEB_SERVICE);
    const rtmp = services.filter((s) => s.serviceName === AGORA_RTMP_SERVICE);
    if (web.length !== 1) {
      return invalid(
        `clientRequest.extensionServiceConfig.extensionServices: web mode needs exactly one "${AGORA_WEB_SERVICE}"`,
      );
    }
    if (rtmp.length > 1)
      return invalid(
        `clientRequest.extensionServiceConfig.extensionServices: at most one "${AGORA_RTMP_SERVICE}"`,
      );
    // seed 000 recordingFileConfig: "web page recording modes, you need to set it as ["hls","mp4"]"
    if (!cr.recordingFileConfig?.avFileType?.includes('mp4')) {
      return invalid('clientRequest.recordingFileConfig.avFileType: must be ["hls","mp4"] in web mode');
    }
  } else if (services.length > 0) {
    return invalid(
      'clientRequest.extensionServiceConfig: web_recorder_service and rtmp_publish_service are only allowed in web mode',
    );
  }
  return undefined;
}

/** seed 000 acquire `scene`: 1 is web page recording, 2 is postponed transcoding / mixing. */
export function sceneViolation(
  scene: number,
  mode: AgoraMode,
  cr: AgoraStartClientRequest,
): AgoraRuleViolation | undefined {
  const postponed = cr.appsCollection?.combinationPolicy === 'postpone_transcoding';
  if (mode === 'web' && scene !== AGORA_SCENE.WEB)
    return mismatch(`web mode needs a resource acquired with scene 1 (got scene ${scene})`);
  if (mode !== 'web' && scene === AGORA_SCENE.WEB)
    return mismatch(`a resource acquired with scene 1 can only start web mode`);
  if (postponed && scene !== AGORA_SCENE.POSTPONED) {
    return mismatch(
      `appsCollection.combinationPolicy "postpone_transcoding" needs a resource acquired with scene 2 (got scene ${scene})`,
    );
  }
  // "When scene is set to 2, you need to set the appsCollection field in the start method at the same time."
  if (scene === AGORA_SCENE.POSTPONED && !postponed) {
    return mismatch(
      'a resource acquired with scene 2 needs appsCollection.combinationPolicy "postpone_transcoding"',
    );
  }
  return undefined;
}

/** update's clientRequest: which part belongs to which mode (seed 000 update request). */
export function updateModeViolation(
  mode: AgoraMode,
  cr: AgoraUpdateBody['clientRequest'],
  hasRtmpService: boolean,
): AgoraRuleViolation | undefined {
  if (cr.streamSubscribe && mode === 'web')
    return invalid('clientRequest.streamSubscribe: is only allowed in individual and mix mode');
  if (cr.webRecordingConfig && mode !== 'web')
    return invalid('clientRequest.webRecordingConfig: is only allowed in web mode');
  if (cr.rtmpPublishConfig) {
    if (mode !== 'web') return invalid('clientRequest.rtmpPublishConfig: is only allowed in web mode');
    if (!hasRtmpService)
      return invalid(
        'clientRequest.rtmpPublishConfig: the recording was started without rtmp_publish_service',
      );
  }
  return undefined;
}
