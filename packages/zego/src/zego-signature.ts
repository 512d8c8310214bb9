import { randomHex } from '@unirec/core/adapter';
import { md5Hex } from '@unirec/core/md5';

/**
 * ZEGO server API Signature v2.0 (seed 002 "Query Parameters"; the vendor notes (docs/vendors/sources.md) "Signature"):
 * Signature = md5(AppId + SignatureNonce + ServerSecret + Timestamp), lowercase hex. The body is not
 * signed. Every request carries a fresh nonce and timestamp, retries included: the transport
 * calls `signedQuery` again for each attempt.
 */

export const ZEGO_SIGNATURE_VERSION = '2.0';
/** "A 16-character hexadecimal random string (hex encoding of an 8-byte random number)" */
const NONCE_BYTES = 8;

export interface ZegoCommonParams {
  AppId: number;
  SignatureNonce: string;
  Timestamp: number;
  SignatureVersion: string;
  Signature: string;
}

export function zegoSignature(
  appId: number,
  nonce: string,
  serverSecret: string,
  timestampSec: number,
): string {
  return md5Hex(`${appId}${nonce}${serverSecret}${timestampSec}`);
}

/**
 * Returns a function producing the common parameters of one request. The secret lives only in this
 * closure, never on an object that could be printed.
 */
export function createZegoSigner(
  appId: number,
  serverSecret: string,
  nowMs: () => number = Date.now,
): () => ZegoCommonParams {
  return () => {
    const nonce = randomHex(NONCE_BYTES);
    const timestamp = Math.floor(nowMs() / 1000);
    return {
      AppId: appId,
      SignatureNonce: nonce,
      Timestamp: timestamp,
      SignatureVersion: ZEGO_SIGNATURE_VERSION,
      Signature: zegoSignature(appId, nonce, serverSecret, timestamp),
    };
  };
}
