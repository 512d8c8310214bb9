import {
  type RawResponse,
  type VendorCodeTable,
  createResponseInterpreter,
  numericCode,
  stringField,
} from '@unirec/core/adapter';

/**
 * ZEGO answers `{Code, Message, RequestId, Data?}`; `Code != 0` is a failure even on HTTP 200.
 * The one code table in core's rule shape. Source: the vendor notes (docs/vendors/sources.md) "Error codes" (ZEGOCLOUD docs
 * "Return codes" / "常见错误码"). Operation names: start, stop, updateLayout, query, and the extras.
 */

const CHECK_SECRET = 'check appId and serverSecret (ZEGOCLOUD console → project → ServerSecret)';
const CHECK_CLOCK = "check this machine's clock: Timestamp must be within 10 minutes of ZEGOCLOUD's time";

export const ZEGO_ERROR_CODES: VendorCodeTable = {
  100000001: { kind: 'authentication', meaning: `AppId is invalid: ${CHECK_SECRET}` },
  100000004: { kind: 'authentication', meaning: `signature expired: ${CHECK_CLOCK}` },
  100000005: { kind: 'authentication', meaning: `signature invalid: ${CHECK_SECRET}; ${CHECK_CLOCK}` },
  100000006: { kind: 'vendor', meaning: 'Action is empty (a unirec bug: please report it)' },
  100000007: { kind: 'vendor', meaning: 'Action is not supported by this ZEGOCLOUD host' },
  100000013: { kind: 'authentication', meaning: `SignatureVersion is empty: ${CHECK_SECRET}` },
  100000014: { kind: 'authentication', meaning: `SignatureVersion is not supported: ${CHECK_SECRET}` },
  100000016: {
    kind: 'vendor',
    meaning:
      'the app is not in the production environment (IsTest): check the project in the ZEGOCLOUD console',
  },
  100000017: {
    kind: 'vendor',
    meaning: 'the service is not enabled for this app: enable it in the ZEGOCLOUD console',
  },
  300000002: {
    kind: 'vendor',
    meaning: 'cloud recording is not enabled for this app: enable it in the ZEGOCLOUD console',
  },
  300000003: { kind: 'rate_limit', meaning: 'rate limited by ZEGOCLOUD', retry: true },
  300000004: { kind: 'validation', meaning: 'ZEGOCLOUD rejected a parameter' },
  // 300000005 is listed only by the Chinese "常见错误码" page (网关校验失败, gateway check failed).
  300000005: { kind: 'vendor', meaning: 'ZEGOCLOUD gateway check failed: contact ZEGOCLOUD support' },
  300000006: {
    kind: 'vendor',
    meaning:
      'too many concurrent recording tasks for this app: stop some or ask ZEGOCLOUD for a higher quota',
  },
  300001000: {
    kind: 'not_found',
    meaning: 'the recording task does not exist (unknown TaskId, or started more than 3 days ago)',
  },
  300001001: {
    kind: 'not_found',
    meaning: 'the recording task has already ended (stopped, MaxIdleTime or MaxRecordTime)',
  },
  300001004: { kind: 'conflict', meaning: 'the recording is not paused' },
  300010000: { kind: 'vendor', meaning: 'ZEGOCLOUD system error', retry: true },
};

/** The code of "task already ended": on StopRecord it means `alreadyStopped`, not a failure. */
export const ZEGO_TASK_ENDED = 300001001;

export const zegoResponses = createResponseInterpreter({
  vendor: 'zego',
  vendorName: 'ZEGOCLOUD',
  codes: ZEGO_ERROR_CODES,
  readEnvelope: (raw: RawResponse) => ({
    code: numericCode((raw.data as Record<string, unknown> | undefined)?.Code),
    message: stringField(raw.data, 'Message'),
    requestId: stringField(raw.data, 'RequestId'),
  }),
  // A 2xx body without a numeric Code is not a ZEGO answer: the shape check below reports it.
  isSuccess: (envelope, raw) =>
    raw.status >= 200 && raw.status < 300 && (envelope.code === 0 || envelope.code === undefined),
  authenticationHint: CHECK_SECRET,
});
