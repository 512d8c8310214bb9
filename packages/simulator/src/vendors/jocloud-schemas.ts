/**
 * zod schemas of the JOCloud request bodies (seed 003: startrecord, updatemixrecord, stoprecord with
 * mixconfig input/output, watermark, background and storagecfg), plus the cross-field rules the seed
 * states. Field names are case-sensitive ("parameters are case-sensitive"), e.g. `zOrder`, `layoutX`.
 */
import { z } from 'zod';
import { JOCLOUD_FIXED, JOCLOUD_RANGES, JOCLOUD_TIMESTAMP_FORMATS } from './jocloud-constants.js';
import { int, need, nonEmpty, oneOf, range, str, url } from './zego-jocloud-validation.js';

const R = JOCLOUD_RANGES;
/** [0.0, 1.0] */
const unit = () =>
  z
    .number({ error: need('a number') })
    .min(0, { error: 'must be between 0.0 and 1.0' })
    .max(1, { error: 'must be between 0.0 and 1.0' });
/** "000000-FFFFFF, letters are all uppercase or all lowercase" */
const rgb = () =>
  str().regex(/^([0-9A-F]{6}|[0-9a-f]{6})$/, {
    error: "must be 'RRGGBB' hex, letters all upper or all lower case",
  });
const bytesMax = (max: number) => (v: string) => Buffer.byteLength(v, 'utf8') <= max;
const imageUrl = () =>
  nonEmpty().refine(bytesMax(R.maxUrlBytes), { error: `must not exceed ${R.maxUrlBytes} bytes` });
const fixed = (value: number) => int().refine((v) => v === value, { error: `must be ${value}` });
const font = () => z.literal('NotoSansCJK', { error: need("'NotoSansCJK'") });

const InputItem = z.strictObject({
  uid: nonEmpty(),
  roomid: nonEmpty(),
  streamtype: oneOf([0, 1, 2]),
  zOrder: range(R.zOrder).optional(),
  layoutX: range(R.coord).optional(),
  layoutY: range(R.coord).optional(),
  layoutH: range(R.size).optional(),
  layoutW: range(R.size).optional(),
  crop: oneOf([0, 1]).optional(),
  cropX: range(R.coord).optional(),
  cropY: range(R.coord).optional(),
  cropH: range(R.size).optional(),
  cropW: range(R.size).optional(),
  alpha: unit().optional(),
});

const wmX = () => range(R.watermarkCoord);
const TextStyle = {
  font: font().optional(),
  size: range(R.fontSize),
  color: rgb().optional(),
  backgroundColor: rgb().optional(),
  alpha: unit().optional(),
};
const Watermark = z.strictObject({
  timestamp: z
    .strictObject({
      x: wmX(),
      y: wmX(),
      format: z.enum(JOCLOUD_TIMESTAMP_FORMATS, {
        error: need(`one of ${JOCLOUD_TIMESTAMP_FORMATS.join(' | ')}`),
      }),
      ...TextStyle,
    })
    .optional(),
  textList: z
    .array(z.strictObject({ x: wmX(), y: wmX(), content: str(), ...TextStyle }), { error: need('an array') })
    .optional(),
  imageList: z
    .array(
      z.strictObject({
        x: wmX(),
        y: wmX(),
        width: range(R.watermarkSize),
        height: range(R.watermarkSize),
        url: imageUrl(),
        scale: oneOf([0, 1]),
        alpha: unit().optional(),
      }),
      { error: need('an array') },
    )
    .optional(),
});

const Output = z.strictObject({
  streamtype: oneOf([0, 1, 2]),
  videoheight: range(R.videoEdge).optional(),
  videowidth: range(R.videoEdge).optional(),
  videobitrate: range(R.videobitrate).optional(),
  /** "(0, 60] … If video frame rate is set higher than 60, the service will be adjusted to 60" */
  videofps: int().min(1, { error: 'must be greater than 0' }).optional(),
  videogop: range(R.videogop).optional(),
  videoencode: fixed(JOCLOUD_FIXED.videoencode).optional(),
  audiobitrate: fixed(JOCLOUD_FIXED.audiobitrate).optional(),
  audiochannel: fixed(JOCLOUD_FIXED.audiochannel).optional(),
  audiosample: fixed(JOCLOUD_FIXED.audiosample).optional(),
  audioformat: fixed(JOCLOUD_FIXED.audioformat).optional(),
  patch: oneOf([0, 1, 2, 3]).optional(),
  patchUrl: str()
    .refine(bytesMax(R.maxUrlBytes), { error: `must not exceed ${R.maxUrlBytes} bytes` })
    .optional(),
  watermark: Watermark.optional(),
  background: z
    .strictObject({
      color: rgb().optional(),
      image: z.strictObject({ url: imageUrl(), scale: oneOf([0, 1]) }).optional(),
    })
    .optional(),
  base64seidata: str().optional(),
});

/** The seed's parameter table spells the input list "intput"; its examples use "input", which is what is accepted. */
const MixConfig = z.strictObject({
  input: z.array(InputItem, { error: need('an array') }).optional(),
  templateid: range([R.templateid[0], R.templateid[1]]).optional(),
  output: Output,
});
export type JoMixConfig = z.infer<typeof MixConfig>;

const StorageCfg = z.strictObject({
  vender: oneOf([0, 1, 2]),
  endpoint: nonEmpty(),
  bucket: nonEmpty(),
  accesskey: nonEmpty(),
  secretkey: nonEmpty(),
  fileprefix: z
    .array(str().regex(/^[A-Za-z0-9]+$/, { error: 'must contain only A-Z, a-z, 0-9 (no slashes)' }), {
      error: need('an array of strings'),
    })
    .optional(),
});

export const StartRecordBody = z.strictObject({
  resid: nonEmpty(),
  appid: int(),
  roomid: nonEmpty(),
  /** "0: audio/video recording (default)": optional despite "Required" in the table */
  recordtype: oneOf([0, 1, 2]).optional(),
  streamtype: oneOf([1, 2]),
  mixconfig: MixConfig.optional(),
  uid: str().optional(),
  storagecfg: StorageCfg,
  callbackurl: url().optional(),
});
export type JoStartRecord = z.infer<typeof StartRecordBody>;

export const UpdateMixRecordBody = z.strictObject({
  resid: nonEmpty(),
  appid: int(),
  roomid: nonEmpty(),
  recordid: nonEmpty(),
  mixconfig: MixConfig,
});

export const StopRecordBody = z.strictObject({
  appid: int(),
  resid: nonEmpty(),
  roomid: nonEmpty(),
  recordid: nonEmpty(),
});

// ---------------------------------------------------------------------------------------------
// Cross-field rules the seed states

const VIDEO_LAYOUT = ['zOrder', 'layoutX', 'layoutY', 'layoutW', 'layoutH', 'crop'] as const;

function checkOutput(out: JoMixConfig['output'], P: string): string | null {
  const video = out.streamtype !== 2;
  if (video) {
    for (const key of ['videowidth', 'videoheight', 'videobitrate'] as const) {
      if (out[key] === undefined) return `${P}${key} is required when output streamtype is ${out.streamtype}`;
    }
  }
  if (out.patch === 3 && !out.patchUrl) return `${P}patchUrl is required when patch is 3`;
  if (out.base64seidata !== undefined) {
    const s = out.base64seidata;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return `${P}base64seidata must be Base64`;
    if (Buffer.from(s, 'base64').length > R.maxSeiBytes)
      return `${P}base64seidata must decode to at most 2048 bytes`;
  }
  // "does not exceed the width/height of the output picture"
  const w = out.videowidth ?? Number.POSITIVE_INFINITY;
  const h = out.videoheight ?? Number.POSITIVE_INFINITY;
  const wm = out.watermark;
  const marks: Array<[string, { x: number; y: number; width?: number; height?: number }]> = [];
  if (wm?.timestamp) marks.push([`${P}watermark.timestamp`, wm.timestamp]);
  for (const [i, m] of (wm?.textList ?? []).entries()) marks.push([`${P}watermark.textList[${i}]`, m]);
  for (const [i, m] of (wm?.imageList ?? []).entries()) marks.push([`${P}watermark.imageList[${i}]`, m]);
  for (const [at, m] of marks) {
    if (m.x >= w) return `${at}.x must be less than the output width ${w}`;
    if (m.y >= h) return `${at}.y must be less than the output height ${h}`;
    if (m.width !== undefined && m.width > w) return `${at}.width must not exceed the output width ${w}`;
    if (m.height !== undefined && m.height > h) return `${at}.height must not exceed the output height ${h}`;
  }
  return null;
}

/**
 * templateid XOR input ("Do not fill it when using Layout template"); audio-only mixing may leave both
 * out ("all audio streams in one room"); video inputs need their layout fields.
 */
export function checkMixConfig(mix: JoMixConfig, recordtype: number, prefix = 'mixconfig.'): string | null {
  if (mix.input && mix.templateid !== undefined)
    return `${prefix}input must not be set together with templateid`;
  if (!mix.input && mix.templateid === undefined && recordtype !== 2) {
    return `${prefix}templateid (layout template) or input (custom layout) is required`;
  }
  for (const [i, item] of (mix.input ?? []).entries()) {
    if (item.streamtype === 2) continue;
    for (const key of VIDEO_LAYOUT) {
      if (item[key] === undefined)
        return `${prefix}input[${i}].${key} is required for a stream with video (streamtype ${item.streamtype})`;
    }
  }
  return checkOutput(mix.output, `${prefix}output.`);
}

export function checkStartRecord(body: JoStartRecord): string | null {
  const prefix = body.storagecfg.fileprefix ?? [];
  const prefixChars = prefix.reduce((n, s) => n + s.length + 1, 0);
  if (prefixChars > R.maxPrefixChars)
    return `storagecfg.fileprefix must not exceed ${R.maxPrefixChars} characters (slashes included)`;
  if (body.streamtype === 2) {
    if (!body.uid) return 'uid is required for source stream recording (streamtype 2)';
    return null; // "Source stream recording does not need to set the mixed streams configuration"
  }
  if (!body.mixconfig) return 'mixconfig is required for mixed stream recording (streamtype 1)';
  return checkMixConfig(body.mixconfig, body.recordtype ?? 0);
}
