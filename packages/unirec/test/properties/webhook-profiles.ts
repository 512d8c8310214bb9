import { createHash, createHmac } from 'node:crypto';
import type { Vendor } from '@unirec/core';

/**
 * One profile per vendor, written from its callback documentation (the vendor notes (docs/vendors/sources.md) "NCS webhooks",
 * "Callbacks", "Callback"): the receiver options, a well-formed callback body, how a sender signs it
 * (node:crypto, independent of the adapters), and the event types the vendor documents (any other
 * type must come out as 'vendor.other'). A vendor added to the registry needs a profile here.
 */

export interface WebhookProfile {
  /** the receiver options for `secret` (the adapter's webhookFields) */
  options(secret: string): Record<string, unknown>;
  /** a secret the receiver accepts */
  secret: string;
  /** a well-formed callback body with this event type, notified `skewSec` from now */
  body(eventType: number, skewSec: number): Record<string, unknown>;
  /** the delivery a sender makes of `text` (the raw body), signed with `secret` where the vendor signs */
  deliver(
    text: string,
    body: unknown,
    secret: string,
    headerName: string,
  ): { body: string; headers: Record<string, unknown>; requestUrl?: string };
  /** the names of the signature header in the spellings a framework may pass (undefined: none) */
  signatureHeaders: readonly string[];
  /** event types the vendor documents, and whether a body with `type` is about something else entirely */
  documentedTypes: readonly number[];
  /** the event type field, and fields that make a well-formed body "another product" (→ vendor.other) */
  typeField: string;
  otherProduct?: (body: Record<string, unknown>) => boolean;
}

const hex = (algorithm: 'sha1' | 'sha256', secret: string, text: string) =>
  createHmac(algorithm, secret).update(text, 'utf8').digest('hex');

export const WEBHOOK_PROFILES: Partial<Record<Vendor, WebhookProfile>> = {
  // the vendor notes (docs/vendors/sources.md) "NCS webhooks": Agora-Signature-V2 = hex HMAC-SHA256, Agora-Signature = hex HMAC-SHA1 of the raw body.
  agora: {
    secret: 'fuzz-ncs-secret-Hq3Zr8Lw2',
    options: (secret) => ({ secret }),
    body: (eventType, skewSec) => ({
      noticeId: '2000001428:4330:107',
      productId: 3,
      eventType,
      notifyMs: Date.now() + skewSec * 1000,
      payload: {
        cname: 'fuzz-room-1',
        uid: '527841',
        sid: 'sid-fuzz-1',
        sequence: 2,
        sendts: Date.now(),
        serviceType: 0,
        details: { msgName: 'fuzz', status: 0, fileList: [] },
      },
    }),
    deliver: (text, _body, secret, headerName) => ({
      body: text,
      headers: {
        [headerName]: /v2/i.test(headerName) ? hex('sha256', secret, text) : hex('sha1', secret, text),
      },
    }),
    signatureHeaders: [
      'Agora-Signature-V2',
      'agora-signature-v2',
      'AGORA-SIGNATURE-V2',
      'Agora-Signature',
      'agora-signature',
    ],
    // 1 2 3 4 11 12 30 31 32 33 40 41 42 43 44 45 60 61 70 71 72 73 80 81 90 100 1001
    documentedTypes: [
      1, 2, 3, 4, 11, 12, 30, 31, 32, 33, 40, 41, 42, 43, 44, 45, 60, 61, 70, 71, 72, 73, 80, 81, 90, 100,
      1001,
    ],
    typeField: 'eventType',
    // productId 3 is Cloud Recording; other products' notifications are not recording events
    otherProduct: (body) => body.productId !== 3,
  },
  // the vendor notes (docs/vendors/sources.md) "Callbacks": signature = sha1 of sorted [callbackSecret, timestamp, nonce] concatenated, in the body.
  zego: {
    secret: 'fuzz-zego-callback-secret-Pk4Tn',
    options: (callbackSecret) => ({ callbackSecret }),
    body: (eventType, skewSec) => ({
      app_id: 1234567890,
      task_id: 'task-fuzz-1',
      room_id: 'fuzz-room-1',
      event_type: eventType,
      message: 'fuzz',
      nonce: '350176',
      timestamp: String(Math.floor(Date.now() / 1000) + skewSec),
      sequence: 3,
      detail: { upload_status: 1, file_info: [] },
    }),
    deliver: (_text, body, secret) => {
      const signed = signZego(body, secret);
      return { body: safeJson(signed) ?? 'null', headers: { 'content-type': 'application/json' } };
    },
    signatureHeaders: [],
    // 1 2 3 4 5 6 7 102 201 202
    documentedTypes: [1, 2, 3, 4, 5, 6, 7, 102, 201, 202],
    typeField: 'event_type',
  },
  // the vendor notes (docs/vendors/sources.md) "Callback": JOCloud signs nothing; unirec checks a shared token in the callback URL's query.
  jocloud: {
    secret: 'fuzz-jocloud-token-Wm5Vb7Xc',
    options: (token) => ({ token }),
    body: (eventType, skewSec) => ({
      msgid: 'msg-fuzz-1',
      product: 1,
      msgtype: eventType,
      notifytime: Date.now() + skewSec * 1000,
      context: {
        msgname: 'recordtask_m3u8_info',
        appid: 1234567,
        roomid: 'fuzz-room-1',
        uid: ['1001'],
        recordid: 'rec-fuzz-1',
        filetype: 'm3u8',
        duration: 60,
        fileaddress: 'https://cdn.example.com/rec.m3u8',
        starttime: Date.now(),
      },
    }),
    deliver: (text, _body, secret) => ({
      body: text,
      headers: {},
      requestUrl: `/hooks/jocloud?token=${encodeURIComponent(secret)}`,
    }),
    signatureHeaders: [],
    // msgtype 1 task status · 2 recording result
    documentedTypes: [1, 2],
    typeField: 'msgtype',
    otherProduct: (body) => body.product !== 1,
  },
};

export function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const scalar = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** Signs a ZEGO body as the sender does, over whatever timestamp and nonce it now holds. */
function signZego(body: unknown, secret: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  const timestamp = scalar(b.timestamp);
  const nonce = scalar(b.nonce);
  if (timestamp === undefined || nonce === undefined) return body;
  const signature = createHash('sha1').update([secret, timestamp, nonce].sort().join('')).digest('hex');
  return { ...b, signature };
}
