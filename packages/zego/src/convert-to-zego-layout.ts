import type { Background, LayoutInput, Region } from '@unirec/core';
import {
  type Canvas,
  IssueCollector,
  type WarningCollector,
  hexToRgbaInt,
  isRounded,
  resolveLayout,
  toPixelRect,
} from '@unirec/core/adapter';
import { ZEGO_LIMITS } from './zego-capabilities.js';

/**
 * Neutral layout → ZEGO MixConfig layout fields. Pure.
 *
 * ZEGO's templates (MixMode 2 equal division, 3 horizontal, 4 vertical, 5 floating; ZEGOCLOUD docs
 * "Set mixed-stream layout") do not have the geometry of any core preset: its grid fills by column
 * and never centres a short last row, "vertical" stacks up to two columns of small views at 8 per
 * column, "floating" starts its small views at the bottom-right corner. So every preset is rendered
 * by the core layout engine and sent as a custom layout (MixMode 1) — the same picture as on
 * every other vendor, exactly, so nothing is lost and nothing is warned.
 */

/** MixInputList item (seed 002/004 "MixInputList"). */
export interface ZegoMixInput {
  StreamId?: string;
  Top: number;
  Left: number;
  Bottom: number;
  Right: number;
  Layer: number;
  /** 1 crop (cover), 2 scale (contain) */
  FillMode: 1 | 2;
  BackgroundImage?: string;
}

export interface ZegoLayout {
  MixMode: 1;
  MixInputList: ZegoMixInput[];
  MixMaxResolutionStreamId?: string;
}

export interface ZegoBackground {
  /** 0xRRGGBB00 */
  MixOutputBackgroundColor?: number;
  MixOutputBackgroundImage?: string;
}

/** Neutral fit → FillMode; an unset fit is cover, ZEGO's own default (1). */
export const ZEGO_FILL_MODE = { cover: 1, contain: 2 } as const;

export interface ZegoLayoutContext {
  canvas: Canvas;
  /** participants.include of the session, when known */
  participants?: string[] | undefined;
  warnings: WarningCollector;
  /** field path prefix used in messages ('layout') */
  path?: string;
}

export function toZegoLayout(layout: LayoutInput, ctx: ZegoLayoutContext): ZegoLayout {
  const path = ctx.path ?? 'layout';
  const { canvas, warnings } = ctx;
  const resolved = resolveLayout(layout, {
    vendor: 'zego',
    participants: ctx.participants,
    maxRegions: ZEGO_LIMITS.maxRegions,
    joinOrderFill: true,
    warnings,
    path,
  });

  const issues = new IssueCollector();
  const regionPath = (i: number) => (resolved.preset ? `${path}.preset` : `${path}.regions[${i}]`);
  const rounded: number[] = [];
  const list = resolved.regions.map((region, i) => {
    const rect = toPixelRect(region, canvas);
    if (rect.width <= 0 || rect.height <= 0) {
      issues.add(
        regionPath(i),
        `is less than 1 pixel wide or high on the ${canvas.width}×${canvas.height} canvas`,
      );
    }
    if (isRounded(region, canvas)) rounded.push(i);
    if (region.alpha !== undefined && region.alpha < 1) {
      warnings.add(
        'layout.alpha',
        `ZEGOCLOUD has no transparency: ${path}.regions[${i}].alpha ${region.alpha} is drawn opaque`,
      );
    }
    const item: ZegoMixInput = {
      Top: rect.top,
      Left: rect.left,
      Bottom: rect.bottom,
      Right: rect.right,
      Layer: region.zIndex ?? 0,
      FillMode: ZEGO_FILL_MODE[region.fit ?? 'cover'],
    };
    if (region.participant !== undefined) item.StreamId = region.participant;
    if (region.placeholderImage !== undefined) {
      if (region.participant === undefined) {
        warnings.add(
          'layout.placeholderImage',
          `${path}.regions[${i}].placeholderImage needs a participant on ZEGOCLOUD (BackgroundImage applies only with a StreamId): not sent`,
        );
      } else item.BackgroundImage = region.placeholderImage;
    }
    return { item, rect };
  });
  issues.throwIfAny('layout', { vendor: 'zego' });

  // A preset's edges are rounded the same way on every pixel vendor: that is how the preset is drawn
  // on a pixel canvas, not a loss (docs/layouts.md). The user's own fractions are reported.
  if (rounded.length > 0 && !resolved.preset) {
    const where = rounded.map((i) => `${path}.regions[${i}]`).join(', ');
    warnings.add(
      'layout.rounding',
      `${where}: edges rounded to whole pixels on the ${canvas.width}×${canvas.height} canvas (neighbours keep sharing their edges)`,
    );
  }
  warnSameLayerOverlaps(list, resolved.regions, warnings, path);

  const out: ZegoLayout = { MixMode: 1, MixInputList: list.map((e) => e.item) };
  if (resolved.focus !== undefined) out.MixMaxResolutionStreamId = resolved.focus;
  return out;
}

/** Overlapping views on the same Layer have no defined order on ZEGO: say so instead of guessing. */
function warnSameLayerOverlaps(
  list: Array<{ item: ZegoMixInput; rect: { left: number; top: number; right: number; bottom: number } }>,
  regions: Region[],
  warnings: WarningCollector,
  path: string,
): void {
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const A = list[a]!;
      const B = list[b]!;
      if (A.item.Layer !== B.item.Layer) continue;
      const overlaps =
        Math.min(A.rect.right, B.rect.right) > Math.max(A.rect.left, B.rect.left) &&
        Math.min(A.rect.bottom, B.rect.bottom) > Math.max(A.rect.top, B.rect.top);
      if (overlaps && regions[a] && regions[b]) {
        warnings.add(
          'layout.zIndex',
          `${path}.regions[${a}] and [${b}] overlap on the same zIndex: ZEGOCLOUD does not define which is on top (give them different zIndex)`,
        );
      }
    }
  }
}

/** Canvas background (StartRecord only: UpdateLayout cannot change it). */
export function toZegoBackground(background: Background | undefined): ZegoBackground {
  const out: ZegoBackground = {};
  if (background?.color !== undefined) out.MixOutputBackgroundColor = hexToRgbaInt(background.color);
  if (background?.image !== undefined) out.MixOutputBackgroundImage = background.image;
  return out;
}
