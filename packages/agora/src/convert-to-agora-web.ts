import type { StartRecordingRequest } from '@unirec/core';
import { IssueCollector, type WarningCollector, deepMerge } from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';
import type { AgoraVendorOptions } from './agora-vendor-options.js';
import { audioProfile } from './convert-to-agora-media.js';

/**
 * mode 'web' → clientRequest.extensionServiceConfig (seed 001 "页面录制" and "页面录制并推流到 CDN").
 * Pure: no IO.
 */

/** seed 001 extension service names and their only allowed errorHandlePolicy */
export const AGORA_WEB_SERVICE = { name: 'web_recorder_service', errorHandlePolicy: 'error_abort' } as const;
export const AGORA_RTMP_SERVICE = {
  name: 'rtmp_publish_service',
  errorHandlePolicy: 'error_ignore',
} as const;

export interface WebServices {
  extensionServiceConfig: Record<string, unknown>;
  maxRecordingHour: number;
}

export function webServices(
  request: StartRecordingRequest,
  options: AgoraVendorOptions,
  warnings: WarningCollector,
): WebServices {
  const web = request.web!;
  const media = request.media ?? 'audio+video';
  if (web.audio === false || media === 'video') {
    warnings.add('web.audio', "Agora web page recording always records the page's audio");
  }
  if (request.output?.maxIdleSec !== undefined) {
    warnings.add(
      'output.maxIdleSec',
      'Agora web page recording has no idle timeout (maxIdleTime applies to channel recording only)',
    );
  }

  const maxRecordingHour = recordingHours(request, warnings);
  const video = request.video ?? AGORA_LIMITS.defaultWebVideo;
  // Field order as in seed 001's example.
  const serviceParam: Record<string, unknown> = {
    url: web.url,
    audioProfile: request.audio ? audioProfile(request.audio, warnings) : 0,
    videoWidth: video.width,
    videoHeight: video.height,
    maxRecordingHour,
  };
  if (request.video?.bitrateKbps !== undefined) serviceParam.videoBitrate = request.video.bitrateKbps;
  if (request.video?.fps !== undefined) serviceParam.videoFps = request.video.fps;

  const services: Array<Record<string, unknown>> = [
    {
      serviceName: AGORA_WEB_SERVICE.name,
      errorHandlePolicy: AGORA_WEB_SERVICE.errorHandlePolicy,
      serviceParam: deepMerge(serviceParam, options.webServiceParam),
    },
  ];
  if (options.rtmpUrl !== undefined) {
    services.push({
      serviceName: AGORA_RTMP_SERVICE.name,
      errorHandlePolicy: AGORA_RTMP_SERVICE.errorHandlePolicy,
      serviceParam: { outputs: [{ rtmpUrl: options.rtmpUrl }] },
    });
  }
  return {
    extensionServiceConfig: {
      errorHandlePolicy: AGORA_WEB_SERVICE.errorHandlePolicy,
      extensionServices: services,
    },
    maxRecordingHour,
  };
}

/** web.maxDurationSec (or output.maxDurationSec) → maxRecordingHour, whole hours in [1, 720]. */
function recordingHours(request: StartRecordingRequest, warnings: WarningCollector): number {
  const issues = new IssueCollector();
  const fromWeb = request.web?.maxDurationSec;
  const fromOutput = request.output?.maxDurationSec;
  if (fromWeb !== undefined && fromOutput !== undefined && fromWeb !== fromOutput) {
    issues.add('output.maxDurationSec', `differs from web.maxDurationSec (${fromWeb}): give one`);
  }
  const seconds = fromWeb ?? fromOutput;
  const path = fromWeb !== undefined ? 'web.maxDurationSec' : 'output.maxDurationSec';
  const [min, max] = AGORA_LIMITS.webMaxRecordingHour;
  if (seconds !== undefined && seconds > max * 3600) {
    issues.add(
      path,
      `Agora maxRecordingHour must be in [${min}, ${max}] hours: at most ${max * 3600} s, got ${seconds}`,
    );
  }
  issues.throwIfAny('start request', { vendor: 'agora', operation: 'start' });
  if (seconds === undefined) return AGORA_LIMITS.webDefaultMaxRecordingHour;
  const hours = Math.max(min, Math.ceil(seconds / 3600));
  if (hours * 3600 !== seconds) {
    warnings.add(
      path,
      `Agora limits web recordings in whole hours (maxRecordingHour): ${seconds} s is rounded up to ${hours} h`,
    );
  }
  return hours;
}
