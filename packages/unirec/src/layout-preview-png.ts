import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * PNG from the preview SVG with a renderer already on the machine (no npm dependency: rasterising
 * SVG in JavaScript means a native module or a browser). Tried in order: rsvg-convert (librsvg,
 * small, exact), then a headless Chromium or Chrome.
 */

export interface PngRenderer {
  name: string;
  path: string;
  kind: 'rsvg' | 'chromium';
}

const CANDIDATES: ReadonlyArray<Omit<PngRenderer, 'path'>> = [
  { name: 'rsvg-convert', kind: 'rsvg' },
  { name: 'chromium', kind: 'chromium' },
  { name: 'chromium-browser', kind: 'chromium' },
  { name: 'google-chrome', kind: 'chromium' },
  { name: 'google-chrome-stable', kind: 'chromium' },
];

export const NO_PNG_RENDERER =
  'no PNG renderer on this machine: install rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin) or Chromium';

const RENDER_TIMEOUT_MS = 30_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first renderer found on PATH, or undefined. */
export function findPngRenderer(
  env: Record<string, string | undefined> = process.env,
): PngRenderer | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const candidate of CANDIDATES) {
    for (const dir of dirs) {
      const path = join(dir, candidate.name);
      if (executable(path)) return { ...candidate, path };
    }
  }
  return undefined;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    execFile(file, args, { timeout: RENDER_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (error) fail(new Error(`${file} failed: ${String(stderr).trim().split('\n')[0] || error.message}`));
      else done();
    });
  });
}

export type PngResult = { written: true; renderer: string } | { written: false; reason: string };

/** The root element's width and height (a browser needs a window of that size). */
function svgSize(svgPath: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(readFileSync(svgPath, 'utf8'))?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 1280);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 720);
  return { width, height };
}

/** Renders the SVG file `svgPath` to `pngPath`; never throws: says why when it could not. */
export async function writePng(
  svgPath: string,
  pngPath: string,
  env: Record<string, string | undefined> = process.env,
): Promise<PngResult> {
  const renderer = findPngRenderer(env);
  if (!renderer) return { written: false, reason: NO_PNG_RENDERER };
  const svg = resolve(svgPath);
  const png = resolve(pngPath);
  const size = svgSize(svg);
  try {
    if (renderer.kind === 'rsvg') await run(renderer.path, ['--format', 'png', '--output', png, svg]);
    else {
      await run(renderer.path, [
        '--headless',
        '--disable-gpu',
        '--no-sandbox',
        '--hide-scrollbars',
        `--window-size=${Math.ceil(size.width)},${Math.ceil(size.height)}`,
        `--screenshot=${png}`,
        pathToFileURL(svg).href,
      ]);
    }
  } catch (error) {
    return { written: false, reason: (error as Error).message };
  }
  if (!existsSync(png) || !readFileSync(png).subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { written: false, reason: `${renderer.name} wrote no PNG` };
  }
  return { written: true, renderer: renderer.name };
}
