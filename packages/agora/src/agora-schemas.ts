import { z } from '@unirec/core/adapter';

/**
 * Schemas of Agora's responses (seed 000: acquire-response, start response, query-response,
 * serverResponse, fileList-string / fileList-json, extensionServiceState, stop response). Lenient
 * where the document marks fields optional (almost all are), and open (`looseObject`): Agora adds
 * fields over time, and `raw` keeps them for callers.
 */

const uidValue = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v) => String(v)),
);

/** One entry of fileList-json (seed 000) or of a web payload's fileList (which spells it `filename`). */
export const agoraFileEntrySchema = z.looseObject({
  fileName: z.optional(z.string()),
  filename: z.optional(z.string()),
  trackType: z.optional(z.string()),
  uid: z.optional(uidValue),
  mixedAllUser: z.optional(z.boolean()),
  isPlayable: z.optional(z.boolean()),
  sliceStartTime: z.optional(z.number()),
});
export type AgoraFileEntry = z.infer<typeof agoraFileEntrySchema>;

export const agoraFileListSchema = z.union([z.string(), z.array(agoraFileEntrySchema)]);

export const agoraExtensionServiceStateSchema = z.looseObject({
  serviceName: z.optional(z.string()),
  payload: z.optional(
    z.looseObject({
      fileList: z.optional(agoraFileListSchema),
      onhold: z.optional(z.boolean()),
      state: z.optional(z.string()),
      uploadingStatus: z.optional(z.string()),
      outputs: z.optional(
        z.array(z.looseObject({ rtmpUrl: z.optional(z.string()), status: z.optional(z.string()) })),
      ),
    }),
  ),
});

export const agoraServerResponseSchema = z.looseObject({
  status: z.optional(z.number()),
  fileListMode: z.optional(z.string()),
  fileList: z.optional(agoraFileListSchema),
  sliceStartTime: z.optional(z.number()),
  uploadingStatus: z.optional(z.string()),
  extensionServiceState: z.optional(z.array(agoraExtensionServiceStateSchema)),
});
export type AgoraServerResponse = z.infer<typeof agoraServerResponseSchema>;

/** Ids Agora issues: bounded, URL-safe (they go into later request paths and handles). */
const agoraId = z.string().check(z.minLength(1), z.maxLength(512), z.regex(/^[A-Za-z0-9_.~-]+$/));

export const agoraAcquireResponseSchema = z.looseObject({
  resourceId: agoraId,
  cname: z.optional(z.string()),
  uid: z.optional(uidValue),
});

export const agoraStartResponseSchema = z.looseObject({
  sid: agoraId,
  resourceId: z.optional(z.string()),
  cname: z.optional(z.string()),
  uid: z.optional(uidValue),
});

/** update / updateLayout answer the ids back; nothing else is used. */
export const agoraUpdateResponseSchema = z.looseObject({
  sid: z.optional(z.string()),
  resourceId: z.optional(z.string()),
});

export const agoraQueryResponseSchema = z.looseObject({
  resourceId: z.optional(z.string()),
  sid: z.optional(z.string()),
  cname: z.optional(z.string()),
  uid: z.optional(uidValue),
  serverResponse: z.optional(agoraServerResponseSchema),
});
export type AgoraQueryResponse = z.infer<typeof agoraQueryResponseSchema>;

export const agoraStopResponseSchema = agoraQueryResponseSchema;
export type AgoraStopResponse = AgoraQueryResponse;

/** The ids handle data: exported for the handle schema (same rule as the responses). */
export const agoraIdSchema = agoraId;
