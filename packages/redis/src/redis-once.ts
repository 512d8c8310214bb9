import { randomBytes } from 'node:crypto';
import {
  type RecordingError,
  UnsupportedFeatureError,
  ValidationError,
  VendorError,
  createRecordingError,
  encodeOnceResult,
  isRecordingError,
} from '@unirec/core/adapter';
import type { RedisConnection } from './redis-connection.js';
import type { KeySpace } from './redis-keys.js';
import { ONCE_ENTER, ONCE_FAIL, ONCE_RENEW, ONCE_SUCCEED } from './redis-scripts.js';

const OPERATION = 'coordinator.once';
/** How long a failed run's failure stays readable for its waiters (they poll every few tens of ms). */
const FAILURE_KEEP_MS = 30_000;

export interface OnceContext {
  connection: RedisConnection;
  keys: KeySpace;
  leaseMs: number;
  pollMs: number;
  /** Redis failures no caller sees (a lease renewal, a result that could not be stored) */
  report(error: RecordingError): void;
}

/**
 * `once` across processes; resolves with the result's JSON text (the caller parses its own copy).
 * The first caller takes a lease (SET NX PX) and runs the task, renewing the lease while it runs;
 * the others poll until the result is stored, the run's failure is published, or the lease runs out
 * (a crashed holder), in which case one of them takes the lease over and runs the task itself.
 */
export async function onceAcrossProcesses(
  context: OnceContext,
  key: string,
  ttlMs: number,
  task: () => Promise<unknown>,
): Promise<string> {
  const { connection } = context;
  const names = context.keys.once(key);
  const token = randomBytes(12).toString('base64url');
  let awaited = '';
  for (;;) {
    const reply = (await connection.script(
      OPERATION,
      ONCE_ENTER,
      [names.value, names.lock, names.failure(awaited || '-')],
      [token, context.leaseMs, awaited],
    )) as [string, string?];
    switch (reply[0]) {
      case 'value':
        return String(reply[1]);
      case 'failed':
        throw rebuildFailure(String(reply[1]));
      case 'run':
        return runAsHolder(context, names, token, ttlMs, task);
      case 'wait':
        awaited = String(reply[1] ?? '');
        await sleep(context.pollMs);
        break;
      default:
        throw new VendorError(`Redis answered an unexpected once reply (${String(reply[0])})`, {
          operation: OPERATION,
        });
    }
  }
}

async function runAsHolder(
  context: OnceContext,
  names: ReturnType<KeySpace['once']>,
  token: string,
  ttlMs: number,
  task: () => Promise<unknown>,
): Promise<string> {
  const { connection } = context;
  const renew = setInterval(
    () => {
      connection
        .script(OPERATION, ONCE_RENEW, [names.lock], [token, context.leaseMs])
        .catch((error) => context.report(connection.toError(OPERATION, error)));
    },
    Math.max(10, Math.floor(context.leaseMs / 3)),
  );
  // The task keeps the process alive if it has work to do; the renewal alone must not.
  renew.unref();
  let json: string;
  try {
    json = encodeOnceResult(OPERATION, await task());
  } catch (error) {
    clearInterval(renew);
    try {
      await connection.script(
        OPERATION,
        ONCE_FAIL,
        [names.lock, names.failure(token)],
        [token, describeFailure(error), FAILURE_KEEP_MS],
      );
    } catch (redisError) {
      // The waiters take the run over once the lease expires.
      context.report(connection.toError(OPERATION, redisError));
    }
    throw error;
  }
  clearInterval(renew);
  try {
    return String(
      await connection.script(OPERATION, ONCE_SUCCEED, [names.value, names.lock], [token, json, ttlMs]),
    );
  } catch (error) {
    // The task ran and succeeded: its caller gets the result even though it could not be shared.
    context.report(connection.toError(OPERATION, error));
    return json;
  }
}

/** What the waiters of a failed run are told: a unirec error's public fields, or only a foreign error's class. */
function describeFailure(error: unknown): string {
  if (isRecordingError(error)) {
    const extra = error instanceof UnsupportedFeatureError ? { feature: error.feature } : {};
    return JSON.stringify({ ...error.toJSON(), ...extra });
  }
  return JSON.stringify({ name: error instanceof Error ? error.name : typeof error });
}

function rebuildFailure(text: string): RecordingError {
  let failure: Record<string, unknown> = {};
  try {
    failure = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // fall through: an unreadable record is reported as a failure of unknown kind
  }
  const options = {
    operation: typeof failure.operation === 'string' ? failure.operation : OPERATION,
    vendor: failure.vendor as RecordingError['vendor'],
    vendorCode: failure.vendorCode as RecordingError['vendorCode'],
    httpStatus: typeof failure.httpStatus === 'number' ? failure.httpStatus : undefined,
    requestId: typeof failure.requestId === 'string' ? failure.requestId : undefined,
    retryable: failure.retryable === true,
  };
  const message = typeof failure.message === 'string' ? failure.message : undefined;
  if (message === undefined || typeof failure.kind !== 'string') {
    const name = typeof failure.name === 'string' ? failure.name : 'Error';
    return new VendorError(`${OPERATION}: the shared task failed in another process (${name})`, {
      operation: OPERATION,
    });
  }
  switch (failure.kind) {
    case 'validation':
      return new ValidationError(
        message,
        Array.isArray(failure.issues) ? (failure.issues as ValidationError['issues']) : [],
        options,
      );
    case 'unsupported_feature':
      return new UnsupportedFeatureError(message, String(failure.feature ?? ''), options);
    case 'authentication':
    case 'rate_limit':
    case 'not_found':
    case 'conflict':
    case 'timeout':
    case 'network':
    case 'webhook_verification':
    case 'vendor':
      return createRecordingError(failure.kind, message, options);
    default:
      return new VendorError(message, options);
  }
}

function sleep(ms: number): Promise<void> {
  // Not unref'd: a caller waiting for a shared result is work in progress.
  return new Promise((resolve) => setTimeout(resolve, ms));
}
