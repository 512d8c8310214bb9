import type { AudioSettings, IssueCollector, VideoSettings, WarningCollector } from '@unirec/core';
import { AGORA_AUDIO_PROFILES, AGORA_LIMITS } from './agora-capabilities.js';

/** Checks shared by the mix and web conversions: ranges from seed 001 (see AGORA_LIMITS). Pure. */

/** Output video within Agora's limits for the mode (individual mode ignores video settings). */
export function checkVideo(
  issues: IssueCollector,
  video: VideoSettings,
  mode: 'mix' | 'individual' | 'web',
): void {
  if (mode === 'individual') return;
  const maxPixels = AGORA_LIMITS.maxPixels;
  if (mode === 'web') {
    issues.checkRange(
      'video.width',
      video.width,
      AGORA_LIMITS.webDimension,
      'Agora web recording videoWidth (px)',
    );
    issues.checkRange(
      'video.height',
      video.height,
      AGORA_LIMITS.webDimension,
      'Agora web recording videoHeight (px)',
    );
    if (video.fps !== undefined)
      issues.checkRange('video.fps', video.fps, AGORA_LIMITS.webFps, 'Agora web recording videoFps');
    if (video.bitrateKbps !== undefined) {
      issues.checkRange(
        'video.bitrateKbps',
        video.bitrateKbps,
        AGORA_LIMITS.webBitrateKbps,
        'Agora web recording videoBitrate (Kbps)',
      );
    }
  } else {
    const max = AGORA_LIMITS.maxDimension;
    if (video.width > max)
      issues.add('video.width', `Agora transcodingConfig.width must be ≤ ${max}, got ${video.width}`);
    if (video.height > max)
      issues.add('video.height', `Agora transcodingConfig.height must be ≤ ${max}, got ${video.height}`);
    if (video.fps !== undefined)
      issues.checkRange('video.fps', video.fps, AGORA_LIMITS.mixFps, 'Agora transcodingConfig.fps');
  }
  const pixels = video.width * video.height;
  if (pixels > maxPixels) {
    issues.add(
      'video',
      `Agora allows width × height ≤ 1920 × 1080 (${maxPixels} pixels), got ${video.width} × ${video.height} = ${pixels}`,
    );
  }
}

/** Picks the Agora audioProfile closest to the request; what it cannot match is a warning. */
export function audioProfile(audio: AudioSettings, warnings: WarningCollector): number {
  const stereo = audio.channels === 2 || (audio.channels === undefined && (audio.bitrateKbps ?? 0) > 128);
  const chosen = stereo
    ? AGORA_AUDIO_PROFILES[2]
    : (audio.bitrateKbps ?? 0) > AGORA_AUDIO_PROFILES[0].bitrateKbps
      ? AGORA_AUDIO_PROFILES[1]
      : AGORA_AUDIO_PROFILES[0];
  if (audio.sampleRateHz !== undefined && audio.sampleRateHz !== chosen.sampleRateHz) {
    warnings.add(
      'audio.sampleRateHz',
      `Agora records audio at 48 kHz only: ${audio.sampleRateHz} Hz is not possible`,
    );
  }
  if (audio.bitrateKbps !== undefined && audio.bitrateKbps !== chosen.bitrateKbps) {
    warnings.add(
      'audio.bitrateKbps',
      `Agora audioProfile ${chosen.profile} records about ${chosen.bitrateKbps} Kbps, not ${audio.bitrateKbps}`,
    );
  }
  return chosen.profile;
}
