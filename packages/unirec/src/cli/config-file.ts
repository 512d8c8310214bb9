import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValidationError } from '@unirec/core';
import { CONFIG_FILE_NAME } from '../load-config.js';

/**
 * The parts of the config file the CLI reads itself: `vendor` (to pick the adapter, also with
 * --simulator) and `storage` (the default storage of `unirec start`). loadConfig reads and checks the
 * rest; the same rules hold here: secrets never come from the file.
 */
export interface CliConfigFile {
  vendor?: string;
  storage?: Record<string, unknown>;
}

/** Storage keys: from UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY only. */
const STORAGE_SECRETS = {
  accessKey: 'UNIREC_STORAGE_ACCESS_KEY',
  secretKey: 'UNIREC_STORAGE_SECRET_KEY',
} as const;

function fileError(message: string, path: string, rule: string): ValidationError {
  return new ValidationError(message, [{ path, message: rule }], { operation: 'loadConfig' });
}

/** Reads `file` (or ./unirec.config.json when it exists); `{}` when there is none. */
export function readCliConfigFile(file: string | undefined, cwd: string = process.cwd()): CliConfigFile {
  const path = resolve(cwd, file ?? CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (file) throw fileError(`cannot read config file ${file}: it does not exist`, 'file', 'does not exist');
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw fileError(`cannot read config file ${path}: it is not valid JSON`, 'file', 'not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw fileError(`config file ${path} must hold a JSON object`, '(root)', 'must be an object');
  const { vendor, storage } = data as Record<string, unknown>;
  const result: CliConfigFile = {};
  if (vendor !== undefined) {
    if (typeof vendor !== 'string')
      throw fileError(
        `config file ${path} is invalid: vendor: must be a string`,
        'vendor',
        'must be a string',
      );
    result.vendor = vendor;
  }
  if (storage !== undefined) {
    if (typeof storage !== 'object' || storage === null || Array.isArray(storage)) {
      throw fileError(
        `config file ${path} is invalid: storage: must be an object`,
        'storage',
        'must be an object',
      );
    }
    for (const [key, env] of Object.entries(STORAGE_SECRETS)) {
      if (key in storage) {
        throw fileError(
          `config file ${path} holds secrets (storage.${key}): storage keys come from the environment only (${env})`,
          `storage.${key}`,
          `set ${env}`,
        );
      }
    }
    result.storage = { ...(storage as Record<string, unknown>) };
  }
  return result;
}
