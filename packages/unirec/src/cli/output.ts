import { isRecordingError, type RecordingError } from '@unirec/core';

/** Exit codes of the `unirec` CLI (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  invalid: 3,
  unsupported: 4,
  auth: 5,
  notFound: 6,
  conflict: 7,
  rateLimit: 8,
  unavailable: 9,
} as const;

const HINTS: Record<string, string> = {
  validation: 'fix the field named above; nothing was sent to the vendor',
  unsupported_feature: 'this vendor cannot do that; see docs/vendors/<vendor>.md for what it supports',
  authentication: 'check the credentials in UNIREC_* variables (and, for ZEGO, the machine clock)',
  rate_limit: 'too many requests; retry later or lower the request rate',
  not_found: 'the session is over or unknown to the vendor',
  conflict: 'a recording with these ids is already running',
  timeout: 'the vendor did not answer in time; try again or raise --timeout-ms',
  network: 'the vendor could not be reached; check the network or --base-url',
  webhook_verification: 'the callback signature or timestamp did not verify',
  vendor: 'the vendor refused the request; see the vendor code above',
};

const EXIT_BY_KIND: Record<string, number> = {
  validation: EXIT.invalid,
  unsupported_feature: EXIT.unsupported,
  authentication: EXIT.auth,
  rate_limit: EXIT.rateLimit,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  timeout: EXIT.unavailable,
  network: EXIT.unavailable,
  vendor: EXIT.unavailable,
  webhook_verification: EXIT.invalid,
};

export class UsageError extends Error {}

export interface Output {
  json: boolean;
  out(line: string): void;
  err(line: string): void;
}

export function consoleOutput(json: boolean): Output {
  return { json, out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
}

/** Prints an error as one line (kind, message, vendor code, request id) plus a hint; returns the exit code. */
export function reportError(output: Output, error: unknown): number {
  if (error instanceof UsageError) {
    if (output.json) output.out(JSON.stringify({ error: { kind: 'usage', message: error.message } }));
    else output.err(`unirec: ${error.message} (see unirec --help)`);
    return EXIT.usage;
  }
  if (isRecordingError(error)) {
    const e = error as RecordingError;
    if (output.json) {
      output.out(JSON.stringify({ error: e.toJSON() }));
    } else {
      const details = [e.vendorCode !== undefined ? `vendor code ${e.vendorCode}` : '', e.requestId ? `request id ${e.requestId}` : '']
        .filter(Boolean)
        .join(', ');
      output.err(`unirec: ${e.name}: ${e.message}${details ? ` (${details})` : ''}`);
      output.err(`hint: ${HINTS[e.kind] ?? HINTS.vendor}`);
    }
    return EXIT_BY_KIND[e.kind] ?? EXIT.unexpected;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (output.json) output.out(JSON.stringify({ error: { kind: 'unexpected', message } }));
  else output.err(`unirec: unexpected error: ${message}`);
  return EXIT.unexpected;
}
