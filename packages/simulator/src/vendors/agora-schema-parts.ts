import { z } from 'zod';
import {
  AGORA_ALL_STREAMS,
  AGORA_LIMITS as L,
  AGORA_STORAGE_REGIONS,
  AGORA_STORAGE_VENDOR,
} from './agora-constants.js';

/**
 * Building blocks of the Agora request schemas (agora-schemas.ts): field helpers, storageConfig, layout,
 * recordingConfig. Sources: seed 000 (schemas) and seed 001 (field rules, defaults, ranges).
 */

export const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be >= ${min}` })
    .max(max, { error: `must be <= ${max}` });

export const oneOf = <const T extends readonly [number, ...number[]]>(values: T) =>
  z.literal(values, { error: `must be one of ${values.join(', ')}` });

/** seed 000/001: a decimal string holding a 32-bit unsigned integer in 1 … 2^32−1 */
export const uidSchema = z
  .string({ error: 'must be a string' })
  .refine((v) => /^[1-9][0-9]{0,9}$/.test(v) && Number(v) <= L.uidMax, {
    error: `must be a decimal string in 1..${L.uidMax}`,
  });

export const cnameSchema = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });

export const uidList = z
  .array(
    z
      .string({ error: 'must be a string' })
      .refine((v) => v === AGORA_ALL_STREAMS || uidSchema.safeParse(v).success, {
        error: `must be a uid (decimal string in 1..${L.uidMax}) or "${AGORA_ALL_STREAMS}"`,
      }),
    { error: 'must be an array of uid strings' },
  )
  .max(L.maxSubscribeUids, { error: `must hold at most ${L.maxSubscribeUids} uids` });

export const httpUrl = z
  .string({ error: 'must be a string' })
  .regex(/^https?:\/\/\S+$/i, { error: 'must be an http(s) URL' });
export const rtmpUrl = z
  .string({ error: 'must be a string' })
  .regex(/^rtmps?:\/\/\S+$/i, { error: 'must be an rtmp:// or rtmps:// URL' });
export const hexColor = z
  .string({ error: 'must be a string' })
  .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'must be "#RRGGBB"' });
export const fraction = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be in [0, 1]' })
  .max(1, { error: 'must be in [0, 1]' });

// ---- storageConfig (seed 000 storageConfig / extensionParams, seed 001 fileNamePrefix rules) ----
export const storageConfigSchema = z
  .object({
    vendor: z.number({ error: 'must be a number' }).int({ error: 'must be an integer' }),
    region: z.number({ error: 'must be a number' }).int({ error: 'must be an integer' }),
    bucket: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .regex(/^\S+$/, { error: 'must not contain whitespace' }),
    accessKey: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
    secretKey: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
    fileNamePrefix: z
      .array(
        z
          .string({ error: 'must be a string' })
          .regex(/^[A-Za-z0-9]+$/, { error: 'must be non-empty and use only a-z, A-Z, 0-9' }),
        {
          error: 'must be an array of strings',
        },
      )
      .optional(),
    extensionParams: z
      .object({
        sse: z.enum(['kms', 'aes256'], { error: 'must be "kms" or "aes256"' }).optional(),
        tag: z.string({ error: 'must be a string' }).optional(),
        endpoint: z.string({ error: 'must be a string' }).optional(),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const regions = AGORA_STORAGE_REGIONS[s.vendor];
    if (!regions) {
      ctx.addIssue({
        code: 'custom',
        path: ['vendor'],
        message: `must be one of ${Object.keys(AGORA_STORAGE_REGIONS).join(', ')}`,
      });
    } else if (!regions.includes(s.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `${s.region} is not a region of storage vendor ${s.vendor}`,
      });
    }
    const prefix = s.fileNamePrefix ?? [];
    // Each segment is followed by a slash in the object key ("directory1/directory2/xxx.m3u8").
    const prefixLength = prefix.reduce((n, seg) => n + seg.length + 1, 0);
    if (prefixLength > L.fileNamePrefixMaxChars) {
      ctx.addIssue({
        code: 'custom',
        path: ['fileNamePrefix'],
        message: `must be at most ${L.fileNamePrefixMaxChars} characters including slashes`,
      });
    }
    const ext = s.extensionParams;
    const isS3 = s.vendor === AGORA_STORAGE_VENDOR.S3;
    if (ext?.sse !== undefined && !isS3)
      ctx.addIssue({
        code: 'custom',
        path: ['extensionParams', 'sse'],
        message: 'is only supported for Amazon S3 (vendor 1)',
      });
    if (ext?.tag !== undefined && !isS3 && s.vendor !== AGORA_STORAGE_VENDOR.ALIBABA) {
      ctx.addIssue({
        code: 'custom',
        path: ['extensionParams', 'tag'],
        message: 'is only supported for Amazon S3 (1) and Alibaba Cloud (2)',
      });
    }
    if (s.vendor === AGORA_STORAGE_VENDOR.S3_COMPATIBLE && !ext?.endpoint) {
      ctx.addIssue({
        code: 'custom',
        path: ['extensionParams', 'endpoint'],
        message: 'is required for S3-compatible storage (vendor 11)',
      });
    }
  });

// ---- layout (seed 001 transcodingConfig / layoutConfig / backgroundConfig) ----
export const layoutRegionSchema = z.object({
  // The updateLayout example in seed 000 sends uid "" for "not specified" (fill in join order).
  uid: z
    .string({ error: 'must be a string' })
    .refine((v) => v === '' || uidSchema.safeParse(v).success, {
      error: `must be a uid (decimal string in 1..${L.uidMax}) or ""`,
    })
    .optional(),
  x_axis: fraction,
  y_axis: fraction,
  width: fraction,
  height: fraction,
  alpha: fraction.optional(),
  render_mode: oneOf([0, 1]).optional(),
});

const backgroundConfigSchema = z.array(
  z.object({ uid: uidSchema, image_url: httpUrl, render_mode: oneOf([0, 1]).optional() }),
  { error: 'must be an array' },
);

/** Fields shared by transcodingConfig (start) and updateLayout's clientRequest. */
export const layoutFields = {
  maxResolutionUid: uidSchema.optional(),
  mixedVideoLayout: oneOf([0, 1, 2, 3]).optional(),
  backgroundColor: hexColor.optional(),
  backgroundImage: httpUrl.optional(),
  defaultUserBackgroundImage: httpUrl.optional(),
  layoutConfig: z
    .array(layoutRegionSchema, { error: 'must be an array' })
    .max(L.maxLayoutRegions, { error: `must hold at most ${L.maxLayoutRegions} regions` })
    .optional(),
  backgroundConfig: backgroundConfigSchema.optional(),
};

export const requireLayoutConfigForCustom = (
  v: { mixedVideoLayout?: number; layoutConfig?: unknown[] },
  ctx: z.RefinementCtx,
) => {
  if (v.mixedVideoLayout === 3 && !v.layoutConfig) {
    ctx.addIssue({
      code: 'custom',
      path: ['layoutConfig'],
      message: 'is required when mixedVideoLayout is 3 (custom layout)',
    });
  }
};

export const transcodingConfigSchema = z
  .object({
    width: int(1, L.maxDimension),
    height: int(1, L.maxDimension),
    fps: int(1, Number.MAX_SAFE_INTEGER),
    bitrate: int(1, Number.MAX_SAFE_INTEGER),
    ...layoutFields,
  })
  .superRefine((v, ctx) => {
    if (v.width * v.height > L.maxPixels) {
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: `width × height must not exceed 1920 × 1080 (${L.maxPixels})`,
      });
    }
    requireLayoutConfigForCustom(v, ctx);
  });

// ---- recordingConfig (seed 001 录制设置) ----
export const recordingConfigSchema = z
  .object({
    channelType: oneOf([0, 1]),
    streamTypes: oneOf([0, 1, 2]).optional(),
    streamMode: z
      .enum(['default', 'standard', 'original'], { error: 'must be "default", "standard" or "original"' })
      .optional(),
    decryptionMode: int(0, 8).optional(),
    secret: z.string({ error: 'must be a string' }).optional(),
    salt: z.string({ error: 'must be a string' }).optional(),
    audioProfile: oneOf([0, 1, 2]).optional(),
    videoStreamType: oneOf([0, 1]).optional(),
    maxIdleTime: int(L.maxIdleTimeMin, L.maxIdleTimeMax).optional(),
    transcodingConfig: transcodingConfigSchema.optional(),
    // Seed 001 spells the opt-out lists unSubscribe…, seed 000 unsubscribe…: both are accepted.
    subscribeAudioUids: uidList.optional(),
    unSubscribeAudioUids: uidList.optional(),
    unsubscribeAudioUids: uidList.optional(),
    subscribeVideoUids: uidList.optional(),
    unSubscribeVideoUids: uidList.optional(),
    unsubscribeVideoUids: uidList.optional(),
    subscribeUidGroup: int(0, 5).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decryptionMode !== undefined && v.decryptionMode !== 0 && !v.secret) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'is required when decryptionMode is not 0' });
    }
    if ((v.decryptionMode === 7 || v.decryptionMode === 8) && !isBase64Of32Bytes(v.salt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['salt'],
        message: 'is required when decryptionMode is 7 or 8 and must be base64 of 32 bytes',
      });
    }
    checkExclusiveLists(v, ctx);
  });

function isBase64Of32Bytes(value: string | undefined): boolean {
  if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return Buffer.from(value, 'base64').length === 32;
}

interface SubscribeLists {
  subscribeAudioUids?: string[];
  unSubscribeAudioUids?: string[];
  unsubscribeAudioUids?: string[];
  subscribeVideoUids?: string[];
  unSubscribeVideoUids?: string[];
  unsubscribeVideoUids?: string[];
}

/** seed 000: only one of subscribe…Uids / unsubscribe…Uids may be set, per media type. */
export function checkExclusiveLists(
  v: SubscribeLists,
  ctx: z.RefinementCtx,
  pathPrefix: string[] = [],
): void {
  if (v.subscribeAudioUids && (v.unSubscribeAudioUids || v.unsubscribeAudioUids)) {
    ctx.addIssue({
      code: 'custom',
      path: [...pathPrefix, 'subscribeAudioUids'],
      message: 'cannot be set together with unsubscribeAudioUids',
    });
  }
  if (v.subscribeVideoUids && (v.unSubscribeVideoUids || v.unsubscribeVideoUids)) {
    ctx.addIssue({
      code: 'custom',
      path: [...pathPrefix, 'subscribeVideoUids'],
      message: 'cannot be set together with unsubscribeVideoUids',
    });
  }
}
