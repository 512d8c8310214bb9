import type { AudioSettings, Background, MediaKind, VideoSettings } from '@unirec/core';
import { type Canvas, type IssueCollector, type WarningCollector, hexToBareHex } from '@unirec/core/adapter';
import { JOCLOUD_DEFAULT_VIDEO, JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { utf8ByteLength } from './jocloud-participant.js';

/**
 * Neutral video / audio settings and background → JOCloud `mixconfig.output` (seed 003 "output" and
 * "background" tables). Pure. The output is built once at start and re-sent, with the layout's
 * background, by every updatemixrecord (which takes the full mixconfig).
 */

/** input / output `streamtype` per neutral media: 0 video and audio, 1 video, 2 audio. */
export const JOCLOUD_STREAM_TYPE: Readonly<Record<MediaKind, 0 | 1 | 2>> = Object.freeze({
  'audio+video': 0,
  video: 1,
  audio: 2,
});

/** background.image / watermark image `scale`: 0 zoom and crop in proportion, 1 stretch. */
export const JOCLOUD_IMAGE_SCALE_PROPORTIONAL = 0;

export interface JoCloudBackground {
  /** 'RRGGBB' */
  color?: string;
  image?: { url: string; scale: 0 | 1 };
}

export interface JoCloudMixOutput {
  streamtype: 0 | 1 | 2;
  videoheight?: number;
  videowidth?: number;
  videobitrate?: number;
  videofps?: number;
  videogop?: number;
  videoencode?: number;
  audiobitrate?: number;
  audiosample?: number;
  audiochannel?: number;
  audioformat?: number;
  background?: JoCloudBackground;
  /** vendor-only fields from vendorOptions.jocloud (watermark, base64seidata, patch, …) */
  [key: string]: unknown;
}

export interface JoCloudOutputPlan {
  output: JoCloudMixOutput;
  /** the canvas in pixels (video media only) */
  canvas?: Canvas;
}

/**
 * Neutral video/audio settings (already checked against JOCLOUD_CAPABILITIES by core) →
 * mixconfig.output. A canvas side that is not a multiple of 4 is rounded to the nearest one as JOCloud
 * itself does (ties upward) and reported as a warning (strict: UnsupportedFeatureError), so the layout
 * is computed on the canvas actually recorded.
 */
export function toJoCloudMixOutput(
  settings: { media: MediaKind; video?: VideoSettings | undefined; audio?: AudioSettings | undefined },
  warnings: WarningCollector,
): JoCloudOutputPlan {
  const { media } = settings;
  const output: JoCloudMixOutput = { streamtype: JOCLOUD_STREAM_TYPE[media] };
  let canvas: Canvas | undefined;
  if (media === 'audio') {
    if (settings.video) warnings.add('video', "media 'audio' records no video: video settings are not sent");
  } else {
    const video = settings.video ?? JOCLOUD_DEFAULT_VIDEO;
    const width = roundedEdge('video.width', video.width, warnings);
    const height = roundedEdge('video.height', video.height, warnings);
    const fps = video.fps ?? JOCLOUD_LIMITS.defaultFps;
    output.videoheight = height;
    output.videowidth = width;
    output.videobitrate = video.bitrateKbps ?? JOCLOUD_DEFAULT_VIDEO.bitrateKbps;
    output.videofps = fps;
    output.videogop = Math.min(JOCLOUD_LIMITS.gop[1], fps * JOCLOUD_LIMITS.keyFrameIntervalSec);
    output.videoencode = JOCLOUD_LIMITS.videoEncodeH264;
    canvas = { width, height };
  }
  if (media === 'video') {
    if (settings.audio) warnings.add('audio', "media 'video' records no audio: audio settings are not sent");
  } else {
    const fixed = JOCLOUD_LIMITS.audio;
    const audio = settings.audio;
    if (audio?.sampleRateHz !== undefined && audio.sampleRateHz !== fixed.sampleRateHz) {
      warnings.add(
        'audio.sampleRateHz',
        `JOCloud records audio at ${fixed.sampleRateHz} Hz only: audio.sampleRateHz ${audio.sampleRateHz} is not used`,
      );
    }
    if (audio?.bitrateKbps !== undefined && audio.bitrateKbps !== fixed.bitrateKbps) {
      warnings.add(
        'audio.bitrateKbps',
        `JOCloud records audio at ${fixed.bitrateKbps} kbps only: audio.bitrateKbps ${audio.bitrateKbps} is not used`,
      );
    }
    if (audio?.channels !== undefined && audio.channels !== fixed.channels) {
      warnings.add('audio.channels', 'JOCloud records stereo audio only: audio.channels 1 is not used');
    }
    output.audiobitrate = fixed.bitrateKbps;
    output.audiosample = fixed.sampleRateHz;
    output.audiochannel = fixed.channels;
    output.audioformat = fixed.formatAac;
  }
  const plan: JoCloudOutputPlan = { output };
  if (canvas) plan.canvas = canvas;
  return plan;
}

/** The nearest multiple of 4, halves upward (seed 003: "If not, round to the nearest multiple of 4"). */
export function roundToJoCloudEdge(value: number): number {
  const step = JOCLOUD_LIMITS.videoEdgeMultiple;
  return Math.round(value / step) * step;
}

function roundedEdge(path: string, value: number, warnings: WarningCollector): number {
  const rounded = roundToJoCloudEdge(value);
  if (rounded !== value) {
    warnings.add(
      path,
      `JOCloud takes multiples of ${JOCLOUD_LIMITS.videoEdgeMultiple} px: ${path} ${value} is recorded as ${rounded}`,
    );
  }
  return rounded;
}

/** '#RRGGBB' → color 'RRGGBB'; image URL → { url, scale 0 } (proportional, like cover). */
export function toJoCloudBackground(
  background: Background | undefined,
  issues: IssueCollector,
  path: string,
): JoCloudBackground | undefined {
  if (!background) return undefined;
  const out: JoCloudBackground = {};
  if (background.color !== undefined) {
    try {
      out.color = hexToBareHex(background.color);
    } catch {
      issues.add(`${path}.color`, "must be a colour written '#RRGGBB'");
    }
  }
  if (background.image !== undefined) {
    if (
      typeof background.image !== 'string' ||
      utf8ByteLength(background.image) > JOCLOUD_LIMITS.maxUrlBytes
    ) {
      issues.add(`${path}.image`, `must be a URL of at most ${JOCLOUD_LIMITS.maxUrlBytes} bytes on JOCloud`);
    } else out.image = { url: background.image, scale: JOCLOUD_IMAGE_SCALE_PROPORTIONAL };
  }
  return out.color !== undefined || out.image !== undefined ? out : undefined;
}
