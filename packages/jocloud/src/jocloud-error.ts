import { isPlainObject } from '@unirec/core';

/**
 * JOCloud answers `{code, message, traceId, …}`; `code` 0 is success and any other code a failure,
 * whatever the HTTP status (the seed lists 2101, 4005, 4011 and 4012 under "HTTP response 404 error",
 * so a 404 is read by its code, never as "not found" by itself).
 */

/**
 * The rule shape of core's `VendorCodeTable` (packages/core/src/adapter/code-table.ts). Core does not
 * export it yet; test/jocloud-error.test.ts checks at compile time that this table is assignable to
 * core's type, so the two cannot drift apart.
 */
export interface JoCloudCodeRule {
  kind:
    | 'validation'
    | 'unsupported_feature'
    | 'authentication'
    | 'rate_limit'
    | 'not_found'
    | 'conflict'
    | 'timeout'
    | 'vendor';
  meaning: string;
  retry?: boolean | readonly string[];
  renew?: boolean;
  retryAfterMs?: number;
  field?: string;
}
export type JoCloudCodeTable = Readonly<Record<number, JoCloudCodeRule>>;

/** JOCloud's operations (the `reqUri` of each call). */
export type JoCloudOperation =
  | 'applyrecord'
  | 'startrecord'
  | 'updatemixrecord'
  | 'queryrecord'
  | 'stoprecord';

const CHECK_CERTIFICATE =
  'check restfulId and restfulSecret: the API certificate ID and key (My Center → API Certificate), not the app secret';

/** The 10 requests/s budget is per second: a wait of one second always frees it. */
const RATE_WINDOW_MS = 1000;

/**
 * Every code of seed 003's "Return Code" table (and its "HTTP response 404 error" notes). `meaning`
 * is added to JOCloud's own `message` in the error; codes not listed are VendorErrors.
 */
export const JOCLOUD_CODE_TABLE: JoCloudCodeTable = Object.freeze({
  1000: {
    kind: 'authentication',
    meaning: `no Token in the request header (No token permission): ${CHECK_CERTIFICATE}`,
  },
  1001: {
    kind: 'authentication',
    meaning: `the Token is invalid (token format and/or content is incorrect): ${CHECK_CERTIFICATE}`,
  },
  1002: {
    kind: 'authentication',
    meaning: 'no application ID (No appid): check appId, the AppID of the JOCloud project',
  },
  2101: {
    kind: 'validation',
    meaning: 'invalid API parameter (parameters are case-sensitive and every required one must be given)',
    field: '(request)',
  },
  2103: { kind: 'timeout', meaning: 'the request timed out at JOCloud', retry: true },
  2104: { kind: 'vendor', meaning: 'JOCloud internal server error', retry: true },
  2105: {
    kind: 'rate_limit',
    meaning:
      'too-frequent calls: JOCloud allows 10 requests per second per AppID (queryrecord: per recordid)',
    retry: true,
    retryAfterMs: RATE_WINDOW_MS,
  },
  4001: { kind: 'timeout', meaning: 'the recording operation timed out at JOCloud', retry: true },
  4004: { kind: 'validation', meaning: 'unsupported recording parameters', field: '(request)' },
  4005: {
    kind: 'vendor',
    meaning:
      'the room is not publishing: nobody sends a stream in this room yet, so there is nothing to record (start after a user publishes)',
  },
  4006: { kind: 'validation', meaning: 'invalid recording time parameters', field: '(request)' },
  4007: { kind: 'timeout', meaning: 'the recording operation timed out at JOCloud', retry: true },
  4009: {
    kind: 'vendor',
    meaning: 'the recording timed out at JOCloud (it may have ended: check with query)',
  },
  4011: {
    kind: 'conflict',
    meaning:
      'a recording task already exists for this resid: a start was repeated with the same resid (a retried start whose first attempt got through); another recording needs a new resid from applyrecord',
  },
  4012: {
    kind: 'vendor',
    meaning:
      'the resid is invalid or expired (valid five minutes, one start each): a new one is needed from applyrecord',
    renew: true,
  },
  4013: {
    kind: 'not_found',
    meaning:
      'the recordid does not exist: unknown, or the recording has stopped (JOCloud forgets a task once it stops)',
  },
  4014: { kind: 'vendor', meaning: 'the stream mixing operation failed' },
  4015: { kind: 'timeout', meaning: 'the stream mixing operation timed out', retry: true },
  4016: { kind: 'validation', meaning: 'invalid mixed stream parameters', field: 'layout' },
  4017: { kind: 'vendor', meaning: 'the stream mixing operation failed' },
  4018: { kind: 'vendor', meaning: 'internal stream mixing error at JOCloud', retry: true },
  4019: {
    kind: 'unsupported_feature',
    meaning: 'the task is not a mixed-stream recording: updatemixrecord works on composite recordings only',
    field: 'layout',
  },
} satisfies Record<number, JoCloudCodeRule>);

/** "Recording task already exists": on a retried start, success if the answer names the recordid. */
export const JOCLOUD_TASK_EXISTS = 4011;
/** "Recording recordid does not exist": on stop, a task that is over (or never was). */
export const JOCLOUD_RECORDID_UNKNOWN = 4013;

/** The rule of a code, or undefined for 0 and codes the seed does not list. */
export function joCloudCodeRule(code: number): JoCloudCodeRule | undefined {
  return Object.hasOwn(JOCLOUD_CODE_TABLE, code) ? JOCLOUD_CODE_TABLE[code] : undefined;
}

export interface JoCloudEnvelopeFields {
  code?: number;
  message?: string;
  /** JOCloud's traceId: the one the request carried, echoed back */
  requestId?: string;
}

/** A code as JOCloud writes it (`int`), tolerating a string of digits. */
function readCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Reads `{code, message, traceId}` from any answer, whatever the HTTP status. A body without a readable
 * code (gateway pages, empty bodies) yields no code; the caller then decides by HTTP status.
 */
export function readJoCloudEnvelope(raw: { status: number; data: unknown }): JoCloudEnvelopeFields {
  const data = raw?.data;
  if (!isPlainObject(data)) return {};
  const out: JoCloudEnvelopeFields = {};
  const code = readCode(data.code);
  if (code !== undefined) out.code = code;
  if (typeof data.message === 'string') out.message = data.message.slice(0, 1000);
  if (typeof data.traceId === 'string' && data.traceId !== '') out.requestId = data.traceId.slice(0, 256);
  return out;
}

/**
 * The recordid a 4011 answer names, if any. The seed documents no body for errors beyond
 * `{code, message, traceId}`; when JOCloud adds the recordid (as its success answers do), a retried
 * start can return the recording the first attempt began. Without it the start must report that a
 * recording may be running under this resid.
 */
export function recordIdOfConflict(data: unknown): string | undefined {
  if (!isPlainObject(data) || readCode(data.code) !== JOCLOUD_TASK_EXISTS) return undefined;
  const direct = data.recordid;
  if (typeof direct === 'string' && direct !== '') return direct;
  const nested = isPlainObject(data.data) ? data.data.recordid : undefined;
  return typeof nested === 'string' && nested !== '' ? nested : undefined;
}
