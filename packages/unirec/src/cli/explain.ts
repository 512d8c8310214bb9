import type { RecordingError, ValidationError, ValidationIssue, Vendor } from '@unirec/core';
import { COMMON_ENV } from '../load-config.js';
import { ADAPTERS } from '../registry.js';

/**
 * Turns the schema paths of a ValidationError into what a CLI user can act on: the flag and/or the
 * environment variable that sets the field ("appId (--agora-app-id or UNIREC_AGORA_APP_ID) is
 * required"). Secrets name their variable only: they have no flag.
 */

export interface FieldSource {
  flags: string[];
  env?: string;
}

export interface ExplainedIssue extends ValidationIssue {
  source?: FieldSource;
}

/** Options every vendor shares. */
const COMMON_FIELDS: Record<string, FieldSource> = {
  vendor: { flags: ['--vendor'], env: COMMON_ENV.vendor },
  baseUrl: { flags: ['--base-url'], env: COMMON_ENV.baseUrl },
  timeoutMs: { flags: ['--timeout-ms'], env: COMMON_ENV.timeoutMs },
  maxRetries: { flags: [], env: COMMON_ENV.maxRetries },
};

/** Fields of a start request (or a layout) and the start flag that sets each; the longest prefix wins. */
const REQUEST_FIELDS: ReadonlyArray<[prefix: string, source: FieldSource]> = [
  ['room', { flags: ['--room'] }],
  ['mode', { flags: ['--mode'] }],
  ['media', { flags: ['--media'] }],
  ['layout.focus', { flags: ['--focus'] }],
  ['layout', { flags: ['--layout', '--layout-file'] }],
  ['participants', { flags: ['--participants'] }],
  ['video.width', { flags: ['--width'] }],
  ['video.height', { flags: ['--height'] }],
  ['output.formats', { flags: ['--format'] }],
  ['storage.vendor', { flags: ['--storage-vendor'] }],
  ['storage.bucket', { flags: ['--bucket'] }],
  ['storage.region', { flags: ['--region'] }],
  ['storage.endpoint', { flags: ['--storage-endpoint'] }],
  ['storage.accessKey', { flags: [], env: 'UNIREC_STORAGE_ACCESS_KEY' }],
  ['storage.secretKey', { flags: [], env: 'UNIREC_STORAGE_SECRET_KEY' }],
  ['idempotencyKey', { flags: ['--idempotency-key'] }],
];

const CONFIG_OPERATIONS = new Set(['configure', 'loadConfig']);

function configSource(vendor: Vendor | undefined, path: string): FieldSource | undefined {
  if (COMMON_FIELDS[path]) return COMMON_FIELDS[path];
  const spec = vendor ? ADAPTERS[vendor]?.fields[path] : undefined;
  if (!spec) return undefined;
  return { flags: spec.secret || !spec.flag ? [] : [spec.flag], env: spec.env };
}

function requestSource(path: string): FieldSource | undefined {
  let best: [string, FieldSource] | undefined;
  for (const entry of REQUEST_FIELDS) {
    const [prefix] = entry;
    const matches = path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

export function sourceOf(
  error: Pick<RecordingError, 'operation' | 'vendor'>,
  path: string,
): FieldSource | undefined {
  if (CONFIG_OPERATIONS.has(error.operation ?? '')) return configSource(error.vendor, path);
  return requestSource(path);
}

export function describeSource(source: FieldSource): string {
  return [...source.flags, ...(source.env ? [source.env] : [])].join(' or ');
}

/** "accessKey is required (a string)" at storage.accessKey → "is required (a string)". */
function rule(path: string, message: string): string {
  const received = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (received) return received[2] === 'undefined' ? 'is required' : `must be a ${received[1]}`;
  const field = path.split(/[.[]/).pop()!.replace(/]$/, '');
  return message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
}

/** The error's issues with their sources, and its message rewritten with them (unchanged when its message is not the usual list). */
export function explainValidation(error: ValidationError): { message: string; issues: ExplainedIssue[] } {
  const issues: ExplainedIssue[] = error.issues.map((issue) => {
    const source = sourceOf(error, issue.path);
    return source ? { ...issue, source } : { ...issue };
  });
  const list = error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  if (error.issues.length === 0 || !error.message.endsWith(`: ${list}`))
    return { message: error.message, issues };
  const headline = error.message.slice(0, error.message.length - list.length - 2);
  const explained = issues.map((i) => {
    const where = i.source && describeSource(i.source) ? `${i.path} (${describeSource(i.source)})` : i.path;
    const text = rule(i.path, i.message);
    return /^(is|are|must|needs|has|cannot|can|should|allows)\b/.test(text)
      ? `${where} ${text}`
      : `${where}: ${text}`;
  });
  return { message: `${headline}: ${explained.join('; ')}`, issues };
}
