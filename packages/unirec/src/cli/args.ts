import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { LayoutInput, StartRecordingRequest, Vendor } from '@unirec/core';
import type { ConfigField } from '@unirec/core/adapter';
import { ADAPTERS } from '../registry.js';
import { UsageError } from './output.js';

export const OPTIONS = {
  vendor: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  simulator: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  'timeout-ms': { type: 'string' },
  // start
  request: { type: 'string' },
  room: { type: 'string' },
  mode: { type: 'string' },
  media: { type: 'string' },
  layout: { type: 'string' },
  'layout-file': { type: 'string' },
  focus: { type: 'string' },
  participants: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  format: { type: 'string' },
  'storage-vendor': { type: 'string' },
  bucket: { type: 'string' },
  region: { type: 'string' },
  'storage-endpoint': { type: 'string' },
  'idempotency-key': { type: 'string' },
  // stop
  wait: { type: 'boolean', default: false },
  'wait-timeout': { type: 'string' },
  // simulator
  port: { type: 'string' },
  host: { type: 'string' },
  // layout preview, demo
  out: { type: 'string' },
  png: { type: 'string' },
  vendors: { type: 'string' },
} as const;

/** A vendor config field that has a CLI flag (secrets have none), as its descriptor declares it. */
export interface FieldFlag {
  vendor: Vendor;
  field: string;
  spec: ConfigField;
  /** without the leading dashes, e.g. 'agora-app-id' */
  name: string;
}

/** Every vendor-field flag the registry's descriptors declare (`--agora-app-id`, …). */
export const FIELD_FLAGS: ReadonlyArray<FieldFlag> = Object.values(ADAPTERS).flatMap((adapter) =>
  Object.entries(adapter!.fields)
    .filter(([, spec]) => spec.flag && !spec.secret)
    .map(([field, spec]) => ({ vendor: adapter!.vendor, field, spec, name: spec.flag!.replace(/^--/, '') })),
);

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>
>['values'];

export interface ParsedArgs {
  values: Values;
  positionals: string[];
  /** values of the vendor-field flags given, by flag name without dashes */
  fieldFlags: Record<string, string>;
}

export function parse(argv: string[]): ParsedArgs {
  const fieldOptions = Object.fromEntries(FIELD_FLAGS.map((f) => [f.name, { type: 'string' as const }]));
  const config = {
    args: argv,
    options: { ...fieldOptions, ...OPTIONS },
    allowPositionals: true,
    strict: true,
  } satisfies ParseArgsConfig;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    // node's text goes on about positionals starting with '-': the unknown option is what matters
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : message);
  }
  const raw = parsed.values as Record<string, unknown>;
  const fieldFlags: Record<string, string> = {};
  for (const f of FIELD_FLAGS)
    if (typeof raw[f.name] === 'string') fieldFlags[f.name] = raw[f.name] as string;
  return { values: parsed.values as Values, positionals: parsed.positionals, fieldFlags };
}

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} ${path} is not valid JSON`);
  }
}

export function integerFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new UsageError(`--${flag} must be an integer`);
  return n;
}

export function numberFlag(
  values: Values,
  flag: 'timeout-ms' | 'wait-timeout' | 'port' | 'width' | 'height',
): number | undefined {
  return integerFlag(values[flag], flag);
}

/** `--participants a,b,c` → ['a', 'b', 'c'] (blanks dropped). */
export function participantsFrom(values: Values): string[] | undefined {
  if (values.participants === undefined) return undefined;
  return values.participants
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The layout from --layout-file, or --layout <preset> [--focus id]; both at once is a usage error. */
export function layoutFrom(values: Values): LayoutInput | undefined {
  if (values['layout-file'] !== undefined && values.layout !== undefined) {
    throw new UsageError('give either --layout or --layout-file, not both');
  }
  if (values['layout-file'] !== undefined) {
    if (values.focus !== undefined)
      throw new UsageError('--focus goes with --layout; with --layout-file, write "focus" in the file');
    return readJsonFile(values['layout-file'], 'layout file') as LayoutInput;
  }
  if (values.layout === undefined) {
    if (values.focus !== undefined) throw new UsageError('--focus needs --layout grid|speaker|pip');
    return undefined;
  }
  const layout: Record<string, unknown> = { preset: values.layout };
  if (values.focus !== undefined) layout.focus = values.focus;
  return layout as unknown as LayoutInput;
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${what} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * Builds a start request from --request (a JSON file) and/or flags (flags win). Storage: the config
 * file's `storage`, under the request file's, under the flags; its keys come from
 * UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY, never from flags (shell history) or the config file.
 */
export function startRequestFrom(
  values: Values,
  env: Record<string, string | undefined>,
  fileStorage: Record<string, unknown> | undefined,
): StartRecordingRequest {
  const request = values.request
    ? { ...asObject(readJsonFile(values.request, 'request file'), 'the request file') }
    : {};
  if (values.room) request.room = values.room;
  request.mode = values.mode ?? request.mode ?? 'composite';
  if (values.media) request.media = values.media;
  const layout = layoutFrom(values);
  if (layout) request.layout = layout;
  const participants = participantsFrom(values);
  if (participants) request.participants = { include: participants };
  if (values.width !== undefined || values.height !== undefined) {
    const video: Record<string, unknown> = { ...(request.video as object) };
    if (values.width !== undefined) video.width = integerFlag(values.width, 'width');
    if (values.height !== undefined) video.height = integerFlag(values.height, 'height');
    request.video = video;
  }
  if (values.format)
    request.output = {
      ...(request.output as object),
      formats: values.format.split(',').map((s) => s.trim()),
    };
  if (values['idempotency-key']) request.idempotencyKey = values['idempotency-key'];
  const storage: Record<string, unknown> = { ...fileStorage, ...(request.storage as object | undefined) };
  if (values['storage-vendor']) storage.vendor = values['storage-vendor'];
  if (values.bucket) storage.bucket = values.bucket;
  if (values.region) storage.region = values.region;
  if (values['storage-endpoint']) storage.endpoint = values['storage-endpoint'];
  if (env.UNIREC_STORAGE_ACCESS_KEY) storage.accessKey = env.UNIREC_STORAGE_ACCESS_KEY;
  if (env.UNIREC_STORAGE_SECRET_KEY) storage.secretKey = env.UNIREC_STORAGE_SECRET_KEY;
  if (Object.keys(storage).length > 0) request.storage = storage;
  if (!request.room) throw new UsageError('start needs --room (or "room" in --request)');
  return request as unknown as StartRecordingRequest;
}
