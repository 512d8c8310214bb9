import { type RecordingError, parseOrThrow, validationError } from '@unirec/core/adapter';
import { z } from 'zod';
import type { RedisClientLike } from './redis-connection.js';

export type RedisConnectionInput = { url: string } | { client: RedisClientLike };

export interface RedisCoordinatorOptions {
  /** first part of every key (default 'unirec'); coordinators with different prefixes share nothing */
  prefix?: string;
  /**
   * Longest time one Redis round trip may take, waiting for the connection included (default 1 000 ms).
   * Past it the call fails with TimeoutError. It does not bound the wait of `acquire` for its slot,
   * nor the time a `once` waiter waits for another process's task.
   */
  timeoutMs?: number;
  /**
   * What `acquire` does when Redis fails (default 'fail'):
   * - 'fail': it rejects with the NetworkError / TimeoutError;
   * - 'local': it waits on an in-process budget instead (each process then spends the whole budget on
   *   its own, so a fleet may exceed the vendor's limit and meet its rate-limit answers, which the
   *   transport retries).
   * `once`, `claim` and `sessions` always fail: answered from one process's memory they would be wrong
   * (a second recording for one idempotency key, a webhook handled twice, a session nobody reaps).
   */
  fallback?: 'fail' | 'local';
  /** lease of a `once` run (default 10 000 ms): renewed while the task runs; a crashed holder blocks others this long */
  onceLeaseMs?: number;
  /** how often a `once` waiter checks for the holder's result (default 50 ms) */
  oncePollMs?: number;
  /**
   * Told about Redis failures no caller sees: a fallback taken, a lease renewal or a result store that
   * failed, an unreadable registry entry skipped. Errors are unirec errors without secrets.
   */
  onError?: (error: RecordingError) => void;
}

export interface ResolvedRedisSettings {
  prefix: string;
  timeoutMs: number;
  fallback: 'fail' | 'local';
  onceLeaseMs: number;
  oncePollMs: number;
  onError: ((error: RecordingError) => void) | undefined;
}

const OPERATION = 'createRedisCoordinator';

const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be a redis:// or rediss:// URL with a host' },
);

const clientShape = z.custom<RedisClientLike>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['call', 'quit', 'disconnect', 'on', 'off'].every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    ) &&
    typeof (value as { status?: unknown }).status === 'string',
  { message: 'must be an ioredis Redis or Cluster client' },
);

const urlConnection = z.strictObject({ url: redisUrl });
const clientConnection = z.strictObject({ client: clientShape });

const optionsSchema = z.strictObject({
  prefix: z.string().min(1).max(64).optional(),
  timeoutMs: z.number().int().min(10).max(600_000).optional(),
  fallback: z.enum(['fail', 'local']).optional(),
  onceLeaseMs: z.number().int().min(100).max(3_600_000).optional(),
  oncePollMs: z.number().int().min(5).max(60_000).optional(),
  onError: z.custom<(error: RecordingError) => void>((v) => typeof v === 'function').optional(),
});

export function parseConnection(input: unknown): RedisConnectionInput {
  // Messages name the field and the rule, never the value: a URL may hold a password.
  const context = { what: 'Redis connection', operation: OPERATION };
  if (typeof input === 'object' && input !== null && 'url' in input)
    return parseOrThrow(urlConnection, input, context);
  if (typeof input === 'object' && input !== null && 'client' in input) {
    return parseOrThrow(clientConnection, input, context) as RedisConnectionInput;
  }
  throw validationError('Redis connection', [{ path: '(root)', message: 'must be { url } or { client }' }], {
    operation: OPERATION,
  });
}

export function resolveSettings(options: unknown): ResolvedRedisSettings {
  const parsed = parseOrThrow(optionsSchema, options ?? {}, {
    what: 'Redis coordinator options',
    operation: OPERATION,
  });
  return {
    prefix: parsed.prefix ?? 'unirec',
    timeoutMs: parsed.timeoutMs ?? 1_000,
    fallback: parsed.fallback ?? 'fail',
    onceLeaseMs: parsed.onceLeaseMs ?? 10_000,
    oncePollMs: parsed.oncePollMs ?? 50,
    onError: parsed.onError,
  };
}

/** `host:port` of a URL (never its user or password), for messages. */
export function describeUrl(url: URL): string {
  const host = url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname;
  return `${host}:${url.port || '6379'}`;
}

/** The password of a URL in every form it may show up in text, for the redactor. */
export function urlSecrets(url: URL): string[] {
  const secrets = [url.password];
  try {
    const decoded = decodeURIComponent(url.password);
    secrets.push(decoded, encodeURIComponent(decoded), Buffer.from(decoded).toString('base64'));
  } catch {
    // a malformed escape: the raw form is already listed
  }
  return secrets.filter((s) => s.length > 0);
}
