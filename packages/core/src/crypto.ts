import { createHash, createHmac, randomFillSync } from 'node:crypto';

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
/**
 * CSPRNG bytes from a pool filled 4 KiB at a time (as node's randomUUID does): a nonce per request
 * then costs a copy, not a call into the system's generator. Each byte is handed out once.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomBytesFromPool(count: number): Buffer {
  if (count > pool.length) return randomFillSync(Buffer.alloc(count));
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + count));
  pool.fill(0, poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

export function randomHex(bytes: number): string {
  return randomBytesFromPool(bytes).toString('hex');
}

/** A random integer in [min, max], from the CSPRNG. */
export function randomInt(min: number, max: number): number {
  const span = max - min + 1;
  // 48 random bits: exact in a double; the modulo bias is below span / 2^48
  return min + (randomBytesFromPool(6).readUIntBE(0, 6) % span);
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
