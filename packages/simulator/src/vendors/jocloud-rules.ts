/**
 * The JOCloud rules between fields (seed 003), after the schemas of jocloud-schemas.ts passed, and what
 * the service does with values it adjusts rather than rejects (output size, fps, gop).
 *
 * Codes: a missing or not-applicable field is 2101 (invalid parameter: "make sure all required parameters
 * have been entered"); a value the service does not support (H265, other audio settings) is 4004
 * (unsupported recording parameters); a mixing configuration whose parts contradict each other is 4016
 * (invalid mixed stream parameters).
 */
import { JOCLOUD_CODES, JOCLOUD_FIXED, JOCLOUD_RANGES } from './jocloud-constants.js';
import type { JoMixConfig, JoStartRecord } from './jocloud-schemas.js';

const R = JOCLOUD_RANGES;

export interface Violation {
  code: number;
  message: string;
}
const invalid = (message: string): Violation => ({ code: JOCLOUD_CODES.INVALID_PARAMETER, message });
const unsupported = (message: string): Violation => ({
  code: JOCLOUD_CODES.UNSUPPORTED_PARAMETERS,
  message,
});
const badMix = (message: string): Violation => ({ code: JOCLOUD_CODES.MIX_INVALID, message });

type Output = JoMixConfig['output'];
type Input = NonNullable<JoMixConfig['input']>[number];

/** Input layout fields: "Custom" (required) for a stream with video, "No" for an audio stream. */
const INPUT_VIDEO_REQUIRED = ['zOrder', 'layoutX', 'layoutY', 'layoutW', 'layoutH', 'crop'] as const;
const INPUT_VIDEO_ONLY = [...INPUT_VIDEO_REQUIRED, 'cropX', 'cropY', 'cropW', 'cropH', 'alpha'] as const;
/** Output fields marked "No" in the seed's Audio column. */
const OUTPUT_VIDEO_ONLY = [
  'videoheight',
  'videowidth',
  'videobitrate',
  'videofps',
  'videogop',
  'videoencode',
  'patch',
  'patchUrl',
  'watermark',
  'background',
  'base64seidata',
] as const;
/** "Custom" for video outputs; videoencode shows its one value ("100") instead of "Optional". */
const OUTPUT_VIDEO_REQUIRED = ['videowidth', 'videoheight', 'videobitrate', 'videoencode'] as const;
/** The audio columns of outputs 0 and 2 show the value ("128", "2", …) instead of "Optional". */
const OUTPUT_AUDIO = ['audiobitrate', 'audiochannel', 'audiosample', 'audioformat'] as const;

function checkInput(item: Input, at: string): Violation | null {
  if (item.streamtype === 2) {
    const extra = INPUT_VIDEO_ONLY.find((k) => item[k] !== undefined);
    return extra ? invalid(`${at}.${extra} must not be set for an audio stream (streamtype 2)`) : null;
  }
  const missing = INPUT_VIDEO_REQUIRED.find((k) => item[k] === undefined);
  return missing
    ? invalid(`${at}.${missing} is required for a stream with video (streamtype ${item.streamtype})`)
    : null;
}

function checkOutputFields(out: Output, P: string, recordtype: number): Violation | null {
  // recordtype 0 audio/video, 1 video, 2 audio ↔ output streamtype 0 video and audio, 1 video, 2 audio
  if (out.streamtype !== recordtype)
    return invalid(`${P}streamtype ${out.streamtype} does not match recordtype ${recordtype}`);
  if (out.streamtype === 2) {
    const extra = OUTPUT_VIDEO_ONLY.find((k) => out[k] !== undefined);
    if (extra) return invalid(`${P}${extra} must not be set for an audio output (streamtype 2)`);
  } else {
    const missing = OUTPUT_VIDEO_REQUIRED.find((k) => out[k] === undefined);
    if (missing) return invalid(`${P}${missing} is required when output streamtype is ${out.streamtype}`);
  }
  if (out.streamtype !== 1) {
    const missing = OUTPUT_AUDIO.find((k) => out[k] === undefined);
    if (missing) return invalid(`${P}${missing} is required when output streamtype is ${out.streamtype}`);
  }
  if (out.patch === 3 && !out.patchUrl) return invalid(`${P}patchUrl is required when patch is 3`);
  if (out.base64seidata !== undefined) {
    const s = out.base64seidata;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
      return invalid(`${P}base64seidata must be Base64`);
    if (Buffer.from(s, 'base64').length > R.maxSeiBytes)
      return invalid(`${P}base64seidata must decode to at most ${R.maxSeiBytes} bytes`);
  }
  for (const key of Object.keys(JOCLOUD_FIXED) as Array<keyof typeof JOCLOUD_FIXED>) {
    const value = out[key];
    if (value !== undefined && value !== JOCLOUD_FIXED[key])
      return unsupported(`${P}${key} ${value} is not supported (only ${JOCLOUD_FIXED[key]})`);
  }
  return null;
}

/** "does not exceed the width/height of the output picture" (against the size the service will use). */
function checkWatermarks(out: Output, P: string): Violation | null {
  const w = out.videowidth === undefined ? Number.POSITIVE_INFINITY : roundEdge(out.videowidth);
  const h = out.videoheight === undefined ? Number.POSITIVE_INFINITY : roundEdge(out.videoheight);
  const wm = out.watermark;
  const marks: Array<[string, { x: number; y: number; width?: number; height?: number }]> = [];
  if (wm?.timestamp) marks.push([`${P}watermark.timestamp`, wm.timestamp]);
  for (const [i, m] of (wm?.textList ?? []).entries()) marks.push([`${P}watermark.textList[${i}]`, m]);
  for (const [i, m] of (wm?.imageList ?? []).entries()) marks.push([`${P}watermark.imageList[${i}]`, m]);
  for (const [at, m] of marks) {
    if (m.x >= w) return badMix(`${at}.x must be less than the output width ${w}`);
    if (m.y >= h) return badMix(`${at}.y must be less than the output height ${h}`);
    if (m.width !== undefined && m.width > w)
      return badMix(`${at}.width must not exceed the output width ${w}`);
    if (m.height !== undefined && m.height > h)
      return badMix(`${at}.height must not exceed the output height ${h}`);
  }
  return null;
}

/**
 * templateid XOR input ("Do not fill it when using Layout template"); audio-only mixing may leave both
 * out ("If the input parameter is not filled, it means that mixed audio recording is performed for all
 * audio streams in one room").
 */
export function checkMixConfig(
  mix: JoMixConfig,
  recordtype: number,
  prefix = 'mixconfig.',
): Violation | null {
  if (!mix.input && mix.templateid === undefined && recordtype !== 2) {
    return invalid(`${prefix}templateid (layout template) or input (custom layout) is required`);
  }
  for (const [i, item] of (mix.input ?? []).entries()) {
    const bad = checkInput(item, `${prefix}input[${i}]`);
    if (bad) return bad;
  }
  const bad = checkOutputFields(mix.output, `${prefix}output.`, recordtype);
  if (bad) return bad;
  if (mix.input && mix.templateid !== undefined)
    return badMix(`${prefix}input must not be set together with templateid`);
  return checkWatermarks(mix.output, `${prefix}output.`);
}

export function checkStartRecord(body: JoStartRecord): Violation | null {
  const prefix = body.storagecfg.fileprefix ?? [];
  // ["aaaa", "bbbb"] → "aaaa/bbbb/": each part and its slash
  const prefixChars = prefix.reduce((n, s) => n + s.length + 1, 0);
  if (prefixChars > R.maxPrefixChars)
    return invalid(`storagecfg.fileprefix must not exceed ${R.maxPrefixChars} characters (slashes included)`);
  if (body.streamtype === 2) {
    if (!body.uid) return invalid('uid is required for source stream recording (streamtype 2)');
    if (body.mixconfig !== undefined)
      return invalid('mixconfig must not be set for source stream recording (streamtype 2)');
    return null;
  }
  if (body.uid !== undefined) return invalid('uid must not be set for mixed stream recording (streamtype 1)');
  if (!body.mixconfig) return invalid('mixconfig is required for mixed stream recording (streamtype 1)');
  return checkMixConfig(body.mixconfig, body.recordtype);
}

/** The nearest multiple of 4 (halves round up), kept inside [16, 1920]. */
export function roundEdge(value: number): number {
  const m = R.videoEdgeMultiple;
  const [min, max] = R.videoEdge;
  return Math.min(max, Math.max(min, Math.round(value / m) * m));
}

/**
 * The output the service actually produces: sizes rounded to multiples of 4, fps capped at 60 (default
 * 15), gop rounded up to a whole number of seconds (videogop = videofps × key-frame interval; default 30)
 * and kept below 1000.
 */
export function effectiveMixConfig(mix: JoMixConfig): JoMixConfig {
  const out = { ...mix.output };
  if (out.streamtype !== 2) {
    if (out.videowidth !== undefined) out.videowidth = roundEdge(out.videowidth);
    if (out.videoheight !== undefined) out.videoheight = roundEdge(out.videoheight);
    const fps = Math.min(out.videofps ?? R.defaultFps, R.maxFps);
    if (out.videofps !== undefined) out.videofps = fps;
    if (out.videogop !== undefined) {
      let gop = Math.ceil(out.videogop / fps) * fps;
      if (gop > R.videogop[1]) gop = Math.floor(R.videogop[1] / fps) * fps;
      out.videogop = gop;
    }
  }
  return { ...mix, output: out };
}
