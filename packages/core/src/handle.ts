import * as z from 'zod/mini';
import { ValidationError, type ValidationIssue } from './errors.js';
import type { RecordingMode, RecordingSession, SessionRef, Vendor } from './types.js';
import { type Schema, describeIssue, formatPath } from './validation.js';

/**
 * Session handles: `ur2.<vendor>.<base64url(JSON)>`. Versioned and vendor-tagged so that a handle
 * stored in a database keeps working in another process, and a foreign or corrupt one is rejected
 * before any request. Only URL-safe characters (A-Z a-z 0-9 . _ -) appear. Handles never hold
 * secrets (no credentials, no storage keys, no RTC token).
 *
 * The JSON holds the neutral part every vendor shares (`r` room, `m` mode, `s` sessionId), read by
 * `describeHandle` without any provider, and the vendor's own ids under `d`, validated by the
 * vendor's schema as strictly as the start request that made them.
 */

const VERSION = 'ur2';
const HANDLE_PATTERN = /^ur(\d+)\.(agora|zego|jocloud)\.([A-Za-z0-9_-]+)$/;
/** No vendor needs more: a longer string is not a handle (and is not decoded at all). */
export const MAX_HANDLE_LENGTH = 8192;

export interface HandleParts<D> {
  room: string;
  mode: RecordingMode;
  sessionId: string;
  data: D;
}

export interface HandleDescription {
  vendor: Vendor;
  room: string;
  mode: RecordingMode;
  sessionId: string;
}

const commonSchema = z.strictObject({
  r: z.string().check(z.minLength(1), z.maxLength(1024)),
  m: z.enum(['composite', 'individual', 'web']),
  s: z.string().check(z.minLength(1), z.maxLength(256), z.regex(/^[\x21-\x7e]+$/)),
  d: z.record(z.string(), z.unknown()),
});

export function encodeHandle<D extends object>(vendor: Vendor, parts: HandleParts<D>): string {
  const json = JSON.stringify({ r: parts.room, m: parts.mode, s: parts.sessionId, d: parts.data });
  return `${VERSION}.${vendor}.${Buffer.from(json, 'utf8').toString('base64url')}`;
}

function invalid(vendor: Vendor | undefined, message: string, issues: ValidationIssue[]): ValidationError {
  return new ValidationError(`Invalid session handle: ${message}`, issues, { vendor });
}

function decodeCommon(
  handle: unknown,
  vendor?: Vendor,
): { vendor: Vendor; parsed: z.infer<typeof commonSchema> } {
  if (typeof handle !== 'string' || handle.length === 0) {
    throw new ValidationError(
      'Invalid session: expected a RecordingSession or its handle string',
      [{ path: 'session', message: 'must be a RecordingSession or a non-empty handle string' }],
      { vendor },
    );
  }
  if (handle.length > MAX_HANDLE_LENGTH) {
    throw invalid(vendor, `longer than ${MAX_HANDLE_LENGTH} characters`, [
      { path: 'session.handle', message: `must be at most ${MAX_HANDLE_LENGTH} characters` },
    ]);
  }
  const match = HANDLE_PATTERN.exec(handle);
  if (!match) {
    throw invalid(vendor, 'not a unirec handle (corrupt or truncated)', [
      { path: 'session.handle', message: "must look like 'ur2.<vendor>.<data>'" },
    ]);
  }
  if (`ur${match[1]}` !== VERSION) {
    throw invalid(vendor, `written by another version of unirec (ur${match[1]}); this one reads ${VERSION}`, [
      { path: 'session.handle', message: `must be a ${VERSION} handle` },
    ]);
  }
  const owner = match[2] as Vendor;
  if (vendor !== undefined && owner !== vendor) {
    throw invalid(vendor, `it belongs to vendor '${owner}', not '${vendor}'`, [
      { path: 'session.handle', message: `belongs to vendor '${owner}'` },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(match[3]!, 'base64url').toString('utf8'));
  } catch {
    throw invalid(vendor, 'its data is corrupt', [{ path: 'session.handle', message: 'data is not valid' }]);
  }
  const parsed = commonSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => describeIssue(i, data, 'session.handle'));
    throw invalid(vendor, 'its data is corrupt or incomplete', issues);
  }
  return { vendor: owner, parsed: parsed.data };
}

/** What a handle says without any provider: an app that stored only handles matches events by this. */
export function describeHandle(handle: string): HandleDescription {
  const { vendor, parsed } = decodeCommon(handle);
  return { vendor, room: parsed.r, mode: parsed.m, sessionId: parsed.s };
}

/** Decodes a handle of `vendor` and validates its vendor data with `schema` (strict). */
export function decodeHandle<D>(vendor: Vendor, handle: unknown, schema: Schema<D>): HandleParts<D> {
  const { parsed } = decodeCommon(handle, vendor);
  const result = schema.safeParse(parsed.d);
  if (!result.success) {
    const issues = result.error.issues.flatMap((i) => describeIssue(i, parsed.d, 'session.handle'));
    throw invalid(
      vendor,
      'its data is corrupt or outside what this vendor accepts',
      issues.length ? issues : [{ path: formatPath([], 'session.handle'), message: 'is not valid' }],
    );
  }
  return { room: parsed.r, mode: parsed.m, sessionId: parsed.s, data: result.data };
}

/** Accepts a RecordingSession or its handle string (the design (docs/architecture.md) `SessionRef`). */
export function handleOf(ref: SessionRef): unknown {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && 'handle' in ref) return (ref as RecordingSession).handle;
  return ref;
}
