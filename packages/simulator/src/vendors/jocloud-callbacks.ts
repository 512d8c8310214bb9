/**
 * JOCloud callback messages (docs.jocloud.com api_callback; the vendor notes (docs/vendors/sources.md) § JOCloud "Callback"): POST to the
 * task's `callbackurl` exactly as given (query string included), body
 * `{msgid, product: 1, msgtype, notifytime (ms), context: {…}}`, header Content-Type only.
 */
import type { SimWebhook } from '../types.js';
import { JOCLOUD_CALLBACK } from './jocloud-constants.js';

export interface JoCallbackTask {
  recordid: string;
  roomid: string;
  appid: number;
  callbackurl?: string;
  /** when recording began (queryrecord status 1) */
  startAt: number;
  stoppedAt?: number;
  /** last msgid time stamp used, so two notices in one millisecond still get distinct msgids */
  lastMsgStamp: number;
}

/**
 * One callback, or undefined when the task gave no callbackurl (the only way the document offers to
 * configure callbacks). msgtype 2 (recording result) adds filetype, duration (ms) and fileaddress to the
 * context; msgtype 1 (task status) carries the common context fields.
 */
export function joCallback(
  t: JoCallbackTask,
  files: { uids: string[]; fileaddress: string },
  msgtype: number,
  msgname: string,
  now: number,
): SimWebhook | undefined {
  if (!t.callbackurl) return undefined;
  const result = msgtype === JOCLOUD_CALLBACK.msgtype.RESULT;
  const context = {
    msgname,
    appid: t.appid,
    roomid: t.roomid,
    uid: files.uids,
    recordid: t.recordid,
    ...(result
      ? {
          filetype: JOCLOUD_CALLBACK.filetype,
          duration: Math.max(0, (t.stoppedAt ?? now) - t.startAt),
          fileaddress: files.fileaddress,
        }
      : {}),
    starttime: now >= t.startAt ? t.startAt : 0,
  };
  const stamp = Math.max(now, t.lastMsgStamp + 1);
  t.lastMsgStamp = stamp;
  const body = {
    msgid: `RECORD-${t.recordid}-${stamp.toString(16)}`,
    product: JOCLOUD_CALLBACK.product,
    msgtype,
    notifytime: now,
    context,
  };
  return {
    url: t.callbackurl,
    headers: { 'content-type': JOCLOUD_CALLBACK.contentType },
    body: JSON.stringify(body),
  };
}
