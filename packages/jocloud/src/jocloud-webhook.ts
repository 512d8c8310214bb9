import type { RecordingEvent, RecordingEventType, RecordingState, WebhookReceiver } from '@unirec/core';
import {
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  ValidationError,
  WebhookVerificationError,
  defineWebhookReceiver,
  parseJsonBody,
  queryParam,
  readWebhookBody,
  timingSafeEqual,
} from '@unirec/core/adapter';
import { type JoCloudCallback, joCloudCallbackSchema } from './jocloud-schemas.js';
import { JOCLOUD_TASK_STATUS, msToDate, toRecordingFiles } from './map-jocloud-response.js';

/**
 * JOCloud callbacks (docs.jocloud.com api_callback; the vendor notes (docs/vendors/sources.md) "Callback"): POST JSON
 * `{msgid, product: 1, msgtype, notifytime (ms), context: {msgname, appid, roomid, uid[], recordid,
 * filetype, duration, fileaddress, starttime}}` to the startrecord `callbackurl`.
 *
 * JOCloud signs nothing. The only check available is a shared token the user appends to
 * `callbackUrl` (`https://app.example/jocloud?token=…`): with `{ token }` a callback is accepted only
 * when the query of `requestUrl` carries `token=<token>` (constant-time compare). Anyone who learns the
 * URL can forge callbacks, so act on a file only after confirming it with `query` (docs/vendors/jocloud.md).
 */

export interface JoCloudWebhookOptions {
  /**
   * The shared token expected as `token=<token>` in the callback URL's query (at least 16 characters),
   * or `false` to accept unverified callbacks on purpose.
   */
  token: string | false;
  /** largest body accepted, in bytes, checked before parsing (default 1 MiB) */
  maxBodyBytes?: number;
  /** when given, a callback whose context.appid is another app is refused */
  appId?: number;
}

const MAX_BODY_LIMIT = 64 * 1024 * 1024;
const MIN_TOKEN_CHARS = 16;

/** `product` of Cloud Recording (the only value documented). */
export const JOCLOUD_PRODUCT_CLOUD_RECORDING = 1;

/** msgtype (api_callback "Common fields"): 1 task status change, 2 recording result. */
export const JOCLOUD_MSGTYPE = Object.freeze({ status: 1, result: 2 } as const);

/**
 * msgtype 1 `msgname` words → a more precise event than 'recording.status'. JOCloud publishes no
 * msgtype 1 example, so these names are unconfirmed: the name is split into words at every character
 * that is not a letter or digit ('recordtask_stopped' → recordtask, stopped), the rows are tried in
 * order (failure first), and a name with none of the words stays 'recording.status'.
 */
export const JOCLOUD_STATUS_WORDS: ReadonlyArray<{
  words: readonly string[];
  type: RecordingEventType;
  state: RecordingState;
}> = Object.freeze([
  {
    words: ['fail', 'failed', 'failure', 'error', 'abnormal', 'exception'],
    type: 'recording.failed',
    state: 'failed',
  },
  {
    words: ['stop', 'stopped', 'end', 'ended', 'finish', 'finished', 'exit', 'exited', 'close', 'closed'],
    type: 'recording.stopped',
    state: 'stopped',
  },
  { words: ['start', 'started', 'begin', 'began', 'running'], type: 'recording.started', state: 'recording' },
]);

function statusByName(msgname: string): (typeof JOCLOUD_STATUS_WORDS)[number] | undefined {
  const words = new Set(msgname.toLowerCase().split(/[^a-z0-9]+/));
  return JOCLOUD_STATUS_WORDS.find((row) => row.words.some((w) => words.has(w)));
}

function fail(message: string): never {
  throw new WebhookVerificationError(`jocloud webhook: ${message}`, {
    vendor: 'jocloud',
    operation: 'webhook',
  });
}

function invalidOption(path: string, message: string): never {
  throw new ValidationError(`Invalid jocloud webhook options: ${path} ${message}`, [{ path, message }], {
    vendor: 'jocloud',
    operation: 'webhook',
  });
}

function checkOptions(options: unknown): { token: string | false; maxBodyBytes: number; appId?: number } {
  if (options === null || typeof options !== 'object' || !Object.hasOwn(options, 'token')) {
    invalidOption(
      'token',
      'is required: the shared token appended to callbackUrl as ?token=…, or false to accept unverified callbacks on purpose',
    );
  }
  const { token, maxBodyBytes, appId } = options as Partial<JoCloudWebhookOptions>;
  if (token !== false) {
    if (typeof token !== 'string' || token.length < MIN_TOKEN_CHARS || token.length > 1024) {
      invalidOption(
        'token',
        `must be a string of ${MIN_TOKEN_CHARS} to 1024 characters (hard to guess), or false`,
      );
    }
  }
  const limit = maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BODY_BYTES;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_BODY_LIMIT) {
    invalidOption('maxBodyBytes', `must be an integer number of bytes in [1, ${MAX_BODY_LIMIT}]`);
  }
  if (appId !== undefined && (typeof appId !== 'number' || !Number.isSafeInteger(appId) || appId < 1)) {
    invalidOption('appId', 'must be the positive integer AppID of the project');
  }
  const out: { token: string | false; maxBodyBytes: number; appId?: number } = { token, maxBodyBytes: limit };
  if (appId !== undefined) out.appId = appId;
  return out;
}

export function createJoCloudWebhookReceiver(options: JoCloudWebhookOptions): WebhookReceiver {
  const { token, maxBodyBytes, appId } = checkOptions(options);
  return defineWebhookReceiver('jocloud', (rawBody, _headers, requestUrl) => {
    // The size limit is applied before anything is decoded; the token before the body is parsed.
    const body = readWebhookBody('jocloud', rawBody, maxBodyBytes);
    if (token !== false) verifyToken(token, requestUrl);
    const parsed = joCloudCallbackSchema.safeParse(
      parseJsonBody('jocloud', body.text.replace(/^\uFEFF/, '')),
    );
    if (!parsed.success)
      fail('body is not a JOCloud callback (msgid, product, msgtype, notifytime, context)');
    const callback = parsed.data;
    if (appId !== undefined && callback.context.appid !== undefined && callback.context.appid !== appId) {
      fail('the callback is for another AppID');
    }
    return toEvent(callback);
  });
}

function verifyToken(expected: string, requestUrl: unknown): void {
  if (typeof requestUrl !== 'string' || requestUrl === '') {
    fail('no requestUrl: pass the request path and query (node:http req.url) to check the callback token');
  }
  const given = queryParam(requestUrl, 'token');
  if (given === undefined) fail('the callback URL carries no token');
  // Two tokens are ambiguous (which one would another reader of the URL take?): refused.
  if (new URL(requestUrl, 'http://localhost').searchParams.getAll('token').length > 1) {
    fail('the callback URL carries more than one token');
  }
  if (!timingSafeEqual(given, expected)) fail('the callback token does not match');
}

function toEvent(callback: JoCloudCallback): RecordingEvent {
  const occurredAt = msToDate(callback.notifytime);
  if (!occurredAt) fail('notifytime is not a time in milliseconds');
  const context = callback.context;
  const event: RecordingEvent = {
    vendor: 'jocloud',
    type: 'vendor.other',
    occurredAt,
    eventId: callback.msgid,
    vendorEvent: callback.msgtype,
    raw: callback,
  };
  if (context.roomid !== undefined && context.roomid !== '') event.room = context.roomid;
  if (context.recordid !== undefined && context.recordid !== '') event.sessionId = context.recordid;
  if (callback.product !== JOCLOUD_PRODUCT_CLOUD_RECORDING) return event;

  if (callback.msgtype === JOCLOUD_MSGTYPE.result) {
    event.type = 'recording.file_uploaded';
    const files = toRecordingFiles(context);
    if (files.length > 0) event.files = files;
  } else if (callback.msgtype === JOCLOUD_MSGTYPE.status) {
    event.type = 'recording.status';
    const byName = context.msgname ? statusByName(context.msgname) : undefined;
    if (byName) {
      event.type = byName.type;
      event.state = byName.state;
    } else if (context.status !== undefined && Object.hasOwn(JOCLOUD_TASK_STATUS, context.status)) {
      event.state = JOCLOUD_TASK_STATUS[context.status];
    }
    if (context.msgname) event.reason = context.msgname;
  }
  return event;
}
