import {
  NotFoundError,
  type RecordingFile,
  type RecordingProvider,
  type RecordingResult,
  type RecordingStatus,
  isRecordingError,
} from '@unirec/core';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '@unirec/simulator';
import { type RecordingProviderConfig, createRecordingProvider } from '../create-recording-provider.js';
import { loadConfig } from '../load-config.js';
import { type ParsedArgs, layoutFrom, numberFlag, startRequestFrom } from './args.js';
import { type Output, UsageError } from './output.js';

type Values = ParsedArgs['values'];
type Env = Record<string, string | undefined>;

/** Storage used with --simulator when none is given (the simulator does not upload anywhere). */
export const SIMULATOR_DEMO_STORAGE = {
  vendor: 's3',
  region: 'us-east-1',
  bucket: 'unirec-simulator',
  accessKey: 'simulator-access-key',
  secretKey: 'simulator-secret-key',
} as const;

/** --simulator URL: the simulator's default credentials for the vendor, unless the environment sets them. */
export function providerConfigFrom(values: Values, env: Env): RecordingProviderConfig {
  if (values.simulator) {
    const vendor = values.vendor ?? env.UNIREC_VENDOR;
    if (!vendor) throw new UsageError('--simulator needs --vendor (agora, zego or jocloud)');
    if (vendor !== 'agora' && vendor !== 'zego' && vendor !== 'jocloud') throw new UsageError(`unknown vendor '${vendor}'`);
    const defaults = DEFAULT_SIMULATOR_CREDENTIALS[vendor];
    const config = { vendor, ...defaults, baseUrl: values.simulator } as Record<string, unknown>;
    const timeoutMs = numberFlag(values, 'timeout-ms');
    if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
    return config as unknown as RecordingProviderConfig;
  }
  const overrides: Env = { ...env };
  if (values.vendor) overrides.UNIREC_VENDOR = values.vendor;
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

function printFiles(output: Output, files: RecordingFile[]): void {
  if (files.length === 0) output.out('files: none yet');
  else {
    output.out(`files (${files.length}):`);
    for (const f of files) output.out(describeFile(f));
  }
}

export async function runCommand(command: string, positionals: string[], values: Values, env: Env, output: Output): Promise<void> {
  const provider = await createRecordingProvider(providerConfigFrom(values, env));
  switch (command) {
    case 'start': {
      const request = startRequestFrom(values, env);
      if (values.simulator && !request.storage) (request as { storage: unknown }).storage = { ...SIMULATOR_DEMO_STORAGE };
      const session = await provider.start(request);
      if (output.json) return output.out(JSON.stringify(session));
      output.out(`started ${session.vendor} ${session.mode} recording of room '${session.room}'`);
      output.out(`handle: ${session.handle}`);
      for (const w of session.warnings) output.out(`warning [${w.feature}]: ${w.message}`);
      return;
    }
    case 'update-layout': {
      const layout = layoutFrom(values);
      if (!layout) throw new UsageError('update-layout needs --layout <grid|speaker|pip> or --layout-file <file.json>');
      const result = await provider.updateLayout(handleArg(positionals, command), layout);
      if (output.json) return output.out(JSON.stringify({ warnings: result.warnings }));
      output.out('layout updated');
      for (const w of result.warnings) output.out(`warning [${w.feature}]: ${w.message}`);
      return;
    }
    case 'query': {
      const status = await provider.query(handleArg(positionals, command));
      if (output.json) return output.out(JSON.stringify({ ...status, raw: undefined }));
      output.out(`state: ${status.state} (vendor state ${String(status.vendorState)})`);
      printFiles(output, status.files);
      return;
    }
    case 'stop': {
      const handle = handleArg(positionals, command);
      let result = await provider.stop(handle);
      if (values.wait) result = await waitForUpload(provider, handle, result, values, output);
      if (output.json) return output.out(JSON.stringify({ ...result, raw: undefined }));
      output.out(result.alreadyStopped ? 'the session had already stopped' : 'stopped');
      output.out(`upload: ${result.upload}`);
      printFiles(output, result.files);
      return;
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

function uploadDone(files: RecordingFile[], upload: RecordingResult['upload']): boolean {
  if (upload === 'uploaded' || upload === 'backed-up') return true;
  return files.length > 0 && files.every((f) => f.upload === 'uploaded' || f.upload === 'backed-up' || f.upload === 'failed');
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
    if (status.files.length > 0 && uploaded === status.files.length) current = { ...current, upload: 'uploaded' };
    const line = `waiting for upload: ${uploaded}/${status.files.length} files (${Math.round((Date.now() - started) / 1000)} s)`;
    if (tty) process.stderr.write(`\r${line}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  if (tty) process.stderr.write('\n');
  return current;
}
