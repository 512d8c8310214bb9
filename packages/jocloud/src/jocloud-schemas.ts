import { z } from 'zod';

/**
 * zod schemas of JOCloud's answers (seed 003: applyrecord, startrecord, stoprecord, updatemixrecord,
 * queryrecord responses) and of its callback body (docs.jocloud.com api_callback, VENDORS.md
 * "Callback"). Objects are loose: JOCloud may add fields, and `raw` keeps them for callers. Only what
 * unirec reads is checked. Integers are accepted as numbers or as strings of digits.
 */

/** An `int` field: a safe integer, or a string of digits holding one. */
const intLike = z.union([
  z.number().int().refine(Number.isSafeInteger),
  z
    .string()
    .regex(/^-?\d{1,15}$/)
    .transform(Number),
]);

const id = z.string().min(1).max(1024);

/** `{code, message, traceId}`: every answer, success or not. */
export const joCloudEnvelopeSchema = z.looseObject({
  code: intLike,
  message: z.string().optional(),
  traceId: z.string().optional(),
  resid: z.string().optional(),
  recordid: z.string().optional(),
});
export type JoCloudEnvelope = z.infer<typeof joCloudEnvelopeSchema>;

/** applyrecord: `{code, message, resid, traceId}`; the resid is valid five minutes. */
export const joCloudApplyRecordSchema = joCloudEnvelopeSchema.extend({ resid: id });
export type JoCloudApplyRecordResponse = z.infer<typeof joCloudApplyRecordSchema>;

/** startrecord: `{code, message, recordid, traceId}`. */
export const joCloudStartRecordSchema = joCloudEnvelopeSchema.extend({ recordid: id });
export type JoCloudStartRecordResponse = z.infer<typeof joCloudStartRecordSchema>;

/** stoprecord and updatemixrecord: `{code, message, recordid, traceId}` (recordid tolerated absent). */
export const joCloudStopRecordSchema = joCloudEnvelopeSchema.extend({ recordid: id.optional() });
export type JoCloudStopRecordResponse = z.infer<typeof joCloudStopRecordSchema>;
export const joCloudUpdateMixRecordSchema = joCloudStopRecordSchema;
export type JoCloudUpdateMixRecordResponse = JoCloudStopRecordResponse;

/** A file address as JOCloud reports it: one URL, or a list (tolerated; the seed's query lists none). */
const fileAddress = z.union([z.string().min(1), z.array(z.string().min(1))]);

/** queryrecord `data` (seed 003 table: appid, roomid, recordid, status, createtime, starttime). */
export const joCloudQueryDataSchema = z.looseObject({
  recordid: z.string().optional(),
  appid: intLike.optional(),
  roomid: z.string().optional(),
  status: intLike,
  /** ms */
  createtime: intLike.optional(),
  /** ms; 0 until the task has started */
  starttime: intLike.optional(),
  fileaddress: fileAddress.optional(),
});
export type JoCloudQueryData = z.infer<typeof joCloudQueryDataSchema>;

export const joCloudQueryRecordSchema = joCloudEnvelopeSchema.extend({
  recordid: z.string().optional(),
  data: joCloudQueryDataSchema,
});
export type JoCloudQueryRecordResponse = z.infer<typeof joCloudQueryRecordSchema>;

/** A context field that is unreadable is dropped (raw keeps it), never a reason to refuse the callback. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = z.union([z.string(), z.number().transform(String)]);

/** Callback `context` (msgtype 2 example: msgname, appid, roomid, uid[], recordid, filetype, duration, fileaddress, starttime). */
export const joCloudCallbackContextSchema = z.looseObject({
  msgname: lenient(z.string()),
  appid: lenient(intLike),
  roomid: lenient(text),
  uid: lenient(z.array(text)),
  recordid: lenient(text),
  filetype: lenient(z.string()),
  /** ms (the example: 9000 for a task that started 22 s before the notification) */
  duration: lenient(intLike),
  fileaddress: lenient(fileAddress),
  /** ms */
  starttime: lenient(intLike),
  /** not in the example; read when present (the queryrecord status codes) */
  status: lenient(intLike),
});
export type JoCloudCallbackContext = z.infer<typeof joCloudCallbackContextSchema>;

/** Callback body: `{msgid, product: 1, msgtype, notifytime (ms), context}`. */
export const joCloudCallbackSchema = z.looseObject({
  msgid: z.string().min(1).max(512),
  product: intLike,
  msgtype: intLike,
  notifytime: intLike,
  context: joCloudCallbackContextSchema,
});
export type JoCloudCallback = z.infer<typeof joCloudCallbackSchema>;
