import MD5 from 'crypto-js/md5.js';

/**
 * MD5, the one hash Web Crypto lacks (ZEGO's Signature v2.0 needs it). crypto-js keeps it portable;
 * it lives in its own entry (`@unirec/core/md5`) so that only the vendors that need it load it.
 * Only `crypto-js/md5` (with its core) is imported, not the whole library.
 */
export function md5Hex(input: string): string {
  return MD5(input).toString();
}
