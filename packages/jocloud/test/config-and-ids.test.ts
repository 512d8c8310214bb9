import { ValidationError, secretFieldsOf } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  JOCLOUD_CAPABILITIES,
  JOCLOUD_HOSTS,
  JOCLOUD_LIMITS,
  JOCLOUD_TRACE_ID_PATTERN,
  createJoCloudTraceIdGenerator,
  joCloudBaseUrl,
  parseJoCloudConfig,
  joCloudAdapter,
} from './internals.js';
import { issuePaths, thrown } from './fixtures.js';

const VALID = { appId: 10034, restfulId: 'cert-id', restfulSecret: 'cert-secret-value' };

describe('provider config', () => {
  it('accepts the credentials and the common options, keeping logger and hooks as given', () => {
    const logger = { info() {} };
    const config = parseJoCloudConfig({ ...VALID, site: 'international', timeoutMs: 5000, logger });
    expect(config).toMatchObject({ ...VALID, site: 'international', timeoutMs: 5000 });
    expect(config.logger).toBe(logger);
  });

  it.each([
    [{ ...VALID, appId: undefined }, 'appId'],
    [{ ...VALID, appId: '10034' }, 'appId'],
    [{ ...VALID, appId: 0 }, 'appId'],
    [{ ...VALID, appId: 1.5 }, 'appId'],
    [{ ...VALID, appId: 2 ** 31 }, 'appId'],
    [{ ...VALID, restfulId: undefined }, 'restfulId'],
    [{ ...VALID, restfulId: 'a:b' }, 'restfulId'],
    [{ ...VALID, restfulId: '' }, 'restfulId'],
    [{ ...VALID, restfulSecret: '' }, 'restfulSecret'],
    [{ ...VALID, restfulSecret: 'sec\uD800ret' }, 'restfulSecret'],
    [{ ...VALID, restfulSecret: 42 }, 'restfulSecret'],
    [{ ...VALID, site: 'eu' }, 'site'],
    [{ ...VALID, baseUrl: 'http://jocloud.example.com' }, 'baseUrl'],
  ])('%j → ValidationError naming %s, never echoing a secret', (config, field) => {
    const error = thrown(() => parseJoCloudConfig(config));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error)).toContain(field);
    expect(JSON.stringify(error)).not.toContain('sec\uD800ret');
  });

  it('a non-object config names every required field', () => {
    for (const config of [undefined, null, 'appId=1', 7]) {
      expect(issuePaths(thrown(() => parseJoCloudConfig(config)))).toEqual(
        expect.arrayContaining(['appId', 'restfulId', 'restfulSecret']),
      );
    }
  });

  it('hosts per site (seed 003 "Domain"); domestic by default', () => {
    expect(JOCLOUD_HOSTS).toEqual({
      domestic: 'https://api.jocloud.com',
      international: 'https://api-oversea.jocloud.com',
    });
    expect(joCloudBaseUrl(undefined)).toBe('https://api.jocloud.com');
    expect(joCloudBaseUrl('international')).toBe('https://api-oversea.jocloud.com');
  });
});

describe('capabilities', () => {
  it('is frozen all the way down', () => {
    expect(Object.isFrozen(JOCLOUD_CAPABILITIES)).toBe(true);
    expect(Object.isFrozen(JOCLOUD_CAPABILITIES.layout)).toBe(true);
    expect(Object.isFrozen(JOCLOUD_CAPABILITIES.storageVendors)).toBe(true);
    expect(() => (JOCLOUD_CAPABILITIES.modes as string[]).push('web')).toThrow(TypeError);
  });

  it('states JOCloud’s limits from the one limits table', () => {
    expect(JOCLOUD_CAPABILITIES).toMatchObject({
      modes: ['composite', 'individual'],
      formats: ['hls'],
      multipleFormats: false,
      media: ['audio', 'video', 'audio+video'],
      layout: { maxRegions: 16, alpha: true, zIndex: true, joinOrderFill: false, units: 'pixel' },
      participants: { include: true, exclude: false, maxInclude: 16, exactlyOneIn: ['individual'] },
      video: { width: [16, 1920], height: [16, 1920], fps: [1, 60], bitrateKbps: [1, 10_000] },
      room: { maxBytes: 64 },
      maxIdleSec: [30, 30],
      extras: ['sessionFromIds'],
    });
    expect(JOCLOUD_CAPABILITIES.maxDurationSec).toBeUndefined();
    // multiples of 4 are rounded with a warning (convert-to-jocloud-mix-output.ts), not refused by core
    expect(JOCLOUD_CAPABILITIES.video.multipleOf).toBeUndefined();
    expect(JOCLOUD_LIMITS.requestsPerSecond).toBe(10);
  });
});

describe('traceId (seed 003: server IP + time + sequence + process id)', () => {
  it('27 digits: node, time in ms, sequence, pid', () => {
    const next = createJoCloudTraceIdGenerator({ host: '10.0.0.8', pid: 4242, now: () => 1_608_084_987_733 });
    const id = next();
    expect(id).toMatch(JOCLOUD_TRACE_ID_PATTERN);
    expect(id.slice(6, 19)).toBe('1608084987733');
    expect(id.slice(19, 22)).toBe('000');
    expect(id.slice(22)).toBe('04242');
    expect(next().slice(19, 22)).toBe('001');
  });

  it('the same host gives the same node digits; another host others', () => {
    const a = createJoCloudTraceIdGenerator({ host: '10.0.0.8', pid: 1, now: () => 1 })();
    const b = createJoCloudTraceIdGenerator({ host: '10.0.0.8', pid: 1, now: () => 1 })();
    const c = createJoCloudTraceIdGenerator({ host: '10.0.0.9', pid: 1, now: () => 1 })();
    expect(a.slice(0, 6)).toBe(b.slice(0, 6));
    expect(a.slice(0, 6)).not.toBe(c.slice(0, 6));
  });

  it('never repeats within a generator, with a frozen or backwards clock', () => {
    let t = 1_700_000_000_000;
    const next = createJoCloudTraceIdGenerator({ now: () => t });
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      if (i === 2500) t -= 10_000; // clock steps back
      const id = next();
      expect(id).toMatch(JOCLOUD_TRACE_ID_PATTERN);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
  });

  it('two generators without a host (two processes on look-alike containers) do not collide', () => {
    const ids = new Set<string>();
    for (let g = 0; g < 50; g++) {
      const next = createJoCloudTraceIdGenerator({ pid: 1, now: () => 1_700_000_000_000 });
      for (let i = 0; i < 20; i++) ids.add(next());
    }
    // 50 random node ids of 6 digits: a collision is ~0.1 % likely; then ids still differ by sequence
    expect(ids.size).toBeGreaterThanOrEqual(50 * 20 - 20);
  });

  it('survives a clock that returns NaN and a pid that is not a number', () => {
    const next = createJoCloudTraceIdGenerator({ now: () => Number.NaN, pid: Number.NaN });
    expect(next()).toMatch(JOCLOUD_TRACE_ID_PATTERN);
    expect(next()).toMatch(JOCLOUD_TRACE_ID_PATTERN);
  });
});

describe('descriptor', () => {
  it('names the vendor, its environment fields and its secrets; builds providers and receivers', () => {
    expect(joCloudAdapter).toMatchObject({
      vendor: 'jocloud',
      name: 'JOCloud',
      docs: 'docs/vendors/jocloud.md',
    });
    expect(Object.values(joCloudAdapter.fields).map((f) => f.env)).toEqual([
      'UNIREC_JOCLOUD_APP_ID',
      'UNIREC_JOCLOUD_RESTFUL_ID',
      'UNIREC_JOCLOUD_RESTFUL_SECRET',
      'UNIREC_JOCLOUD_SITE',
    ]);
    expect(joCloudAdapter.webhookFields.token?.env).toBe('UNIREC_JOCLOUD_WEBHOOK_TOKEN');
    expect(secretFieldsOf(joCloudAdapter).sort()).toEqual(['restfulSecret', 'token']);
    expect(joCloudAdapter.createProvider(VALID).vendor).toBe('jocloud');
    expect(() => joCloudAdapter.createWebhookReceiver({} as never)).toThrow(ValidationError);
    expect(joCloudAdapter.configSchema.safeParse({ ...VALID, extra: 1 }).success).toBe(false);
  });
});
