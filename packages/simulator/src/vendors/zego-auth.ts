/**
 * ZEGO Signature v2.0 checks for the common query parameters, and the callback signature.
 * Written from seed 002 ("Query Parameters") and the vendor notes (docs/vendors/sources.md); hashes use node:crypto only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ZEGO_AUTH, ZEGO_CODES } from './zego-constants.js';

/** md5(AppId + SignatureNonce + ServerSecret + Timestamp), lowercase hex. */
export function zegoSignature(
  appId: number | string,
  nonce: string,
  serverSecret: string,
  timestamp: number | string,
) {
  return createHash('md5').update(`${appId}${nonce}${serverSecret}${timestamp}`).digest('hex');
}

/** sha1 of [callbackSecret, timestamp, nonce] sorted as strings and concatenated, lowercase hex. */
export function zegoCallbackSignature(callbackSecret: string, timestamp: string, nonce: string) {
  const joined = [callbackSecret, timestamp, nonce].sort().join('');
  return createHash('sha1').update(joined).digest('hex');
}

export interface ZegoAuthFailure {
  code: number;
  message: string;
}

export interface ZegoAuthInput {
  query: URLSearchParams;
  appId: number;
  serverSecret: string;
  nowMs: number;
  /** returns true when the nonce was already used inside the timestamp window (replay) */
  seenNonce?: (nonce: string, nowMs: number) => boolean;
}

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks AppId, SignatureVersion, Timestamp, SignatureNonce and Signature in that order and returns
 * the first failure (null when the request is authentic). Action is checked by the caller.
 */
export function checkZegoAuth(input: ZegoAuthInput): ZegoAuthFailure | null {
  const q = input.query;
  const appId = q.get('AppId');
  if (!appId || !/^\d+$/.test(appId) || Number(appId) !== input.appId) {
    return { code: ZEGO_CODES.BAD_APP_ID, message: `AppId ${appId ? `'${appId}' ` : ''}is invalid` };
  }
  const version = q.get('SignatureVersion');
  if (!version) return { code: ZEGO_CODES.SIGNATURE_VERSION_EMPTY, message: 'SignatureVersion is empty' };
  if (version !== ZEGO_AUTH.signatureVersion) {
    return {
      code: ZEGO_CODES.SIGNATURE_VERSION_UNSUPPORTED,
      message: `SignatureVersion '${version}' is not supported (2.0)`,
    };
  }
  const ts = q.get('Timestamp');
  if (!ts || !/^\d+$/.test(ts)) {
    return { code: ZEGO_CODES.SIGNATURE_EXPIRED, message: 'Timestamp must be Unix seconds' };
  }
  const skew = Math.abs(Number(ts) - Math.floor(input.nowMs / 1000));
  if (skew > ZEGO_AUTH.timestampToleranceSec) {
    return {
      code: ZEGO_CODES.SIGNATURE_EXPIRED,
      message: `signature expired: Timestamp is ${skew}s away from server time (max 600)`,
    };
  }
  const nonce = q.get('SignatureNonce');
  if (!nonce || !ZEGO_AUTH.noncePattern.test(nonce)) {
    return {
      code: ZEGO_CODES.SIGNATURE_INVALID,
      message: 'SignatureNonce must be 16 hexadecimal characters',
    };
  }
  const signature = q.get('Signature');
  if (!signature) return { code: ZEGO_CODES.SIGNATURE_INVALID, message: 'Signature is empty' };
  const expected = zegoSignature(appId, nonce, input.serverSecret, ts);
  if (!equalHex(signature, expected))
    return { code: ZEGO_CODES.SIGNATURE_INVALID, message: 'signature invalid' };
  // Replay is checked last so a forged request cannot burn a legitimate caller's nonce.
  if (input.seenNonce?.(nonce, input.nowMs)) {
    return {
      code: ZEGO_CODES.SIGNATURE_INVALID,
      message: 'signature invalid: SignatureNonce was already used',
    };
  }
  return null;
}

/** Remembers nonces for the timestamp window so a captured request cannot be replayed. */
export function createNonceStore() {
  const seen = new Map<string, number>();
  const ttl = 2 * ZEGO_AUTH.timestampToleranceSec * 1000;
  return {
    seen(rawNonce: string, nowMs: number): boolean {
      const nonce = rawNonce.toLowerCase(); // same 8 bytes whatever the hex case
      if (seen.size > 10_000) for (const [n, at] of seen) if (nowMs - at > ttl) seen.delete(n);
      const at = seen.get(nonce);
      if (at !== undefined && nowMs - at <= ttl) return true;
      seen.set(nonce, nowMs);
      return false;
    },
    clear: () => seen.clear(),
  };
}
