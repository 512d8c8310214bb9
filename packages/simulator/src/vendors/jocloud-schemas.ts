/**
 * zod schemas of the JOCloud request bodies (seed 003: startrecord, updatemixrecord, stoprecord with
 * mixconfig input/output, watermark, background and storagecfg): field types, ranges and documented
 * names. A violation is code 2101. The rules between fields live in jocloud-rules.ts.
 * Field names are case-sensitive ("parameters are case-sensitive"), e.g. `zOrder`, `layoutX`.
 */
import { z } from 'zod';
import { JOCLOUD_RANGES, JOCLOUD_TIMESTAMP_FORMATS } from './jocloud-constants.js';
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
  // The service supports one value of each (checked in jocloud-rules.ts: code 4004 otherwise).
  videoencode: int().optional(),
  audiobitrate: int().optional(),
  audiochannel: int().optional(),
  audiosample: int().optional(),
  audioformat: int().optional(),
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
  /** "Required" in the table (its text also names a default, 0: the table is followed) */
  recordtype: oneOf([0, 1, 2]),
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
