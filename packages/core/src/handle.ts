import type { z } from 'zod';
import { base64UrlDecode, base64UrlEncode } from './crypto.js';
import { ValidationError } from './errors.js';
import { formatPath } from './validation.js';
import type { RecordingSession, SessionRef, Vendor } from './types.js';

/**
 * Session handles: `ur1.<vendor>.<base64url(JSON)>`. Versioned and vendor-tagged so that a handle
 * stored in a database keeps working in another process, and a foreign or corrupt one is rejected
 * before any request. Only URL-safe characters (A-Z a-z 0-9 . _ -) appear. Handles never hold
 * secrets (no credentials, no storage keys, no RTC token).
 */

const VERSION = 'ur1';
const HANDLE_PATTERN = /^ur1\.(agora|zego|jocloud)\.([A-Za-z0-9_-]+)$/;

export function encodeHandle(vendor: Vendor, payload: Record<string, unknown>): string {
  return `${VERSION}.${vendor}.${base64UrlEncode(JSON.stringify(payload))}`;
}

export function decodeHandle<S extends z.ZodType>(vendor: Vendor, handle: unknown, schema: S): z.output<S> {
  if (typeof handle !== 'string' || handle.length === 0) {
    throw new ValidationError(
      'Invalid session: expected a RecordingSession or its handle string',
      [{ path: 'session', message: 'must be a RecordingSession or a non-empty handle string' }],
      { vendor },
    );
  }
  const match = HANDLE_PATTERN.exec(handle);
  if (!match) {
    throw new ValidationError(
      'Invalid session handle: not a unirec handle (corrupt or truncated)',
      [{ path: 'session.handle', message: "must look like 'ur1.<vendor>.<data>'" }],
      { vendor },
    );
  }
  if (match[1] !== vendor) {
    throw new ValidationError(
      `Invalid session handle: it belongs to vendor '${match[1]}', not '${vendor}'`,
      [{ path: 'session.handle', message: `belongs to vendor '${match[1]}'` }],
      { vendor },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(base64UrlDecode(match[2]!));
  } catch {
    throw new ValidationError(
      'Invalid session handle: its data is corrupt',
      [{ path: 'session.handle', message: 'data is not valid' }],
      { vendor },
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: formatPath(i.path, 'session.handle'),
      message: i.message,
    }));
    throw new ValidationError('Invalid session handle: its data is corrupt or incomplete', issues, {
      vendor,
    });
  }
  return parsed.data;
}

/** Accepts a RecordingSession or its handle string (DESIGN.md `SessionRef`). */
export function handleOf(ref: SessionRef): unknown {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && 'handle' in ref) return (ref as RecordingSession).handle;
  return ref;
}

export function decodeSessionRef<S extends z.ZodType>(
  vendor: Vendor,
  ref: SessionRef,
  schema: S,
): z.output<S> {
  return decodeHandle(vendor, handleOf(ref), schema);
}
