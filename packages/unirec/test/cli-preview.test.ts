import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@unirec/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPngRenderer } from '../src/layout-preview-png.js';
import { AVAILABLE_VENDORS } from '../src/registry.js';
import { assertWellFormedSvg, runCli, runShell, SPAWN_TIMEOUT_MS } from './cli-helpers.js';

/** `unirec demo` and `unirec layout preview`, through the built CLI. */

let simulator: Simulator;
let workdir: string;
const cli = (args: string[], env: Record<string, string> = {}, cwd = workdir) => runCli(cwd, args, env);

beforeAll(async () => {
  simulator = await startSimulator({ rateLimits: false });
  workdir = mkdtempSync(join(tmpdir(), 'unirec-cli-'));
});

afterAll(async () => {
  await simulator?.close();
});

describe.concurrent('unirec demo', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('demo | head -3 exits 0 without a stack', async () => {
    const run = await runShell(workdir, '$CLI demo | head -3');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toHaveLength(4); // three lines and the end of the last
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('demo --json is one JSON document: per vendor the steps, session id, warnings, files and the sent layout; the preview SVG is written', async () => {
    const out = join(workdir, 'demo-preview.svg');
    const run = await cli(['demo', '--json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      preview: string;
      vendors: Array<{
        vendor: string;
        sessionId: string;
        steps: Array<{ step: string }>;
        warnings: unknown[];
        files: unknown[];
        sentLayout: { regions: unknown[] };
      }>;
    };
    expect(report.ok).toBe(true);
    expect(report.vendors.map((v) => v.vendor)).toEqual(AVAILABLE_VENDORS);
    for (const v of report.vendors) {
      expect(v.sessionId).toEqual(expect.any(String));
      expect(v.steps.map((s) => s.step)).toEqual(['start', 'query', 'updateLayout', 'query', 'stop']);
      expect(Array.isArray(v.warnings)).toBe(true);
      expect(Array.isArray(v.files)).toBe(true);
      expect(v.sentLayout.regions).toHaveLength(4);
    }
    expect(report.preview).toBe(out);
    const svg = readFileSync(out, 'utf8');
    assertWellFormedSvg(svg);
    for (const vendor of AVAILABLE_VENDORS) expect(svg).toContain(`data-panel="${vendor}"`);
  });
});

describe.concurrent('unirec layout preview', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('writes a valid SVG: the neutral panel and one panel per vendor, each with the regions that vendor received', async () => {
    const out = join(workdir, 'preview.svg');
    const run = await cli([
      'layout',
      'preview',
      '--layout',
      'speaker',
      '--focus',
      '1002',
      '--participants',
      '1001,1002,1003',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const svg = readFileSync(out, 'utf8');
    assertWellFormedSvg(svg);
    const panels = [...svg.matchAll(/<g class="panel" data-panel="([^"]+)"[^>]*>([\s\S]*?)<\/g>/g)].map(
      (m) => ({ id: m[1]!, body: m[2]! }),
    );
    expect(panels.map((p) => p.id)).toEqual(['neutral', ...AVAILABLE_VENDORS]);
    for (const panel of panels) expect(panel.body.match(/class="region"/g), panel.id).toHaveLength(3);
    expect(run.stderr).toContain(`wrote ${out}`);
  });

  it('--json gives the regions each vendor received; a refused layout is a panel with the reason, not a crash', async () => {
    const run = await cli([
      'layout',
      'preview',
      '--layout',
      'grid',
      '--participants',
      'not a uid,1002',
      '--width',
      '640',
      '--height',
      '360',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const preview = JSON.parse(run.stdout) as {
      canvas: { width: number; height: number };
      neutral: unknown[];
      vendors: Array<{
        vendor: string;
        sent?: { units: string; regions: Array<{ x: number; width: number }> };
        error?: { kind: string };
      }>;
    };
    expect(preview.canvas).toEqual({ width: 640, height: 360 });
    expect(preview.neutral).toHaveLength(2);
    expect(preview.vendors.map((v) => v.vendor)).toEqual(AVAILABLE_VENDORS);
    for (const v of preview.vendors) {
      // each vendor either drew the two tiles (in its own units) or said why not
      if (v.error) expect(v.error.kind).toMatch(/validation|unsupported_feature/);
      else {
        const scale = v.sent!.units === 'pixel' ? 640 : 1;
        expect(v.sent!.regions.map((r) => r.width / scale)).toEqual([0.5, 0.5]);
      }
    }
  });

  it('bad input: a usage error for a missing layout, a validation error for a bad preset', async () => {
    const [missing, bad] = await Promise.all([
      cli(['layout', 'preview', '--vendors', 'none']),
      cli(['layout', 'preview', '--layout', 'mosaic']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('layout preview needs --layout');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/layout/);
  });

  it('--png writes a PNG with a renderer on PATH, and says so without one', async () => {
    const png = join(workdir, 'preview.png');
    const emptyPath = join(workdir, 'empty-path');
    mkdirSync(emptyPath, { recursive: true });
    const none = await cli(
      [
        'layout',
        'preview',
        '--layout',
        'grid',
        '--vendors',
        'none',
        '--out',
        join(workdir, 'none.svg'),
        '--png',
        join(workdir, 'none.png'),
      ],
      { PATH: emptyPath },
    );
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no PNG written: no PNG renderer on this machine');
    expect(existsSync(join(workdir, 'none.png'))).toBe(false);
    expect(existsSync(join(workdir, 'none.svg'))).toBe(true);

    if (!findPngRenderer()) return; // nothing more to check on a machine without one
    const run = await cli([
      'layout',
      'preview',
      '--layout',
      'pip',
      '--participants',
      '1001,1002',
      '--png',
      png,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`wrote ${png}`);
    expect(readFileSync(png).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });
});
