import * as z from 'zod/mini';
import type { LayoutInput, StartRecordingRequest, StorageConfig } from './types.js';
import { nonJsonValueAt } from './validation.js';

/**
 * zod schemas of the neutral model (zod/mini: tree-shakable, built once at module load). They check
 * what is true on every vendor; vendor limits come from each vendor's capability table
 * (`checkCapabilities`) and its converters. Objects are strict: a misspelt field is an error.
 * Default messages are written by `parseOrThrow` from the issue code; the ones here say the rule.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

function isWellFormed(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}

type Rule<T> = readonly [ok: (value: T) => boolean, message: string];

/**
 * The rules of one value as one zod check; each broken rule is an issue with its message. zod runs a
 * node per check, and a server validates a request now and then, with cold caches: one check per
 * value instead of one per rule roughly halves what a request's parse costs there (scripts/bench).
 */
function rules<T>(...list: Rule<T>[]) {
  return z.superRefine<T>((value, ctx) => {
    for (const [ok, message] of list) if (!ok(value)) ctx.addIssue({ code: 'custom', message });
  });
}

const WELL_FORMED: Rule<string> = [isWellFormed, 'must be well-formed Unicode (no lone surrogate)'];
const NO_CONTROL: Rule<string> = [(v) => !CONTROL.test(v), 'must not contain control characters'];

/** A string of 1…max characters, well-formed Unicode (no lone surrogate), no control characters. */
export function text(max: number, what = 'it') {
  return z
    .string()
    .check(
      rules<string>(
        [(v) => v.length >= 1, `${what} must not be empty`],
        [(v) => v.length <= max, `${what} must be at most ${max} characters`],
        WELL_FORMED,
        NO_CONTROL,
      ),
    );
}

/** An http(s) URL without whitespace, at most 2048 characters. */
export const httpUrlSchema = z.string().check(
  z.maxLength(2048, { error: 'must be at most 2048 characters' }),
  z.refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v) && isWellFormed(v) && canParseUrl(v), {
    error: 'must be an http(s) URL',
  }),
);

function canParseUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const HOST =
  /^(?=.{1,253}(:\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?$/;

/** A host name ('oss-cn-hangzhou.aliyuncs.com', optionally ':port') or an http(s) URL. */
export const endpointSchema = z.string().check(
  z.refine(
    (v) =>
      isWellFormed(v) &&
      (HOST.test(v) || (/^https?:\/\//i.test(v) && v.length <= 2048 && canParseUrl(v) && !/\s/.test(v))),
    {
      error: "must be a host ('oss-cn-hangzhou.aliyuncs.com') or an http(s) URL",
    },
  ),
);

export const hexColorSchema = z
  .string()
  .check(z.regex(/^#[0-9A-Fa-f]{6}$/, { error: "must be a colour written '#RRGGBB'" }));

export const backgroundSchema = z.strictObject({
  color: z.optional(hexColorSchema),
  image: z.optional(httpUrlSchema),
});

const fraction = (name: string, positive = false) =>
  z
    .number({ error: `${name} must be a number` })
    .check(
      rules<number>(
        [(v) => v >= 0, `${name} must be ≥ 0 (a fraction of the canvas)`],
        [(v) => v <= 1, `${name} must be ≤ 1 (a fraction of the canvas)`],
        [(v) => !positive || v > 0, `${name} must be > 0`],
      ),
    );

/** Participant ids; each vendor's form is checked against its capabilities (participantId). */
export const participantIdSchema = text(255, 'a participant id');

export const regionSchema = z
  .strictObject({
    participant: z.optional(participantIdSchema),
    x: fraction('x'),
    y: fraction('y'),
    width: fraction('width', true),
    height: fraction('height', true),
    zIndex: z.optional(
      z
        .int({ error: 'zIndex must be an integer' })
        .check(
          rules<number>([(v) => v >= 0, 'zIndex must be ≥ 0'], [(v) => v <= 100, 'zIndex must be ≤ 100']),
        ),
    ),
    fit: z.optional(z.enum(['cover', 'contain'], { error: "fit must be 'cover' or 'contain'" })),
    alpha: z.optional(
      z
        .number({ error: 'alpha must be a number' })
        .check(rules<number>([(v) => v >= 0, 'alpha must be ≥ 0'], [(v) => v <= 1, 'alpha must be ≤ 1'])),
    ),
    placeholderImage: z.optional(httpUrlSchema),
  })
  .check(
    z.superRefine((r, ctx) => {
      // Tolerance absorbs float noise such as 0.1 + 0.9.
      if (r.x + r.width > 1 + 1e-9)
        ctx.addIssue({ code: 'custom', path: ['x'], message: 'x + width must be ≤ 1' });
      if (r.y + r.height > 1 + 1e-9)
        ctx.addIssue({ code: 'custom', path: ['y'], message: 'y + height must be ≤ 1' });
    }),
  );

export const layoutPresetSchema = z.enum(['grid', 'speaker', 'pip'], {
  error: "preset must be 'grid', 'speaker' or 'pip'",
});

const presetLayoutSchema = z.strictObject({
  preset: layoutPresetSchema,
  focus: z.optional(participantIdSchema),
  background: z.optional(backgroundSchema),
  slots: z.optional(
    z
      .int({ error: 'slots must be an integer' })
      .check(z.minimum(1, { error: 'slots must be ≥ 1' }), z.maximum(64, { error: 'slots must be ≤ 64' })),
  ),
});

const regionsLayoutSchema = z
  .strictObject({
    regions: z
      .array(regionSchema)
      .check(
        rules<unknown[]>(
          [(v) => v.length >= 1, 'regions must list at least one region'],
          [(v) => v.length <= 64, 'regions must list at most 64 regions'],
        ),
      ),
    background: z.optional(backgroundSchema),
  })
  .check(
    z.superRefine((layout, ctx) => {
      const seen = new Map<string, number>();
      layout.regions.forEach((region, i) => {
        if (region.participant === undefined) return;
        const first = seen.get(region.participant);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['regions', i, 'participant'],
            message: `this participant is already placed in regions[${first}]`,
          });
        } else seen.set(region.participant, i);
      });
    }),
  );

const LAYOUT_RULE =
  "layout must be either { preset: 'grid' | 'speaker' | 'pip', focus?, background? } or { regions: [...], background? }";

/** A preset layout or a regions layout; picks the branch by its key so errors name the right field. */
export const layoutInputSchema: z.ZodMiniType<LayoutInput> = z.pipe(
  z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: LAYOUT_RULE,
  }),
  z.union([presetLayoutSchema, regionsLayoutSchema], { error: LAYOUT_RULE }),
) as unknown as z.ZodMiniType<LayoutInput>;

export const STORAGE_VENDORS = [
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
] as const;
export const storageVendorSchema = z.enum(STORAGE_VENDORS, {
  error: `vendor must be one of ${STORAGE_VENDORS.join(', ')}`,
});

/** A secret: no whitespace or control characters, well-formed, at most 1024 characters. */
const secretSchema = (name: string) =>
  z.string({ error: `${name} is required (a string)` }).check(
    rules<string>(
      [(v) => v.length >= 1, `${name} is required`],
      [(v) => v.length <= 1024, `${name} must be at most 1024 characters`],
      [
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it rejects
        (v) => !/[\s\u0000-\u001f\u007f]/.test(v) && isWellFormed(v),
        `${name} must not contain whitespace or control characters`,
      ],
    ),
  );

export const storageConfigSchema: z.ZodMiniType<StorageConfig> = z
  .strictObject({
    vendor: storageVendorSchema,
    region: z.optional(
      z.string().check(
        z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
          error:
            "region must be a region id such as 'us-east-1' or 'oss-cn-hangzhou' (letters, digits, '-', '_', '.')",
        }),
      ),
    ),
    bucket: z
      .string({ error: 'bucket is required (a string)' })
      .check(
        rules<string>(
          [(v) => v.length >= 1, 'bucket is required'],
          [
            (v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(v),
            "bucket must be a bucket name: letters, digits, '.', '_' and '-', at most 255 characters, no spaces",
          ],
        ),
      ),
    accessKey: secretSchema('accessKey'),
    secretKey: secretSchema('secretKey'),
    endpoint: z.optional(endpointSchema),
    prefix: z.optional(
      z
        .array(
          text(128, 'a prefix segment').check(
            z.refine((s) => !s.includes('/'), {
              error: "a prefix segment must not contain '/' (use one array item per folder)",
            }),
          ),
        )
        .check(z.maxLength(32, { error: 'prefix must have at most 32 segments' })),
    ),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.vendor === 's3-compatible' && !s.endpoint) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: "endpoint is required for vendor 's3-compatible'",
        });
      }
    }),
  ) as unknown as z.ZodMiniType<StorageConfig>;

const idList = z.array(participantIdSchema).check(
  z.superRefine((ids, ctx) => {
    if (ids.length > 256) ctx.addIssue({ code: 'custom', message: 'at most 256 participants can be listed' });
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: [i], message: 'this participant is listed twice' });
      seen.add(id);
    });
  }),
);

/** A positive integer; the vendor's own range is checked against its capabilities. */
const positiveInt = (name: string) =>
  z.int({ error: `${name} must be an integer` }).check(rules<number>([(v) => v > 0, `${name} must be > 0`]));

export const OUTPUT_FORMATS = ['hls', 'mp4', 'flv', 'mp3', 'jpg'] as const;
export const outputFormatSchema = z.enum(OUTPUT_FORMATS, {
  error: `a format must be one of ${OUTPUT_FORMATS.join(', ')}`,
});

/** Raw vendor fields go into the body as given: they must be JSON of well-formed text (no schema types them). */
const vendorRecord = z.optional(
  z.record(z.string(), z.unknown()).check(
    z.superRefine((value, ctx) => {
      const found = nonJsonValueAt(value);
      if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.message });
    }),
  ),
);

export const startRecordingRequestSchema: z.ZodMiniType<StartRecordingRequest> = z
  .strictObject({
    room: z
      .string({ error: 'room is required (a string)' })
      .check(
        rules<string>(
          [(v) => v.length >= 1, 'room is required'],
          [(v) => v.length <= 1024, 'room must be at most 1024 characters'],
          WELL_FORMED,
          NO_CONTROL,
        ),
      ),
    mode: z.enum(['composite', 'individual', 'web'], {
      error: "mode must be 'composite', 'individual' or 'web'",
    }),
    media: z.optional(
      z.enum(['audio', 'video', 'audio+video'], { error: "media must be 'audio', 'video' or 'audio+video'" }),
    ),
    participants: z.optional(z.strictObject({ include: z.optional(idList), exclude: z.optional(idList) })),
    layout: z.optional(layoutInputSchema),
    video: z.optional(
      z.strictObject({
        width: positiveInt('width'),
        height: positiveInt('height'),
        fps: z.optional(positiveInt('fps')),
        bitrateKbps: z.optional(positiveInt('bitrateKbps')),
      }),
    ),
    audio: z.optional(
      z.strictObject({
        sampleRateHz: z.optional(positiveInt('sampleRateHz')),
        bitrateKbps: z.optional(positiveInt('bitrateKbps')),
        channels: z.optional(z.union([z.literal(1), z.literal(2)], { error: 'channels must be 1 or 2' })),
      }),
    ),
    output: z.optional(
      z.strictObject({
        formats: z.optional(
          z
            .array(outputFormatSchema)
            .check(
              rules<string[]>(
                [(f) => f.length >= 1, 'formats must not be empty'],
                [(f) => new Set(f).size === f.length, 'formats must not repeat a format'],
              ),
            ),
        ),
        snapshotIntervalSec: z.optional(positiveInt('snapshotIntervalSec')),
        maxIdleSec: z.optional(positiveInt('maxIdleSec')),
        maxDurationSec: z.optional(positiveInt('maxDurationSec')),
      }),
    ),
    storage: storageConfigSchema,
    web: z.optional(
      z.strictObject({
        url: httpUrlSchema,
        maxDurationSec: z.optional(positiveInt('maxDurationSec')),
        audio: z.optional(z.boolean({ error: 'audio must be true or false' })),
      }),
    ),
    token: z.optional(text(2048, 'token')),
    recorderUid: z.optional(text(64, 'recorderUid')),
    callbackUrl: z.optional(httpUrlSchema),
    idempotencyKey: z.optional(
      z
        .string()
        .check(
          rules<string>(
            [(v) => v.length >= 1, 'idempotencyKey must not be empty'],
            [(v) => v.length <= 64, 'idempotencyKey must be at most 64 characters'],
            [(v) => /^[A-Za-z0-9_.~-]+$/.test(v), 'idempotencyKey may use only A-Z a-z 0-9 _ . ~ -'],
          ),
        ),
    ),
    vendorOptions: z.optional(
      z.strictObject({ agora: vendorRecord, zego: vendorRecord, jocloud: vendorRecord }),
    ),
  })
  .check(
    z.superRefine((req, ctx) => {
      const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (req.layout && req.mode !== 'composite')
        add(['layout'], "layout is only allowed with mode 'composite'");
      if (req.mode === 'web' && !req.web) add(['web'], "web.url is required with mode 'web'");
      if (req.web && req.mode !== 'web') add(['web'], "web is only allowed with mode 'web'");
      if (req.mode === 'web' && req.participants)
        add(['participants'], "participants do not apply to mode 'web'");
      if (req.participants?.include && req.participants.exclude)
        add(['participants'], 'give either include or exclude, not both');
      if (req.output?.snapshotIntervalSec !== undefined && !req.output.formats?.includes('jpg'))
        add(['output', 'snapshotIntervalSec'], "snapshotIntervalSec needs 'jpg' in output.formats");
      if (req.media === 'audio' && req.layout) add(['layout'], "layout needs video: media 'audio' has none");
      if (req.media === 'audio' && req.output?.formats?.includes('jpg'))
        add(['output', 'formats'], "'jpg' snapshots need video: media 'audio' has none");
    }),
  ) as unknown as z.ZodMiniType<StartRecordingRequest>;

const logLike = (what: string) =>
  z.custom<unknown>((v) => v === undefined || (typeof v === 'object' && v !== null), { error: what });

/** Per attempt, in the provider config and in call options. */
export const timeoutMsSchema = z
  .int({ error: 'timeoutMs must be an integer' })
  .check(
    z.positive({ error: 'timeoutMs must be > 0' }),
    z.maximum(600_000, { error: 'timeoutMs must be ≤ 600000' }),
  );

/** Retries after the first attempt, in the provider config and in call options. */
export const maxRetriesSchema = z
  .int({ error: 'maxRetries must be an integer' })
  .check(
    z.minimum(0, { error: 'maxRetries must be ≥ 0' }),
    z.maximum(10, { error: 'maxRetries must be ≤ 10' }),
  );

/** The part of every provider config that is not vendor-specific (the design (docs/architecture.md) "common"). */
export const commonConfigShape = {
  baseUrl: z.optional(
    z.string().check(
      z.refine(isAllowedBaseUrl, {
        error: 'baseUrl must be an https URL (plain http is accepted only for loopback hosts)',
      }),
    ),
  ),
  timeoutMs: z.optional(timeoutMsSchema),
  maxRetries: z.optional(maxRetriesSchema),
  rateLimit: z.optional(
    z.union(
      [
        z.literal(false),
        z.strictObject({
          requestsPerSecond: z
            .number()
            .check(
              z.positive({ error: 'requestsPerSecond must be > 0' }),
              z.maximum(10_000, { error: 'requestsPerSecond must be ≤ 10000' }),
            ),
        }),
      ],
      { error: 'rateLimit must be false or { requestsPerSecond }' },
    ),
  ),
  logger: z.optional(logLike('logger must be an object with debug/info/warn/error methods')),
  hooks: z.optional(logLike('hooks must be an object with onRequest/onResponse/onRetry functions')),
  strict: z.optional(z.boolean({ error: 'strict must be true or false' })),
  coordinator: z.optional(
    z.custom<unknown>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        ['acquire', 'once', 'claim', 'close'].every(
          (k) => typeof (v as Record<string, unknown>)[k] === 'function',
        ),
      { error: 'coordinator must be a Coordinator (createMemoryCoordinator() or createRedisCoordinator())' },
    ),
  ),
  httpAgent: z.optional(logLike('httpAgent must be an http.Agent')),
  httpsAgent: z.optional(logLike('httpsAgent must be an https.Agent')),
};

export const commonConfigSchema = z.object(commonConfigShape);

export function isAllowedBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return isLoopbackHost(url.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
