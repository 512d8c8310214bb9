import type { Region } from '@unirec/core';
import type { SentLayout } from '@unirec/core/adapter';
import type { LayoutPreview, VendorLayoutPreview } from './layout-preview.js';

/**
 * Draws a LayoutPreview as one SVG: the neutral picture, then one panel per vendor drawn from what
 * that vendor's start body holds, with the warnings it gave. A participant has the same colour in
 * every panel, so a tile that moved or vanished shows at a glance. Pure; no dependency.
 */

const PANEL_WIDTH = 320;
const MARGIN = 12;
const TITLE_HEIGHT = 22;
const LINE_HEIGHT = 14;
const CAPTION_FONT = 11;
/** characters per caption line at CAPTION_FONT in a PANEL_WIDTH panel */
const CAPTION_CHARS = 54;
/** a long refusal (one issue per participant, say) is cut here; --json has it whole */
const MAX_CAPTION_LINES = 12;
const DEFAULT_BACKGROUND = '#1E1E2E';
const PALETTE = [
  '#4C78A8',
  '#F58518',
  '#54A24B',
  '#E45756',
  '#72B7B2',
  '#EECA3B',
  '#B279A2',
  '#FF9DA6',
  '#9D755D',
  '#BAB0AC',
];

interface Tile {
  key: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  opacity?: number;
}

interface Caption {
  text: string;
  kind: 'note' | 'warning' | 'refusal';
}

const CAPTION_COLOUR: Record<Caption['kind'], string> = {
  note: '#333',
  warning: '#8A5A00',
  refusal: '#B00020',
};

interface Panel {
  /** 'neutral' or the vendor */
  id: string;
  title: string;
  background: string;
  tiles: Tile[];
  captions: Caption[];
  /** a refused panel is drawn hatched-empty with the reason in its caption */
  refused: boolean;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** '#RRGGBB', 'RRGGBB' or 0xRRGGBBAA (ZEGO) → '#RRGGBB'; anything else → undefined. */
export function cssColour(notation: string | undefined): string | undefined {
  if (!notation) return undefined;
  const hex = /^#?([0-9a-f]{6})$/i.exec(notation) ?? /^0x([0-9a-f]{6})[0-9a-f]{2}$/i.exec(notation);
  return hex ? `#${hex[1]!.toUpperCase()}` : undefined;
}

function wrap(text: string, width = CAPTION_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    // a word longer than a line (a URL, a path) is cut rather than overflowing the panel
    let rest = line ? `${line} ${word}` : word;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function neutralPanel(preview: LayoutPreview): Panel {
  // paint order: lowest zIndex first, ties in list order (as docs/layouts.md defines it)
  const ordered = preview.neutral
    .map((region, index) => ({ region, index }))
    .sort((a, b) => (a.region.zIndex ?? 0) - (b.region.zIndex ?? 0) || a.index - b.index);
  return {
    id: 'neutral',
    title: 'neutral layout (fractions)',
    background: cssColour(preview.background) ?? DEFAULT_BACKGROUND,
    tiles: ordered.map(({ region, index }) => neutralTile(region, index)),
    captions: wrap(`${preview.title}; canvas ${preview.canvas.width}×${preview.canvas.height}`).map(
      (text) => ({ text, kind: 'note' }),
    ),
    refused: false,
  };
}

function neutralTile(region: Region, index: number): Tile {
  const tile: Tile = {
    key: tileKey(region.participant, index),
    label: region.participant ?? `#${index + 1}`,
    x: region.x,
    y: region.y,
    width: region.width,
    height: region.height,
  };
  if (region.alpha !== undefined) tile.opacity = region.alpha;
  return tile;
}

/** Regions the vendor fills in join order have no participant: they match the neutral slot of the same index. */
function tileKey(participant: string | undefined, index: number): string {
  return participant === undefined ? `slot:${index}` : `participant:${participant}`;
}

function vendorPanel(entry: VendorLayoutPreview, preview: LayoutPreview): Panel {
  const sent = entry.sent;
  const units = sent ? (sent.units === 'pixel' ? 'pixels' : 'fractions') : 'nothing sent';
  const captions: Caption[] = [];
  const add = (text: string, kind: Caption['kind']) =>
    captions.push(...wrap(text).map((line) => ({ text: line, kind })));
  if (entry.error) add(`refused: ${entry.error.name}: ${entry.error.message}`, 'refusal');
  for (const w of entry.warnings) add(`warning [${w.feature}] ${w.message}`, 'warning');
  if (!entry.error && entry.warnings.length === 0) add('no warnings', 'note');
  if (sent?.background) add(`background ${sent.background}`, 'note');
  if (captions.length > MAX_CAPTION_LINES) {
    const cut = captions.length - MAX_CAPTION_LINES + 1;
    captions.splice(MAX_CAPTION_LINES - 1, cut, {
      text: `… ${cut} more lines (--json has them all)`,
      kind: 'note',
    });
  }
  return {
    id: entry.vendor,
    title: `${entry.name} (${units})`,
    background: cssColour(sent?.background) ?? DEFAULT_BACKGROUND,
    tiles: sent ? sentTiles(sent, preview) : [],
    captions,
    refused: !sent,
  };
}

function sentTiles(sent: SentLayout, preview: LayoutPreview): Tile[] {
  const scaleX = sent.units === 'pixel' ? preview.canvas.width : 1;
  const scaleY = sent.units === 'pixel' ? preview.canvas.height : 1;
  return sent.regions.map((r, index) => ({
    key: tileKey(r.participant, index),
    label: r.participant ?? `#${index + 1}`,
    x: r.x / scaleX,
    y: r.y / scaleY,
    width: r.width / scaleX,
    height: r.height / scaleY,
  }));
}

function colourMap(panels: Panel[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const panel of panels) {
    for (const tile of panel.tiles)
      if (!colours.has(tile.key)) colours.set(tile.key, PALETTE[colours.size % PALETTE.length]!);
  }
  return colours;
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function drawPanel(panel: Panel, x: number, canvasHeight: number, colours: Map<string, string>): string {
  const top = MARGIN + TITLE_HEIGHT;
  const parts = [
    `<g class="panel" data-panel="${escapeXml(panel.id)}" transform="translate(${n(x)} 0)">`,
    `<text x="0" y="${MARGIN + 14}" font-size="13" font-weight="bold" fill="#222">${escapeXml(panel.title)}</text>`,
    `<rect x="0" y="${top}" width="${PANEL_WIDTH}" height="${n(canvasHeight)}" fill="${panel.background}" stroke="#888" stroke-width="1"/>`,
  ];
  if (panel.refused) {
    parts.push(
      `<line x1="0" y1="${top}" x2="${PANEL_WIDTH}" y2="${n(top + canvasHeight)}" stroke="#E45756" stroke-width="2"/>`,
      `<line x1="${PANEL_WIDTH}" y1="${top}" x2="0" y2="${n(top + canvasHeight)}" stroke="#E45756" stroke-width="2"/>`,
    );
  }
  for (const tile of panel.tiles) {
    const w = tile.width * PANEL_WIDTH;
    const h = tile.height * canvasHeight;
    const tx = tile.x * PANEL_WIDTH;
    const ty = top + tile.y * canvasHeight;
    const opacity = tile.opacity === undefined ? '' : ` fill-opacity="${tile.opacity}"`;
    const font = Math.max(7, Math.min(13, h * 0.3, (w / Math.max(tile.label.length, 1)) * 1.6));
    parts.push(
      `<rect class="region" x="${n(tx)}" y="${n(ty)}" width="${n(w)}" height="${n(h)}" fill="${colours.get(tile.key)}"${opacity} stroke="#fff" stroke-width="1"/>`,
      `<text x="${n(tx + w / 2)}" y="${n(ty + h / 2 + font / 3)}" font-size="${n(font)}" text-anchor="middle" fill="#fff">${escapeXml(tile.label)}</text>`,
    );
  }
  panel.captions.forEach((caption, i) => {
    const y = n(top + canvasHeight + 16 + i * LINE_HEIGHT);
    parts.push(
      `<text class="${caption.kind}" x="0" y="${y}" font-size="${CAPTION_FONT}" fill="${CAPTION_COLOUR[caption.kind]}">${escapeXml(caption.text)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** The preview as an SVG document: the neutral panel first, then one panel per vendor, side by side. */
export function renderLayoutPreviewSvg(preview: LayoutPreview): string {
  const panels = [neutralPanel(preview), ...preview.vendors.map((v) => vendorPanel(v, preview))];
  const canvasHeight = (PANEL_WIDTH * preview.canvas.height) / preview.canvas.width;
  const captionLines = Math.max(...panels.map((p) => p.captions.length));
  const width = MARGIN + panels.length * (PANEL_WIDTH + MARGIN);
  const height = MARGIN + TITLE_HEIGHT + canvasHeight + 8 + captionLines * LINE_HEIGHT + MARGIN;
  const colours = colourMap(panels);
  const title = `unirec layout preview: ${preview.title}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...panels.map((panel, i) => drawPanel(panel, MARGIN + i * (PANEL_WIDTH + MARGIN), canvasHeight, colours)),
    '</svg>',
    '',
  ].join('\n');
}
