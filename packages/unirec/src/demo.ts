import { type RequestInfo, type StartRecordingRequest, waitForState } from '@unirec/core';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '@unirec/simulator';
import { AVAILABLE_VENDORS, type RecordingProviderConfig, createRecordingProvider } from './create-recording-provider.js';

/**
 * The demo: one application script, run unchanged on every vendor whose adapter exists, chosen by
 * config alone, against the embedded simulator. Prints a short report and, side by side, what the
 * same neutral layout became in each vendor's request (redacted: the logger/hook data).
 */

const PARTICIPANTS = ['1001', '1002', '1003', '1004'];

export function demoRequest(): StartRecordingRequest {
  return {
    room: 'unirec-demo-room',
    mode: 'composite',
    participants: { include: PARTICIPANTS },
    layout: { preset: 'grid', background: { color: '#1E1E2E' } },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    output: { formats: ['mp4'] },
    storage: { vendor: 's3', region: 'us-east-1', bucket: 'unirec-demo', accessKey: 'demo-access-key', secretKey: 'demo-secret-key' },
  };
}

interface Captured {
  operation: string;
  body: unknown;
}

export interface DemoOptions {
  out?: (line: string) => void;
  vendors?: ReadonlyArray<(typeof AVAILABLE_VENDORS)[number]>;
}

export async function runDemo(options: DemoOptions = {}): Promise<{ ok: boolean }> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const vendors = options.vendors ?? AVAILABLE_VENDORS;
  const simulator = await startSimulator();
  out(`unirec demo: one script, ${vendors.length} vendors, no account: embedded simulator at ${simulator.url}`);
  out('');
  const captured: Record<string, Captured[]> = {};
  let ok = true;
  try {
    for (const vendor of vendors) {
      const requests: Captured[] = [];
      captured[vendor] = requests;
      // The only per-vendor line of the application: its config.
      const config = {
        vendor,
        ...DEFAULT_SIMULATOR_CREDENTIALS[vendor],
        baseUrl: simulator.url,
        hooks: { onRequest: (info: RequestInfo) => void requests.push({ operation: info.operation, body: info.body }) },
      } as unknown as RecordingProviderConfig;
      try {
        await lifecycle(config, out);
      } catch (error) {
        ok = false;
        out(`  FAILED: ${(error as Error).name}: ${(error as Error).message}`);
      }
      out('');
    }
    printSideBySide(out, captured);
  } finally {
    await simulator.close();
  }
  return { ok };
}

async function lifecycle(config: RecordingProviderConfig, out: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const ms = () => `${Math.round(performance.now() - t0)} ms`.padStart(8);
  const provider = await createRecordingProvider(config);
  out(`━━ ${provider.vendor} ━━`);
  const session = await provider.start(demoRequest());
  out(`${ms()}  start         composite, grid of ${PARTICIPANTS.length}  → handle ${session.handle.slice(0, 28)}…`);
  for (const w of session.warnings) out(`              warning [${w.feature}] ${w.message}`);
  const running = await waitForState(provider, session, 'recording', { intervalMs: 200, timeoutMs: 15_000 });
  out(`${ms()}  query         ${running.state} (vendor state ${String(running.vendorState)})`);
  const update = await provider.updateLayout(session, { preset: 'speaker', focus: '1002', background: { color: '#1E1E2E' } });
  out(`${ms()}  updateLayout  speaker, focus 1002${update.warnings.length ? `  (${update.warnings.length} warnings)` : ''}`);
  for (const w of update.warnings) out(`              warning [${w.feature}] ${w.message}`);
  const status = await provider.query(session);
  out(`${ms()}  query         ${status.state}, ${status.files.length} files so far`);
  const result = await provider.stop(session);
  out(`${ms()}  stop          upload ${result.upload}, ${result.files.length} files`);
  for (const f of result.files) {
    const extra = [f.participant ? `participant ${f.participant}` : '', f.sizeBytes !== undefined ? `${f.sizeBytes} bytes` : '']
      .filter(Boolean)
      .join(', ');
    out(`                - ${f.name} [${f.kind}]${extra ? ` ${extra}` : ''}`);
  }
}

/** Pulls the regions out of each vendor's start request, whatever its field names. */
function regionsOf(vendor: string, requests: Captured[]): string[] {
  const start = requests.find((r) => /^(start|StartRecord|startrecord)$/.test(r.operation));
  const body = start?.body as Record<string, any> | undefined;
  if (!body) return [];
  if (vendor === 'agora') {
    const layout = body.clientRequest?.recordingConfig?.transcodingConfig?.layoutConfig ?? [];
    return layout.map((l: any) => `uid ${l.uid ?? '(join order)'}: x ${l.x_axis} y ${l.y_axis} w ${l.width} h ${l.height}`);
  }
  if (vendor === 'zego') {
    const list = body.RecordInputParams?.MixConfig?.MixInputList ?? [];
    return list.map((l: any) => `${l.StreamId ?? '?'}: L ${l.Left} T ${l.Top} R ${l.Right} B ${l.Bottom}`);
  }
  return [];
}

function printSideBySide(out: (line: string) => void, captured: Record<string, Captured[]>): void {
  const vendors = Object.keys(captured);
  out('The same neutral layout (preset grid, 4 participants, 1280×720), as each vendor received it:');
  const columns = vendors.map((v) => [v, ...regionsOf(v, captured[v]!)]);
  const width = Math.max(...columns.map((c) => Math.max(...c.map((s) => s.length)))) + 4;
  const rows = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < rows; i++) {
    out(`  ${columns.map((c) => (c[i] ?? '').padEnd(width)).join('').trimEnd()}`);
    if (i === 0) out(`  ${columns.map(() => '─'.repeat(width - 4).padEnd(width)).join('').trimEnd()}`);
  }
  out('');
  const starts = vendors.map((v) => {
    const start = captured[v]!.find((r) => /^(start|StartRecord|startrecord)$/.test(r.operation));
    return `${v} ${start?.operation ?? '?'}: ${JSON.stringify(start?.body ?? {}).length} bytes of JSON`;
  });
  out(`Request bodies (secrets redacted): ${starts.join(' · ')}`);
  for (const v of vendors) {
    const start = captured[v]!.find((r) => /^(start|StartRecord|startrecord)$/.test(r.operation));
    const storage = (start?.body as any)?.clientRequest?.storageConfig ?? (start?.body as any)?.StorageParams;
    if (storage) out(`  ${v} storage: ${JSON.stringify(storage)}`);
  }
}
