import { z } from 'zod';

/**
 * zod schemas of ZEGO responses (seed 002 "Responses"; ZEGOCLOUD docs describe-record-status,
 * describe-tasks). Objects are loose on purpose: ZEGO says it adds fields over time ("avoid hard
 * coding"), and an extra field must never break a recording. Only what unirec reads is checked.
 */

export const zegoEnvelopeSchema = z.looseObject({
  Code: z.number(),
  Message: z.string().optional(),
  RequestId: z.string().optional(),
  Data: z.unknown().optional(),
});
export type ZegoEnvelope = z.infer<typeof zegoEnvelopeSchema>;

export const startRecordDataSchema = z.looseObject({
  TaskId: z.string().min(1),
});

export const recordFileSchema = z.looseObject({
  UserId: z.string().optional(),
  UserName: z.string().optional(),
  StreamId: z.string().optional(),
  FileId: z.string().optional(),
  VideoId: z.string().optional(),
  FileUrl: z.string().optional(),
  OutputFileFormat: z.string().optional(),
  FileSize: z.number().optional(),
  Duration: z.number().optional(),
  ResolutionWidth: z.number().optional(),
  ResolutionHeight: z.number().optional(),
  MediaTrackType: z.number().optional(),
  BeginTimestamp: z.number().optional(),
  Status: z.number().optional(),
});
export type ZegoRecordFile = z.infer<typeof recordFileSchema>;

export const describeRecordStatusDataSchema = z.looseObject({
  RoomId: z.string().optional(),
  RecordMode: z.number().optional(),
  StreamType: z.number().optional(),
  RecordBeginTimestamp: z.number().optional(),
  RecordEndTimestamp: z.number().optional(),
  Status: z.number(),
  // "not returned" when nothing was recorded or for snapshot tasks; null tolerated the same way
  RecordFiles: z.array(recordFileSchema).nullish(),
});
export type ZegoRecordStatusData = z.infer<typeof describeRecordStatusDataSchema>;

const taskItemSchema = z.looseObject({
  TaskId: z.string(),
  RoomId: z.string().optional(),
  Status: z.number().optional(),
  RecordBeginTimestamp: z.number().optional(),
});
export type ZegoTaskItem = z.infer<typeof taskItemSchema>;

export const describeTasksDataSchema = z.looseObject({
  PageOffset: z.number().optional(),
  PageSize: z.number().optional(),
  TotalCount: z.number().optional(),
  TaskidList: z.array(taskItemSchema).nullish(),
  // older documents name the list TaskList
  TaskList: z.array(taskItemSchema).nullish(),
});
export type ZegoDescribeTasksData = z.infer<typeof describeTasksDataSchema>;
