import { z } from 'zod';
import type { LayoutInput, StartRecordingRequest, StorageConfig } from './types.js';

/**
 * zod schemas of the neutral model. They check what is true on every vendor; vendor limits
 * (region count, canvas size, fps ranges, …) are checked by each adapter against its capabilities.
 * Objects are strict: a misspelt field is an error, not silently ignored.
 */

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), { message: 'must be an http(s) URL' });

export const hexColorSchema = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, { message: "must be a colour written '#RRGGBB'" });

export const backgroundSchema = z.strictObject({
  color: hexColorSchema.optional(),
  image: httpUrl.optional(),
});

const fraction = (name: string) =>
  z
    .number({ message: `${name} must be a number` })
    .finite()
    .min(0, { message: `${name} must be ≥ 0 (a fraction of the canvas)` })
    .max(1, { message: `${name} must be ≤ 1 (a fraction of the canvas)` });

export const regionSchema = z
  .strictObject({
    participant: z.string().min(1).max(255).optional(),
    x: fraction('x'),
    y: fraction('y'),
    width: fraction('width').refine((v) => v > 0, { message: 'width must be > 0' }),
    height: fraction('height').refine((v) => v > 0, { message: 'height must be > 0' }),
    zIndex: z.number().int({ message: 'zIndex must be an integer' }).min(0).max(100).optional(),
    fit: z.enum(['cover', 'contain']).optional(),
    alpha: z
      .number()
      .min(0, { message: 'alpha must be ≥ 0' })
      .max(1, { message: 'alpha must be ≤ 1' })
      .optional(),
    placeholderImage: httpUrl.optional(),
  })
  .superRefine((r, ctx) => {
    // Tolerance absorbs float noise such as 0.1 + 0.9.
    if (r.x + r.width > 1 + 1e-9)
      ctx.addIssue({ code: 'custom', path: ['x'], message: 'x + width must be ≤ 1' });
    if (r.y + r.height > 1 + 1e-9)
      ctx.addIssue({ code: 'custom', path: ['y'], message: 'y + height must be ≤ 1' });
  });

export const layoutPresetSchema = z.enum(['grid', 'speaker', 'pip']);

const presetLayoutSchema = z.strictObject({
  preset: layoutPresetSchema,
  focus: z.string().min(1).optional(),
  background: backgroundSchema.optional(),
  slots: z
    .number()
    .int()
    .min(1, { message: 'slots must be ≥ 1' })
    .max(64, { message: 'slots must be ≤ 64' })
    .optional(),
});

const regionsLayoutSchema = z
  .strictObject({
    regions: z.array(regionSchema).min(1, { message: 'regions must list at least one region' }),
    background: backgroundSchema.optional(),
  })
  .superRefine((layout, ctx) => {
    const seen = new Map<string, number>();
    layout.regions.forEach((region, i) => {
      if (region.participant === undefined) return;
      const first = seen.get(region.participant);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions', i, 'participant'],
          message: `participant '${region.participant}' is already placed in regions[${first}]`,
        });
      } else seen.set(region.participant, i);
    });
  });

export const layoutInputSchema: z.ZodType<LayoutInput> = z.union([presetLayoutSchema, regionsLayoutSchema], {
  message:
    "layout must be either { preset: 'grid' | 'speaker' | 'pip', focus?, background? } or { regions: [...], background? }",
});

export const storageVendorSchema = z.enum([
  's3',
  'aliyun-oss',
  'tencent-cos',
  'qiniu-kodo',
  'huawei-obs',
  'google-gcs',
  'azure-blob',
  'baidu-bos',
  's3-compatible',
  'aliyun-vod',
  'tencent-vod',
  'china-mobile-eos',
]);

export const storageConfigSchema: z.ZodType<StorageConfig> = z
  .strictObject({
    vendor: storageVendorSchema,
    region: z.string().min(1).max(64).optional(),
    bucket: z.string().min(1, { message: 'bucket is required' }).max(255),
    accessKey: z.string().min(1, { message: 'accessKey is required' }),
    secretKey: z.string().min(1, { message: 'secretKey is required' }),
    endpoint: httpUrl.optional(),
    prefix: z
      .array(
        z
          .string()
          .min(1, { message: 'a prefix segment must not be empty' })
          .refine((s) => !s.includes('/'), {
            message: "a prefix segment must not contain '/' (use one array item per folder)",
          }),
      )
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.vendor === 's3-compatible' && !s.endpoint) {
      ctx.addIssue({
        code: 'custom',
        path: ['endpoint'],
        message: "endpoint is required for vendor 's3-compatible'",
      });
    }
  });

const idList = z
  .array(z.string().min(1, { message: 'a participant id must not be empty' }).max(255))
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: [i], message: `participant '${id}' is listed twice` });
      seen.add(id);
    });
  });

const positiveInt = (name: string) =>
  z
    .number({ message: `${name} must be a number` })
    .int({ message: `${name} must be an integer` })
    .positive({ message: `${name} must be > 0` });

export const outputFormatSchema = z.enum(['hls', 'mp4', 'flv', 'mp3', 'jpg']);

export const startRecordingRequestSchema: z.ZodType<StartRecordingRequest> = z
  .strictObject({
    room: z.string().min(1, { message: 'room is required' }).max(1024),
    mode: z.enum(['composite', 'individual', 'web'], {
      message: "mode must be 'composite', 'individual' or 'web'",
    }),
    media: z.enum(['audio', 'video', 'audio+video']).optional(),
    participants: z.strictObject({ include: idList.optional(), exclude: idList.optional() }).optional(),
    layout: layoutInputSchema.optional(),
    video: z
      .strictObject({
        width: positiveInt('width'),
        height: positiveInt('height'),
        fps: positiveInt('fps').optional(),
        bitrateKbps: positiveInt('bitrateKbps').optional(),
      })
      .optional(),
    audio: z
      .strictObject({
        sampleRateHz: positiveInt('sampleRateHz').optional(),
        bitrateKbps: positiveInt('bitrateKbps').optional(),
        channels: z.union([z.literal(1), z.literal(2)], { message: 'channels must be 1 or 2' }).optional(),
      })
      .optional(),
    output: z
      .strictObject({
        formats: z
          .array(outputFormatSchema)
          .min(1, { message: 'formats must not be empty' })
          .refine((f) => new Set(f).size === f.length, { message: 'formats must not repeat a format' })
          .optional(),
        snapshotIntervalSec: positiveInt('snapshotIntervalSec').optional(),
        maxIdleSec: positiveInt('maxIdleSec').optional(),
        maxDurationSec: positiveInt('maxDurationSec').optional(),
      })
      .optional(),
    storage: storageConfigSchema,
    web: z
      .strictObject({
        url: httpUrl,
        maxDurationSec: positiveInt('maxDurationSec').optional(),
        audio: z.boolean().optional(),
      })
      .optional(),
    token: z.string().min(1).max(2048).optional(),
    recorderUid: z.string().min(1).max(64).optional(),
    callbackUrl: httpUrl.optional(),
    idempotencyKey: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.~-]+$/, { message: 'idempotencyKey may use only A-Z a-z 0-9 _ . ~ -' })
      .optional(),
    vendorOptions: z
      .strictObject({
        agora: z.record(z.string(), z.unknown()).optional(),
        zego: z.record(z.string(), z.unknown()).optional(),
        jocloud: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
  })
  .superRefine((req, ctx) => {
    if (req.layout && req.mode !== 'composite') {
      ctx.addIssue({
        code: 'custom',
        path: ['layout'],
        message: "layout is only allowed with mode 'composite'",
      });
    }
    if (req.mode === 'web' && !req.web) {
      ctx.addIssue({ code: 'custom', path: ['web'], message: "web.url is required with mode 'web'" });
    }
    if (req.web && req.mode !== 'web') {
      ctx.addIssue({ code: 'custom', path: ['web'], message: "web is only allowed with mode 'web'" });
    }
    if (req.mode === 'web' && req.participants) {
      ctx.addIssue({
        code: 'custom',
        path: ['participants'],
        message: "participants do not apply to mode 'web'",
      });
    }
    if (req.participants?.include && req.participants.exclude) {
      ctx.addIssue({
        code: 'custom',
        path: ['participants'],
        message: 'give either include or exclude, not both',
      });
    }
    const snapshot = req.output?.formats?.includes('jpg');
    if (req.output?.snapshotIntervalSec !== undefined && !snapshot) {
      ctx.addIssue({
        code: 'custom',
        path: ['output', 'snapshotIntervalSec'],
        message: "snapshotIntervalSec needs 'jpg' in output.formats",
      });
    }
    if (req.media === 'audio' && req.layout) {
      ctx.addIssue({
        code: 'custom',
        path: ['layout'],
        message: "layout needs video: media 'audio' has none",
      });
    }
  });

/** The part of every provider config that is not vendor-specific (DESIGN.md "common"). */
export const commonConfigSchema = z.object({
  baseUrl: z
    .string()
    .refine(isAllowedBaseUrl, {
      message: 'baseUrl must be an https URL (plain http is accepted only for loopback hosts)',
    })
    .optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  rateLimit: z
    .union([z.literal(false), z.strictObject({ requestsPerSecond: z.number().positive().max(10_000) })])
    .optional(),
  logger: z
    .custom<unknown>((v) => v === undefined || (typeof v === 'object' && v !== null), {
      message: 'logger must be an object with debug/info/warn/error methods',
    })
    .optional(),
  hooks: z
    .custom<unknown>((v) => v === undefined || (typeof v === 'object' && v !== null), {
      message: 'hooks must be an object',
    })
    .optional(),
  strict: z.boolean().optional(),
});

export function isAllowedBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return isLoopbackHost(url.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
