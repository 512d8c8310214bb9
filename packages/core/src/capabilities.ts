import { UnsupportedFeatureError } from './errors.js';
import type {
  Capabilities,
  LayoutInput,
  MediaKind,
  OutputFormat,
  RecordingMode,
  StartRecordingRequest,
  Vendor,
  VideoLimits,
} from './types.js';
import { IssueCollector } from './validation.js';

/**
 * The one place a vendor's capability table is enforced: what the vendor cannot do at all is an
 * UnsupportedFeatureError (strict or not); a value outside a documented limit is one ValidationError
 * naming every field, rule and number. Both before any request.
 */

export interface CapabilityContext {
  vendor: Vendor;
  operation: string;
}

/** Freezes a capability table deeply (RegExps excepted) so no caller can loosen a limit. */
export function defineCapabilities(capabilities: Capabilities): Readonly<Capabilities> {
  const freeze = (value: unknown): void => {
    if (value && typeof value === 'object' && !(value instanceof RegExp) && !Object.isFrozen(value)) {
      for (const v of Object.values(value)) freeze(v);
      Object.freeze(value);
    }
  };
  freeze(capabilities);
  return capabilities;
}

export function formatsOf(capabilities: Capabilities, mode: RecordingMode): readonly OutputFormat[] {
  return capabilities.formatsByMode?.[mode] ?? capabilities.formats;
}

export function mediaOf(capabilities: Capabilities, mode: RecordingMode): readonly MediaKind[] {
  return capabilities.mediaByMode?.[mode] ?? capabilities.media;
}

export function videoLimitsOf(capabilities: Capabilities, mode: RecordingMode): VideoLimits {
  const { byMode, ...base } = capabilities.video;
  return { ...base, ...(byMode?.[mode] ?? {}) };
}

export function roomMaxBytes(capabilities: Capabilities, mode: RecordingMode): number {
  return capabilities.room.maxBytesByMode?.[mode] ?? capabilities.room.maxBytes;
}

const encoder = new TextEncoder();

/** Every check of a start request against the table. */
export function checkCapabilities(
  capabilities: Capabilities,
  request: StartRecordingRequest,
  ctx: CapabilityContext,
): void {
  checkSupported(capabilities, request, ctx);
  const issues = new IssueCollector();
  checkLimits(capabilities, request, issues);
  if (request.layout) checkLayoutLimits(capabilities, request.layout, issues, 'layout');
  issues.throwIfAny('start request', ctx);
}

/** The table's checks of a layout given to updateLayout (what start checks of `layout`). */
export function checkLayoutCapabilities(
  capabilities: Capabilities,
  layout: LayoutInput,
  ctx: CapabilityContext,
): void {
  if ('preset' in layout && !capabilities.presets.includes(layout.preset)) {
    throw unsupportedFeature(ctx, 'layout.preset', `${ctx.vendor} has no preset '${layout.preset}'`);
  }
  const issues = new IssueCollector();
  checkLayoutLimits(capabilities, layout, issues, 'layout');
  issues.throwIfAny('layout', ctx);
}

function unsupportedFeature(
  ctx: CapabilityContext,
  feature: string,
  message: string,
): UnsupportedFeatureError {
  return new UnsupportedFeatureError(message, feature, { vendor: ctx.vendor, operation: ctx.operation });
}

function checkSupported(
  capabilities: Capabilities,
  request: StartRecordingRequest,
  ctx: CapabilityContext,
): void {
  const { vendor } = ctx;
  const mode = request.mode;
  const fail = (feature: string, message: string): never => {
    throw unsupportedFeature(ctx, feature, message);
  };
  if (!capabilities.modes.includes(mode)) {
    fail(
      `mode.${mode}`,
      `${vendor} cannot record in mode '${mode}' (it offers ${capabilities.modes.join(', ')})`,
    );
  }
  const media = request.media ?? 'audio+video';
  if (!mediaOf(capabilities, mode).includes(media)) {
    fail('media', `${vendor} cannot record media '${media}' in mode '${mode}'`);
  }
  const formats = request.output?.formats ?? [];
  const allowed = formatsOf(capabilities, mode);
  for (const format of formats) {
    if (!allowed.includes(format)) {
      fail(
        'output.formats',
        `${vendor} cannot write '${format}' in mode '${mode}' (it writes ${allowed.join(', ') || 'no files'} there)`,
      );
    }
  }
  if (!capabilities.multipleFormats && formats.length > 1) {
    fail(
      'output.formats',
      `${vendor} writes one file format per recording, got ${formats.join(', ')}: start one recording per format`,
    );
  }
  if (formats.includes('jpg') && !capabilities.snapshot.modes.includes(mode)) {
    fail(
      'output.formats',
      `${vendor} takes snapshots ('jpg') only in mode ${capabilities.snapshot.modes.join(', ')}`,
    );
  }
  if (!capabilities.storageVendors.includes(request.storage.vendor)) {
    fail(
      'storage.vendor',
      `${vendor} cannot store to '${request.storage.vendor}' (it stores to ${capabilities.storageVendors.join(', ')})`,
    );
  }
  const participants = request.participants;
  if (participants?.include && !capabilities.participants.include) {
    fail('participants.include', `${vendor} cannot limit a recording to listed participants`);
  }
  if (participants?.exclude && !capabilities.participants.exclude) {
    fail(
      'participants.exclude',
      `${vendor} cannot leave participants out of a recording: list the ones to record in participants.include`,
    );
  }
  if (capabilities.participants.exactlyOneIn?.includes(mode)) {
    const count = participants?.include?.length ?? 0;
    if (count !== 1) {
      fail(
        'participants.include',
        `${vendor} records exactly one participant per '${mode}' recording: name one in participants.include (got ${count}); start one recording per participant`,
      );
    }
  }
  if (request.layout && 'preset' in request.layout && !capabilities.presets.includes(request.layout.preset)) {
    fail('layout.preset', `${vendor} has no preset '${request.layout.preset}'`);
  }
  if (request.output?.maxIdleSec !== undefined && !capabilities.maxIdleSec) {
    fail('output.maxIdleSec', `${vendor} has no idle timeout setting`);
  }
  const maxDuration = request.output?.maxDurationSec ?? request.web?.maxDurationSec;
  if (maxDuration !== undefined) {
    const modes = capabilities.maxDurationModes ?? capabilities.modes;
    if (!capabilities.maxDurationSec || !modes.includes(mode)) {
      fail(
        'output.maxDurationSec',
        `${vendor} has no maximum duration in mode '${mode}'${capabilities.maxDurationSec ? ` (only in ${modes.join(', ')})` : ''}`,
      );
    }
  }
}

function checkLimits(
  capabilities: Capabilities,
  request: StartRecordingRequest,
  issues: IssueCollector,
): void {
  const mode = request.mode;
  const maxBytes = roomMaxBytes(capabilities, mode);
  const bytes = encoder.encode(request.room).length;
  if (bytes > maxBytes)
    issues.add('room', `must be at most ${maxBytes} bytes (UTF-8) in mode '${mode}', got ${bytes}`);
  const { pattern, rule } = capabilities.room;
  if (pattern && !pattern.test(request.room)) issues.add('room', rule ?? `must match ${pattern}`);

  const idRule = capabilities.participantId;
  const checkId = (path: string, id: string | undefined) => {
    if (id !== undefined && !idRule.pattern.test(id)) issues.add(path, idRule.rule);
  };
  for (const key of ['include', 'exclude'] as const) {
    const list = request.participants?.[key];
    list?.forEach((id, i) => {
      checkId(`participants.${key}[${i}]`, id);
    });
    if (list && list.length > capabilities.participants.maxInclude) {
      issues.add(
        `participants.${key}`,
        `must list at most ${capabilities.participants.maxInclude} participants, got ${list.length}`,
      );
    }
  }
  checkId('recorderUid', request.recorderUid);

  if (request.video) {
    const limits = videoLimitsOf(capabilities, mode);
    const { width, height, fps, bitrateKbps } = request.video;
    issues.checkRange('video.width', width, limits.width, 'video width (px)');
    issues.checkRange('video.height', height, limits.height, 'video height (px)');
    if (width * height > limits.maxPixels) {
      issues.add(
        'video',
        `width × height must be ≤ ${pixelsLabel(limits.maxPixels)}, got ${width} × ${height} = ${width * height}`,
      );
    }
    if (limits.multipleOf) {
      if (width % limits.multipleOf !== 0)
        issues.add('video.width', `must be a multiple of ${limits.multipleOf}, got ${width}`);
      if (height % limits.multipleOf !== 0)
        issues.add('video.height', `must be a multiple of ${limits.multipleOf}, got ${height}`);
    }
    issues.checkRange('video.fps', fps, limits.fps, 'video fps');
    issues.checkRange('video.bitrateKbps', bitrateKbps, limits.bitrateKbps, 'video bitrate (Kbps)');
  }
  if (request.audio) {
    issues.checkRange(
      'audio.bitrateKbps',
      request.audio.bitrateKbps,
      capabilities.audio.bitrateKbps ?? [1, 10_000],
      'audio bitrate (Kbps)',
    );
    // A vendor without the rate records the nearest one (a warning of the adapter); beyond this
    // range the value is a mistake, not a rate.
    issues.checkRange(
      'audio.sampleRateHz',
      request.audio.sampleRateHz,
      [8_000, 192_000],
      'audio sample rate (Hz)',
    );
  }
  const output = request.output;
  issues.checkRange(
    'output.snapshotIntervalSec',
    output?.snapshotIntervalSec,
    capabilities.snapshot.intervalSec,
    'snapshot interval (s)',
  );
  if (capabilities.maxIdleSec)
    issues.checkRange('output.maxIdleSec', output?.maxIdleSec, capabilities.maxIdleSec, 'idle timeout (s)');
  if (capabilities.maxDurationSec) {
    issues.checkRange(
      'output.maxDurationSec',
      output?.maxDurationSec,
      capabilities.maxDurationSec,
      'maximum duration (s)',
    );
    issues.checkRange(
      'web.maxDurationSec',
      request.web?.maxDurationSec,
      capabilities.maxDurationSec,
      'maximum duration (s)',
    );
  }
}

function checkLayoutLimits(
  capabilities: Capabilities,
  layout: LayoutInput,
  issues: IssueCollector,
  path: string,
): void {
  const idRule = capabilities.participantId;
  if ('preset' in layout) {
    if (layout.focus !== undefined && !idRule.pattern.test(layout.focus))
      issues.add(`${path}.focus`, idRule.rule);
    if (layout.slots !== undefined && layout.slots > capabilities.layout.maxRegions) {
      issues.add(
        `${path}.slots`,
        `must be ≤ ${capabilities.layout.maxRegions} (the most regions this vendor lays out), got ${layout.slots}`,
      );
    }
    return;
  }
  if (layout.regions.length > capabilities.layout.maxRegions) {
    issues.add(
      `${path}.regions`,
      `must list at most ${capabilities.layout.maxRegions} regions, got ${layout.regions.length}`,
    );
  }
  layout.regions.forEach((region, i) => {
    if (region.participant !== undefined && !idRule.pattern.test(region.participant)) {
      issues.add(`${path}.regions[${i}].participant`, idRule.rule);
    }
  });
}

/** 2073600 → '1920 × 1080 (2073600 pixels)': the limit as vendors write it. */
function pixelsLabel(pixels: number): string {
  const known: Record<number, string> = {
    [1920 * 1080]: '1920 × 1080',
    [1280 * 720]: '1280 × 720',
    [1920 * 1920]: '1920 × 1920',
  };
  return known[pixels] ? `${known[pixels]} (${pixels} pixels)` : `${pixels} pixels`;
}
