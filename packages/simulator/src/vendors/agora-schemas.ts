import { z } from 'zod';
import { AGORA_LIMITS as L } from './agora-constants.js';
import {
  checkExclusiveLists,
  cnameSchema,
  httpUrl,
  int,
  layoutFields,
  oneOf,
  recordingConfigSchema,
  requireLayoutConfigForCustom,
  rtmpUrl,
  storageConfigSchema,
  uidList,
  uidSchema,
} from './agora-schema-parts.js';

/**
 * Request bodies of the Agora Cloud Recording REST API, from seed 000 (schemas) and seed 001 (field rules,
 * defaults, ranges). Unknown fields are accepted and ignored, as Agora does. Rules that depend on the
 * recording mode or on the acquired resource live in agora-rules.ts.
 */

// ---- recordingFileConfig, snapshotConfig (seed 001) ----
export const recordingFileConfigSchema = z
  .object({
    avFileType: z
      .array(z.enum(['hls', 'mp4'], { error: 'must be "hls" or "mp4"' }), { error: 'must be an array' })
      .min(1, { error: 'must not be empty' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    const types = v.avFileType ?? [];
    if (new Set(types).size !== types.length)
      ctx.addIssue({ code: 'custom', path: ['avFileType'], message: 'must not repeat a type' });
    if (types.includes('mp4') && !types.includes('hls')) {
      ctx.addIssue({
        code: 'custom',
        path: ['avFileType'],
        message: '"mp4" must be set together with "hls"',
      });
    }
  });

export const snapshotConfigSchema = z.object({
  captureInterval: int(L.captureIntervalMin, L.captureIntervalMax).optional(),
  fileType: z
    .array(z.literal('jpg', { error: 'must be "jpg"' }), { error: 'must be ["jpg"]' })
    .length(1, { error: 'must be ["jpg"]' }),
});

// ---- extensionServiceConfig (seed 001 扩展服务设置: web page recording, + CDN) ----
const webServiceParamSchema = z
  .object({
    url: httpUrl,
    audioProfile: oneOf([0, 1, 2]),
    videoWidth: int(L.webMinDimension, L.maxDimension),
    videoHeight: int(L.webMinDimension, L.maxDimension),
    maxRecordingHour: int(...L.webMaxRecordingHour),
    videoBitrate: int(...L.webVideoBitrate).optional(),
    videoFps: int(...L.webVideoFps).optional(),
    mobile: z.boolean({ error: 'must be a boolean' }).optional(),
    maxVideoDuration: int(...L.webMaxVideoDuration).optional(),
    onhold: z.boolean({ error: 'must be a boolean' }).optional(),
    readyTimeout: int(...L.webReadyTimeout).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.videoWidth * v.videoHeight > L.maxPixels) {
      ctx.addIssue({
        code: 'custom',
        path: ['videoWidth'],
        message: `videoWidth × videoHeight must not exceed 1920 × 1080 (${L.maxPixels})`,
      });
    }
  });

const rtmpOutputs = z
  .array(z.object({ rtmpUrl }), { error: 'must be an array' })
  .min(1, { error: 'must hold one output' })
  .max(L.maxRtmpOutputs, { error: `must hold at most ${L.maxRtmpOutputs} output` });

const extensionServiceSchema = z.discriminatedUnion(
  'serviceName',
  [
    z.object({
      serviceName: z.literal('web_recorder_service'),
      errorHandlePolicy: z
        .literal('error_abort', { error: 'must be "error_abort" for web_recorder_service' })
        .optional(),
      serviceParam: webServiceParamSchema,
    }),
    z.object({
      serviceName: z.literal('rtmp_publish_service'),
      errorHandlePolicy: z
        .literal('error_ignore', { error: 'must be "error_ignore" for rtmp_publish_service' })
        .optional(),
      serviceParam: z.object({ outputs: rtmpOutputs }),
    }),
  ],
  { error: 'serviceName must be "web_recorder_service" or "rtmp_publish_service"' },
);

export const extensionServiceConfigSchema = z.object({
  errorHandlePolicy: z.literal('error_abort', { error: 'must be "error_abort"' }).optional(),
  apiVersion: z.string({ error: 'must be a string' }).optional(),
  extensionServices: z
    .array(extensionServiceSchema, { error: 'must be an array' })
    .min(1, { error: 'must not be empty' }),
});

// ---- appsCollection, transcodeOptions (seed 001 应用设置 / 转码设置, seed 000 transcodeOptions) ----
const appsCollectionSchema = z.object({
  combinationPolicy: z
    .enum(['default', 'postpone_transcoding'], { error: 'must be "default" or "postpone_transcoding"' })
    .optional(),
});

const transcodeOptionsSchema = z.object({
  transConfig: z.object({
    transMode: z.enum(['postponeTranscoding', 'audioMix'], {
      error: 'must be "postponeTranscoding" or "audioMix"',
    }),
  }),
  container: z
    .object({
      format: z
        .enum(['mp4', 'mp3', 'm4a', 'aac'], { error: 'must be "mp4", "mp3", "m4a" or "aac"' })
        .optional(),
    })
    .optional(),
  audio: z
    .object({
      sampleRate: z
        .enum(['48000', '32000', '16000'], { error: 'must be "48000", "32000" or "16000"' })
        .optional(),
      bitrate: z.literal('48000', { error: 'must be "48000"' }).optional(),
      channels: z.enum(['1', '2'], { error: 'must be "1" or "2"' }).optional(),
    })
    .optional(),
});

// ---- request bodies ----
export const startClientRequestSchema = z.object({
  token: z.string({ error: 'must be a string' }).optional(),
  storageConfig: storageConfigSchema,
  recordingConfig: recordingConfigSchema.optional(),
  recordingFileConfig: recordingFileConfigSchema.optional(),
  snapshotConfig: snapshotConfigSchema.optional(),
  extensionServiceConfig: extensionServiceConfigSchema.optional(),
  appsCollection: appsCollectionSchema.optional(),
  transcodeOptions: transcodeOptionsSchema.optional(),
});
export type AgoraStartClientRequest = z.infer<typeof startClientRequestSchema>;

const base = { cname: cnameSchema, uid: uidSchema };

export const acquireBodySchema = z.object({
  ...base,
  clientRequest: z
    .object({
      scene: oneOf([0, 1, 2]).optional(),
      resourceExpiredHour: int(L.resourceExpiredHourMin, L.resourceExpiredHourMax).optional(),
      // Checked at start (seed 000: an invalid startParameter does not fail acquire, only the later start).
      startParameter: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
      excludeResourceIds: z
        .array(z.string({ error: 'must be a string' }), { error: 'must be an array' })
        .optional(),
      regionAffinity: int(0, 4).optional(),
      region: z.enum(['CN', 'AP', 'EU', 'NA'], { error: 'must be "CN", "AP", "EU" or "NA"' }).optional(),
    })
    .optional(),
});
export type AgoraAcquireBody = z.infer<typeof acquireBodySchema>;

export const startBodySchema = z.object({ ...base, clientRequest: startClientRequestSchema });
export type AgoraStartBody = z.infer<typeof startBodySchema>;

const audioUidList = z.object({
  subscribeAudioUids: uidList.optional(),
  unsubscribeAudioUids: uidList.optional(),
  unSubscribeAudioUids: uidList.optional(),
});
const videoUidList = z.object({
  subscribeVideoUids: uidList.optional(),
  unsubscribeVideoUids: uidList.optional(),
  unSubscribeVideoUids: uidList.optional(),
});

export const updateBodySchema = z.object({
  ...base,
  clientRequest: z
    .object({
      streamSubscribe: z
        .object({ audioUidList: audioUidList.optional(), videoUidList: videoUidList.optional() })
        .optional(),
      webRecordingConfig: z
        .object({ onhold: z.boolean({ error: 'must be a boolean' }).optional() })
        .optional(),
      rtmpPublishConfig: z.object({ outputs: rtmpOutputs.optional() }).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.streamSubscribe?.audioUidList)
        checkExclusiveLists(v.streamSubscribe.audioUidList, ctx, ['streamSubscribe', 'audioUidList']);
      if (v.streamSubscribe?.videoUidList)
        checkExclusiveLists(v.streamSubscribe.videoUidList, ctx, ['streamSubscribe', 'videoUidList']);
    }),
});
export type AgoraUpdateBody = z.infer<typeof updateBodySchema>;

export const updateLayoutBodySchema = z.object({
  ...base,
  clientRequest: z.object(layoutFields).superRefine(requireLayoutConfigForCustom),
});
export type AgoraUpdateLayoutBody = z.infer<typeof updateLayoutBodySchema>;

export const stopBodySchema = z.object({
  ...base,
  clientRequest: z.object({ async_stop: z.boolean({ error: 'must be a boolean' }).optional() }),
});

/** Validate with the options describeIssue relies on. */
export function check<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { reportInput: true });
}

/** The first issue as Agora-style `reason`: "<field path>: <rule>". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const path = issue.path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    '',
  );
  // Parsed with { reportInput: true }: an absent value is a missing field, whatever the type rule says.
  const missing =
    ('input' in issue && issue.input === undefined && issue.code !== 'custom') ||
    (issue.code === 'invalid_type' && /received undefined/.test(issue.message));
  const rule = missing ? 'is required' : issue.message;
  return path ? `${path}: ${rule}` : `body: ${rule}`;
}
