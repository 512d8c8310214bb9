import { describe, expect, it } from 'vitest';
import { checkCapabilities, checkLayoutCapabilities, defineCapabilities } from './capabilities.js';
import { UnsupportedFeatureError, ValidationError } from './errors.js';
import type { Capabilities, LayoutInput, StartRecordingRequest } from './types.js';

/**
 * The capability checks against a hand-written table (not a vendor's): what a vendor cannot do is
 * UnsupportedFeatureError naming the vendor and the feature; every value outside a limit is listed
 * in one ValidationError.
 */

function table(overrides: Partial<Capabilities> = {}): Capabilities {
  return defineCapabilities({
    modes: ['composite', 'individual', 'web'],
    presets: ['grid', 'speaker'],
    formats: ['hls', 'mp4', 'jpg'],
    formatsByMode: { composite: ['hls', 'mp4'], web: ['mp4'] },
    multipleFormats: true,
    storageVendors: ['s3', 'aliyun-oss'],
    media: ['audio', 'video', 'audio+video'],
    mediaByMode: { web: ['video', 'audio+video'] },
    room: {
      maxBytes: 16,
      maxBytesByMode: { web: 32 },
      pattern: /^[A-Za-z0-9_\u00e9-]+$/,
      rule: 'letters, digits, _ and -',
    },
    participantId: { pattern: /^\d{1,6}$/, rule: 'must be a number of 1 to 6 digits' },
    layout: {
      maxRegions: 4,
      alpha: true,
      zIndex: true,
      placeholderImage: false,
      backgroundImage: false,
      joinOrderFill: true,
      backgroundUpdate: true,
      units: 'pixel',
    },
    participants: { include: true, exclude: true, maxInclude: 3 },
    video: {
      width: [64, 1920],
      height: [64, 1080],
      maxPixels: 1280 * 720,
      fps: [5, 30],
      bitrateKbps: [100, 4000],
      multipleOf: 4,
      byMode: { web: { width: [480, 1280], fps: [10, 25] } },
    },
    audio: { bitrateKbps: [32, 192] },
    snapshot: { modes: ['individual'], intervalSec: [5, 3600] },
    maxIdleSec: [10, 600],
    maxDurationSec: [60, 7200],
    maxDurationModes: ['composite', 'web'],
    defaultMaxDurationSec: 7200,
    extras: [],
    ...overrides,
  });
}

const CAPS = table();
const ctx = { vendor: 'jocloud' as const, operation: 'start' };

const base: StartRecordingRequest = {
  room: 'room-1',
  mode: 'composite',
  storage: { vendor: 's3', bucket: 'b', accessKey: 'AK-123456', secretKey: 'SK-123456' },
};

function unsupportedOf(fn: () => void): UnsupportedFeatureError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    return error as UnsupportedFeatureError;
  }
  throw new Error('expected UnsupportedFeatureError');
}

function validationOf(fn: () => void): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected ValidationError');
}

function expectUnsupported(
  request: StartRecordingRequest,
  feature: string,
  capabilities = CAPS,
): UnsupportedFeatureError {
  const error = unsupportedOf(() => checkCapabilities(capabilities, request, ctx));
  expect(error.feature).toBe(feature);
  expect(error.vendor).toBe('jocloud');
  expect(error.operation).toBe('start');
  expect(error.message).toContain('jocloud');
  return error;
}

describe('checkCapabilities: what the vendor cannot do', () => {
  it('accepts a request within the table', () => {
    expect(() => checkCapabilities(CAPS, base, ctx)).not.toThrow();
    expect(() =>
      checkCapabilities(
        CAPS,
        {
          ...base,
          mode: 'individual',
          participants: { include: ['1', '2', '3'] },
          output: { formats: ['hls', 'jpg'], snapshotIntervalSec: 5, maxIdleSec: 10 },
          recorderUid: '999999',
          video: { width: 1280, height: 720, fps: 30, bitrateKbps: 4000 },
          audio: { bitrateKbps: 32, sampleRateHz: 48_000 },
        },
        ctx,
      ),
    ).not.toThrow();
  });

  it('a mode', () => {
    expectUnsupported({ ...base, mode: 'web' }, 'mode.web', table({ modes: ['composite', 'individual'] }));
  });

  it('a media kind, by mode', () => {
    expectUnsupported({ ...base, mode: 'web', media: 'audio', web: { url: 'https://x.test' } }, 'media');
    expect(() => checkCapabilities(CAPS, { ...base, media: 'audio' }, ctx)).not.toThrow();
    expectUnsupported(
      { ...base, media: 'video' },
      'media',
      table({ media: ['audio+video'], mediaByMode: undefined }),
    );
  });

  it('a format, by mode', () => {
    expectUnsupported({ ...base, output: { formats: ['flv'] } }, 'output.formats');
    // jpg is in `formats` but not in composite's list
    expectUnsupported({ ...base, output: { formats: ['jpg'] } }, 'output.formats');
    expectUnsupported(
      { ...base, mode: 'web', web: { url: 'https://x.test' }, output: { formats: ['hls'] } },
      'output.formats',
    );
    // a mode without its own list takes `formats`
    expect(() =>
      checkCapabilities(CAPS, { ...base, mode: 'individual', output: { formats: ['hls'] } }, ctx),
    ).not.toThrow();
  });

  it('several formats in one recording', () => {
    const single = table({ multipleFormats: false });
    const error = expectUnsupported(
      { ...base, output: { formats: ['hls', 'mp4'] } },
      'output.formats',
      single,
    );
    expect(error.message).toContain('hls, mp4');
    expect(() => checkCapabilities(single, { ...base, output: { formats: ['mp4'] } }, ctx)).not.toThrow();
  });

  it('snapshots in a mode without them', () => {
    const caps = table({ formatsByMode: undefined });
    expectUnsupported({ ...base, output: { formats: ['jpg'] } }, 'output.formats', caps);
    expect(() =>
      checkCapabilities(caps, { ...base, mode: 'individual', output: { formats: ['jpg'] } }, ctx),
    ).not.toThrow();
  });

  it('a storage vendor', () => {
    const error = expectUnsupported(
      { ...base, storage: { ...base.storage, vendor: 'azure-blob' } },
      'storage.vendor',
    );
    expect(error.message).toContain('azure-blob');
  });

  it('participants.include and participants.exclude', () => {
    expectUnsupported(
      { ...base, participants: { include: ['1'] } },
      'participants.include',
      table({ participants: { include: false, exclude: true, maxInclude: 3 } }),
    );
    expectUnsupported(
      { ...base, participants: { exclude: ['1'] } },
      'participants.exclude',
      table({ participants: { include: true, exclude: false, maxInclude: 3 } }),
    );
  });

  it('exactly one participant in the modes that record one', () => {
    const caps = table({
      participants: { include: true, exclude: true, maxInclude: 3, exactlyOneIn: ['individual'] },
    });
    const individual = { ...base, mode: 'individual' as const };
    expectUnsupported(individual, 'participants.include', caps);
    expectUnsupported({ ...individual, participants: { include: ['1', '2'] } }, 'participants.include', caps);
    expectUnsupported({ ...individual, participants: { exclude: ['1'] } }, 'participants.include', caps);
    expect(() =>
      checkCapabilities(caps, { ...individual, participants: { include: ['1'] } }, ctx),
    ).not.toThrow();
    expect(() => checkCapabilities(caps, base, ctx)).not.toThrow();
  });

  it('a preset', () => {
    const error = expectUnsupported({ ...base, layout: { preset: 'pip' } }, 'layout.preset');
    expect(error.message).toContain('pip');
    expect(() => checkCapabilities(CAPS, { ...base, layout: { preset: 'speaker' } }, ctx)).not.toThrow();
  });

  it('an idle timeout where the vendor has none', () => {
    expectUnsupported(
      { ...base, output: { maxIdleSec: 30 } },
      'output.maxIdleSec',
      table({ maxIdleSec: undefined }),
    );
  });

  it('a maximum duration where the vendor has none, or not in this mode', () => {
    expectUnsupported(
      { ...base, output: { maxDurationSec: 600 } },
      'output.maxDurationSec',
      table({ maxDurationSec: undefined }),
    );
    // maxDurationModes: composite and web only
    expectUnsupported(
      { ...base, mode: 'individual', output: { maxDurationSec: 600 } },
      'output.maxDurationSec',
    );
    expect(() => checkCapabilities(CAPS, { ...base, output: { maxDurationSec: 600 } }, ctx)).not.toThrow();
    const web = { ...base, mode: 'web' as const, web: { url: 'https://x.test', maxDurationSec: 600 } };
    expect(() => checkCapabilities(CAPS, web, ctx)).not.toThrow();
    expectUnsupported(web, 'output.maxDurationSec', table({ maxDurationModes: ['composite'] }));
  });

  it('an unsupported feature is reported before any limit', () => {
    const error = unsupportedOf(() =>
      checkCapabilities(
        CAPS,
        { ...base, room: 'r'.repeat(100), storage: { ...base.storage, vendor: 'azure-blob' } },
        ctx,
      ),
    );
    expect(error.feature).toBe('storage.vendor');
  });
});

describe('checkCapabilities: limits', () => {
  function issuesOf(request: StartRecordingRequest, capabilities = CAPS): Map<string, string> {
    const error = validationOf(() => checkCapabilities(capabilities, request, ctx));
    expect(error.vendor).toBe('jocloud');
    for (const issue of error.issues) expect(error.message).toContain(`${issue.path}: ${issue.message}`);
    const byPath = new Map<string, string>();
    for (const issue of error.issues)
      byPath.set(issue.path, [byPath.get(issue.path), issue.message].filter(Boolean).join(' | '));
    return byPath;
  }

  it('room bytes (UTF-8, by mode) and pattern', () => {
    // 'é' is 2 bytes: 9 of them are 18 bytes
    expect(issuesOf({ ...base, room: 'é'.repeat(9) }).get('room')).toMatch(/16 bytes.*got 18/);
    expect(() => checkCapabilities(CAPS, { ...base, room: 'é'.repeat(8) }, ctx)).not.toThrow();
    const web = { ...base, mode: 'web' as const, web: { url: 'https://x.test' } };
    expect(() => checkCapabilities(CAPS, { ...web, room: 'r'.repeat(32) }, ctx)).not.toThrow();
    expect(issuesOf({ ...web, room: 'r'.repeat(33) }).get('room')).toMatch(/32 bytes/);
    expect(issuesOf({ ...base, room: 'a b' }).get('room')).toBe('letters, digits, _ and -');
  });

  it('participant ids, recorderUid included, and the number listed', () => {
    const issues = issuesOf({
      ...base,
      participants: { include: ['1', 'alice', '2', '3'] },
      recorderUid: 'rec',
    });
    expect(issues.get('participants.include[1]')).toBe('must be a number of 1 to 6 digits');
    expect(issues.get('recorderUid')).toBe('must be a number of 1 to 6 digits');
    expect(issues.get('participants.include')).toMatch(/at most 3 participants, got 4/);
    expect(issues.has('participants.include[0]')).toBe(false);
    const exclude = issuesOf({ ...base, participants: { exclude: ['1234567', '1', '2', '3'] } });
    expect(exclude.get('participants.exclude[0]')).toBeDefined();
    expect(exclude.get('participants.exclude')).toMatch(/at most 3/);
  });

  it('video width, height, pixels, fps, bitrate and multipleOf', () => {
    const issues = issuesOf({ ...base, video: { width: 1922, height: 1082, fps: 60, bitrateKbps: 50 } });
    expect(issues.get('video.width')).toMatch(/\[64, 1920\].*got 1922/);
    expect(issues.get('video.width')).toMatch(/multiple of 4, got 1922/);
    expect(issues.get('video.height')).toMatch(/\[64, 1080\].*got 1082/);
    expect(issues.get('video.height')).toMatch(/multiple of 4/);
    expect(issues.get('video')).toMatch(/1280 × 720.*1922 × 1082/);
    expect(issues.get('video.fps')).toMatch(/\[5, 30\].*got 60/);
    expect(issues.get('video.bitrateKbps')).toMatch(/\[100, 4000\].*got 50/);
    const small = issuesOf({ ...base, video: { width: 32, height: 32 } });
    expect([...small.keys()].sort()).toEqual(['video.height', 'video.width']);
  });

  it('video limits of a mode override the general ones', () => {
    const web = { ...base, mode: 'web' as const, web: { url: 'https://x.test' } };
    const issues = issuesOf({ ...web, video: { width: 1600, height: 400, fps: 5 } });
    expect(issues.get('video.width')).toMatch(/\[480, 1280\]/);
    expect(issues.get('video.fps')).toMatch(/\[10, 25\]/);
    // the general limits still hold where the mode says nothing
    expect(issues.has('video.height')).toBe(false);
    expect(() =>
      checkCapabilities(CAPS, { ...base, video: { width: 1600, height: 400, fps: 5 } }, ctx),
    ).not.toThrow();
  });

  it('audio bitrate and sample rate', () => {
    const issues = issuesOf({ ...base, audio: { bitrateKbps: 320, sampleRateHz: 4_000 } });
    expect(issues.get('audio.bitrateKbps')).toMatch(/\[32, 192\].*got 320/);
    expect(issues.get('audio.sampleRateHz')).toMatch(/got 4000/);
    expect(issuesOf({ ...base, audio: { sampleRateHz: 384_000 } }).has('audio.sampleRateHz')).toBe(true);
  });

  it('snapshot interval, idle timeout and maximum duration', () => {
    const issues = issuesOf({
      ...base,
      mode: 'individual',
      output: { formats: ['jpg'], snapshotIntervalSec: 4, maxIdleSec: 601 },
    });
    expect(issues.get('output.snapshotIntervalSec')).toMatch(/\[5, 3600\].*got 4/);
    expect(issues.get('output.maxIdleSec')).toMatch(/\[10, 600\].*got 601/);
    expect(issuesOf({ ...base, output: { maxDurationSec: 59 } }).get('output.maxDurationSec')).toMatch(
      /\[60, 7200\].*got 59/,
    );
    const web = { ...base, mode: 'web' as const, web: { url: 'https://x.test', maxDurationSec: 7201 } };
    expect(issuesOf(web).get('web.maxDurationSec')).toMatch(/got 7201/);
  });

  it('layout regions, region participants, focus and slots', () => {
    const regions = Array.from({ length: 5 }, (_, i) => ({
      participant: i === 2 ? 'bob' : String(i),
      x: 0,
      y: 0,
      width: 0.1,
      height: 0.1,
    }));
    const issues = issuesOf({ ...base, layout: { regions } });
    expect(issues.get('layout.regions')).toMatch(/at most 4 regions, got 5/);
    expect(issues.get('layout.regions[2].participant')).toBe('must be a number of 1 to 6 digits');
    const preset = issuesOf({ ...base, layout: { preset: 'speaker', focus: 'alice', slots: 5 } });
    expect(preset.get('layout.focus')).toBe('must be a number of 1 to 6 digits');
    expect(preset.get('layout.slots')).toMatch(/≤ 4.*got 5/);
  });

  it('lists every field in one ValidationError', () => {
    const error = validationOf(() =>
      checkCapabilities(
        CAPS,
        {
          ...base,
          room: 'a b',
          participants: { include: ['x'] },
          recorderUid: 'y',
          video: { width: 30, height: 2000, fps: 100, bitrateKbps: 1 },
          audio: { bitrateKbps: 1, sampleRateHz: 1 },
          output: { maxIdleSec: 1, maxDurationSec: 1 },
          layout: { preset: 'grid', focus: 'z', slots: 9 },
        },
        ctx,
      ),
    );
    const paths = new Set(error.issues.map((i) => i.path));
    for (const path of [
      'room',
      'participants.include[0]',
      'recorderUid',
      'video.width',
      'video.height',
      'video.fps',
      'video.bitrateKbps',
      'audio.bitrateKbps',
      'audio.sampleRateHz',
      'output.maxIdleSec',
      'output.maxDurationSec',
      'layout.focus',
      'layout.slots',
    ]) {
      expect(paths, path).toContain(path);
      expect(error.message).toContain(path);
    }
  });
});

describe('checkLayoutCapabilities', () => {
  const layoutCtx = { vendor: 'jocloud' as const, operation: 'updateLayout' };

  it('an unknown preset is UnsupportedFeatureError', () => {
    const error = unsupportedOf(() => checkLayoutCapabilities(CAPS, { preset: 'pip' }, layoutCtx));
    expect(error.feature).toBe('layout.preset');
    expect(error.operation).toBe('updateLayout');
  });

  it('limits are one ValidationError with every field', () => {
    const layout: LayoutInput = {
      regions: Array.from({ length: 6 }, (_, i) => ({
        participant: i % 2 ? `p${i}` : String(i),
        x: 0,
        y: 0,
        width: 0.1,
        height: 0.1,
      })),
    };
    const error = validationOf(() => checkLayoutCapabilities(CAPS, layout, layoutCtx));
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'layout.regions',
      'layout.regions[1].participant',
      'layout.regions[3].participant',
      'layout.regions[5].participant',
    ]);
    expect(error.operation).toBe('updateLayout');
    const preset = validationOf(() =>
      checkLayoutCapabilities(CAPS, { preset: 'grid', focus: 'x', slots: 5 }, layoutCtx),
    );
    expect(preset.issues.map((i) => i.path).sort()).toEqual(['layout.focus', 'layout.slots']);
  });

  it('accepts a layout within the table', () => {
    expect(() =>
      checkLayoutCapabilities(CAPS, { preset: 'speaker', focus: '7', slots: 4 }, layoutCtx),
    ).not.toThrow();
    expect(() =>
      checkLayoutCapabilities(
        CAPS,
        {
          regions: [
            { participant: '1', x: 0, y: 0, width: 1, height: 1 },
            { x: 0, y: 0, width: 0.5, height: 0.5 },
          ],
        },
        layoutCtx,
      ),
    ).not.toThrow();
  });
});

describe('defineCapabilities', () => {
  it('freezes the table deeply, so no caller can loosen a limit', () => {
    const caps = table();
    expect(Object.isFrozen(caps)).toBe(true);
    expect(() => {
      (caps.room as { maxBytes: number }).maxBytes = 1_000;
    }).toThrow(TypeError);
    expect(() => {
      (caps.modes as string[]).push('web');
    }).toThrow(TypeError);
    expect(() => {
      (caps.video.width as unknown as number[])[1] = 10_000;
    }).toThrow(TypeError);
    expect(() => {
      (caps.video.byMode!.web as { fps?: readonly [number, number] }).fps = [1, 120];
    }).toThrow(TypeError);
    expect(() => {
      (caps.formatsByMode!.composite as string[]).push('flv');
    }).toThrow(TypeError);
    expect(caps.room.maxBytes).toBe(16);
    expect(caps.video.width[1]).toBe(1920);
  });

  it('leaves its RegExps working', () => {
    const caps = table({ participantId: { pattern: /^\d+$/g, rule: 'digits' } });
    // a global pattern writes lastIndex when it matches: a frozen RegExp would throw here
    expect(caps.participantId.pattern.test('123')).toBe(true);
    caps.participantId.pattern.lastIndex = 0;
    expect(caps.room.pattern!.test('room-1')).toBe(true);
    expect(caps.room.pattern!.test('a b')).toBe(false);
    expect(() => checkCapabilities(table(), { ...base, recorderUid: '42' }, ctx)).not.toThrow();
    expect(() => checkCapabilities(table(), { ...base, recorderUid: 'x' }, ctx)).toThrow(ValidationError);
  });
});
