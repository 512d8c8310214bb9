import { createHash, createHmac, getRandomValues } from 'node:crypto';

/**
 * Every hash and signature unirec computes goes through this module or its MD5 twin
 * (`crypto-md5.ts`, entry `@unirec/core/md5`), so the implementation can be swapped in one place.
 * SHA and HMAC use node:crypto (native, synchronous); MD5, which only ZEGO needs, uses crypto-js in
 * its own entry so that no other vendor loads it. Strings are hashed as UTF-8; callers validate
 * that they are well-formed first.
 */

type Bytes = string | Uint8Array;

export function sha1Hex(input: Bytes): string {
  return createHash('sha1').update(input).digest('hex');
}

export function sha256Hex(input: Bytes): string {
  return createHash('sha256').update(input).digest('hex');
}

/** HMAC over the exact bytes given (webhook signatures are over the raw body). */
export function hmacSha1Hex(secret: string, data: Bytes): string {
  return createHmac('sha1', secret).update(data).digest('hex');
}

export function hmacSha256Hex(secret: string, data: Bytes): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function base64Utf8(input: string): string {
  return Buffer.from(input, 'utf8').toString('base64');
}

export function base64UrlEncode(input: string): string {
  return Buffer.from(input, 'utf8').toString('base64url');
}

export function base64UrlDecode(input: string): string {
  return Buffer.from(input, 'base64url').toString('utf8');
}

/** Cryptographically random bytes as lowercase hex (ZEGO's SignatureNonce is 8 bytes → 16 chars). */
export function randomHex(bytes: number): string {
  return Buffer.from(getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** A random integer in [min, max], from the CSPRNG. */
export function randomInt(min: number, max: number): number {
  const span = max - min + 1;
  const buf = getRandomValues(new Uint32Array(2));
  return min + ((buf[0]! * 2 ** 32 + buf[1]!) % span);
}

/** Compares two strings in time independent of where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
