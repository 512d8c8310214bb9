import { z } from '@unirec/core/adapter';

/**
 * zod schemas of ZEGO responses (seed 002 "Responses"; ZEGOCLOUD docs describe-record-status,
 * describe-tasks). Objects are loose on purpose: ZEGO says it adds fields over time ("avoid hard
 * coding"), and an extra field must never break a recording. Only what unirec reads is checked.
 */

export const zegoEnvelopeSchema = z.looseObject({
  Code: z.number(),
  Message: z.optional(z.string()),
  RequestId: z.optional(z.string()),
  Data: z.optional(z.unknown()),
});
export type ZegoEnvelope = z.infer<typeof zegoEnvelopeSchema>;

export const startRecordDataSchema = z.looseObject({
  TaskId: z.string().check(z.minLength(1), z.maxLength(256), z.regex(/^[\x21-\x7e]+$/)),
});

export const recordFileSchema = z.looseObject({
  UserId: z.optional(z.string()),
  UserName: z.optional(z.string()),
  StreamId: z.optional(z.string()),
  FileId: z.optional(z.string()),
  VideoId: z.optional(z.string()),
  FileUrl: z.optional(z.string()),
  OutputFileFormat: z.optional(z.string()),
  FileSize: z.optional(z.number()),
  Duration: z.optional(z.number()),
  ResolutionWidth: z.optional(z.number()),
  ResolutionHeight: z.optional(z.number()),
  MediaTrackType: z.optional(z.number()),
  BeginTimestamp: z.optional(z.number()),
  Status: z.optional(z.number()),
});
export type ZegoRecordFile = z.infer<typeof recordFileSchema>;

export const describeRecordStatusDataSchema = z.looseObject({
  RoomId: z.optional(z.string()),
  RecordMode: z.optional(z.number()),
  StreamType: z.optional(z.number()),
  RecordBeginTimestamp: z.optional(z.number()),
  RecordEndTimestamp: z.optional(z.number()),
  Status: z.number(),
  // "not returned" when nothing was recorded or for snapshot tasks; null tolerated the same way
  RecordFiles: z.nullish(z.array(recordFileSchema)),
});
export type ZegoRecordStatusData = z.infer<typeof describeRecordStatusDataSchema>;

const taskItemSchema = z.looseObject({
  TaskId: z.string(),
  RoomId: z.optional(z.string()),
  Status: z.optional(z.number()),
  RecordBeginTimestamp: z.optional(z.number()),
});
export type ZegoTaskItem = z.infer<typeof taskItemSchema>;

export const describeTasksDataSchema = z.looseObject({
  PageOffset: z.optional(z.number()),
  PageSize: z.optional(z.number()),
  TotalCount: z.optional(z.number()),
  TaskidList: z.nullish(z.array(taskItemSchema)),
  // older documents name the list TaskList
  TaskList: z.nullish(z.array(taskItemSchema)),
});
export type ZegoDescribeTasksData = z.infer<typeof describeTasksDataSchema>;

/** A successful response whose `Data` has the given shape (built once per action at load). */
function withData<S extends z.ZodMiniType>(data: S) {
  return z.looseObject({
    Code: z.number(),
    Message: z.optional(z.string()),
    RequestId: z.optional(z.string()),
    Data: data,
  });
}
export const startRecordResponseSchema = withData(startRecordDataSchema);
export const describeRecordStatusResponseSchema = withData(describeRecordStatusDataSchema);
export const describeTasksResponseSchema = withData(describeTasksDataSchema);
