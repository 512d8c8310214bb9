/**
 * Redaction for everything that leaves the SDK as text (logs, hooks, errors): values under
 * sensitive keys are replaced, and any known secret string is scrubbed wherever it appears.
 */

export const REDACTED = '[REDACTED]';

/** Field and header names whose values are never shown (case-insensitive, substring match). */
const SENSITIVE_KEY =
  /secret|password|passwd|token|authorization|accesskey|access_key|credential|cookie|^signature$|^sign$/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** raw, JSON-escaped, URL-encoded (both hex cases, '+' for spaces), base64 and base64url. */
export function encodingsOf(secret: string): string[] {
  const out = [secret];
  const json = JSON.stringify(secret).slice(1, -1);
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  out.push(
    json,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    form,
  );
  // JSON-escaping of a JSON-escaped secret (a body echoed inside a JSON string)
  out.push(JSON.stringify(json).slice(1, -1));
  if ((secret as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    const b64 = Buffer.from(secret, 'utf8').toString('base64');
    out.push(b64, b64.replace(/=+$/, ''), b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  return out.filter((s) => s.length >= 4);
}

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined> = [], expanded = false) {
    const raw = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
    // Every encoding a secret can take on its way out (an echoing gateway, a log of a URL, a Basic
    // header); longest first, so a secret containing another is scrubbed whole.
    this.secrets = [...new Set(expanded ? raw : raw.flatMap(encodingsOf))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** Another redactor that also scrubs `more` (e.g. storage keys of one request). */
  with(more: Array<string | undefined>): Redactor {
    const extra = more
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      .flatMap(encodingsOf);
    return new Redactor([...this.secrets, ...extra], true);
  }

  string(value: string): string {
    let out = value;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  url(value: string): string {
    try {
      const url = new URL(value);
      for (const key of [...url.searchParams.keys()]) {
        if (isSensitiveKey(key)) url.searchParams.set(key, REDACTED);
      }
      return this.string(url.toString());
    } catch {
      return this.string(value);
    }
  }

  value<T>(value: T, depth = 0): T {
    if (depth > 12) return REDACTED as T;
    if (typeof value === 'string') return this.string(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1)) as T;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        out[key] =
          isSensitiveKey(key) && v !== undefined && v !== null && v !== ''
            ? REDACTED
            : this.value(v, depth + 1);
      }
      return out as T;
    }
    return value;
  }
}
