import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import type { Region } from '../types.js';
import { WarningCollector } from '../warnings.js';
import { gridSlots, pipSlots, renderPreset, speakerSlots } from './presets.js';
import { resolveLayout, sortByZIndex } from './resolve.js';

function inside(r: Omit<Region, 'participant'>): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.width <= 1 + 1e-9 && r.y + r.height <= 1 + 1e-9;
}

function overlaps(a: Omit<Region, 'participant'>, b: Omit<Region, 'participant'>): boolean {
  const eps = 1e-6;
  return (
    a.x + eps < b.x + b.width &&
    b.x + eps < a.x + a.width &&
    a.y + eps < b.y + b.height &&
    b.y + eps < a.y + a.height
  );
}

describe('grid', () => {
  it('uses columns = ceil(√n), rows = ceil(n / columns)', () => {
    for (let n = 1; n <= 17; n++) {
      const slots = gridSlots(n);
      const columns = Math.ceil(Math.sqrt(n));
      const rows = Math.ceil(n / columns);
      expect(slots).toHaveLength(n);
      expect(new Set(slots.map((s) => s.y)).size).toBe(rows);
      for (const s of slots) {
        expect(s.width).toBeCloseTo(1 / columns, 5);
        expect(s.height).toBeCloseTo(1 / rows, 5);
        expect(inside(s)).toBe(true);
      }
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) expect(overlaps(slots[i]!, slots[j]!)).toBe(false);
    }
  });

  it('centres the last row', () => {
    const slots = gridSlots(3); // 2 columns, 2 rows, one cell in the last row
    expect(slots[2]).toEqual({ x: 0.25, y: 0.5, width: 0.5, height: 0.5 });
    const five = gridSlots(5); // 3 columns, 2 rows, two cells centred
    expect(five[3]!.x).toBeCloseTo(1 / 6, 5);
    expect(five[4]!.x + five[4]!.width).toBeCloseTo(5 / 6, 5);
  });
});

describe('speaker and pip', () => {
  it('speaker: focus on the left, the others in a right column', () => {
    const slots = speakerSlots(4);
    expect(slots[0]).toEqual({ x: 0, y: 0, width: 0.75, height: 1 });
    expect(slots.slice(1).map((s) => [s.x, s.y, s.width, s.height])).toEqual([
      [0.75, 0, 0.25, 0.25],
      [0.75, 0.25, 0.25, 0.25],
      [0.75, 0.5, 0.25, 0.25],
    ]);
    for (const s of speakerSlots(17)) expect(inside(s)).toBe(true);
    expect(speakerSlots(1)).toEqual([{ x: 0, y: 0, width: 1, height: 1 }]);
  });

  it('pip: focus fills the canvas, tiles along the bottom above it', () => {
    const slots = pipSlots(3);
    expect(slots[0]).toMatchObject({ x: 0, y: 0, width: 1, height: 1, zIndex: 0 });
    for (const tile of slots.slice(1)) {
      expect(tile.zIndex).toBe(1);
      expect(tile.y + tile.height).toBeCloseTo(0.98, 5);
      expect(inside(tile)).toBe(true);
    }
    expect(overlaps(slots[1]!, slots[2]!)).toBe(false);
    const many = pipSlots(17).slice(1);
    for (let i = 1; i < many.length; i++) expect(overlaps(many[i - 1]!, many[i]!)).toBe(false);
    for (const t of many) expect(inside(t)).toBe(true);
  });
});

describe('renderPreset', () => {
  it('puts the focus first and names every participant', () => {
    const regions = renderPreset('speaker', { participants: ['a', 'b', 'c'], focus: 'b' });
    expect(regions.map((r) => r.participant)).toEqual(['b', 'a', 'c']);
    expect(regions[0]!.width).toBe(0.75);
  });

  it('lays out unnamed slots when participants are unknown', () => {
    const regions = renderPreset('grid', {});
    expect(regions).toHaveLength(4);
    expect(regions.every((r) => r.participant === undefined)).toBe(true);
    expect(renderPreset('pip', { focus: 'host', slots: 3 }).map((r) => r.participant)).toEqual([
      'host',
      undefined,
      undefined,
    ]);
  });
});

describe('resolveLayout', () => {
  const base = { vendor: 'agora' as const, maxRegions: 17, joinOrderFill: true };

  it('renders presets and keeps background', () => {
    const resolved = resolveLayout(
      { preset: 'grid', background: { color: '#000000' } },
      { ...base, participants: ['1', '2'] },
    );
    expect(resolved.preset).toBe('grid');
    expect(resolved.regions).toHaveLength(2);
    expect(resolved.background).toEqual({ color: '#000000' });
  });

  it('names the vendor limit when there are too many regions', () => {
    const participants = Array.from({ length: 18 }, (_, i) => String(i + 1));
    expect(() => resolveLayout({ preset: 'grid' }, { ...base, participants })).toThrow(
      /agora allows at most 17 layout regions, got 18/,
    );
  });

  it('needs participants where the vendor cannot fill in join order', () => {
    expect(() =>
      resolveLayout({ preset: 'grid' }, { ...base, vendor: 'jocloud', joinOrderFill: false }),
    ).toThrow(ValidationError);
    expect(() =>
      resolveLayout(
        { regions: [{ x: 0, y: 0, width: 1, height: 1 }] },
        { ...base, vendor: 'jocloud', joinOrderFill: false },
      ),
    ).toThrow(/layout.regions\[0\].participant/);
  });

  it('rejects a focus that is not a participant and warns on a stray region participant', () => {
    expect(() => resolveLayout({ preset: 'speaker', focus: 'x' }, { ...base, participants: ['1'] })).toThrow(
      /layout.focus/,
    );
    const warnings = new WarningCollector(false, 'agora', 'start');
    resolveLayout(
      { regions: [{ participant: 'x', x: 0, y: 0, width: 1, height: 1 }] },
      { ...base, participants: ['1'], warnings },
    );
    expect(warnings.warnings[0]!.feature).toBe('layout.participant');
  });

  it('a preset drawn by the core engine is not a loss: no warning, and strict accepts it (docs/architecture.md)', () => {
    const strict = new WarningCollector(true, 'agora', 'start');
    const known = resolveLayout({ preset: 'grid' }, { ...base, participants: ['1', '2'], warnings: strict });
    expect(known.regions).toHaveLength(2);
    const unknown = resolveLayout({ preset: 'pip' }, { ...base, warnings: strict });
    expect(unknown.regions.every((r) => r.participant === undefined)).toBe(true);
    expect(strict.warnings).toEqual([]);
  });

  it('sorts by zIndex, keeping list order for ties', () => {
    const r = (zIndex: number | undefined, participant: string): Region => ({
      participant,
      x: 0,
      y: 0,
      width: 1,
      height: 1,
      zIndex,
    });
    expect(
      sortByZIndex([r(2, 'a'), r(undefined, 'b'), r(1, 'c'), r(0, 'd')]).map((x) => x.participant),
    ).toEqual(['b', 'd', 'c', 'a']);
  });
});
