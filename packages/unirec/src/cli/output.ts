import { type RecordingError, ValidationError, isRecordingError } from '@unirec/core';
import { ADAPTERS } from '../registry.js';
import { explainValidation } from './explain.js';

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
  unsupported_feature:
    'this vendor cannot do that; see the vendor mapping in docs/vendors/ for what it supports',
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

/** The hint of an error: for an unsupported feature, the mapping document of that very vendor. */
export function hintFor(error: RecordingError): string {
  const docs = error.vendor ? ADAPTERS[error.vendor]?.docs : undefined;
  if (error.kind === 'unsupported_feature' && docs)
    return `this vendor cannot do that; see ${docs} for what ${ADAPTERS[error.vendor!]!.name} supports`;
  return HINTS[error.kind] ?? HINTS.vendor!;
}

export interface Output {
  json: boolean;
  out(line: string): void;
  err(line: string): void;
}

export function consoleOutput(json: boolean): Output {
  return { json, out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
}

/**
 * `unirec demo | head`: once the reader is gone, there is nobody left to tell anything; end quietly
 * with 0 like other filters do, instead of an EPIPE stack.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
}

/** Prints an error as one line (kind, message, vendor code, request id) plus a hint; returns the exit code. */
export function reportError(output: Output, error: unknown, command?: string): number {
  if (error instanceof UsageError) {
    if (output.json) output.out(JSON.stringify({ error: { kind: 'usage', message: error.message } }));
    else output.err(`unirec: ${error.message} (see unirec ${command ? `${command} ` : ''}--help)`);
    return EXIT.usage;
  }
  if (isRecordingError(error)) {
    const e = error as RecordingError;
    const explained = e instanceof ValidationError ? explainValidation(e) : undefined;
    if (output.json) {
      output.out(JSON.stringify({ error: { ...e.toJSON(), ...explained, hint: hintFor(e) } }));
    } else {
      const details = [
        e.vendorCode !== undefined ? `vendor code ${e.vendorCode}` : '',
        e.requestId ? `request id ${e.requestId}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      output.err(`unirec: ${e.name}: ${explained?.message ?? e.message}${details ? ` (${details})` : ''}`);
      output.err(`hint: ${hintFor(e)}`);
    }
    return EXIT_BY_KIND[e.kind] ?? EXIT.unexpected;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (output.json) output.out(JSON.stringify({ error: { kind: 'unexpected', message } }));
  else output.err(`unirec: unexpected error: ${message}`);
  return EXIT.unexpected;
}
