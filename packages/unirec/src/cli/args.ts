import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LayoutInput, StartRecordingRequest, StorageConfig } from '@unirec/core';
import { UsageError } from './output.js';

export const OPTIONS = {
  vendor: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  simulator: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
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
} as const;

export type ParsedArgs = ReturnType<typeof parse>;

export function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
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

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be an integer`);
  return n;
}

export function numberFlag(values: ParsedArgs['values'], flag: 'timeout-ms' | 'wait-timeout' | 'port'): number | undefined {
  return int(values[flag], flag);
}

/** The layout from --layout-file, or --layout <preset> [--focus id]. */
export function layoutFrom(values: ParsedArgs['values']): LayoutInput | undefined {
  if (values['layout-file']) return readJsonFile(values['layout-file'], 'layout file') as LayoutInput;
  if (!values.layout) return undefined;
  const layout: Record<string, unknown> = { preset: values.layout };
  if (values.focus) layout.focus = values.focus;
  return layout as unknown as LayoutInput;
}

/**
 * Builds a start request from --request (a JSON file) and/or flags (flags win). Storage keys come
 * from UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY, never from flags (shell history).
 */
export function startRequestFrom(values: ParsedArgs['values'], env: Record<string, string | undefined>): StartRecordingRequest {
  const request = (values.request ? readJsonFile(values.request, 'request file') : {}) as Record<string, unknown>;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new UsageError('the request file must hold a JSON object');
  if (values.room) request.room = values.room;
  request.mode = values.mode ?? request.mode ?? 'composite';
  if (values.media) request.media = values.media;
  const layout = layoutFrom(values);
  if (layout) request.layout = layout;
  if (values.participants) request.participants = { include: values.participants.split(',').map((s) => s.trim()).filter(Boolean) };
  if (values.width || values.height) {
    request.video = { ...(request.video as object), width: int(values.width, 'width'), height: int(values.height, 'height') };
  }
  if (values.format) request.output = { ...(request.output as object), formats: values.format.split(',') };
  if (values['idempotency-key']) request.idempotencyKey = values['idempotency-key'];
  const storage = { ...((request.storage as Partial<StorageConfig>) ?? {}) } as Record<string, unknown>;
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
