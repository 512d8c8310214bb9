import * as z from 'zod/mini';
import { type RecordingError, ValidationError, VendorError } from '../errors.js';
import { VENDORS, type Vendor } from '../types.js';
import { parseOrThrow } from '../validation.js';
import type { ActiveSession } from './types.js';

/**
 * Argument checks and value encodings shared by every Coordinator (memory here, Redis in
 * @unirec/redis), so both refuse the same input with the same ValidationError and store `once`
 * results the same way.
 */

/** A ValidationError for a bad argument of a coordination call, naming the field and the rule. */
export function invalidArgument(operation: string, path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${operation} argument: ${path}: ${message}`, [{ path, message }], {
    operation,
  });
}

/** A budget / once / claim key: a non-empty string of at most 512 characters. */
export function checkCoordinatorKey(operation: string, key: unknown): string {
  if (typeof key !== 'string' || key.length === 0)
    throw invalidArgument(operation, 'key', 'must be a non-empty string');
  if (key.length > 512) throw invalidArgument(operation, 'key', 'must be at most 512 characters');
  return key;
}

/** Handles hold every vendor id (an Agora resourceId alone is ~200 characters): allow them room. */
const MAX_HANDLE_LENGTH = 4_096;

/** A session handle as the registry takes it: a non-empty string of at most 4 096 characters. */
export function checkHandle(operation: string, handle: unknown): string {
  if (typeof handle !== 'string' || handle.length === 0) {
    throw invalidArgument(operation, 'handle', 'must be a non-empty string');
  }
  if (handle.length > MAX_HANDLE_LENGTH) {
    throw invalidArgument(operation, 'handle', `must be at most ${MAX_HANDLE_LENGTH} characters`);
  }
  return handle;
}

/** A time to live in ms: a finite number ≥ 1 (rounded up to whole ms, as Redis PX wants). */
export function checkTtlMs(operation: string, ttlMs: unknown, path = 'ttlMs'): number {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs < 1) {
    throw invalidArgument(operation, path, 'must be a finite number of milliseconds ≥ 1');
  }
  return Math.ceil(ttlMs);
}

/** `limit.requestsPerSecond`: a finite number > 0 (no limit at all is `rateLimit: false` on the provider). */
export function checkRequestsPerSecond(operation: string, limit: unknown): number {
  const rate = (limit as { requestsPerSecond?: unknown } | undefined)?.requestsPerSecond;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw invalidArgument(operation, 'limit.requestsPerSecond', 'must be a finite number > 0');
  }
  return rate;
}

/** `options.priority`: a finite number (default 0); higher is served first. */
export function checkPriority(operation: string, priority: unknown): number {
  if (priority === undefined) return 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    throw invalidArgument(operation, 'options.priority', 'must be a finite number');
  }
  return priority;
}

export function checkTask(operation: string, task: unknown): void {
  if (typeof task !== 'function') throw invalidArgument(operation, 'task', 'must be a function');
}

const validDate = z
  .date({ error: 'must be a Date' })
  .check(z.refine((d) => !Number.isNaN(d.getTime()), { error: 'must be a valid Date' }));

export const activeSessionSchema = z.object({
  handle: z
    .string({ error: 'must be a non-empty string' })
    .check(
      z.minLength(1, { error: 'must be a non-empty string' }),
      z.maxLength(MAX_HANDLE_LENGTH, { error: `must be at most ${MAX_HANDLE_LENGTH} characters` }),
    ),
  vendor: z.enum(VENDORS as [Vendor, ...Vendor[]], { error: `must be one of ${VENDORS.join(', ')}` }),
  room: z.string({ error: 'must be a string' }),
  sessionId: z.string({ error: 'must be a string' }),
  startedAt: validDate,
  deadline: z.optional(validDate),
});

/** Validates an ActiveSession and returns a copy holding only its known fields (fresh Date objects). */
export function checkActiveSession(operation: string, entry: unknown): ActiveSession {
  const parsed = parseOrThrow(activeSessionSchema, entry, { what: `${operation} entry`, operation });
  const copy: ActiveSession = {
    handle: parsed.handle,
    vendor: parsed.vendor,
    room: parsed.room,
    sessionId: parsed.sessionId,
    startedAt: new Date(parsed.startedAt.getTime()),
  };
  if (parsed.deadline) copy.deadline = new Date(parsed.deadline.getTime());
  return copy;
}

/**
 * A `once` result as stored: JSON inside an envelope, so `undefined` survives (`{}`) and every
 * reader parses its own copy. A value JSON cannot hold (BigInt, a cycle) is a ValidationError.
 */
export function encodeOnceResult(operation: string, value: unknown): string {
  try {
    return JSON.stringify({ v: value });
  } catch {
    throw invalidArgument(operation, 'result', 'the task must resolve with a JSON-serialisable value');
  }
}

export function decodeOnceResult<T>(text: string): T {
  return (JSON.parse(text) as { v: T }).v;
}

/** What every call of a closed coordinator rejects with. */
export function coordinatorClosedError(operation: string): RecordingError {
  return new VendorError(`${operation}: the coordinator is closed`, { operation, retryable: false });
}
