import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  LayoutInput,
  RecordingFile,
  RequestInfo,
  StartRecordingRequest,
  UploadState,
  Vendor,
  Warning,
} from '@unirec/core';
import { isRecordingError, waitForState } from '@unirec/core';
import type { SentLayout } from '@unirec/core/adapter';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '@unirec/simulator';
import { type RecordingProviderConfig, createRecordingProvider } from './create-recording-provider.js';
import { type LayoutPreview, SIMULATOR_STORAGE, describeLayout, neutralRegions } from './layout-preview.js';
import { renderLayoutPreviewSvg } from './layout-preview-svg.js';
import { ADAPTERS, AVAILABLE_VENDORS } from './registry.js';

/**
 * The demo: one application script, run unchanged on every vendor whose adapter exists, chosen by
 * config alone, against the embedded simulator. Prints a short report and, side by side, what the
 * same neutral layout became in each vendor's request (read back by each adapter's descriptor), and
 * writes that comparison as a layout preview SVG.
 */

const PARTICIPANTS = ['1001', '1002', '1003', '1004'];
const CANVAS = { width: 1280, height: 720 };
const DEMO_LAYOUT: LayoutInput = { preset: 'grid', background: { color: '#1E1E2E' } };

/** One request every vendor can record (Alibaba OSS is a storage all of them write to). */
export function demoRequest(): StartRecordingRequest {
  return {
    room: 'unirec-demo-room',
    mode: 'composite',
    participants: { include: PARTICIPANTS },
    layout: structuredClone(DEMO_LAYOUT),
    video: { ...CANVAS, fps: 15, bitrateKbps: 1500 },
    storage: { ...SIMULATOR_STORAGE },
  };
}

export interface DemoOptions {
  /** where the human-readable report goes; default stdout */
  out?: (line: string) => void;
  vendors?: ReadonlyArray<Vendor>;
  /** where the layout preview SVG goes; default a new temporary directory */
  previewOut?: string | undefined;
}

export interface DemoStep {
  step: 'start' | 'query' | 'updateLayout' | 'stop';
  /** since the start of this vendor's run */
  ms: number;
  detail: string;
  warnings: Warning[];
}

export interface DemoVendorReport {
  vendor: Vendor;
  name: string;
  ok: boolean;
  sessionId?: string;
  handle?: string;
  steps: DemoStep[];
  /** every warning of the run (start and updateLayout) */
  warnings: Warning[];
  files: RecordingFile[];
  upload?: UploadState;
  /** the layout as the vendor received it in its start request */
  sentLayout?: SentLayout;
  error?: { name: string; kind?: string; message: string };
}

export interface DemoReport {
  ok: boolean;
  simulator: string;
  vendors: DemoVendorReport[];
  /** the layout preview SVG written */
  preview?: string;
  previewError?: string;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An upload state in words, with what to do about it. */
function describeUpload(upload: UploadState): string {
  if (upload === 'pending') {
    return "upload pending (the vendor is still copying the files to your storage: 'unirec stop <handle> --wait' follows it, 'unirec query' later shows it, or your webhook tells you)";
  }
  if (upload === 'unknown') {
    return 'upload unknown (this vendor names its files only in its callback: see docs/webhooks.md)';
  }
  return `upload ${upload}`;
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const vendors = options.vendors ?? AVAILABLE_VENDORS;
  const simulator = await startSimulator();
  const report: DemoReport = { ok: true, simulator: simulator.url, vendors: [] };
  out(
    `unirec demo: one script, ${plural(vendors.length, 'vendor')}, no account: embedded simulator at ${simulator.url}`,
  );
  out('');
  try {
    for (const vendor of vendors) {
      const entry = await runVendor(vendor, simulator.url, out);
      if (!entry.ok) report.ok = false;
      report.vendors.push(entry);
      out('');
    }
  } finally {
    await simulator.close();
  }
  printSideBySide(out, report.vendors);
  writePreview(report, options.previewOut, out);
  return report;
}

async function runVendor(
  vendor: Vendor,
  baseUrl: string,
  out: (line: string) => void,
): Promise<DemoVendorReport> {
  const adapter = ADAPTERS[vendor]!;
  const entry: DemoVendorReport = {
    vendor,
    name: adapter.name,
    ok: true,
    steps: [],
    warnings: [],
    files: [],
  };
  let startBody: unknown;
  // The only per-vendor line of the application: its config.
  const config = {
    vendor,
    ...DEFAULT_SIMULATOR_CREDENTIALS[vendor],
    baseUrl,
    hooks: {
      onRequest: (info: RequestInfo) => {
        if (info.operation === 'start' && info.attempt === 1 && info.body) startBody ??= info.body;
      },
    },
  } as unknown as RecordingProviderConfig;
  try {
    await lifecycle(config, entry, out);
  } catch (error) {
    entry.ok = false;
    const e = error as Error;
    entry.error = {
      name: e.name,
      ...(isRecordingError(error) ? { kind: error.kind } : {}),
      message: e.message,
    };
    out(`  FAILED: ${e.name}: ${e.message}`);
  }
  const sent = adapter.sentLayout(startBody);
  if (sent) entry.sentLayout = sent;
  return entry;
}

async function lifecycle(
  config: RecordingProviderConfig,
  entry: DemoVendorReport,
  out: (line: string) => void,
): Promise<void> {
  const t0 = performance.now();
  const step = (name: DemoStep['step'], detail: string, warnings: Warning[] = []) => {
    const ms = Math.round(performance.now() - t0);
    entry.steps.push({ step: name, ms, detail, warnings });
    entry.warnings.push(...warnings);
    const note = warnings.length ? `  (${plural(warnings.length, 'warning')})` : '';
    out(`${`${ms} ms`.padStart(8)}  ${name.padEnd(12)}  ${detail}${note}`);
    for (const w of warnings) out(`              warning [${w.feature}] ${w.message}`);
  };
  const provider = await createRecordingProvider(config);
  out(`━━ ${entry.name} (${provider.vendor}) ━━`);
  const session = await provider.start(demoRequest());
  entry.sessionId = session.sessionId;
  entry.handle = session.handle;
  step(
    'start',
    `composite, grid of ${PARTICIPANTS.length}  → session ${session.sessionId}`,
    session.warnings,
  );
  const running = await waitForState(provider, session, 'recording', { intervalMs: 200, timeoutMs: 15_000 });
  step('query', `${running.state} (vendor state ${String(running.vendorState)})`);
  const update = await provider.updateLayout(session, {
    preset: 'speaker',
    focus: '1002',
    background: { color: '#1E1E2E' },
  });
  step('updateLayout', 'speaker, focus 1002', update.warnings);
  const status = await provider.query(session);
  step('query', `${status.state}, ${plural(status.files.length, 'file')} so far`);
  const result = await provider.stop(session);
  entry.files = result.files;
  entry.upload = result.upload;
  step('stop', `${describeUpload(result.upload)}, ${plural(result.files.length, 'file')}`);
  for (const f of result.files) {
    const extra = [
      f.participant ? `participant ${f.participant}` : '',
      f.sizeBytes !== undefined ? `${f.sizeBytes} bytes` : '',
    ]
      .filter(Boolean)
      .join(', ');
    out(`                - ${f.name} [${f.kind}]${extra ? ` ${extra}` : ''}`);
  }
}

/** The demo's start layout and what each vendor received, as the same picture `unirec layout preview` draws. */
export function demoPreview(vendors: DemoVendorReport[]): LayoutPreview {
  const preview: LayoutPreview = {
    canvas: { ...CANVAS },
    title: describeLayout(DEMO_LAYOUT, PARTICIPANTS),
    neutral: neutralRegions(DEMO_LAYOUT, PARTICIPANTS),
    vendors: vendors.map((v) => ({
      vendor: v.vendor,
      name: v.name,
      ...(v.sentLayout ? { sent: v.sentLayout } : {}),
      warnings: v.steps.find((s) => s.step === 'start')?.warnings ?? [],
      ...(v.error && !v.sentLayout
        ? { error: { name: v.error.name, kind: v.error.kind ?? 'unexpected', message: v.error.message } }
        : {}),
    })),
  };
  if ('background' in DEMO_LAYOUT && DEMO_LAYOUT.background?.color)
    preview.background = DEMO_LAYOUT.background.color;
  return preview;
}

function writePreview(report: DemoReport, path: string | undefined, out: (line: string) => void): void {
  try {
    const target = path ?? join(mkdtempSync(join(tmpdir(), 'unirec-demo-')), 'layout-preview.svg');
    writeFileSync(target, renderLayoutPreviewSvg(demoPreview(report.vendors)));
    report.preview = target;
    out('');
    out(`layout preview (the neutral layout beside what each vendor received): ${target}`);
  } catch (error) {
    report.ok = false;
    report.previewError = `cannot write the layout preview: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    out(report.previewError);
  }
}

function describeRegion(layout: SentLayout, index: number): string {
  const r = layout.regions[index];
  if (!r) return '';
  const who = r.participant ?? '(join order)';
  if (layout.units === 'pixel') return `${who}: L ${r.x} T ${r.y} R ${r.x + r.width} B ${r.y + r.height}`;
  return `${who}: x ${r.x} y ${r.y} w ${r.width} h ${r.height}`;
}

function printSideBySide(out: (line: string) => void, reports: DemoVendorReport[]): void {
  const sent = reports.filter((r) => r.sentLayout);
  if (sent.length === 0) return;
  out(
    `The same neutral layout (preset grid, ${PARTICIPANTS.length} participants, ${CANVAS.width}×${CANVAS.height}), as each vendor received it:`,
  );
  const columns = sent.map(({ vendor, sentLayout }) => {
    const layout = sentLayout!;
    const lines = [`${vendor} (${layout.units === 'pixel' ? 'pixel edges' : 'fractions'})`];
    for (let i = 0; i < layout.regions.length; i++) lines.push(describeRegion(layout, i));
    if (layout.background) lines.push(`background ${layout.background}`);
    return lines;
  });
  const width = Math.max(...columns.map((c) => Math.max(...c.map((s) => s.length)))) + 4;
  const rows = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < rows; i++) {
    out(
      `  ${columns
        .map((c) => (c[i] ?? '').padEnd(width))
        .join('')
        .trimEnd()}`,
    );
    if (i === 0)
      out(
        `  ${columns
          .map(() => '─'.repeat(width - 4).padEnd(width))
          .join('')
          .trimEnd()}`,
      );
  }
}
