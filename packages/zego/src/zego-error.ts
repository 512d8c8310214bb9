import {
  createRecordingError,
  AuthenticationError,
  type Interpretation,
  RateLimitError,
  type RawResponse,
  type RecordingError,
  type RecordingErrorOptions,
  VendorError,
  malformedResponseError,
} from '@unirec/core';
import type { z } from 'zod';
import { type ZegoEnvelope, zegoEnvelopeSchema } from './zego-schemas.js';

/**
 * ZEGO answers `{Code, Message, RequestId, Data?}`; `Code != 0` is a failure even on HTTP 200.
 * The one code table (VENDORS.md "Error codes"; ZEGOCLOUD docs "Return codes" / "常见错误码") decides the error
 * class, whether the transport retries, and the hint added to ZEGO's own message.
 */

type Kind = 'authentication' | 'rate_limit' | 'not_found' | 'validation' | 'conflict' | 'vendor';

interface CodeRule {
  kind: Kind;
  retryable?: boolean;
  hint: string;
}

const CHECK_SECRET = 'check appId and serverSecret (ZEGOCLOUD console → project → ServerSecret)';
const CHECK_CLOCK = "check this machine's clock: Timestamp must be within 10 minutes of ZEGOCLOUD's time";

export const ZEGO_ERROR_CODES: Record<number, CodeRule> = {
  100000001: { kind: 'authentication', hint: `AppId is invalid: ${CHECK_SECRET}` },
  100000004: { kind: 'authentication', hint: `signature expired: ${CHECK_CLOCK}` },
  100000005: { kind: 'authentication', hint: `signature invalid: ${CHECK_SECRET}; ${CHECK_CLOCK}` },
  100000006: { kind: 'vendor', hint: 'Action is empty (a unirec bug: please report it)' },
  100000007: { kind: 'vendor', hint: 'Action is not supported by this ZEGOCLOUD host' },
  100000013: { kind: 'authentication', hint: `SignatureVersion is empty: ${CHECK_SECRET}` },
  100000014: { kind: 'authentication', hint: `SignatureVersion is not supported: ${CHECK_SECRET}` },
  100000016: {
    kind: 'vendor',
    hint: 'the app is not in the production environment (IsTest): check the project in the ZEGOCLOUD console',
  },
  100000017: {
    kind: 'vendor',
    hint: 'the service is not enabled for this app: enable it in the ZEGOCLOUD console',
  },
  300000002: {
    kind: 'vendor',
    hint: 'cloud recording is not enabled for this app: enable it in the ZEGOCLOUD console',
  },
  300000003: { kind: 'rate_limit', retryable: true, hint: 'rate limited by ZEGOCLOUD' },
  300000004: { kind: 'validation', hint: 'ZEGOCLOUD rejected a parameter' },
  // 300000005 is listed only by the Chinese "常见错误码" page (网关校验失败, gateway check failed).
  300000005: { kind: 'vendor', hint: 'ZEGOCLOUD gateway check failed: contact ZEGOCLOUD support' },
  300000006: {
    kind: 'vendor',
    hint: 'too many concurrent recording tasks for this app: stop some or ask ZEGOCLOUD for a higher quota',
  },
  300001000: {
    kind: 'not_found',
    hint: 'the recording task does not exist (unknown TaskId, or started more than 3 days ago)',
  },
  300001001: {
    kind: 'not_found',
    hint: 'the recording task has already ended (stopped, MaxIdleTime or MaxRecordTime)',
  },
  300001004: { kind: 'conflict', hint: 'the recording is not paused' },
  300010000: { kind: 'vendor', retryable: true, hint: 'ZEGOCLOUD system error' },
};

/** The code of "task already ended": on StopRecord it means `alreadyStopped`, not a failure. */
export const ZEGO_TASK_ENDED = 300001001;

export interface InterpretContext {
  operation: string;
  action: string;
  /** scrubs known secrets out of vendor text before it lands in an error message */
  redact: (text: string) => string;
  /** codes that are an expected outcome of this call (StopRecord: 300001001) */
  acceptCodes?: number[];
}

export interface ZegoReply<T> {
  code: number;
  data: T | undefined;
  requestId: string | undefined;
  envelope: ZegoEnvelope;
}

/** An error for a ZEGO `Code`, with ZEGO's message, the RequestId and the HTTP status. */
export function zegoCodeError(
  code: number,
  vendorMessage: string,
  ctx: { operation: string; action: string; requestId: string | undefined; httpStatus: number },
): RecordingError {
  const rule = ZEGO_ERROR_CODES[code];
  const retryable = rule?.retryable ?? ctx.httpStatus >= 500;
  const hint = rule?.hint ?? 'unexpected ZEGOCLOUD error';
  const said = vendorMessage ? `: ${vendorMessage}` : '';
  const message = `ZEGOCLOUD ${ctx.action} failed (Code ${code}${ctx.requestId ? `, RequestId ${ctx.requestId}` : ''}): ${hint}${said}`;
  const options: RecordingErrorOptions = {
    vendor: 'zego',
    operation: ctx.operation,
    vendorCode: code,
    httpStatus: ctx.httpStatus,
    requestId: ctx.requestId,
    retryable,
  };
  return createRecordingError(rule?.kind ?? 'vendor', message, options, {
    path: 'zego',
    message: vendorMessage,
  });
}

/** An error for a response without a usable `Code` (gateway pages, empty bodies). */
function httpError(raw: RawResponse, ctx: InterpretContext, what: string): RecordingError {
  const options: RecordingErrorOptions = { vendor: 'zego', operation: ctx.operation, httpStatus: raw.status };
  const message = `ZEGOCLOUD ${ctx.action} failed: HTTP ${raw.status}, ${what}`;
  if (raw.status === 429) return new RateLimitError(message, options);
  if (raw.status === 401 || raw.status === 403)
    return new AuthenticationError(`${message}: ${CHECK_SECRET}`, options);
  return new VendorError(message, { ...options, retryable: raw.status >= 500 });
}

/**
 * Reads one ZEGO response. `dataSchema` checks `Data` on success; without it `Data` is passed through.
 */
export function interpretZego<T>(
  raw: RawResponse,
  ctx: InterpretContext,
  dataSchema?: z.ZodType<T>,
): Interpretation<ZegoReply<T>> {
  if (raw.malformed) {
    if (raw.status >= 300) return { ok: false, error: httpError(raw, ctx, 'the body is not JSON') };
    return { ok: false, error: malformedResponseError('zego', ctx.operation, raw) };
  }
  const parsed = zegoEnvelopeSchema.safeParse(raw.data);
  if (!parsed.success) {
    if (raw.status >= 300 || raw.data === undefined) {
      return {
        ok: false,
        error: httpError(raw, ctx, raw.data === undefined ? 'empty body' : 'no Code in the body'),
      };
    }
    return {
      ok: false,
      error: new VendorError(`ZEGOCLOUD ${ctx.action}: unexpected response shape (no numeric Code)`, {
        vendor: 'zego',
        operation: ctx.operation,
        httpStatus: raw.status,
      }),
    };
  }
  const envelope = parsed.data;
  const requestId = envelope.RequestId;
  const reply = (data: T | undefined): Interpretation<ZegoReply<T>> => ({
    ok: true,
    value: { code: envelope.Code, data, requestId, envelope },
  });
  if (envelope.Code !== 0) {
    if (ctx.acceptCodes?.includes(envelope.Code)) return reply(undefined);
    const error = zegoCodeError(envelope.Code, ctx.redact(envelope.Message ?? ''), {
      operation: ctx.operation,
      action: ctx.action,
      requestId,
      httpStatus: raw.status,
    });
    return { ok: false, error };
  }
  if (raw.status < 200 || raw.status >= 300) {
    return { ok: false, error: httpError(raw, ctx, `Code 0${requestId ? ` (RequestId ${requestId})` : ''}`) };
  }
  if (!dataSchema) return reply(envelope.Data as T | undefined);
  const data = dataSchema.safeParse(envelope.Data);
  if (!data.success) {
    return {
      ok: false,
      error: new VendorError(
        `ZEGOCLOUD ${ctx.action}: unexpected Data in the response${requestId ? ` (RequestId ${requestId})` : ''}`,
        {
          vendor: 'zego',
          operation: ctx.operation,
          httpStatus: raw.status,
          requestId,
        },
      ),
    };
  }
  return reply(data.data);
}
