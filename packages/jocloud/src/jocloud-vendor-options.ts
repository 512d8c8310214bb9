import {
  type Canvas,
  type IssueCollector,
  type RecordingMode,
  formatPath,
  isPlainObject,
} from '@unirec/core';
import { z } from 'zod';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { isWellFormedText, utf8ByteLength } from './jocloud-participant.js';

/**
 * `vendorOptions.jocloud`: raw startrecord fields, deep-merged over the mapped body last (objects key by
 * key, arrays replace). It is the only way to send what the neutral model has no field for:
 * `mixconfig.output.watermark`, `base64seidata`, `patch` / `patchUrl`. Those documented parts are checked
 * here against seed 003's watermark / output tables and against the canvas; other raw fields are sent
 * as given. Fields that identify the task or fix the canvas are unirec's and refused.
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
/** mixconfig.output fields the layout is computed on: set them with `video`. */
export const JOCLOUD_RESERVED_OUTPUT_FIELDS = ['videowidth', 'videoheight', 'streamtype'] as const;

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
    .number({ message: `${what} must be a number` })
    .int({ message: `${what} must be an integer` })
    .min(min, { message: `${what} must be in [${min}, ${max}]` })
    .max(max, { message: `${what} must be in [${min}, ${max}]` });
const unit = z
  .number({ message: 'alpha must be a number' })
  .min(0, { message: 'alpha must be in [0.0, 1.0]' })
  .max(1, { message: 'alpha must be in [0.0, 1.0]' });
const rgb = z
  .string({ message: "must be a colour written 'RRGGBB'" })
  .regex(/^(?:[0-9A-F]{6}|[0-9a-f]{6})$/, {
    message: "must be 'RRGGBB' hex (000000-FFFFFF), letters all upper or all lower case",
  });
const text = z
  .string({ message: 'must be a string' })
  .min(1, { message: 'must not be empty' })
  .refine(isWellFormedText, { message: 'must be well-formed Unicode text' });
const imageUrl = text
  .refine((v) => /^https?:\/\/\S+$/i.test(v), { message: 'must be an http(s) URL' })
  .refine((v) => utf8ByteLength(v) <= L.maxUrlBytes, { message: `must be at most ${L.maxUrlBytes} bytes` });
const scale = z.union([z.literal(0), z.literal(1)], {
  message: 'scale must be 0 (proportional) or 1 (stretch)',
});

const textStyle = {
  font: z.literal('NotoSansCJK', { message: "font must be 'NotoSansCJK' (the only font)" }).optional(),
  size: int('size', L.fontSize),
  color: rgb.optional(),
  backgroundColor: rgb.optional(),
  alpha: unit.optional(),
};
const position = { x: int('x', L.watermarkCoordinate), y: int('y', L.watermarkCoordinate) };

const watermarkSchema = z.strictObject({
  timestamp: z
    .strictObject({
      ...position,
      format: z.enum(JOCLOUD_TIMESTAMP_FORMATS, {
        message: `format must be one of ${JOCLOUD_TIMESTAMP_FORMATS.map((f) => `'${f}'`).join(', ')}`,
      }),
      ...textStyle,
    })
    .optional(),
  textList: z.array(z.strictObject({ ...position, content: text, ...textStyle })).optional(),
  imageList: z
    .array(
      z.strictObject({
        ...position,
        width: int('width', L.watermarkImageSize),
        height: int('height', L.watermarkImageSize),
        url: imageUrl,
        scale,
        alpha: unit.optional(),
      }),
    )
    .optional(),
});

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The documented vendor-only parts of mixconfig.output; other keys pass through unchecked. */
const outputExtrasSchema = z
  .looseObject({
    watermark: watermarkSchema.optional(),
    base64seidata: z
      .string({ message: 'must be a Base64 string' })
      .regex(base64, { message: 'must be Base64 (A-Z a-z 0-9 + /, padded with =)' })
      .refine((v) => decodedLength(v) <= L.maxSeiBytes, {
        message: `must decode to at most ${L.maxSeiBytes} bytes`,
      })
      .optional(),
    patch: z
      .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
        message: 'must be 0 (none), 1 (black), 2 (last frame) or 3 (patchUrl picture)',
      })
      .optional(),
    patchUrl: imageUrl.optional(),
    background: z
      .strictObject({ color: rgb.optional(), image: z.strictObject({ url: imageUrl, scale }).optional() })
      .optional(),
  })
  .superRefine((out, ctx) => {
    if (out.patch === 3 && out.patchUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['patchUrl'], message: 'is required when patch is 3' });
    }
  });

/** Raw fields go into the JSON body as they are: only JSON values of well-formed text can be sent. */
const MAX_DEPTH = 16;

function isJsonValue(value: unknown, path: string, depth: number, issues: IssueCollector): boolean {
  if (depth > MAX_DEPTH) {
    issues.add(path, `nests deeper than ${MAX_DEPTH} levels (or refers to itself)`);
    return false;
  }
  switch (typeof value) {
    case 'string':
      if (isWellFormedText(value)) return true;
      issues.add(path, 'must be well-formed Unicode text (it holds a lone surrogate)');
      return false;
    case 'number':
      if (Number.isFinite(value)) return true;
      issues.add(path, 'must be a finite number');
      return false;
    case 'boolean':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value))
        return value.every((item, i) => isJsonValue(item, `${path}[${i}]`, depth + 1, issues));
      if (!isPlainObject(value)) {
        issues.add(path, 'must be a plain JSON object');
        return false;
      }
      return Object.entries(value).every(([key, item]) => {
        if (!isWellFormedText(key)) {
          issues.add(path, 'has a key that is not well-formed Unicode text');
          return false;
        }
        return isJsonValue(item, `${path}.${key}`, depth + 1, issues);
      });
    }
    default:
      issues.add(path, `must be a JSON value, not a ${typeof value}`);
      return false;
  }
}

function decodedLength(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

export interface VendorOptionsContext {
  mode: RecordingMode;
  /** the canvas of a composite video recording */
  canvas: Canvas | undefined;
}

/** Checks `vendorOptions.jocloud` before it is merged; every problem is an issue naming its path. */
export function checkJoCloudVendorOptions(
  options: Record<string, unknown> | undefined,
  ctx: VendorOptionsContext,
  issues: IssueCollector,
): void {
  if (options === undefined) return;
  if (!isPlainObject(options)) {
    issues.add(PREFIX, 'must be an object of raw startrecord fields');
    return;
  }
  if (!isJsonValue(options, PREFIX, 0, issues)) return;
  for (const field of JOCLOUD_RESERVED_FIELDS) {
    if (Object.hasOwn(options, field)) {
      issues.add(
        `${PREFIX}.${field}`,
        'is set by unirec (from room, mode, participants and the provider config)',
      );
    }
  }
  if (!Object.hasOwn(options, 'mixconfig')) return;
  const mix = options.mixconfig;
  if (ctx.mode !== 'composite') {
    issues.add(
      `${PREFIX}.mixconfig`,
      'applies to composite recordings only (source stream recording has no mixconfig)',
    );
    return;
  }
  if (!isPlainObject(mix)) {
    issues.add(`${PREFIX}.mixconfig`, 'must be an object');
    return;
  }
  if (Object.hasOwn(mix, 'templateid')) {
    const id = mix.templateid;
    const [min, max] = L.templateIds;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < min || id > max) {
      issues.add(
        `${PREFIX}.mixconfig.templateid`,
        `must be a JOCloud layout template id, an integer in [${min}, ${max}]`,
      );
    }
  }
  if (!Object.hasOwn(mix, 'output')) return;
  const output = mix.output;
  const at = `${PREFIX}.mixconfig.output`;
  if (!isPlainObject(output)) {
    issues.add(at, 'must be an object');
    return;
  }
  for (const field of JOCLOUD_RESERVED_OUTPUT_FIELDS) {
    if (Object.hasOwn(output, field)) {
      issues.add(
        `${at}.${field}`,
        'is set by unirec from media and video (the layout is computed on that canvas)',
      );
    }
  }
  const parsed = outputExtrasSchema.safeParse(output);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.add(formatPath(issue.path, at), issue.message);
    return;
  }
  const picture = ['watermark', 'patch', 'patchUrl', 'background', 'base64seidata'].filter((k) =>
    Object.hasOwn(output, k),
  );
  if (!ctx.canvas) {
    for (const key of picture) issues.add(`${at}.${key}`, "needs video: media 'audio' has no picture");
    return;
  }
  checkWatermarkInsideCanvas(parsed.data.watermark, ctx.canvas, `${at}.watermark`, issues);
}

/** "does not exceed the width/height of the output picture": every watermark starts on the canvas, images end on it. */
function checkWatermarkInsideCanvas(
  watermark: z.infer<typeof watermarkSchema> | undefined,
  canvas: Canvas,
  at: string,
  issues: IssueCollector,
): void {
  if (!watermark) return;
  const inside = (path: string, item: { x: number; y: number; width?: number; height?: number }) => {
    if (item.x >= canvas.width) issues.add(`${path}.x`, `must be less than the canvas width ${canvas.width}`);
    if (item.y >= canvas.height)
      issues.add(`${path}.y`, `must be less than the canvas height ${canvas.height}`);
    if (item.width !== undefined && item.x + item.width > canvas.width) {
      issues.add(`${path}.width`, `x + width must not exceed the canvas width ${canvas.width}`);
    }
    if (item.height !== undefined && item.y + item.height > canvas.height) {
      issues.add(`${path}.height`, `y + height must not exceed the canvas height ${canvas.height}`);
    }
  };
  if (watermark.timestamp) inside(`${at}.timestamp`, watermark.timestamp);
  watermark.textList?.forEach((item, i) => {
    inside(`${at}.textList[${i}]`, item);
  });
  watermark.imageList?.forEach((item, i) => {
    inside(`${at}.imageList[${i}]`, item);
  });
}
