import { z } from '@unirec/core/adapter';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';

/**
 * zod schemas of JOCloud's answers (seed 003: applyrecord, startrecord, stoprecord, updatemixrecord,
 * queryrecord responses) and of its callback body (docs.jocloud.com api_callback, the vendor notes (docs/vendors/sources.md)
 * "Callback"). Objects are loose: JOCloud may add fields, and `raw` keeps them for callers. Only what
 * unirec reads is checked. Integers are accepted as numbers or as strings of digits.
 */

/** An `int` field: a safe integer, or a string of digits holding one. */
const intLike = z.union([z.int(), z.pipe(z.string().check(z.regex(/^-?\d{1,15}$/)), z.transform(Number))]);

/** resid / recordid: the ids later calls put in bodies and paths. */
export const joCloudTaskIdSchema = z
  .string()
  .check(z.regex(JOCLOUD_LIMITS.taskIdPattern, { error: "must be 1–256 letters, digits, '-' or '_'" }));

const envelope = { code: intLike, message: z.optional(z.string()), traceId: z.optional(z.string()) };

/** applyrecord: `{code, message, resid, traceId}`; the resid is valid five minutes. */
export const joCloudApplyRecordSchema = z.looseObject({ ...envelope, resid: joCloudTaskIdSchema });

/** startrecord: `{code, message, recordid, traceId}`. */
export const joCloudStartRecordSchema = z.looseObject({ ...envelope, recordid: joCloudTaskIdSchema });

/** stoprecord and updatemixrecord: `{code, message, recordid, traceId}` (recordid tolerated absent). */
export const joCloudStopRecordSchema = z.looseObject({ ...envelope, recordid: z.optional(z.string()) });
export type JoCloudStopRecordResponse = z.infer<typeof joCloudStopRecordSchema>;

/** A file address as JOCloud reports it: one URL, or a list (tolerated; the seed's query lists none). */
const fileAddress = z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))]);

/** queryrecord `data` (seed 003 table: appid, roomid, recordid, status, createtime, starttime). */
const queryDataSchema = z.looseObject({
  recordid: z.optional(z.string()),
  appid: z.optional(intLike),
  roomid: z.optional(z.string()),
  status: intLike,
  /** ms */
  createtime: z.optional(intLike),
  /** ms; 0 until the task has started */
  starttime: z.optional(intLike),
  fileaddress: z.optional(fileAddress),
});

export const joCloudQueryRecordSchema = z.looseObject({
  ...envelope,
  recordid: z.optional(z.string()),
  data: queryDataSchema,
});
export type JoCloudQueryRecordResponse = z.infer<typeof joCloudQueryRecordSchema>;

/** A context field that is unreadable is dropped (raw keeps it), never a reason to refuse the callback. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
const textLike = z.union([z.string(), z.pipe(z.number(), z.transform(String))]);

/** Callback `context` (msgtype 2 example: msgname, appid, roomid, uid[], recordid, filetype, duration, fileaddress, starttime). */
const callbackContextSchema = z.looseObject({
  msgname: lenient(z.string()),
  appid: lenient(intLike),
  roomid: lenient(textLike),
  uid: lenient(z.array(textLike)),
  recordid: lenient(textLike),
  filetype: lenient(z.string()),
  /** ms (the example: 9000 for a task that started 22 s before the notification) */
  duration: lenient(intLike),
  fileaddress: lenient(fileAddress),
  /** ms */
  starttime: lenient(intLike),
  /** not in the example; read when present (the queryrecord status codes) */
  status: lenient(intLike),
});
export type JoCloudCallbackContext = z.infer<typeof callbackContextSchema>;

/** Callback body: `{msgid, product: 1, msgtype, notifytime (ms), context}`. */
export const joCloudCallbackSchema = z.looseObject({
  msgid: z.string().check(z.minLength(1), z.maxLength(512)),
  product: intLike,
  msgtype: intLike,
  notifytime: intLike,
  context: callbackContextSchema,
});
export type JoCloudCallback = z.infer<typeof joCloudCallbackSchema>;
