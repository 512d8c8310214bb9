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

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined> = []) {
    // Longest first, so a secret containing another is scrubbed whole.
    this.secrets = secrets
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      .sort((a, b) => b.length - a.length);
  }

  /** Another redactor that also scrubs `more` (e.g. storage keys of one request). */
  with(more: Array<string | undefined>): Redactor {
    return new Redactor([...this.secrets, ...more]);
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
