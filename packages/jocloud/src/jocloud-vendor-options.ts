import type { RecordingMode } from '@unirec/core';
import { type Canvas, type IssueCollector, describeIssue, isPlainObject } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { utf8ByteLength } from './jocloud-participant.js';

/**
 * `vendorOptions.jocloud`: raw startrecord fields, deep-merged over the mapped body last (objects key by
 * key, arrays replace). It is the only way to send what the neutral model has no field for:
 * `mixconfig.output.watermark`, `base64seidata`, `patch` / `patchUrl`, another `videogop`. The
 * mixconfig output is checked field by field against seed 003's output and watermark tables (and the
 * canvas): it is re-sent by every updatemixrecord, so the session handle carries it and it must be
 * known exactly. Other raw fields are sent as given. Fields that identify the task or fix the canvas
 * are unirec's and refused.
 */

const PREFIX = 'vendorOptions.jocloud';

/** Top-level body fields unirec sets from room, mode and config (a different value would break the session). */
export const JOCLOUD_RESERVED_FIELDS = [
  'resid',
  'appid',
  'roomid',
  'recordid',
  'streamtype',
  'recordtype',
  'uid',
] as const;
/** mixconfig.output fields the layout owns: the canvas (set it with `video`), the media, the layout's background. */
export const JOCLOUD_RESERVED_OUTPUT_FIELDS = [
  'videowidth',
  'videoheight',
  'streamtype',
  'background',
] as const;

/** seed 003 timestamp watermark `format` */
export const JOCLOUD_TIMESTAMP_FORMATS = [
  '%Y/%m/%d',
  '%Y-%m-%d',
  '%H:%M:%S',
  '%Y/%m/%d %H:%M:%S',
  '%Y-%m-%d %H:%M:%S',
] as const;

const L = JOCLOUD_LIMITS;
const int = (what: string, [min, max]: readonly [number, number]) =>
  z
    .int({ error: `${what} must be an integer` })
    .check(
      z.minimum(min, { error: `${what} must be in [${min}, ${max}]` }),
      z.maximum(max, { error: `${what} must be in [${min}, ${max}]` }),
    );
const only = <V extends number>(what: string, value: V, why: string) =>
  z.literal(value, { error: `${what} must be ${value} (${why})` });
const unit = z
  .number({ error: 'alpha must be a number' })
  .check(
    z.minimum(0, { error: 'alpha must be in [0.0, 1.0]' }),
    z.maximum(1, { error: 'alpha must be in [0.0, 1.0]' }),
  );
const rgb = z.string({ error: "must be a colour written 'RRGGBB'" }).check(
  z.regex(/^(?:[0-9A-F]{6}|[0-9a-f]{6})$/, {
    error: "must be 'RRGGBB' hex (000000-FFFFFF), letters all upper or all lower case",
  }),
);
const content = z.string({ error: 'must be a string' }).check(z.minLength(1, { error: 'must not be empty' }));
const imageUrl = z.string({ error: 'must be an http(s) URL' }).check(
  z.regex(/^https?:\/\/\S+$/i, { error: 'must be an http(s) URL' }),
  z.refine((v) => utf8ByteLength(v) <= L.maxUrlBytes, { error: `must be at most ${L.maxUrlBytes} bytes` }),
);
const scale = z.union([z.literal(0), z.literal(1)], {
  error: 'scale must be 0 (proportional) or 1 (stretch)',
});
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const textStyle = {
  font: z.optional(z.literal('NotoSansCJK', { error: "font must be 'NotoSansCJK' (the only font)" })),
  size: int('size', L.fontSize),
  color: z.optional(rgb),
  backgroundColor: z.optional(rgb),
  alpha: z.optional(unit),
};
const position = { x: int('x', L.watermarkCoordinate), y: int('y', L.watermarkCoordinate) };

const watermarkSchema = z.strictObject({
  timestamp: z.optional(
    z.strictObject({
      ...position,
      format: z.enum(JOCLOUD_TIMESTAMP_FORMATS, {
        error: `format must be one of ${JOCLOUD_TIMESTAMP_FORMATS.map((f) => `'${f}'`).join(', ')}`,
      }),
      ...textStyle,
    }),
  ),
  textList: z.optional(z.array(z.strictObject({ ...position, content, ...textStyle }))),
  imageList: z.optional(
    z.array(
      z.strictObject({
        ...position,
        width: int('width', L.watermarkImageSize),
        height: int('height', L.watermarkImageSize),
        url: imageUrl,
        scale,
        alpha: z.optional(unit),
      }),
    ),
  ),
});
type Watermark = z.infer<typeof watermarkSchema>;

/** The output fields vendorOptions may set (seed 003 output table, minus the layout's). */
const optionFields = {
  videobitrate: z.optional(int('videobitrate', L.videoBitrateKbps)),
  videofps: z.optional(int('videofps', L.fps)),
  videogop: z.optional(int('videogop', L.gop)),
  videoencode: z.optional(only('videoencode', L.videoEncodeH264, 'H.264; JOCloud has no other encoder')),
  audiobitrate: z.optional(only('audiobitrate', L.audio.bitrateKbps, 'the only audio bitrate')),
  audiochannel: z.optional(only('audiochannel', L.audio.channels, 'stereo only')),
  audiosample: z.optional(only('audiosample', L.audio.sampleRateHz, 'the only sample rate')),
  audioformat: z.optional(only('audioformat', L.audio.formatAac, 'AAC only')),
  patch: z.optional(
    z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
      error: 'patch must be 0 (none), 1 (black), 2 (last frame) or 3 (patchUrl picture)',
    }),
  ),
  patchUrl: z.optional(imageUrl),
  watermark: z.optional(watermarkSchema),
  base64seidata: z.optional(
    z.string({ error: 'base64seidata must be a Base64 string' }).check(
      z.regex(base64, { error: 'base64seidata must be Base64 (A-Z a-z 0-9 + /, padded with =)' }),
      z.refine((v) => decodedLength(v) <= L.maxSeiBytes, {
        error: `base64seidata must decode to at most ${L.maxSeiBytes} bytes`,
      }),
    ),
  ),
};
/** Picture-only output fields: not for media 'audio' (seed: "No" in the Audio column). */
const PICTURE_FIELDS = ['watermark', 'patch', 'patchUrl', 'base64seidata'] as const;

const optionsOutputSchema = z.strictObject(optionFields);

const edge = (what: string) =>
  int(what, L.videoEdge).check(
    z.refine((v) => v % L.videoEdgeMultiple === 0, { error: `${what} must be a multiple of 4` }),
  );

/**
 * mixconfig.output as unirec sends it (without the layout's background): the composite part of a
 * session handle, validated as strictly as the start request that made it.
 */
export const joCloudMixOutputSchema = z
  .strictObject({
    streamtype: z.union([z.literal(0), z.literal(1), z.literal(2)], {
      error: 'streamtype must be 0, 1 or 2',
    }),
    videowidth: z.optional(edge('videowidth')),
    videoheight: z.optional(edge('videoheight')),
    ...optionFields,
  })
  .check(
    z.superRefine((out, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      // What unirec always sends must be there: a handle missing it would reach JOCloud as 2101.
      const required = [
        ...(out.streamtype !== 2 ? (['videobitrate', 'videoencode'] as const) : []),
        ...(out.streamtype !== 1
          ? (['audiobitrate', 'audiochannel', 'audiosample', 'audioformat'] as const)
          : []),
      ];
      for (const key of required)
        if (out[key] === undefined) add(key, `is required for output streamtype ${out.streamtype}`);
      if (out.streamtype === 2) {
        for (const key of [
          'videowidth',
          'videoheight',
          'videobitrate',
          'videofps',
          'videogop',
          'videoencode',
          ...PICTURE_FIELDS,
        ] as const) {
          if (out[key] !== undefined) add(key, 'must not be set for an audio output (streamtype 2)');
        }
        return;
      }
      if (out.videowidth === undefined || out.videoheight === undefined) {
        add('videowidth', 'a video output needs videowidth and videoheight');
        return;
      }
      if (out.patch === 3 && out.patchUrl === undefined) add('patchUrl', 'is required when patch is 3');
      for (const issue of watermarkOutsideCanvas(
        out.watermark,
        { width: out.videowidth, height: out.videoheight },
        'watermark',
      )) {
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }
    }),
  );

function decodedLength(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

export interface VendorOptionsContext {
  mode: RecordingMode;
  /** the canvas of a composite video recording */
  canvas: Canvas | undefined;
}

/**
 * Checks `vendorOptions.jocloud` before it is merged; every problem is an issue naming its path. That it
 * is JSON of well-formed text was checked by core's request schema.
 */
export function checkJoCloudVendorOptions(
  options: Record<string, unknown> | undefined,
  ctx: VendorOptionsContext,
  issues: IssueCollector,
): void {
  if (options === undefined) return;
  for (const field of JOCLOUD_RESERVED_FIELDS) {
    if (Object.hasOwn(options, field))
      issues.add(
        `${PREFIX}.${field}`,
        'is set by unirec (from room, mode, participants and the provider config)',
      );
  }
  if (!Object.hasOwn(options, 'mixconfig')) return;
  const mix = options.mixconfig;
  const at = `${PREFIX}.mixconfig`;
  if (ctx.mode !== 'composite') {
    issues.add(at, 'applies to composite recordings only (source stream recording has no mixconfig)');
    return;
  }
  if (!isPlainObject(mix)) {
    issues.add(at, 'must be an object');
    return;
  }
  for (const key of Object.keys(mix)) {
    if (!['input', 'templateid', 'output'].includes(key))
      issues.add(`${at}.${key}`, 'is not a mixconfig field (input, templateid, output)');
  }
  if (Object.hasOwn(mix, 'templateid')) {
    const [min, max] = L.templateIds;
    const id = mix.templateid;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < min || id > max) {
      issues.add(`${at}.templateid`, `must be a JOCloud layout template id, an integer in [${min}, ${max}]`);
    }
  }
  if (Object.hasOwn(mix, 'output')) checkOutputOptions(mix.output, ctx.canvas, `${at}.output`, issues);
}

function checkOutputOptions(
  output: unknown,
  canvas: Canvas | undefined,
  at: string,
  issues: IssueCollector,
): void {
  if (!isPlainObject(output)) {
    issues.add(at, 'must be an object');
    return;
  }
  const reserved = JOCLOUD_RESERVED_OUTPUT_FIELDS.filter((field) => Object.hasOwn(output, field));
  for (const field of reserved) {
    issues.add(
      `${at}.${field}`,
      field === 'background'
        ? 'is set with layout.background'
        : 'is set by unirec from media and video (the layout is computed on that canvas)',
    );
  }
  const rest = Object.fromEntries(Object.entries(output).filter(([key]) => !reserved.includes(key as never)));
  const parsed = optionsOutputSchema.safeParse(rest);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      for (const found of describeIssue(issue, rest, at)) issues.add(found.path, found.message);
    return;
  }
  const out = parsed.data;
  if (!canvas) {
    for (const key of Object.keys(out))
      if (key.startsWith('video')) issues.add(`${at}.${key}`, "needs video: media 'audio' has none");
    for (const key of PICTURE_FIELDS)
      if (out[key] !== undefined) issues.add(`${at}.${key}`, "needs video: media 'audio' has no picture");
    return;
  }
  if (out.patch === 3 && out.patchUrl === undefined)
    issues.add(`${at}.patchUrl`, 'is required when patch is 3');
  for (const issue of watermarkOutsideCanvas(out.watermark, canvas, `${at}.watermark`))
    issues.add(issue.path, issue.message);
}

/** "does not exceed the width/height of the output picture": every watermark starts on the canvas, images end on it. */
function watermarkOutsideCanvas(
  watermark: Watermark | undefined,
  canvas: Canvas,
  at: string,
): Array<{ path: string; message: string }> {
  const found: Array<{ path: string; message: string }> = [];
  if (!watermark) return found;
  const inside = (path: string, item: { x: number; y: number; width?: number; height?: number }) => {
    if (item.x >= canvas.width)
      found.push({ path: `${path}.x`, message: `must be less than the canvas width ${canvas.width}` });
    if (item.y >= canvas.height)
      found.push({ path: `${path}.y`, message: `must be less than the canvas height ${canvas.height}` });
    if (item.width !== undefined && item.x + item.width > canvas.width) {
      found.push({
        path: `${path}.width`,
        message: `x + width must not exceed the canvas width ${canvas.width}`,
      });
    }
    if (item.height !== undefined && item.y + item.height > canvas.height) {
      found.push({
        path: `${path}.height`,
        message: `y + height must not exceed the canvas height ${canvas.height}`,
      });
    }
  };
  if (watermark.timestamp) inside(`${at}.timestamp`, watermark.timestamp);
  watermark.textList?.forEach((item, i) => {
    inside(`${at}.textList[${i}]`, item);
  });
  watermark.imageList?.forEach((item, i) => {
    inside(`${at}.imageList[${i}]`, item);
  });
  return found;
}
