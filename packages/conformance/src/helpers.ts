import { inspect } from 'node:util';
import { expect } from 'vitest';

/** The error a promise rejects with (the test fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every way an error can be printed or serialised. */
export function printed(error: unknown): string {
  const e = error as Error;
  return [
    String(e),
    e?.message,
    e?.stack,
    JSON.stringify(e),
    inspect(e, { depth: 12, showHidden: true }),
  ].join('\n');
}

/** Every encoding a secret could take in text: raw, JSON-escaped, URL-encoded, base64. */
export function encodingsOf(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
  ].filter((s, i, all) => s.length >= 4 && all.indexOf(s) === i);
}

export function expectNoSecrets(text: string, secrets: string[]): void {
  for (const secret of secrets) {
    for (const form of encodingsOf(secret)) {
      expect(
        text.includes(form),
        `a secret ('${secret.slice(0, 3)}…') appears as '${form.slice(0, 6)}…'`,
      ).toBe(false);
    }
  }
}

export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const HANDLE_CHARS = /^[A-Za-z0-9._~=-]+$/;
