import { randomInt, sha256Hex } from '@unirec/core/adapter';

/**
 * `traceId` of each request (seed 003 "Request URL": "use server IP + time when ID is generated +
 * auto-increment sequence + current process number"). The seed's examples are 24–29 decimal digits, so
 * ids are written in digits only (URL-safe as they are):
 *
 *   node (6) + time in ms (13) + sequence (3) + process id (5) = 27 digits
 *
 * `node` stands for the server IP: 6 digits hashed from `host` when the caller gives one (an IP or host
 * name), else 6 random digits per generator. Random is the default because containers on different
 * machines often share both the same private IP (172.17.0.2) and pid 1, which would make the vendor's
 * recipe collide; a random node id keeps its intent (unique per server process). The sequence runs
 * 000–999 within one millisecond; past that the time part moves on by one ms, so a generator never
 * repeats an id.
 */

export const JOCLOUD_TRACE_ID_PATTERN = /^\d{27}$/;

export interface TraceIdOptions {
  /** the server's IP or host name (hashed to 6 digits); default: 6 random digits */
  host?: string;
  /** default: process.pid where there is one, else random */
  pid?: number;
  /** clock, replaceable in tests */
  now?: () => number;
}

const pad = (value: number, digits: number) => String(value).padStart(digits, '0').slice(-digits);

export function createJoCloudTraceIdGenerator(options: TraceIdOptions = {}): () => string {
  const node =
    typeof options.host === 'string' && options.host !== ''
      ? pad(Number.parseInt(sha256Hex(options.host).slice(0, 12), 16) % 1_000_000, 6)
      : pad(randomInt(0, 999_999), 6);
  const pidValue = options.pid ?? (globalThis as { process?: { pid?: number } }).process?.pid;
  const pid = pad(
    typeof pidValue === 'number' && Number.isSafeInteger(pidValue) && pidValue >= 0
      ? pidValue % 100_000
      : randomInt(0, 99_999),
    5,
  );
  const now = options.now ?? Date.now;
  let lastMs = 0;
  let sequence = 0;
  return () => {
    const clock = Math.trunc(now());
    let ms = Number.isFinite(clock) && clock > lastMs ? clock : lastMs;
    if (ms === lastMs) {
      sequence += 1;
      if (sequence > 999) {
        ms += 1;
        sequence = 0;
      }
    } else sequence = 0;
    lastMs = ms;
    return `${node}${pad(ms, 13)}${pad(sequence, 3)}${pid}`;
  };
}
