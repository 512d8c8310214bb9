import { IssueCollector } from '../validation.js';
import type { Background, LayoutInput, LayoutPreset, Region, Vendor } from '../types.js';
import type { WarningCollector } from '../warnings.js';
import { renderPreset } from './presets.js';

export interface ResolvedLayout {
  /** the preset asked for, if any (an adapter may map it to a vendor template of the same geometry) */
  preset?: LayoutPreset;
  focus?: string;
  /** regions to send: the user's, or the preset rendered by the core engine */
  regions: Region[];
  background?: Background;
}

export interface ResolveLayoutOptions {
  vendor: Vendor;
  /** participants.include of the session, when known */
  participants?: string[] | undefined;
  maxRegions: number;
  /** vendor fills regions without a participant in join order */
  joinOrderFill: boolean;
  warnings?: WarningCollector;
  path?: string;
}

/**
 * Turns a neutral LayoutInput into concrete regions under the vendor's limits. Raises a
 * ValidationError naming the field and the vendor limit for what cannot be sent at all.
 */
export function resolveLayout(layout: LayoutInput, options: ResolveLayoutOptions): ResolvedLayout {
  const path = options.path ?? 'layout';
  const issues = new IssueCollector();
  const participants =
    options.participants && options.participants.length > 0 ? options.participants : undefined;
  let resolved: ResolvedLayout;

  if ('preset' in layout) {
    if (layout.focus !== undefined && participants && !participants.includes(layout.focus)) {
      issues.add(`${path}.focus`, `'${layout.focus}' is not one of participants.include`);
    }
    if (!participants && !options.joinOrderFill) {
      issues.add(
        `${path}.preset`,
        `${options.vendor} cannot fill layout regions in join order: preset '${layout.preset}' needs participants.include`,
      );
    }
    issues.throwIfAny('layout', { vendor: options.vendor });
    const regions = renderPreset(layout.preset, { participants, focus: layout.focus, slots: layout.slots });
    // The core engine draws the preset exactly as docs/layouts.md defines it: sent as regions it
    // loses nothing, so there is no warning and strict mode accepts it (docs/architecture.md).
    resolved = { preset: layout.preset, regions };
    if (layout.focus !== undefined) resolved.focus = layout.focus;
  } else {
    if (!options.joinOrderFill) {
      layout.regions.forEach((region, i) => {
        if (region.participant === undefined) {
          issues.add(
            `${path}.regions[${i}].participant`,
            `is required on ${options.vendor} (no join-order fill)`,
          );
        }
      });
    }
    if (participants) {
      layout.regions.forEach((region, i) => {
        if (region.participant !== undefined && !participants.includes(region.participant)) {
          options.warnings?.add(
            'layout.participant',
            `${path}.regions[${i}].participant '${region.participant}' is not in participants.include: the region stays empty`,
          );
        }
      });
    }
    resolved = { regions: layout.regions.map((r) => ({ ...r })) };
  }

  if (resolved.regions.length > options.maxRegions) {
    issues.add(
      'preset' in layout ? `${path}.preset` : `${path}.regions`,
      `${options.vendor} allows at most ${options.maxRegions} layout regions, got ${resolved.regions.length}`,
    );
  }
  issues.throwIfAny('layout', { vendor: options.vendor });
  if (layout.background) resolved.background = layout.background;
  return resolved;
}

/** Regions in paint order (lowest zIndex first; ties keep list order) for vendors whose z-order is list order. */
export function sortByZIndex(regions: Region[]): Region[] {
  return regions
    .map((region, index) => ({ region, index }))
    .sort((a, b) => (a.region.zIndex ?? 0) - (b.region.zIndex ?? 0) || a.index - b.index)
    .map((e) => e.region);
}
