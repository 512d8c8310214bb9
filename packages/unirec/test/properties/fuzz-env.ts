import { inspect } from 'node:util';
import { type Vendor, isRecordingError } from '@unirec/core';
import type { SimRequestLog } from '@unirec/simulator';
import type { AdapterDescriptor } from '@unirec/core/adapter';
import { ADAPTERS } from '../../src/registry.js';

/**
 * Shared settings of the property tests: the seed and run count (from the environment, so CI is
 * reproducible and a checker can re-run with other seeds), the vendors under test (every adapter
 * of the registry: a new one is picked up without touching these files), and the checks every
 * property shares (secrets in printed errors, prototype pollution, outcome tallies).
 */

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got '${raw}'`);
  return value;
}

/** fast-check seed of every property; `UNIREC_FUZZ_SEED=… npx vitest run test/properties` picks another. */
export const FUZZ_SEED = intFromEnv('UNIREC_FUZZ_SEED', 20261201);
/** cases per vendor and per kind (start requests, handles, webhook bodies) */
export const FUZZ_RUNS = intFromEnv('UNIREC_FUZZ_RUNS', 10_000);
/**
 * UNIREC_FUZZ_SURVEY=1: a violation is recorded (first examples of each kind printed in the summary)
 * instead of failing the property at once, to see every kind of failure of a seed in one run.
 */
export const FUZZ_SURVEY = process.env.UNIREC_FUZZ_SURVEY === '1';
/** a property of 10 000 network round trips needs more than vitest's default timeout */
export const FUZZ_TIMEOUT_MS = intFromEnv('UNIREC_FUZZ_TIMEOUT_MS', 300_000);

export const FUZZ_VENDORS = Object.keys(ADAPTERS) as Vendor[];

export function adapterOf(vendor: Vendor): AdapterDescriptor<any, any, any> {
  const adapter = ADAPTERS[vendor];
  if (!adapter) throw new Error(`no adapter registered for ${vendor}`);
  return adapter;
}

/** The fast-check parameters of every property: the fixed seed, and a failure that names it. */
export function fuzzParameters(numRuns = FUZZ_RUNS) {
  return { numRuns, seed: FUZZ_SEED } as const;
}

/**
 * Runs a property and adds its cost to the tally (`cpuMs`: this process's CPU, `wallMs`), so a
 * summary line shows where the time of the suite goes.
 */
export async function measured<T>(tally: Tally, run: () => T | Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  try {
    return await run();
  } finally {
    const { user, system } = process.cpuUsage(cpu);
    tally.add('cpuMs', Math.round((user + system) / 1000));
    tally.add('wallMs', Math.round(performance.now() - wall));
  }
}

/**
 * The stack of an error, formatted by V8 itself: vitest's source-mapping formatter costs about half a
 * millisecond per error, and these properties print some 50 000 errors. The text is the same
 * (name, message at construction, frames) without source-mapped paths.
 */
function plainStack(error: Error): string | undefined {
  const errorClass = Error as { prepareStackTrace?: unknown };
  const formatter = errorClass.prepareStackTrace;
  errorClass.prepareStackTrace = undefined;
  try {
    return error.stack;
  } finally {
    errorClass.prepareStackTrace = formatter;
  }
}

/** Every way an error reaches a log or a user: String, message, stack, JSON and util.inspect. */
export function printedError(error: unknown): string {
  const e = error as Error;
  let json: string;
  try {
    json = JSON.stringify(e) ?? '';
  } catch (jsonError) {
    json = `JSON.stringify threw ${(jsonError as Error).name}`;
  }
  const stack = e instanceof Error ? plainStack(e) : undefined;
  return [String(e), e?.message, stack, json, inspect(e, { depth: 12, showHidden: true })].join('\n');
}

/** The text forms a secret could take: raw, JSON-escaped, URL-encoded, base64, base64url. */
export function encodingsOf(secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
  return forms.filter((form, i) => form.length >= 6 && forms.indexOf(form) === i);
}

export interface SecretForm {
  secret: string;
  form: string;
}

/** Every text form of every secret, computed once per suite (checked after every failing call). */
export function secretForms(secrets: readonly string[]): SecretForm[] {
  return secrets.flatMap((secret) => encodingsOf(secret).map((form) => ({ secret, form })));
}

/** The first secret found in `text`, described without printing it whole; undefined when none. */
export function leakedSecret(text: string, forms: readonly SecretForm[]): string | undefined {
  const found = forms.find(({ form }) => text.includes(form));
  return found ? `secret '${found.secret.slice(0, 4)}…' appears as '${found.form.slice(0, 8)}…'` : undefined;
}

const OBJECT_KEYS = new Set(Reflect.ownKeys(Object.prototype));
const ARRAY_KEYS = new Set(Reflect.ownKeys(Array.prototype));

/** A description of what a call added to Object.prototype or Array.prototype; undefined when nothing. */
export function prototypePollution(): string | undefined {
  const added = [
    ...Reflect.ownKeys(Object.prototype).filter((k) => !OBJECT_KEYS.has(k)),
    ...Reflect.ownKeys(Array.prototype).filter((k) => !ARRAY_KEYS.has(k)),
  ];
  return added.length > 0 ? `prototype polluted with ${added.map(String).join(', ')}` : undefined;
}

/** Counts of outcomes, printed once per vendor and kind. */
export class Tally {
  private readonly counts = new Map<string, number>();
  private readonly examples = new Map<string, string[]>();
  /**
   * A violation: thrown (fast-check then shrinks it), or in survey mode counted under its first
   * words with a few examples kept for the summary.
   */
  violation(problem: string): void {
    if (!FUZZ_SURVEY) throw new Error(problem);
    const kind = problem.split(/[:\n]/)[0]!.slice(0, 80);
    this.add(`VIOLATION ${kind}`);
    const list = this.examples.get(kind) ?? [];
    if (list.length < 3) list.push(problem.slice(0, 1200));
    this.examples.set(kind, list);
  }
  examplesText(): string {
    return [...this.examples.entries()]
      .map(([kind, list]) => `  ${kind}:\n${list.map((e) => `    - ${e}`).join('\n')}`)
      .join('\n');
  }
  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** e.g. `unirec fuzz [agora] start requests (seed 20261201): generated=10000 accepted=… …` */
  line(vendor: Vendor, kind: string): string {
    const parts = [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`);
    const examples = this.examples.size > 0 ? `\n${this.examplesText()}` : '';
    return `unirec fuzz [${vendor}] ${kind} (seed ${FUZZ_SEED}): ${parts.join(' ')}${examples}`;
  }
}

/** A short, printable description of any value (huge strings and deep objects abbreviated). */
export function describeValue(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function') text = '[function]';
  else if (typeof value === 'symbol') text = value.toString();
  else if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else {
    try {
      text = inspect(value, { depth: 3, breakLength: Infinity, maxStringLength: 40, maxArrayLength: 8 });
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  if (text.length <= max) return text;
  const size = typeof value === 'string' ? ` (${value.length} chars)` : '';
  return `${text.slice(0, max)}…${size}`;
}

/** The requests a call sent, with the simulator's answers (for failure messages). */
export function describeSent(sent: readonly SimRequestLog[]): string {
  return sent
    .map((r) => `${r.operation} → ${r.status} ${JSON.stringify(r.response).slice(0, 160)}`)
    .join('; ');
}

/** An error in one line: class, kind and the start of its message. */
export function describeError(error: unknown): string {
  if (isRecordingError(error)) return `${error.name} [${error.kind}] ${error.message.slice(0, 300)}`;
  const e = error as Error | undefined;
  return `${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 300)}`;
}
