import type { Region } from './types.js';

/**
 * Fractions of the canvas → integer pixel edges. Edges are rounded, not sizes
 * (edge = round(fraction × canvas), size = right − left), so two regions that share an edge in
 * fractions share it in pixels too: no overlap and no gap.
 */
export interface PixelRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface Canvas {
  width: number;
  height: number;
}

export function roundEdge(fraction: number, size: number): number {
  return Math.round(fraction * size);
}

export function toPixelRect(region: Pick<Region, 'x' | 'y' | 'width' | 'height'>, canvas: Canvas): PixelRect {
  const left = roundEdge(region.x, canvas.width);
  const top = roundEdge(region.y, canvas.height);
  const right = Math.min(canvas.width, roundEdge(region.x + region.width, canvas.width));
  const bottom = Math.min(canvas.height, roundEdge(region.y + region.height, canvas.height));
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

/** True when the pixel rect is not exactly the fractions (the caller warns 'layout.rounding'). */
export function isRounded(region: Pick<Region, 'x' | 'y' | 'width' | 'height'>, canvas: Canvas): boolean {
  const exact = (f: number, size: number) => Math.abs(f * size - Math.round(f * size)) < 1e-6;
  return !(
    exact(region.x, canvas.width) &&
    exact(region.y, canvas.height) &&
    exact(region.x + region.width, canvas.width) &&
    exact(region.y + region.height, canvas.height)
  );
}

/** Keeps a fraction at `digits` decimals (Agora takes 6), without float noise like 0.30000000000000004. */
export function roundFraction(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
