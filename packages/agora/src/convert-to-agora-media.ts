import type { AudioSettings } from '@unirec/core';
import type { WarningCollector } from '@unirec/core/adapter';
import { AGORA_AUDIO_PROFILES } from './agora-capabilities.js';

/** Audio settings → Agora audioProfile (mix and web). Pure. */

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
