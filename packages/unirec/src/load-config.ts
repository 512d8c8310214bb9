import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import type { Vendor } from '@unirec/core';
import { Redactor, ValidationError, type ValidationIssue, secretFieldsOf } from '@unirec/core/adapter';
import { z } from 'zod';
import type { RecordingProviderConfig } from './create-recording-provider.js';
import { ADAPTERS } from './registry.js';

/**
 * Reads the provider config from `unirec.config.json` and/or `UNIREC_*` environment variables.
 * Secrets come from the environment only: a secret written in the file is an error.
 *
 * File: { "vendor": "agora", "timeoutMs": 10000, "agora": { "appId": "…", "customerId": "…" },
 *         "zego": { "appId": 123 }, "jocloud": { … } } — switch vendors with UNIREC_VENDOR alone.
 */
export interface LoadConfigOptions {
  /** path of the JSON file; default `unirec.config.json` in `cwd` when it exists */
  file?: string;
  /** default process.env */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export const CONFIG_FILE_NAME = 'unirec.config.json';

/** Environment variables of the options every vendor shares; a vendor's own come from its descriptor. */
export const COMMON_ENV = {
  vendor: 'UNIREC_VENDOR',
  baseUrl: 'UNIREC_BASE_URL',
  timeoutMs: 'UNIREC_TIMEOUT_MS',
  maxRetries: 'UNIREC_MAX_RETRIES',
} as const;

/** Environment variables, per vendor and field (read from the adapters' descriptors). */
export const ENV: { common: typeof COMMON_ENV } & Partial<Record<Vendor, Record<string, string>>> = {
  common: COMMON_ENV,
  ...Object.fromEntries(
    Object.entries(ADAPTERS).map(([vendor, adapter]) => [
      vendor,
      Object.fromEntries(Object.entries(adapter!.fields).map(([field, spec]) => [field, spec.env])),
    ]),
  ),
};

/** Secret field names of every adapter (never in the file), plus the storage keys. */
const SECRET_FIELDS = new Set([
  ...Object.values(ADAPTERS).flatMap((adapter) => secretFieldsOf(adapter!)),
  'secretKey',
  'accessKey',
]);
const NUMERIC_FIELDS = new Set(['timeoutMs', 'maxRetries']);

const fileSchema = z
  .object({
    vendor: z.enum(['agora', 'zego', 'jocloud']).optional(),
    baseUrl: z.string().optional(),
    timeoutMs: z.number().optional(),
    maxRetries: z.number().optional(),
    rateLimit: z.union([z.literal(false), z.object({ requestsPerSecond: z.number() })]).optional(),
    strict: z.boolean().optional(),
    agora: z.record(z.string(), z.unknown()).optional(),
    zego: z.record(z.string(), z.unknown()).optional(),
    jocloud: z.record(z.string(), z.unknown()).optional(),
    /** storage of `unirec start` (the CLI); its keys come from UNIREC_STORAGE_ACCESS_KEY / _SECRET_KEY */
    storage: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

function configError(message: string, issues: ValidationIssue[]): ValidationError {
  return new ValidationError(message, issues, { operation: 'loadConfig' });
}

function findSecrets(value: unknown, path: string, found: string[]): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (SECRET_FIELDS.has(key)) found.push(here);
    else findSecrets(v, here, found);
  }
}

function readFile(options: LoadConfigOptions): z.infer<typeof fileSchema> {
  const cwd = options.cwd ?? process.cwd();
  const path = options.file ? resolve(cwd, options.file) : resolve(cwd, CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (options.file)
      throw configError(`cannot read config file ${options.file}: it does not exist`, [
        { path: 'file', message: 'does not exist' },
      ]);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw configError(`cannot read config file ${path}: it is not valid JSON`, [
      { path: 'file', message: 'not valid JSON' },
    ]);
  }
  const secrets: string[] = [];
  findSecrets(data, '', secrets);
  if (secrets.length > 0) {
    throw configError(
      `config file ${path} holds secrets (${secrets.join(', ')}): secrets come from the environment only (see UNIREC_* variables)`,
      secrets.map((p) => ({ path: p, message: 'secrets must come from the environment' })),
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    }));
    throw configError(
      `config file ${path} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return parsed.data;
}

function numberFrom(env: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw configError(`${env} must be a number`, [{ path: env, message: 'must be a number' }]);
  return n;
}

export function loadConfig(options: LoadConfigOptions = {}): RecordingProviderConfig {
  const env = options.env ?? process.env;
  const file = readFile(options);
  const vendor = env[ENV.common.vendor] || file.vendor;
  if (!vendor) {
    throw configError(`no vendor configured: set ${ENV.common.vendor} or "vendor" in ${CONFIG_FILE_NAME}`, [
      { path: 'vendor', message: 'is required' },
    ]);
  }
  const adapter = ADAPTERS[vendor as Vendor];
  if (!adapter) {
    throw configError(
      `unknown vendor '${vendor}': use ${Object.keys(ADAPTERS)
        .map((v) => `'${v}'`)
        .join(', ')}`,
      [{ path: 'vendor', message: 'unknown vendor' }],
    );
  }
  const config: Record<string, unknown> = { vendor };
  for (const key of ['baseUrl', 'timeoutMs', 'maxRetries', 'rateLimit', 'strict'] as const) {
    if (file[key] !== undefined) config[key] = file[key];
  }
  for (const [field, name] of Object.entries(COMMON_ENV)) {
    if (field === 'vendor' || !env[name]) continue;
    config[field] = NUMERIC_FIELDS.has(field) ? numberFrom(name, env[name]) : env[name];
  }
  Object.assign(config, file[vendor as Vendor] ?? {});
  for (const [field, spec] of Object.entries(adapter.fields)) {
    const value = env[spec.env];
    if (value === undefined || value === '') continue;
    config[field] = spec.type === 'integer' ? numberFrom(spec.env, value) : value;
  }
  for (const [field, spec] of Object.entries(adapter.fields)) {
    if (spec.secret && spec.required && config[field] === undefined) {
      throw configError(`${spec.env} is not set: the ${vendor} ${field} comes from the environment only`, [
        { path: field, message: `set ${spec.env}` },
      ]);
    }
  }
  return protectSecrets(config, adapter.fields) as unknown as RecordingProviderConfig;
}

/** Keeps secrets out of util.inspect and JSON of the returned config (spreading it still copies them). */
function protectSecrets<T extends Record<string, unknown>>(
  config: T,
  fields: Record<string, { secret?: boolean }>,
): T {
  const secretKeys = Object.keys(fields).filter((k) => fields[k]!.secret);
  const secrets = Object.entries(config)
    .filter(([k]) => SECRET_FIELDS.has(k))
    .map(([, v]) => String(v));
  const redactor = new Redactor(secrets);
  const visible = () =>
    redactor.value({ ...config, ...Object.fromEntries(secretKeys.map((k) => [k, undefined])) });
  Object.defineProperty(config, inspect.custom, {
    value: () => JSON.parse(JSON.stringify(visible())),
    enumerable: false,
  });
  Object.defineProperty(config, 'toJSON', { value: visible, enumerable: false });
  return config;
}
