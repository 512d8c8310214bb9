import {
  NotFoundError,
  type RecordingFile,
  type RecordingProvider,
  type RecordingResult,
  type RecordingStatus,
  type UploadState,
  ValidationError,
  type Vendor,
  describeHandle,
  isRecordingError,
} from '@unirec/core';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '@unirec/simulator';
import { plural } from '../demo.js';
import {
  AVAILABLE_VENDORS,
  type RecordingProviderConfig,
  createRecordingProvider,
} from '../create-recording-provider.js';
import { CONFIG_FILE_NAME, loadConfig } from '../load-config.js';
import { ADAPTERS } from '../registry.js';
import {
  FIELD_FLAGS,
  type ParsedArgs,
  type Values,
  integerFlag,
  layoutFrom,
  numberFlag,
  startRequestFrom,
} from './args.js';
import { type CliConfigFile, readCliConfigFile } from './config-file.js';
import { type Output, UsageError } from './output.js';

type Env = Record<string, string | undefined>;

/** Storage used with --simulator when none is given (the simulator does not upload anywhere). */
export const SIMULATOR_DEMO_STORAGE = {
  vendor: 's3',
  region: 'us-east-1',
  bucket: 'unirec-simulator',
  accessKey: 'simulator-access-key',
  secretKey: 'simulator-secret-key',
} as const;

const VENDOR_CHOICES = AVAILABLE_VENDORS.join('|');

/**
 * The vendor of a command: the handle's own (a --vendor that says otherwise is a usage error), else
 * --vendor, UNIREC_VENDOR, or "vendor" in the config file.
 */
export function vendorOf(
  values: Values,
  env: Env,
  file: CliConfigFile,
  handle: string | undefined,
): string | undefined {
  if (handle !== undefined) {
    const owner = describeHandle(handle).vendor;
    if (values.vendor !== undefined && values.vendor !== owner) {
      throw new UsageError(
        `--vendor ${values.vendor} contradicts the handle, which belongs to ${owner} (leave --vendor out: the handle names its vendor)`,
      );
    }
    return owner;
  }
  return values.vendor || env.UNIREC_VENDOR || file.vendor;
}

/** The vendor-field flags given (`--agora-app-id`, …); one of another vendor is a usage error. */
function fieldFlagsOf(
  vendor: string,
  fieldFlags: Record<string, string>,
): Array<{ name: string; field: string; env: string; type: string; value: string }> {
  return FIELD_FLAGS.filter((f) => fieldFlags[f.name] !== undefined).map((f) => {
    if (f.vendor !== vendor)
      throw new UsageError(
        `--${f.name} is a ${ADAPTERS[f.vendor]!.name} setting, but the vendor is ${vendor}`,
      );
    return { name: f.name, field: f.field, env: f.spec.env, type: f.spec.type, value: fieldFlags[f.name]! };
  });
}

/**
 * --simulator URL: the simulator's default credentials for the vendor (vendor-field flags win);
 * otherwise loadConfig over the environment, with flags as overrides of their variables.
 */
export function providerConfigFrom(
  args: ParsedArgs,
  env: Env,
  file: CliConfigFile,
  handle?: string,
): RecordingProviderConfig {
  const { values, fieldFlags } = args;
  const vendor = vendorOf(values, env, file, handle);
  if (values.simulator) {
    if (!vendor) throw new UsageError(`--simulator needs --vendor (${VENDOR_CHOICES})`);
    if (!(vendor in DEFAULT_SIMULATOR_CREDENTIALS)) throw new UsageError(`unknown vendor '${vendor}'`);
    const config = {
      vendor,
      ...DEFAULT_SIMULATOR_CREDENTIALS[vendor as Vendor],
      baseUrl: values.simulator,
    } as Record<string, unknown>;
    for (const f of fieldFlagsOf(vendor, fieldFlags))
      config[f.field] = f.type === 'integer' ? integerFlag(f.value, f.name) : f.value;
    const timeoutMs = numberFlag(values, 'timeout-ms');
    if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
    return config as unknown as RecordingProviderConfig;
  }
  if (!vendor) {
    throw new ValidationError(
      `no vendor configured: pass --vendor ${VENDOR_CHOICES}, set UNIREC_VENDOR, or write "vendor" in ${CONFIG_FILE_NAME}`,
      [{ path: 'vendor', message: 'is required' }],
      { operation: 'loadConfig' },
    );
  }
  const overrides: Env = { ...env, UNIREC_VENDOR: vendor };
  for (const f of fieldFlagsOf(vendor, fieldFlags)) overrides[f.env] = f.value;
  if (values['base-url']) overrides.UNIREC_BASE_URL = values['base-url'];
  if (values['timeout-ms']) overrides.UNIREC_TIMEOUT_MS = values['timeout-ms'];
  return loadConfig({ ...(values.config ? { file: values.config } : {}), env: overrides });
}

function handleArg(positionals: string[], command: string): string {
  const handle = positionals[1];
  if (!handle) throw new UsageError(`${command} needs a session handle (printed by 'unirec start')`);
  return handle;
}

function describeFile(f: RecordingFile): string {
  const parts: string[] = [f.kind];
  if (f.participant) parts.push(`participant ${f.participant}`);
  if (f.sizeBytes !== undefined) parts.push(`${(f.sizeBytes / 1024).toFixed(1)} KiB`);
  if (f.durationMs !== undefined) parts.push(`${(f.durationMs / 1000).toFixed(1)} s`);
  if (f.upload) parts.push(f.upload);
  return `  ${f.name}  (${parts.join(', ')})${f.url ? `\n    ${f.url}` : ''}`;
}

const FOLLOW_UPLOAD =
  "follow it with 'unirec stop <handle> --wait', run 'unirec query <handle>' later, or wait for your webhook";

/** What an upload state means for the user, and what to do about it. */
export const UPLOAD_MEANING: Record<UploadState, string> = {
  uploaded: 'every file is in your storage',
  'backed-up':
    "the vendor could not write to your storage and keeps the files in its own backup storage for a limited time: check the storage settings and fetch them from the vendor's console",
  pending: `the vendor is still copying the files to your storage: ${FOLLOW_UPLOAD}`,
  failed: 'the vendor could not copy a file to your storage: check the bucket, region and keys',
  unknown: `the vendor reports no upload state yet: ${FOLLOW_UPLOAD}`,
};

function printFiles(output: Output, files: RecordingFile[], stopped: boolean): void {
  if (files.length === 0) {
    output.out(
      stopped
        ? `files: none reported yet (the vendor lists them as it uploads them: ${FOLLOW_UPLOAD})`
        : "files: none yet (the vendor lists files once it has written some: query again later, or after 'unirec stop <handle> --wait')",
    );
    return;
  }
  output.out(`${plural(files.length, 'file')}:`);
  for (const f of files) output.out(describeFile(f));
}

export async function runCommand(command: string, args: ParsedArgs, env: Env, output: Output): Promise<void> {
  const { values, positionals } = args;
  const handle = command === 'start' ? undefined : handleArg(positionals, command);
  const file = readCliConfigFile(values.config);
  const provider = await createRecordingProvider(providerConfigFrom(args, env, file, handle));
  switch (command) {
    case 'start': {
      const request = startRequestFrom(values, env, file.storage);
      if (values.simulator) {
        // the simulator uploads nowhere: its demo bucket when none is given, demo keys when none are set
        const storage = request.storage as unknown as Record<string, unknown> | undefined;
        (request as { storage: unknown }).storage = storage
          ? {
              accessKey: SIMULATOR_DEMO_STORAGE.accessKey,
              secretKey: SIMULATOR_DEMO_STORAGE.secretKey,
              ...storage,
            }
          : { ...SIMULATOR_DEMO_STORAGE };
      }
      const session = await provider.start(request);
      if (output.json) return output.out(JSON.stringify(session));
      // stdout carries the handle alone (h=$(unirec start …)); the rest is for the person watching
      output.err(
        `started ${session.vendor} ${session.mode} recording of room '${session.room}' (session ${session.sessionId})`,
      );
      for (const w of session.warnings) output.err(`warning [${w.feature}]: ${w.message}`);
      output.out(session.handle);
      return;
    }
    case 'update-layout': {
      const layout = layoutFrom(values);
      if (!layout)
        throw new UsageError('update-layout needs --layout <grid|speaker|pip> or --layout-file <file.json>');
      const result = await provider.updateLayout(handle!, layout);
      if (output.json) return output.out(JSON.stringify({ warnings: result.warnings }));
      output.out('layout updated');
      for (const w of result.warnings) output.out(`warning [${w.feature}]: ${w.message}`);
      return;
    }
    case 'query': {
      const status = await provider.query(handle!);
      if (output.json) return output.out(JSON.stringify({ ...status, raw: undefined }));
      output.out(`state: ${status.state} (vendor state ${String(status.vendorState)})`);
      printFiles(output, status.files, false);
      return;
    }
    case 'stop': {
      let result = await provider.stop(handle!);
      if (values.wait) result = await waitForUpload(provider, handle!, result, values, output);
      if (output.json) return output.out(JSON.stringify({ ...result, raw: undefined }));
      output.out(result.alreadyStopped ? 'the session had already stopped' : 'stopped');
      output.out(
        `upload: ${result.upload}${result.upload === 'uploaded' ? '' : ` (${UPLOAD_MEANING[result.upload]})`}`,
      );
      printFiles(output, result.files, true);
      return;
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

function uploadDone(files: RecordingFile[], upload: RecordingResult['upload']): boolean {
  if (upload === 'uploaded' || upload === 'backed-up') return true;
  return (
    files.length > 0 &&
    files.every((f) => f.upload === 'uploaded' || f.upload === 'backed-up' || f.upload === 'failed')
  );
}

/** `stop --wait`: queries until every file is uploaded (or the vendor forgets the session). */
async function waitForUpload(
  provider: RecordingProvider,
  handle: string,
  result: RecordingResult,
  values: Values,
  output: Output,
): Promise<RecordingResult> {
  const timeoutMs = (numberFlag(values, 'wait-timeout') ?? 120) * 1000;
  const started = Date.now();
  const tty = !output.json && process.stderr.isTTY;
  let current = result;
  while (!uploadDone(current.files, current.upload) && Date.now() - started < timeoutMs) {
    let status: RecordingStatus;
    try {
      status = await provider.query(handle);
    } catch (error) {
      // Agora forgets a session once its upload is over: the stop answer is then final.
      if (isRecordingError(error) && error instanceof NotFoundError) break;
      throw error;
    }
    const uploaded = status.files.filter((f) => f.upload === 'uploaded' || f.upload === 'backed-up').length;
    if (status.files.length > 0) current = { ...current, files: status.files };
    if (status.files.length > 0 && uploaded === status.files.length)
      current = { ...current, upload: 'uploaded' };
    const line = `waiting for upload: ${uploaded} of ${plural(status.files.length, 'file')} stored (${Math.round((Date.now() - started) / 1000)} s)`;
    if (tty) process.stderr.write(`\r${line}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  if (tty) process.stderr.write('\n');
  return current;
}
