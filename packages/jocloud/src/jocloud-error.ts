import {
  type RawResponse,
  type VendorCodeTable,
  createResponseInterpreter,
  isRecordingError,
  numericCode,
  stringField,
} from '@unirec/core/adapter';

/**
 * JOCloud codes (body `code`) in core's rule shape: every code of seed 003's "Return Code" table and
 * its "HTTP response 404 error" notes. `code` 0 is success; any other code is a failure whatever the
 * HTTP status. Operation names: start (applyrecord + startrecord), updateLayout, query, stop.
 */

const CHECK_CERTIFICATE =
  'check restfulId and restfulSecret: the API certificate ID and key (My Center → API Certificate), not the app secret';

/** The 10 requests/s budget is per second: a wait of one second always frees it. */
const RATE_WINDOW_MS = 1000;

export const JOCLOUD_CODE_TABLE: VendorCodeTable = Object.freeze({
  1000: { kind: 'authentication', meaning: 'no Token in the request header (No token permission)' },
  1001: {
    kind: 'authentication',
    meaning: 'the Token is invalid (token format and/or content is incorrect)',
  },
  1002: {
    kind: 'authentication',
    meaning: 'no application ID (No appid): check appId, the AppID of the JOCloud project',
  },
  2101: {
    kind: 'validation',
    meaning: 'invalid API parameter (parameters are case-sensitive and every required one must be given)',
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
  4004: { kind: 'validation', meaning: 'unsupported recording parameters' },
  4005: {
    kind: 'vendor',
    meaning:
      'the room is not publishing: nobody sends a stream in this room yet, so there is nothing to record (start after a user publishes)',
  },
  4006: { kind: 'validation', meaning: 'invalid recording time parameters' },
  4007: { kind: 'timeout', meaning: 'the recording operation timed out at JOCloud', retry: true },
  4009: {
    kind: 'vendor',
    meaning: 'the recording timed out at JOCloud (it may have ended: check with query)',
  },
  4011: {
    kind: 'conflict',
    meaning:
      'a recording task already exists for this resid (a start repeated with the same resid: an earlier attempt got through)',
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
});

/** "Recording task already exists": a startrecord repeated with a resid that already started a task. */
export const JOCLOUD_TASK_EXISTS = 4011;
/** "Recording recordid does not exist": on stop, a task that is over (or never was). */
export const JOCLOUD_RECORDID_UNKNOWN = 4013;

/**
 * JOCloud's answers: `{code, message, traceId, …}` in every body, success or not; the traceId is the
 * request id of errors. A body with a code is read by its code whatever the HTTP status (the seed's
 * 404s carry 2101, 4005, 4011, 4012); core's HTTP fallbacks read the rest (gateways, proxies).
 */
export const joCloudResponses = createResponseInterpreter({
  vendor: 'jocloud',
  vendorName: 'JOCloud',
  codes: JOCLOUD_CODE_TABLE,
  readEnvelope: (raw: RawResponse) => ({
    code: numericCode((raw.data as Record<string, unknown> | undefined)?.code),
    message: stringField(raw.data, 'message'),
    requestId: stringField(raw.data, 'traceId') || undefined,
  }),
  authenticationHint: CHECK_CERTIFICATE,
});

/** A start error after which the resid is spent and a new applyrecord + startrecord is JOCloud's advice. */
export function needsNewResid(error: unknown): boolean {
  if (!isRecordingError(error) || typeof error.vendorCode !== 'number') return false;
  return (
    Object.hasOwn(JOCLOUD_CODE_TABLE, error.vendorCode) &&
    JOCLOUD_CODE_TABLE[error.vendorCode]?.renew === true
  );
}
