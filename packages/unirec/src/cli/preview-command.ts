import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vendor } from '@unirec/core';
import { AVAILABLE_VENDORS } from '../create-recording-provider.js';
import { plural } from '../demo.js';
import { type LayoutPreview, previewLayout } from '../layout-preview.js';
import { type PngResult, writePng } from '../layout-preview-png.js';
import { renderLayoutPreviewSvg } from '../layout-preview-svg.js';
import { type ParsedArgs, type Values, layoutFrom, numberFlag, participantsFrom } from './args.js';
import { type Output, UsageError } from './output.js';

/** --vendors a,b (default every vendor of the registry; 'none': the neutral picture alone). */
export function vendorsFrom(values: Values): Vendor[] {
  if (values.vendors === undefined) return [...AVAILABLE_VENDORS];
  if (values.vendors.trim() === 'none') return [];
  const vendors = values.vendors
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const v of vendors) {
    if (!AVAILABLE_VENDORS.includes(v as Vendor))
      throw new UsageError(`--vendors: unknown vendor '${v}' (use ${AVAILABLE_VENDORS.join(', ')} or none)`);
  }
  return vendors as Vendor[];
}

export function writeText(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(
      `cannot write ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** One line per vendor: what became of the layout there. */
export function summarise(preview: LayoutPreview): string[] {
  return preview.vendors.map((v) => {
    if (v.error) return `${v.vendor}: refused (${v.error.name}: ${v.error.message})`;
    const regions = v.sent ? plural(v.sent.regions.length, 'region') : 'no layout';
    return `${v.vendor}: ${regions} in ${v.sent?.units === 'pixel' ? 'pixels' : 'fractions'}, ${plural(v.warnings.length, 'warning')}`;
  });
}

/** `unirec layout preview`: the SVG to --out (default stdout), a PNG beside it on request. */
export async function runLayoutPreview(args: ParsedArgs, output: Output): Promise<void> {
  const { values, positionals } = args;
  if (positionals[1] !== 'preview') {
    throw new UsageError(
      positionals[1]
        ? `unknown layout command '${positionals[1]}' (use: unirec layout preview)`
        : 'layout needs a command: unirec layout preview',
    );
  }
  const layout = layoutFrom(values);
  if (!layout) throw new UsageError('layout preview needs --layout grid|speaker|pip or --layout-file FILE');
  const preview = await previewLayout({
    layout,
    participants: participantsFrom(values),
    width: numberFlag(values, 'width'),
    height: numberFlag(values, 'height'),
    vendors: vendorsFrom(values),
  });
  const svg = renderLayoutPreviewSvg(preview);
  if (values.out) writeText(values.out, svg, 'SVG file');
  let png: PngResult | undefined;
  if (values.png) {
    const svgPath = values.out ?? join(mkdtempSync(join(tmpdir(), 'unirec-preview-')), 'preview.svg');
    if (!values.out) writeText(svgPath, svg, 'SVG file');
    png = await writePng(svgPath, values.png);
  }
  if (output.json) {
    output.out(
      JSON.stringify({
        ...preview,
        svg: values.out ?? null,
        png: png?.written ? values.png : null,
        ...(png && !png.written ? { pngSkipped: png.reason } : {}),
      }),
    );
    return;
  }
  if (!values.out) output.out(svg.trimEnd());
  for (const line of summarise(preview)) output.err(line);
  if (values.out)
    output.err(
      `wrote ${values.out} (the neutral layout and ${plural(preview.vendors.length, 'vendor panel')})`,
    );
  if (png)
    output.err(png.written ? `wrote ${values.png} (with ${png.renderer})` : `no PNG written: ${png.reason}`);
}
