import CryptoJS from 'crypto-js';

/**
 * Every hash and signature unirec computes goes through this module, so the implementation can be
 * swapped in one place. crypto-js keeps signing portable (Web Crypto has no MD5, which ZEGO needs).
 */

export function md5Hex(input: string): string {
  return CryptoJS.MD5(input).toString(CryptoJS.enc.Hex);
}

export function sha1Hex(input: string): string {
  return CryptoJS.SHA1(input).toString(CryptoJS.enc.Hex);
}

export function sha256Hex(input: string): string {
  return CryptoJS.SHA256(input).toString(CryptoJS.enc.Hex);
}

function toWordArray(data: string | Uint8Array): CryptoJS.lib.WordArray {
  if (typeof data === 'string') return CryptoJS.enc.Utf8.parse(data);
  // Hash the exact bytes (webhook signatures are over the raw body).
  const words: number[] = [];
  for (let i = 0; i < data.length; i++) {
    words[i >>> 2] = (words[i >>> 2] ?? 0) | (data[i]! << (24 - (i % 4) * 8));
  }
  return CryptoJS.lib.WordArray.create(words, data.length);
}

export function hmacSha1Hex(secret: string, data: string | Uint8Array): string {
  return CryptoJS.HmacSHA1(toWordArray(data), secret).toString(CryptoJS.enc.Hex);
}

export function hmacSha256Hex(secret: string, data: string | Uint8Array): string {
  return CryptoJS.HmacSHA256(toWordArray(data), secret).toString(CryptoJS.enc.Hex);
}

export function base64Utf8(input: string): string {
  return CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(input));
}

export function base64UrlEncode(input: string): string {
  return base64Utf8(input).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(input: string): string {
  const b64 = input.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  return CryptoJS.enc.Base64.parse(padded).toString(CryptoJS.enc.Utf8);
}

/** Cryptographically random bytes as lowercase hex (ZEGO's SignatureNonce is 8 bytes → 16 chars). */
export function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random integer in [min, max], from the CSPRNG. */
export function randomInt(min: number, max: number): number {
  const span = max - min + 1;
  const buf = new Uint32Array(2);
  globalThis.crypto.getRandomValues(buf);
  const value = (buf[0]! * 2 ** 32 + buf[1]!) % span;
  return min + value;
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
