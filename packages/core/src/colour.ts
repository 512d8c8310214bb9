/**
 * Colour conversion shared by the adapters:
 * '#RRGGBB' (neutral, Agora) ↔ 0xRRGGBB00 integer (ZEGO) ↔ 'RRGGBB' (JOCloud).
 */

const HEX = /^#?([0-9A-Fa-f]{6})$/;

function digits(color: string): string {
  const match = HEX.exec(color);
  if (!match) throw new RangeError("colour must be written '#RRGGBB'");
  return match[1]!.toUpperCase();
}

/** '#rrggbb' → '#RRGGBB' */
export function normalizeHexColor(color: string): string {
  return `#${digits(color)}`;
}

/** '#RRGGBB' → 0xRRGGBB00 (ZEGO MixOutputBackgroundColor); always a non-negative integer. */
export function hexToRgbaInt(color: string): number {
  return parseInt(digits(color), 16) * 256;
}

/** 0xRRGGBB00 → '#RRGGBB' */
export function rgbaIntToHex(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError('colour integer out of range');
  return `#${Math.floor(value / 256)
    .toString(16)
    .padStart(6, '0')
    .toUpperCase()}`;
}

/** '#RRGGBB' → 'RRGGBB' (JOCloud) */
export function hexToBareHex(color: string): string {
  return digits(color);
}

/** 'RRGGBB' → '#RRGGBB' */
export function bareHexToHex(color: string): string {
  return `#${digits(color)}`;
}
