import { inspect } from 'node:util';
import { type StartRecordingRequest, UnsupportedFeatureError, ValidationError } from '@unirec/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  SECRETS,
  agoraRequests,
  compositeRequest,
  decodeHandle,
  encodeHandle,
  individualRequest,
  offline,
  provider,
  rejectionOf,
  storage,
  useSimulator,
  webRequest,
} from './fixtures.js';
import { createAgoraProvider } from './internals.js';

/** Hostile and invalid input: a typed error naming the field, before any request reaches Agora. */
offline();
const sim = useSimulator();

type Case = [name: string, request: StartRecordingRequest, field: string];
const regions18 = Array.from({ length: 18 }, () => ({ x: 0, y: 0, width: 0.1, height: 0.1 }));

const INVALID: Case[] = [
  ['empty room', { ...compositeRequest(), room: '' }, 'room'],
  ['64-byte cname', { ...compositeRequest(), room: 'é'.repeat(32) }, 'room'],
  ['a lone surrogate in the room', { ...compositeRequest(), room: 'room\ud800x' }, 'room'],
  [
    'a lone surrogate in the idempotencyKey',
    { ...compositeRequest(), idempotencyKey: 'key\udc00' },
    'idempotencyKey',
  ],
  [
    'non-uid participant',
    { ...individualRequest(), participants: { include: ['bob'] } },
    'participants.include[0]',
  ],
  [
    'uid above 2^32 − 1',
    { ...individualRequest(), participants: { include: ['4294967296'] } },
    'participants.include[0]',
  ],
  ['recorder uid with a leading zero', { ...compositeRequest(), recorderUid: '0123' }, 'recorderUid'],
  [
    '18 regions',
    { ...compositeRequest(), participants: undefined, layout: { regions: regions18 } },
    'layout.regions',
  ],
  ['2560 × 1440', { ...compositeRequest(), video: { width: 2560, height: 1440 } }, 'video.width'],
  ['fps 0', { ...compositeRequest(), video: { width: 640, height: 360, fps: 0 } }, 'video.fps'],
  ['maxIdleSec 4', { ...compositeRequest(), output: { maxIdleSec: 4 } }, 'output.maxIdleSec'],
  [
    'snapshot interval 0',
    { ...individualRequest(), output: { formats: ['jpg'], snapshotIntervalSec: 0 } },
    'output.snapshotIntervalSec',
  ],
  [
    'prefix with a dot',
    { ...compositeRequest(), storage: storage({ prefix: ['v1.0'] }) },
    'storage.prefix[0]',
  ],
  [
    'missing secretKey',
    { ...compositeRequest(), storage: storage({ secretKey: undefined }) },
    'storage.secretKey',
  ],
  [
    "bucket 'my bucket'",
    { ...compositeRequest(), storage: storage({ bucket: 'my bucket' }) },
    'storage.bucket',
  ],
  ["bucket 'b\\n'", { ...compositeRequest(), storage: storage({ bucket: 'b\n' }) }, 'storage.bucket'],
  ['web without url', { ...webRequest(), web: undefined }, 'web'],
  ['web page 200 px wide', { ...webRequest(), video: { width: 200, height: 480 } }, 'video.width'],
];

const UNSUPPORTED: Case[] = [
  ['flv', { ...compositeRequest(), output: { formats: ['flv'] } }, 'output.formats'],
  ['jpg in composite', { ...compositeRequest(), output: { formats: ['jpg'] } }, 'output.formats'],
  ['Qiniu storage', { ...compositeRequest(), storage: storage({ vendor: 'qiniu-kodo' }) }, 'storage.vendor'],
  [
    'OSS region Agora lacks',
    { ...compositeRequest(), storage: storage({ vendor: 'aliyun-oss', region: 'oss-me-central-1' }) },
    'storage.region',
  ],
  ['audio-only web page', { ...webRequest(), media: 'audio' }, 'media'],
];

describe('bad start requests never reach Agora', () => {
  it.each(INVALID)('%s → ValidationError at %s', async (_name, request, field) => {
    const error = await rejectionOf(provider(sim()).start(request));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.vendor).toBe('agora');
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field);
    expect(error.message).toContain(field);
    expect(agoraRequests(sim())).toEqual([]);
  });

  it.each(UNSUPPORTED)('%s → UnsupportedFeatureError (%s)', async (_name, request, feature) => {
    const error = await rejectionOf(provider(sim()).start(request));
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(error.feature).toBe(feature);
    expect(agoraRequests(sim())).toEqual([]);
  });

  it('the capability table is the source of the limits: messages name the range and the value', async () => {
    const error = await rejectionOf(
      provider(sim()).start({ ...compositeRequest(), video: { width: 2560, height: 1440 } }),
    );
    expect(error.message).toContain('video width (px) must be in [1, 1920]');
    expect(error.message).toContain('got 2560');
    expect(error.message).toContain('1920 × 1080');
  });

  it('config errors name the field at construction and never echo the secret', () => {
    let error: ValidationError | undefined;
    try {
      createAgoraProvider({ ...CREDENTIALS, customerSecret: '', area: 'moon' as never });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues.map((i) => i.path).sort()).toEqual(['area', 'customerSecret']);
    const secretInId = createAgoraProviderError({ customerId: `x:${CREDENTIALS.customerSecret}` });
    expect(secretInId).toBeInstanceOf(ValidationError);
    expect(
      JSON.stringify(error) + inspect(error) + JSON.stringify(secretInId) + inspect(secretInId),
    ).not.toContain(CREDENTIALS.customerSecret);
  });
});

function createAgoraProviderError(overrides: Record<string, unknown>): unknown {
  try {
    createAgoraProvider({ ...CREDENTIALS, ...overrides } as never);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('edited session handles are ValidationErrors before any request', () => {
  const good = {
    r: 'conformance-room',
    m: 'composite',
    s: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
    d: { appId: CREDENTIALS.appId, resourceId: 'RID-1', uid: '527841', media: 'audio+video' },
  };
  const EDITED: Array<[string, unknown, string]> = [
    [
      "participants ['abc']",
      { ...good, d: { ...good.d, participants: ['abc'] } },
      'session.handle.participants[0]',
    ],
    ["uid '4294967296'", { ...good, d: { ...good.d, uid: '4294967296' } }, 'session.handle.uid'],
    ['a 10 KB cname', { ...good, r: 'x'.repeat(10_000) }, 'session.handle'],
    ['a cname with a control character', { ...good, r: 'room\u0001' }, 'session.handle.room'],
    ['a 64-byte cname in composite mode', { ...good, r: 'c'.repeat(64) }, 'session.handle.room'],
    ['a 100 KB resourceId', { ...good, d: { ...good.d, resourceId: 'r'.repeat(100_000) } }, 'session.handle'],
    [
      'a 600-character resourceId',
      { ...good, d: { ...good.d, resourceId: 'r'.repeat(600) } },
      'session.handle.resourceId',
    ],
    [
      'a resourceId with a slash',
      { ...good, d: { ...good.d, resourceId: '../../acquire' } },
      'session.handle.resourceId',
    ],
    ['an extra field', { ...good, d: { ...good.d, customerSecret: 'x' } }, 'session.handle'],
    ['a mode Agora lacks', { ...good, m: 'audio-only' }, 'session.handle.m'],
  ];

  it('the unedited handle reaches Agora (so the rejections below are about the edits)', async () => {
    const error = await rejectionOf(provider(sim(), { maxRetries: 0 }).query(encodeHandle(good)));
    expect(error.name).toBe('NotFoundError');
    expect(agoraRequests(sim()).map((r) => r.operation)).toEqual(['query']);
  });

  it.each(EDITED)('%s → ValidationError (%s) on every call', async (_name, payload, path) => {
    const p = provider(sim());
    const handle = encodeHandle(payload);
    const calls = [
      () => p.query(handle),
      () => p.stop(handle),
      () => p.updateLayout(handle, { preset: 'grid' }),
      () => p.update(handle, { participants: { include: ['1'] } }),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path).some((p) => p.startsWith(path))).toBe(true);
    }
    expect(agoraRequests(sim())).toEqual([]);
  });

  it('corrupt, foreign-vendor, old-version and non-string handles', async () => {
    const p = provider(sim());
    const good2 = encodeHandle(good);
    const ur1 = good2.replace(/^ur2\./, 'ur1.');
    const tampered = encodeHandle({ ...decodeHandle(good2), d: { ...good.d, uid: 'abc' } });
    for (const bad of [
      tampered,
      ur1,
      'ur2.agora.',
      'ur2.zego.e30',
      `${good2}$`,
      42,
      null,
      {},
      { handle: 7 },
    ]) {
      expect(await rejectionOf(p.stop(bad as never)), String(bad)).toBeInstanceOf(ValidationError);
    }
    expect(agoraRequests(sim())).toEqual([]);
  });

  it('sessionFromIds validates the ids like a handle', () => {
    const p = provider(sim());
    const ids = {
      resourceId: 'RID-1',
      sid: 'SID-1',
      cname: 'room-1',
      uid: '527841',
      mode: 'composite' as const,
    };
    expect(p.sessionFromIds(ids).handle).toMatch(/^ur2\.agora\./);
    for (const bad of [
      { ...ids, resourceId: 'r'.repeat(100_000) },
      { ...ids, uid: '4294967296' },
      { ...ids, cname: 'room\u0001' },
      { ...ids, sid: 'has space' },
      { ...ids, mode: 'audio-only' as never },
    ]) {
      expect(() => p.sessionFromIds(bad)).toThrow(ValidationError);
    }
  });
});

describe('secrets', () => {
  it('never appear in inspect/JSON of the provider, nor in an error whose Agora reason echoes them', async () => {
    const p = provider(sim());
    expect(inspect(p, { showHidden: true, depth: 10 }) + JSON.stringify(p)).not.toMatch(
      new RegExp(SECRETS.join('|')),
    );
    // An echo of the secrets in Agora's reason: an exact body only nock can give.
    const base = 'https://agora-echo.unirec.test';
    const scope = nock(base)
      .post(/acquire$/)
      .reply(400, {
        code: 2,
        reason: `bad storageConfig: secretKey ${storage().secretKey} / ${CREDENTIALS.customerSecret}`,
      });
    const lines: string[] = [];
    const logger = {
      debug: (...a: unknown[]) => lines.push(inspect(a, { depth: 10 })),
      warn: (...a: unknown[]) => lines.push(inspect(a, { depth: 10 })),
    };
    const error = await rejectionOf(
      createAgoraProvider({ ...CREDENTIALS, baseUrl: base, logger }).start(compositeRequest()),
    );
    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('[REDACTED]');
    const text = [error.message, JSON.stringify(error), inspect(error, { showHidden: true }), ...lines].join(
      '\n',
    );
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(lines.length).toBeGreaterThan(1);
  });
});
