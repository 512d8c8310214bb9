import {
  type RawResponse,
  type VendorCodeTable,
  createResponseInterpreter,
  isRecordingError,
  numericCode,
  stringField,
} from '@unirec/core/adapter';

/**
 * Agora error codes (body `code`) in core's rule shape. Source: the vendor notes (docs/vendors/sources.md) § Agora "Error
 * codes", read from Agora's response-code reference (AgoraIO/Docs-Source cloud-recording/rest-api)
 * and integration best practices ("never retry 40x"). Operation names: acquire, start, update,
 * updateLayout, query, stop.
 */
export const AGORA_ERROR_CODES: VendorCodeTable = {
  2: { kind: 'validation', meaning: 'invalid parameter' },
  7: { kind: 'conflict', meaning: 'the recording was already started with this resource' },
  8: { kind: 'vendor', meaning: 'invalid HTTP header, path, method or JSON body' },
  49: { kind: 'not_found', meaning: 'the recording task is already exiting' },
  53: {
    kind: 'conflict',
    meaning: 'a recording with the same cname and uid is already running (use another recorder uid)',
  },
  // On acquire 62 means the service is not enabled (retrying cannot help); on start the resource is
  // spent: a fresh acquire + start (renew), not the same request again.
  62: {
    kind: 'vendor',
    meaning: 'request timed out (on acquire: Cloud Recording is not enabled for this App ID)',
    retry: ['update', 'updateLayout', 'query', 'stop'],
    renew: true,
  },
  65: {
    kind: 'vendor',
    meaning: 'the recording backend did not answer in time',
    retry: true,
    retryAfterMs: 3000,
  },
  109: { kind: 'authentication', meaning: 'the RTC token has expired', field: 'token' },
  110: { kind: 'authentication', meaning: 'the RTC token is invalid', field: 'token' },
  400: { kind: 'authentication', meaning: 'invalid App ID' },
  401: { kind: 'validation', meaning: 'invalid channel name', field: 'room' },
  404: {
    kind: 'not_found',
    meaning: 'no recording worker found: the session is over (or failing over, 30–60 s)',
  },
  405: { kind: 'authentication', meaning: 'the account is not active' },
  // Concurrency quota: waiting milliseconds will not free it; the caller tries later.
  406: { kind: 'rate_limit', meaning: 'concurrent recordings over the limit' },
  432: { kind: 'validation', meaning: 'the request parameters do not match the resource' },
  433: { kind: 'vendor', meaning: 'the resource has expired', renew: true },
  435: { kind: 'vendor', meaning: 'nothing was recorded' },
  500: { kind: 'vendor', meaning: 'internal error', retry: true },
  501: { kind: 'vendor', meaning: 'no worker manager available', retry: true },
  502: {
    kind: 'vendor',
    meaning: 'failed to allocate a recording worker',
    retry: ['acquire', 'update', 'updateLayout', 'query', 'stop'],
    renew: true,
  },
  504: { kind: 'vendor', meaning: 'worker allocation timed out', retry: true },
  1001: { kind: 'not_found', meaning: 'the resource id could not be resolved' },
  1003: { kind: 'not_found', meaning: 'the App ID does not match the sid' },
  1013: { kind: 'validation', meaning: 'invalid channel name', field: 'room' },
  1028: { kind: 'validation', meaning: 'invalid updateLayout request body', field: 'layout' },
};

/** Agora's code 7: this resource already started a recording (a repeated start). */
export const AGORA_ALREADY_STARTED = 7;
/** Code 49: the task is already exiting (repeat stop, idle timeout). */
export const AGORA_ALREADY_EXITING = 49;
/** Code 53: a recording with this cname + uid is running. */
export const AGORA_SAME_UID_RUNNING = 53;
/** Code 435: stop found nothing recorded. */
export const AGORA_NOTHING_RECORDED = 435;

/**
 * Agora's responses: `{ code, reason }` from the recording service, `{ message }` from the gateway
 * (no code), the request id in the X-Request-ID header. HTTP 2xx with code 0/200, or with a code
 * Agora does not document, is success (Agora answers 200 with extra fields over time).
 */
export const agoraResponses = createResponseInterpreter({
  vendor: 'agora',
  vendorName: 'Agora',
  codes: AGORA_ERROR_CODES,
  readEnvelope: (raw: RawResponse) => ({
    code: numericCode((raw.data as Record<string, unknown> | undefined)?.code),
    message: stringField(raw.data, 'reason') ?? stringField(raw.data, 'message'),
    requestId: raw.headers['x-request-id'],
  }),
  isSuccess: (envelope, raw) =>
    raw.status >= 200 &&
    raw.status < 300 &&
    (envelope.code === undefined ||
      envelope.code === 0 ||
      envelope.code === 200 ||
      (raw.status === 200 && AGORA_ERROR_CODES[envelope.code] === undefined)),
  authenticationHint:
    'check customerId / customerSecret (Agora Console → RESTful API) and that they belong to this App ID',
});

/** A start error after which the resource is spent and a fresh acquire + start is Agora's advice. */
export function needsReacquire(error: unknown): boolean {
  if (!isRecordingError(error) || error.operation !== 'start' || typeof error.vendorCode !== 'number')
    return false;
  return AGORA_ERROR_CODES[error.vendorCode]?.renew === true;
}
