import type { LayoutInput, MediaKind, Region } from '@unirec/core';
import {
  type Canvas,
  IssueCollector,
  type WarningCollector,
  isRounded,
  renderPreset,
  resolveLayout,
  sortByZIndex,
  toPixelRect,
  unsupported,
} from '@unirec/core/adapter';
import {
  JOCLOUD_STREAM_TYPE,
  type JoCloudMixOutput,
  toJoCloudBackground,
} from './convert-to-jocloud-mix-output.js';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { type JoCloudStreamRef, parseJoCloudParticipant, streamKey } from './jocloud-participant.js';

/**
 * Neutral layout → JOCloud `mixconfig` (seed 003 "mixconfig" and "input" tables; the output comes
 * from convert-to-jocloud-mix-output.ts). Used by startrecord and by updatemixrecord, which takes the
 * full mixconfig again. Pure.
 *
 * Templates (`templateid` 1 horizontal, 2 vertical, 3 tiled, 4 corner, 5 five users) are never used
 * for a preset: the seed gives no geometry for them ("See Mix layout for details"), so none can be
 * shown to be a preset's geometry of docs/layouts.md. Presets are rendered by the core engine and sent
 * as `input[]`, the same picture as on Agora and ZEGO. The one template unirec sends is tiled (3),
 * for a composite video recording with neither a layout nor participants.include: JOCloud's own
 * arrangement of everyone in the room, as Agora and ZEGO use theirs in that case.
 */

/** `templateid` (seed 003 mixconfig). */
export const JOCLOUD_TEMPLATE = Object.freeze({
  horizontal: 1,
  vertical: 2,
  tiled: 3,
  corner: 4,
  fiveUsersHorizontal: 5,
} as const);

/** input `crop`: 1 fills and crops (cover), 0 letterboxes with black sides (contain). */
export const JOCLOUD_CROP = Object.freeze({ cover: 1, contain: 0 } as const);

export interface JoCloudMixInput {
  uid: string;
  roomid: string;
  streamtype: 0 | 1 | 2;
  zOrder?: number;
  layoutX?: number;
  layoutY?: number;
  layoutH?: number;
  layoutW?: number;
  crop?: 0 | 1;
  alpha?: number;
}

export interface JoCloudMixConfig {
  input?: JoCloudMixInput[];
  templateid?: number;
  output: JoCloudMixOutput;
}

export interface JoCloudMixContext {
  /** the session's room: the `roomid` of every input not written `roomid:uid` */
  room: string;
  media: MediaKind;
  /** output settings: from toJoCloudMixOutput at start, from the session handle afterwards */
  output: JoCloudMixOutput;
  /** participants.include of the session, when known */
  participants?: readonly string[] | undefined;
  warnings: WarningCollector;
  operation: 'start' | 'updateLayout';
}

export function toJoCloudMixConfig(
  layout: LayoutInput | undefined,
  ctx: JoCloudMixContext,
): JoCloudMixConfig {
  const issues = new IssueCollector();
  const context = { vendor: 'jocloud' as const, operation: ctx.operation };
  const include = ctx.participants && ctx.participants.length > 0 ? [...ctx.participants] : undefined;
  const { background: _previous, ...base } = ctx.output;
  const output: JoCloudMixOutput = { ...base, streamtype: JOCLOUD_STREAM_TYPE[ctx.media] };

  const included = new Map<string, JoCloudStreamRef>();
  const keys = new Set<string>();
  include?.forEach((participant, i) => {
    const ref = parseJoCloudParticipant(participant, ctx.room);
    if (keys.has(streamKey(ref))) {
      issues.add(
        `participants.include[${i}]`,
        'names a stream that is already listed (roomid:uid and uid of the same room)',
      );
    }
    keys.add(streamKey(ref));
    included.set(participant, ref);
  });

  if (ctx.media === 'audio') {
    if (layout)
      throw unsupported(
        'jocloud',
        ctx.operation,
        'layout',
        "an audio-only recording (media 'audio') has no video layout",
      );
    issues.throwIfAny('participants', context);
    const mix: JoCloudMixConfig = { output };
    if (included.size > 0) mix.input = [...included.values()].map((ref) => ({ ...ref, streamtype: 2 }));
    return mix;
  }
  issues.throwIfAny('participants', context);
  const canvas: Canvas = { width: output.videowidth ?? 0, height: output.videoheight ?? 0 };

  let regions: Region[];
  let preset: string | undefined;
  if (layout) {
    const resolved = resolveLayout(layout, {
      vendor: 'jocloud',
      participants: include,
      maxRegions: JOCLOUD_LIMITS.maxLayers,
      joinOrderFill: false,
      warnings: ctx.warnings,
      path: 'layout',
    });
    regions = resolved.regions;
    preset = resolved.preset;
    const background = toJoCloudBackground(layout.background, issues, 'layout.background');
    if (background) output.background = background;
  } else if (include) {
    // unirec's own choice (no warning): only input[] can limit the mix to these users.
    regions = renderPreset('grid', { participants: include });
    preset = 'grid';
  } else {
    return { templateid: JOCLOUD_TEMPLATE.tiled, output };
  }

  const input = regionsToInputs(regions, { ...ctx, canvas, included, preset }, issues);
  issues.throwIfAny('layout', context);

  if (ctx.media === 'audio+video') {
    if (include) {
      // Listed users without a region are still heard: an audio-only input each.
      const placed = new Set(input.map((item) => streamKey(item)));
      for (const ref of included.values()) {
        if (!placed.has(streamKey(ref))) input.push({ ...ref, streamtype: 2 });
      }
    } else {
      ctx.warnings.add(
        'layout.audio',
        'JOCloud mixes only the streams listed in input[]: users without a region are not heard (list them in participants.include)',
      );
    }
  }
  return { input, output };
}

interface RegionContext {
  room: string;
  media: MediaKind;
  canvas: Canvas;
  included: Map<string, JoCloudStreamRef>;
  /** the preset the regions come from: the core engine's geometry, whose rounding is no loss */
  preset: string | undefined;
  warnings: WarningCollector;
}

function regionsToInputs(regions: Region[], ctx: RegionContext, issues: IssueCollector): JoCloudMixInput[] {
  const { canvas } = ctx;
  const where = (i: number) => (ctx.preset ? 'layout.preset' : `layout.regions[${i}]`);
  // A region whose participant is not in participants.include stays empty (resolveLayout warned).
  const kept = regions
    .map((region, index) => ({ region, index }))
    .filter(({ region }) => ctx.included.size === 0 || ctx.included.has(region.participant ?? ''));
  // zOrder is the paint rank: lowest zIndex at the bottom, ties in list order (the neutral rule), so
  // any zIndex 0–100 fits JOCloud's 16 layers without changing the picture.
  const paint = sortByZIndex(kept.map((k) => k.region));
  const seen = new Map<string, number>();
  const rounded: number[] = [];
  const input: JoCloudMixInput[] = [];
  for (const { region, index } of kept) {
    const ref =
      ctx.included.get(region.participant ?? '') ??
      parseJoCloudParticipant(region.participant ?? '', ctx.room);
    const key = streamKey(ref);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.add(
        `${where(index)}.participant`,
        `names the same stream as layout.regions[${first}] (roomid:uid and uid of the same room)`,
      );
      continue;
    }
    seen.set(key, index);
    const rect = toPixelRect(region, canvas);
    if (rect.width <= 0 || rect.height <= 0) {
      issues.add(
        where(index),
        `is less than 1 pixel wide or high on the ${canvas.width}×${canvas.height} canvas`,
      );
      continue;
    }
    if (isRounded(region, canvas)) rounded.push(index);
    if (region.placeholderImage !== undefined) {
      ctx.warnings.add(
        'layout.placeholderImage',
        `JOCloud has no per-input placeholder image: ${where(index)}.placeholderImage is not sent`,
      );
    }
    const item: JoCloudMixInput = {
      uid: ref.uid,
      roomid: ref.roomid,
      streamtype: JOCLOUD_STREAM_TYPE[ctx.media],
      zOrder: paint.indexOf(region),
      layoutX: rect.left,
      layoutY: rect.top,
      layoutH: rect.height,
      layoutW: rect.width,
      crop: JOCLOUD_CROP[region.fit ?? 'cover'],
    };
    if (region.alpha !== undefined) item.alpha = region.alpha;
    input.push(item);
  }
  // A preset is the core engine's geometry drawn on whole pixels: nothing the user asked for is lost.
  if (rounded.length > 0 && !ctx.preset) {
    ctx.warnings.add(
      'layout.rounding',
      `${rounded.map((i) => `layout.regions[${i}]`).join(', ')}: edges rounded to whole pixels on the ${canvas.width}×${canvas.height} canvas (neighbours keep sharing their edges)`,
    );
  }
  return input;
}
