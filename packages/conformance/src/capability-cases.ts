import type { Capabilities, StartRecordingRequest, StorageVendor } from '@unirec/core';
import { STORAGE_VENDORS } from '@unirec/core/adapter';
import { type InvalidCase, mutate } from './invalid-requests.js';

/**
 * Cases derived from a provider's capability table: every mode, format, storage vendor, media and
 * participant rule the vendor lacks must be an UnsupportedFeatureError before any request, and every
 * value just past a documented limit a ValidationError naming the field.
 */

export interface UnsupportedCase {
  name: string;
  request: StartRecordingRequest;
}

/** A value just past a documented limit, and the field the ValidationError must name. */
export type LimitCase = InvalidCase;

const ALL_FORMATS = ['hls', 'mp4', 'flv', 'mp3', 'jpg'] as const;
const ALL_MODES = ['composite', 'individual', 'web'] as const;

export function unsupportedCases(
  caps: Capabilities,
  composite: StartRecordingRequest,
  individual: StartRecordingRequest,
): UnsupportedCase[] {
  const cases: UnsupportedCase[] = [];
  const base = (mode: string) => (mode === 'individual' ? individual : composite);
  for (const mode of ALL_MODES) {
    if (!caps.modes.includes(mode)) {
      cases.push({
        name: `mode '${mode}'`,
        request: mutate(composite, (r) => {
          r.mode = mode;
          delete r.layout;
          delete r.participants;
          if (mode === 'web') r.web = { url: 'https://example.com/page' };
        }),
      });
      continue;
    }
    if (mode === 'web') continue; // the package's own requests cover web mode
    const allowed = caps.formatsByMode?.[mode] ?? caps.formats;
    for (const format of ALL_FORMATS) {
      if (allowed.includes(format)) continue;
      cases.push({
        name: `'${format}' output in mode '${mode}'`,
        request: mutate(base(mode), (r) => {
          r.output = { formats: [format] };
          if (format === 'jpg') delete r.layout;
        }),
      });
    }
    if (!caps.multipleFormats) {
      const two = allowed.filter((f) => f !== 'jpg').slice(0, 2);
      if (two.length === 2)
        cases.push({
          name: `two formats in mode '${mode}'`,
          request: mutate(base(mode), (r) => (r.output = { formats: two })),
        });
    }
  }
  for (const vendor of STORAGE_VENDORS) {
    if (caps.storageVendors.includes(vendor as StorageVendor)) continue;
    cases.push({
      name: `storage '${vendor}'`,
      request: mutate(composite, (r) => {
        r.storage = { ...r.storage, vendor, region: r.storage.region ?? 'us-east-1' };
        if (vendor === 's3-compatible') r.storage.endpoint = 'https://storage.example.com';
      }),
    });
  }
  if (!caps.participants.exclude) {
    cases.push({
      name: 'participants.exclude',
      request: mutate(composite, (r) => {
        const ids: string[] = r.participants?.include ?? [];
        r.participants = { exclude: ids.slice(0, 1).length ? ids.slice(0, 1) : ['1'] };
        delete r.layout;
      }),
    });
  }
  if (!caps.maxIdleSec)
    cases.push({
      name: 'output.maxIdleSec',
      request: mutate(composite, (r) => (r.output = { maxIdleSec: 60 })),
    });
  for (const mode of caps.modes) {
    if (mode === 'web') continue;
    const durationModes = caps.maxDurationModes ?? caps.modes;
    if (!caps.maxDurationSec || !durationModes.includes(mode)) {
      cases.push({
        name: `output.maxDurationSec in mode '${mode}'`,
        request: mutate(base(mode), (r) => (r.output = { maxDurationSec: 3600 })),
      });
    }
    if (!caps.snapshot.modes.includes(mode) && (caps.formatsByMode?.[mode] ?? caps.formats).includes('jpg')) {
      cases.push({
        name: `snapshots in mode '${mode}'`,
        request: mutate(base(mode), (r) => (r.output = { formats: ['jpg'] })),
      });
    }
  }
  return cases;
}

export function limitCases(caps: Capabilities, composite: StartRecordingRequest): LimitCase[] {
  const cases: LimitCase[] = [];
  const v = caps.video;
  const w = Math.min(v.width[1], 1280);
  const h = Math.min(v.height[1], 720);
  const ok = { width: w - (w % (v.multipleOf ?? 1)), height: h - (h % (v.multipleOf ?? 1)) };
  cases.push({
    name: 'video wider than allowed',
    field: 'video.width',
    request: mutate(composite, (r) => (r.video = { ...ok, width: v.width[1] + 4 })),
  });
  cases.push({
    name: 'video higher than allowed',
    field: 'video.height',
    request: mutate(composite, (r) => (r.video = { ...ok, height: v.height[1] + 4 })),
  });
  cases.push({
    name: 'fps over the range',
    field: 'video.fps',
    request: mutate(composite, (r) => (r.video = { ...ok, fps: v.fps[1] + 1 })),
  });
  cases.push({
    name: 'video bitrate past the safe integers',
    field: 'video.bitrateKbps',
    request: mutate(composite, (r) => (r.video = { ...ok, bitrateKbps: 1e13 })),
  });
  cases.push({
    name: 'video bitrate over the range',
    field: 'video.bitrateKbps',
    request: mutate(composite, (r) => (r.video = { ...ok, bitrateKbps: v.bitrateKbps[1] + 1 })),
  });
  if (v.maxPixels < v.width[1] * v.height[1]) {
    const side = Math.ceil(Math.sqrt(v.maxPixels)) + 8;
    const even = side - (side % (v.multipleOf ?? 1)) + (v.multipleOf ?? 0);
    cases.push({
      name: 'too many pixels',
      field: 'video',
      request: mutate(
        composite,
        (r) => (r.video = { width: Math.min(even, v.width[1]), height: Math.min(even, v.height[1]) }),
      ),
    });
  }
  if (v.multipleOf && v.multipleOf > 1) {
    cases.push({
      name: `width not a multiple of ${v.multipleOf}`,
      field: 'video.width',
      request: mutate(composite, (r) => (r.video = { ...ok, width: ok.width - 1 })),
    });
  }
  const regions = caps.layout.maxRegions + 1;
  cases.push({
    name: `${regions} layout regions`,
    field: 'layout.regions',
    request: mutate(composite, (r) => {
      delete r.participants;
      r.layout = {
        regions: Array.from({ length: regions }, (_, i) => ({
          x: (i % 8) / 8,
          y: Math.floor(i / 8) / 8,
          width: 1 / 8,
          height: 1 / 8,
        })),
      };
    }),
  });
  cases.push({
    name: 'room too long',
    field: 'room',
    request: mutate(composite, (r) => (r.room = 'r'.repeat(caps.room.maxBytes + 1))),
  });
  if (caps.participants.include) {
    cases.push({
      name: 'a participant id the vendor cannot address',
      field: 'participants.include[0]',
      request: mutate(composite, (r) => {
        r.participants = { include: ['not a valid id ✗'] };
        delete r.layout;
      }),
    });
  }
  const [, maxInterval] = caps.snapshot.intervalSec;
  if (caps.snapshot.modes.length > 0) {
    cases.push({
      name: 'snapshot interval over the range',
      field: 'output.snapshotIntervalSec',
      request: mutate(composite, (r) => {
        r.mode = caps.snapshot.modes[0];
        delete r.layout;
        r.output = { formats: ['jpg'], snapshotIntervalSec: maxInterval + 1 };
      }),
    });
  }
  if (caps.maxIdleSec) {
    cases.push({
      name: 'idle timeout over the range',
      field: 'output.maxIdleSec',
      request: mutate(composite, (r) => (r.output = { maxIdleSec: caps.maxIdleSec![1] + 1 })),
    });
  }
  return cases;
}
