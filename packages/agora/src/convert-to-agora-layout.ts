import type { LayoutInput, Region } from '@unirec/core';
import {
  type WarningCollector,
  normalizeHexColor,
  resolveLayout,
  roundFraction,
  sortByZIndex,
} from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';

/**
 * Neutral layout → the layout fields of Agora's `transcodingConfig` (start) and of the
 * `updateLayout` clientRequest (the same fields). Pure: no IO.
 */

export interface AgoraLayoutRegion {
  uid?: string;
  x_axis: number;
  y_axis: number;
  width: number;
  height: number;
  alpha?: number;
  render_mode: number;
}

export interface AgoraBackgroundConfig {
  uid: string;
  image_url: string;
  render_mode: number;
}

export interface AgoraLayoutFields {
  mixedVideoLayout: number;
  maxResolutionUid?: string;
  backgroundColor?: string;
  backgroundImage?: string;
  defaultUserBackgroundImage?: string;
  layoutConfig?: AgoraLayoutRegion[];
  backgroundConfig?: AgoraBackgroundConfig[];
}

/** seed 001 transcodingConfig.mixedVideoLayout */
export const AGORA_MIXED_VIDEO_LAYOUT = { floating: 0, adaptive: 1, vertical: 2, custom: 3 } as const;

/**
 * No Agora template draws a preset's geometry (docs/layouts.md), so every preset is sent as custom
 * regions (mixedVideoLayout 3) rendered by the core engine, the same picture as on the other vendors:
 * - grid vs adaptive (1): Agora does not document its cell sizes or where a short last row goes;
 *   ours centres it.
 * - speaker vs vertical (2): Agora's right side grows to 2 columns of 8; ours is one column, ¼ wide.
 * - pip vs floating (0): Agora stacks up to 4 rows of 4 tiles upward from the bottom-left; ours is
 *   one row along the bottom with a 2 % margin.
 * Ask for an Agora template directly with vendorOptions.agora (recordingConfig.transcodingConfig.mixedVideoLayout).
 */

/** seed 000/001 layoutConfig.render_mode and backgroundConfig.render_mode: 0 crop (cover), 1 fit (contain). */
export const AGORA_RENDER_MODE = { cover: 0, contain: 1 } as const;

/** seed 000 backgroundConfig.image_url: JPG and BMP only; these common extensions are neither. */
const NOT_AGORA_IMAGE = ['png', 'gif', 'webp', 'svg', 'tif', 'tiff', 'heic'];

export interface LayoutContext {
  /** participants.include of the session, when known */
  participants?: string[] | undefined;
  warnings: WarningCollector;
  operation: 'start' | 'updateLayout';
  path?: string;
}

export function toAgoraLayout(layout: LayoutInput, ctx: LayoutContext): AgoraLayoutFields {
  const path = ctx.path ?? 'layout';
  // Participant ids (uids) were checked against AGORA_CAPABILITIES.participantId by core.
  const resolved = resolveLayout(layout, {
    vendor: 'agora',
    participants: ctx.participants,
    maxRegions: AGORA_LIMITS.maxRegions,
    joinOrderFill: true,
    warnings: ctx.warnings,
    path,
  });

  // A preset's stacking is its paint order (the engine sorts it): list order expresses it exactly.
  if (!resolved.preset && hasMeaningfulZOrder(resolved.regions)) {
    ctx.warnings.add(
      'layout.zIndex',
      'Agora has no z-index: overlapping regions are sent in paint order (layoutConfig list order)',
    );
  }
  const regions = sortByZIndex(resolved.regions);
  const layoutConfig = regions.map((r) => toAgoraRegion(r, ctx.warnings));
  const fields: AgoraLayoutFields = { mixedVideoLayout: AGORA_MIXED_VIDEO_LAYOUT.custom, layoutConfig };
  placeholders(regions, fields, ctx.warnings);
  return withBackground(fields, resolved.background, resolved.focus, ctx);
}

function withBackground(
  fields: AgoraLayoutFields,
  background: { color?: string; image?: string } | undefined,
  focus: string | undefined,
  ctx: LayoutContext,
): AgoraLayoutFields {
  // The large-window uid of Agora's templates; harmless with custom regions, where the focus
  // participant already holds the large region.
  if (focus !== undefined) fields.maxResolutionUid = focus;
  if (background?.color) fields.backgroundColor = normalizeHexColor(background.color);
  if (background?.image) {
    checkImage(background.image, 'layout.background.image', ctx.warnings);
    fields.backgroundImage = background.image;
  }
  return fields;
}

function toAgoraRegion(region: Region, warnings: WarningCollector): AgoraLayoutRegion {
  // Round edges, not sizes, so neighbours keep sharing an edge at 6 decimals.
  const left = roundFraction(region.x, 6);
  const top = roundFraction(region.y, 6);
  const right = roundFraction(Math.min(1, region.x + region.width), 6);
  const bottom = roundFraction(Math.min(1, region.y + region.height), 6);
  const out: AgoraLayoutRegion = {
    x_axis: left,
    y_axis: top,
    width: roundFraction(right - left, 6),
    height: roundFraction(bottom - top, 6),
    render_mode: AGORA_RENDER_MODE[region.fit ?? 'cover'],
  };
  if (region.participant !== undefined) out.uid = region.participant;
  if (region.alpha !== undefined) out.alpha = roundFraction(region.alpha, 6);
  const moved =
    Math.abs(out.x_axis - region.x) > 1e-9 ||
    Math.abs(out.y_axis - region.y) > 1e-9 ||
    Math.abs(out.width - region.width) > 1e-9 ||
    Math.abs(out.height - region.height) > 1e-9 ||
    (region.alpha !== undefined && Math.abs(out.alpha! - region.alpha) > 1e-9);
  if (moved)
    warnings.add(
      'layout.rounding',
      'Agora takes layout fractions to 6 decimals: some coordinates were rounded',
    );
  return out;
}

/**
 * placeholderImage → backgroundConfig (per uid). A region without a participant has no uid to attach
 * it to: its image becomes defaultUserBackgroundImage, which Agora shows for every user without one.
 */
function placeholders(regions: Region[], fields: AgoraLayoutFields, warnings: WarningCollector): void {
  const perUid: AgoraBackgroundConfig[] = [];
  const unnamed: string[] = [];
  regions.forEach((r, i) => {
    if (r.placeholderImage === undefined) return;
    checkImage(r.placeholderImage, `layout.regions[${i}].placeholderImage`, warnings);
    if (r.participant !== undefined) {
      perUid.push({
        uid: r.participant,
        image_url: r.placeholderImage,
        render_mode: AGORA_RENDER_MODE[r.fit ?? 'cover'],
      });
    } else if (!unnamed.includes(r.placeholderImage)) unnamed.push(r.placeholderImage);
  });
  if (perUid.length > 0) fields.backgroundConfig = perUid;
  if (unnamed.length > 0) {
    fields.defaultUserBackgroundImage = unnamed[0]!;
    warnings.add(
      'layout.placeholderImage',
      unnamed.length === 1
        ? 'a placeholderImage of a region without participant is sent as Agora defaultUserBackgroundImage: it applies to every user without their own'
        : `Agora has one defaultUserBackgroundImage for regions without participant: ${unnamed.length - 1} other placeholder image(s) dropped`,
    );
  }
}

function checkImage(url: string, path: string, warnings: WarningCollector): void {
  let ext: string | undefined;
  try {
    ext = /\.([A-Za-z0-9]+)$/.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  } catch {
    ext = undefined;
  }
  if (ext && NOT_AGORA_IMAGE.includes(ext)) {
    warnings.add(
      'layout.imageFormat',
      `${path}: Agora shows only JPG and BMP images (≤ 6 MB); a .${ext} image may not be shown`,
    );
  }
}

/** True when two overlapping regions ask for different stacking: only list order can express it on Agora. */
function hasMeaningfulZOrder(regions: Region[]): boolean {
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const a = regions[i]!;
      const b = regions[j]!;
      if ((a.zIndex ?? 0) === (b.zIndex ?? 0)) continue;
      const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (overlapX > 1e-9 && overlapY > 1e-9) return true;
    }
  }
  return false;
}
