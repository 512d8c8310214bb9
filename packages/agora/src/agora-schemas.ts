import { z } from 'zod';

/**
 * zod schemas of Agora's responses (seed 000: acquire-response, start response, query-response,
 * serverResponse, fileList-string / fileList-json, extensionServiceState, stop response). Lenient
 * where the document marks fields optional (almost all are), and open (`looseObject`): Agora adds
 * fields over time, and `raw` keeps them for callers.
 */

const uidValue = z.union([z.string(), z.number()]).transform((v) => String(v));

/** One entry of fileList-json (seed 000) or of a web payload's fileList (which spells it `filename`). */
export const agoraFileEntrySchema = z.looseObject({
  fileName: z.string().optional(),
  filename: z.string().optional(),
  trackType: z.string().optional(),
  uid: uidValue.optional(),
  mixedAllUser: z.boolean().optional(),
  isPlayable: z.boolean().optional(),
  sliceStartTime: z.number().optional(),
});
export type AgoraFileEntry = z.infer<typeof agoraFileEntrySchema>;

export const agoraFileListSchema = z.union([z.string(), z.array(agoraFileEntrySchema)]);

export const agoraExtensionServiceStateSchema = z.looseObject({
  serviceName: z.string().optional(),
  payload: z
    .looseObject({
      fileList: agoraFileListSchema.optional(),
      onhold: z.boolean().optional(),
      state: z.string().optional(),
      uploadingStatus: z.string().optional(),
      outputs: z
        .array(z.looseObject({ rtmpUrl: z.string().optional(), status: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

export const agoraServerResponseSchema = z.looseObject({
  status: z.number().optional(),
  fileListMode: z.string().optional(),
  fileList: agoraFileListSchema.optional(),
  sliceStartTime: z.number().optional(),
  uploadingStatus: z.string().optional(),
  extensionServiceState: z.array(agoraExtensionServiceStateSchema).optional(),
});
export type AgoraServerResponse = z.infer<typeof agoraServerResponseSchema>;

export const agoraAcquireResponseSchema = z.looseObject({
  resourceId: z.string().min(1),
  cname: z.string().optional(),
  uid: uidValue.optional(),
});

export const agoraStartResponseSchema = z.looseObject({
  sid: z.string().min(1),
  resourceId: z.string().optional(),
  cname: z.string().optional(),
  uid: uidValue.optional(),
});

/** update / updateLayout answer the ids back; nothing else is used. */
export const agoraUpdateResponseSchema = z.looseObject({
  sid: z.string().optional(),
  resourceId: z.string().optional(),
});

export const agoraQueryResponseSchema = z.looseObject({
  resourceId: z.string().optional(),
  sid: z.string().optional(),
  cname: z.string().optional(),
  uid: uidValue.optional(),
  serverResponse: agoraServerResponseSchema.optional(),
});
export type AgoraQueryResponse = z.infer<typeof agoraQueryResponseSchema>;

export const agoraStopResponseSchema = agoraQueryResponseSchema;
export type AgoraStopResponse = AgoraQueryResponse;

/** Error bodies: `{ code, reason }` from the recording service; gateway errors carry `message` and no code. */
export const agoraErrorBodySchema = z.looseObject({
  code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  sid: z.string().optional(),
  resourceId: z.string().optional(),
});
export type AgoraErrorBody = z.infer<typeof agoraErrorBodySchema>;
