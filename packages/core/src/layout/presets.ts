import { roundFraction } from '../geometry.js';
import type { LayoutPreset, Region } from '../types.js';

/**
 * The preset geometries of docs/layouts.md, rendered to regions (fractions of the canvas). Every
 * adapter that cannot use a vendor template of exactly this geometry sends these regions, so a
 * preset looks the same on every vendor. Pure and deterministic.
 */

/** How many tiles a preset lays out when the participants are not known. */
export const DEFAULT_PRESET_SLOTS: Record<LayoutPreset, number> = { grid: 4, speaker: 5, pip: 4 };

/** Right-hand column of `speaker`: a quarter of the canvas wide, tiles a quarter high (at least). */
const SPEAKER_COLUMN_WIDTH = 0.25;
const SPEAKER_MIN_ROWS = 4;
/** `pip` tiles: at most a fifth of the canvas, with a margin of 2 % around them. */
const PIP_TILE_MAX = 0.2;
const PIP_MARGIN = 0.02;

type Slot = Omit<Region, 'participant'>;

function r(value: number): number {
  return roundFraction(value, 6);
}

/** Near-square grid: columns = ceil(√n), rows = ceil(n / columns), the last row centred. */
export function gridSlots(n: number): Slot[] {
  if (n <= 0) return [];
  const columns = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / columns);
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / columns);
    const column = i % columns;
    const inRow = row === rows - 1 ? n - row * columns : columns;
    const offset = (columns - inRow) / (2 * columns);
    slots.push({
      x: r(offset + column / columns),
      y: r(row / rows),
      width: r(1 / columns),
      height: r(1 / rows),
    });
  }
  return slots;
}

/** Focus large on the left; the others stacked top-down in a column on the right. */
export function speakerSlots(n: number): Slot[] {
  if (n <= 0) return [];
  if (n === 1) return [{ x: 0, y: 0, width: 1, height: 1 }];
  const others = n - 1;
  const tileHeight = 1 / Math.max(others, SPEAKER_MIN_ROWS);
  const slots: Slot[] = [{ x: 0, y: 0, width: r(1 - SPEAKER_COLUMN_WIDTH), height: 1 }];
  for (let i = 0; i < others; i++) {
    slots.push({
      x: r(1 - SPEAKER_COLUMN_WIDTH),
      y: r(i * tileHeight),
      width: SPEAKER_COLUMN_WIDTH,
      height: r(tileHeight),
    });
  }
  return slots;
}

/** Focus fills the canvas; the others are small tiles along the bottom edge, above it (zIndex 1). */
export function pipSlots(n: number): Slot[] {
  if (n <= 0) return [];
  const slots: Slot[] = [{ x: 0, y: 0, width: 1, height: 1, zIndex: 0 }];
  const others = n - 1;
  if (others === 0) return slots;
  const tile = Math.min(PIP_TILE_MAX, (1 - (others + 1) * PIP_MARGIN) / others);
  const y = 1 - PIP_MARGIN - tile;
  for (let i = 0; i < others; i++) {
    slots.push({
      x: r(PIP_MARGIN + i * (tile + PIP_MARGIN)),
      y: r(y),
      width: r(tile),
      height: r(tile),
      zIndex: 1,
    });
  }
  return slots;
}

export function presetSlots(preset: LayoutPreset, n: number): Slot[] {
  switch (preset) {
    case 'grid':
      return gridSlots(n);
    case 'speaker':
      return speakerSlots(n);
    case 'pip':
      return pipSlots(n);
  }
}

export interface RenderPresetOptions {
  /** known participants, in display order; `focus` is moved to the first slot */
  participants?: string[] | undefined;
  focus?: string | undefined;
  /** tiles to lay out when participants are unknown (default DEFAULT_PRESET_SLOTS) */
  slots?: number | undefined;
}

/**
 * Renders a preset to regions. With participants known, one region each (focus first for
 * speaker/pip). Without them, `slots` regions where only the focus (if any) is named: the vendor
 * fills the others in join order.
 */
export function renderPreset(preset: LayoutPreset, options: RenderPresetOptions = {}): Region[] {
  const { participants, focus } = options;
  let order: Array<string | undefined>;
  if (participants && participants.length > 0) {
    order =
      focus && participants.includes(focus)
        ? [focus, ...participants.filter((p) => p !== focus)]
        : [...participants];
  } else {
    const count = options.slots ?? DEFAULT_PRESET_SLOTS[preset];
    order = Array.from({ length: count }, (_, i) => (i === 0 ? focus : undefined));
  }
  const slots = presetSlots(preset, order.length);
  return slots.map((slot, i) => {
    const participant = order[i];
    const region: Region = { ...slot, fit: 'cover' };
    if (participant !== undefined) region.participant = participant;
    return region;
  });
}
