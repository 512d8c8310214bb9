import { inspect } from 'node:util';
import {
  type StartRecordingRequest,
  UnsupportedFeatureError,
  ValidationError,
  isRecordingError,
} from '@unirec/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agoraBaseUrls, createAgoraProvider } from '../src/index.js';
import type { AgoraFake } from './agora-fake.js';
import {
  CREDENTIALS,
  SECRETS,
  compositeRequest,
  individualRequest,
  newFake,
  offline,
  provider,
  storage,
  webRequest,
} from './fixtures.js';

offline();
const decode = (handle: string) =>
  JSON.parse(Buffer.from(handle.split('.')[2]!, 'base64url').toString('utf8'));

let fake: AgoraFake;
beforeEach(() => {
  fake = newFake();
  fake.install();
});
afterEach(() => fake.uninstall());

describe('requests on the wire', () => {
  it('Basic auth, JSON content type, acquire → start → query (GET, no body) → stop', async () => {
    const p = provider(fake);
    const session = await p.start(compositeRequest());
    await p.query(session);
    await p.stop(session);
    expect(fake.requests.map((r) => `${r.method} ${r.operation}`)).toEqual([
      'POST acquire',
      'POST start',
      'GET query',
      'POST stop',
    ]);
    const basic = `Basic ${Buffer.from(`${CREDENTIALS.customerId}:${CREDENTIALS.customerSecret}`).toString('base64')}`;
    for (const r of fake.requests) {
      expect(r.headers.authorization).toBe(basic);
      expect(r.path.startsWith(`/v1/apps/${CREDENTIALS.appId}/cloud_recording/`)).toBe(true);
    }
    expect(fake.requests[0]!.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(fake.requests[2]!.body).toBeUndefined();
    expect(fake.bodies.at(-1)!.body).toEqual({
      cname: 'conformance-room',
      uid: expect.any(String),
      clientRequest: { async_stop: false },
    });
    const [acquire, start] = fake.bodies;
    expect(start!.body.cname).toBe(acquire!.body.cname);
    expect(start!.body.uid).toBe(acquire!.body.uid);
  });

  it('start jumps the rate-limit queue: it follows its acquire before queued queries (2 s window)', async () => {
    const p = provider(fake, { rateLimit: { requestsPerSecond: 4 } });
    const first = await p.start(compositeRequest());
    await new Promise((r) => setTimeout(r, 300));
    fake.requests.length = 0;
    const start = p.start({ ...compositeRequest(), recorderUid: '777' });
    const queries = Array.from({ length: 3 }, () => p.query(first));
    await Promise.all([start, ...queries]);
    expect(fake.requests.map((r) => r.operation)).toEqual(['acquire', 'start', 'query', 'query', 'query']);
  });

  it('a generated recorder uid is a decimal in 1 … 2^32 − 1; a given one is used as is', async () => {
    const p = provider(fake);
    const a = decode((await p.start(compositeRequest())).handle).uid as string;
    expect(a).toMatch(/^[1-9][0-9]*$/);
    expect(Number(a)).toBeLessThanOrEqual(2 ** 32 - 1);
    const b = decode((await p.start({ ...compositeRequest(), recorderUid: '4294967295' })).handle).uid;
    expect(b).toBe('4294967295');
  });
});

describe('session handles', () => {
  it('hold the ids later calls need and no secret (no credentials, storage keys or token)', async () => {
    const session = await provider(fake).start(compositeRequest());
    expect(session.handle).toMatch(/^[A-Za-z0-9._~=-]+$/);
    const payload = decode(session.handle);
    expect(Object.keys(payload).sort()).toEqual([
      'appId',
      'cname',
      'media',
      'mode',
      'participants',
      'resourceId',
      'sid',
      'uid',
    ]);
    expect(payload).toMatchObject({
      appId: CREDENTIALS.appId,
      cname: 'conformance-room',
      mode: 'mix',
      media: 'audio+video',
    });
    const text = Buffer.from(session.handle.split('.')[2]!, 'base64url').toString();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('work in a fresh provider instance; a handle of another App ID is a ValidationError', async () => {
    const session = await provider(fake).start(individualRequest());
    await expect(provider(fake).query(session.handle)).resolves.toMatchObject({ state: 'recording' });
    const other = createAgoraProvider({ ...CREDENTIALS, appId: 'otherapp', baseUrl: fake.baseUrl });
    const before = fake.requests.length;
    const error = await other.query(session.handle).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('App ID');
    expect(fake.requests.length).toBe(before);
  });

  it('corrupt handles are ValidationErrors before any request', async () => {
    const p = provider(fake);
    const good = (await p.start(compositeRequest())).handle;
    const tampered = `ur1.agora.${Buffer.from(JSON.stringify({ ...decode(good), uid: 'abc' })).toString('base64url')}`;
    const before = fake.requests.length;
    for (const bad of [tampered, 'ur1.agora.', 'ur1.zego.e30', `${good}$`, 42 as never]) {
      expect(await p.stop(bad).catch((e) => e), String(bad)).toBeInstanceOf(ValidationError);
    }
    expect(fake.requests.length).toBe(before);
  });
});

describe('bad input never reaches Agora', () => {
  const cases: Array<[string, StartRecordingRequest, 'validation' | 'unsupported']> = [
    ['empty room', { ...compositeRequest(), room: '' }, 'validation'],
    ['64-byte cname', { ...compositeRequest(), room: 'é'.repeat(32) }, 'validation'],
    ['non-uid participant', { ...individualRequest(), participants: { include: ['bob'] } }, 'validation'],
    [
      'uid above 2^32 − 1',
      { ...individualRequest(), participants: { include: ['4294967296'] } },
      'validation',
    ],
    ['recorder uid with a leading zero', { ...compositeRequest(), recorderUid: '0123' }, 'validation'],
    [
      '18 regions',
      {
        ...compositeRequest(),
        participants: undefined,
        layout: { regions: Array.from({ length: 18 }, () => ({ x: 0, y: 0, width: 0.1, height: 0.1 })) },
      },
      'validation',
    ],
    ['2560 × 1440', { ...compositeRequest(), video: { width: 2560, height: 1440 } }, 'validation'],
    ['fps 0', { ...compositeRequest(), video: { width: 640, height: 360, fps: 0 } }, 'validation'],
    ['maxIdleSec 4', { ...compositeRequest(), output: { maxIdleSec: 4 } }, 'validation'],
    [
      'snapshot interval 0',
      { ...individualRequest(), output: { formats: ['jpg'], snapshotIntervalSec: 0 } },
      'validation',
    ],
    ['prefix with a dot', { ...compositeRequest(), storage: storage({ prefix: ['v1.0'] }) }, 'validation'],
    [
      'missing secretKey',
      { ...compositeRequest(), storage: storage({ secretKey: undefined }) },
      'validation',
    ],
    ['web without url', { ...webRequest(), web: undefined }, 'validation'],
    ['flv', { ...compositeRequest(), output: { formats: ['flv'] } }, 'unsupported'],
    ['jpg in composite', { ...compositeRequest(), output: { formats: ['jpg'] } }, 'unsupported'],
    ['Qiniu storage', { ...compositeRequest(), storage: storage({ vendor: 'qiniu-kodo' }) }, 'unsupported'],
    [
      'OSS region Agora lacks',
      { ...compositeRequest(), storage: storage({ vendor: 'aliyun-oss', region: 'oss-me-central-1' }) },
      'unsupported',
    ],
  ];

  it(`rejects ${cases.length} invalid requests, each naming the field, and sends nothing`, async () => {
    const p = provider(fake);
    for (const [name, request, kind] of cases) {
      const error = await p.start(request).catch((e) => e);
      expect(error, name).toBeInstanceOf(kind === 'validation' ? ValidationError : UnsupportedFeatureError);
      expect(error.vendor, name).toBe('agora');
    }
    expect(fake.requests).toEqual([]);
  });

  it('config errors name the field at construction and never echo the secret', () => {
    const error = (() => {
      try {
        createAgoraProvider({ ...CREDENTIALS, customerSecret: '', area: 'moon' as never });
      } catch (e) {
        return e as ValidationError;
      }
    })()!;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['area', 'customerSecret']);
    expect(JSON.stringify(error) + inspect(error)).not.toContain(CREDENTIALS.customerSecret);
  });
});

describe('secrets', () => {
  it('never appear in inspect/JSON of the provider, nor in an error whose Agora reason echoes them', async () => {
    const p = provider(fake);
    expect(inspect(p, { showHidden: true, depth: 10 }) + JSON.stringify(p)).not.toMatch(
      new RegExp(SECRETS.join('|')),
    );
    nock.cleanAll();
    const scope = nock(fake.baseUrl)
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
    const error = await createAgoraProvider({ ...CREDENTIALS, baseUrl: fake.baseUrl, logger })
      .start(compositeRequest())
      .catch((e) => e);
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

describe('idempotency', () => {
  it('the same idempotencyKey twice starts one recording and returns the same session', async () => {
    const p = provider(fake);
    const request = { ...compositeRequest(), idempotencyKey: 'meeting-42-take-1' };
    const [a, b] = await Promise.all([p.start(request), p.start(request)]);
    expect(a).toBe(b);
    expect(fake.requests.filter((r) => r.operation === 'start')).toHaveLength(1);
  });

  it('another process with the same key uses the same recorder uid, so Agora refuses a duplicate', async () => {
    const request = { ...compositeRequest(), idempotencyKey: 'meeting-42-take-1' };
    const a = decode((await provider(fake).start(request)).handle).uid;
    const b = decode((await provider(fake).start(request)).handle).uid;
    expect(a).toBe(b);
    const c = decode((await provider(fake).start({ ...request, idempotencyKey: 'take-2' })).handle).uid;
    expect(c).not.toBe(a);
  });

  it('a failed start is forgotten, so the key can be tried again', async () => {
    const p = provider(fake, { maxRetries: 0 });
    const request = { ...compositeRequest(), idempotencyKey: 'retry-me' };
    fake.fail('start', 'auth');
    await expect(p.start(request)).rejects.toSatisfy(isRecordingError);
    await expect(p.start(request)).resolves.toMatchObject({ vendor: 'agora' });
  });
});

describe('update (Agora extra on the concrete class)', () => {
  it('subscription lists per media; returns a handle with the new participants', async () => {
    const p = provider(fake);
    const session = await p.start({ ...individualRequest(), media: 'audio' });
    const { handle } = await p.update(session, { participants: { include: ['7', '8'] } });
    expect(fake.bodies.at(-1)!.body.clientRequest).toEqual({
      streamSubscribe: { audioUidList: { subscribeAudioUids: ['7', '8'] } },
    });
    expect(decode(handle).participants).toEqual(['7', '8']);
    await p.update(handle, { participants: { exclude: ['9'] } });
    expect(fake.bodies.at(-1)!.body.clientRequest).toEqual({
      streamSubscribe: { audioUidList: { unSubscribeAudioUids: ['9'] } },
    });
  });

  it('web page recording: pause / resume and the CDN URL', async () => {
    const p = provider(fake);
    const session = await p.start(webRequest());
    await p.update(session, { webRecording: { paused: true }, rtmpUrl: 'rtmps://cdn.example.com/live/k' });
    expect(fake.bodies.at(-1)!.path).toMatch(/\/mode\/web\/update$/);
    expect(fake.bodies.at(-1)!.body.clientRequest).toEqual({
      webRecordingConfig: { onhold: true },
      rtmpPublishConfig: { outputs: [{ rtmpUrl: 'rtmps://cdn.example.com/live/k' }] },
    });
    fake.setState('paused');
    expect((await p.query(session)).state).toBe('paused');
  });

  it('what the mode cannot do, or an empty / invalid update, fails before any request', async () => {
    const p = provider(fake);
    const web = await p.start(webRequest());
    const mix = await p.start(compositeRequest());
    const before = fake.requests.length;
    await expect(p.update(web, { participants: { include: ['1'] } })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(p.update(mix, { webRecording: { paused: true } })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(p.update(mix, {})).rejects.toBeInstanceOf(ValidationError);
    await expect(p.update(mix, { participants: { include: ['x'] } })).rejects.toThrow(
      /participants\.include\[0\]/,
    );
    await expect(p.update(web, { rtmpUrl: 'http://not-rtmp' })).rejects.toBeInstanceOf(ValidationError);
    expect(fake.requests.length).toBe(before);
  });
});

describe('domain fallback', () => {
  it('area hosts in order: region on both suffixes, then the neighbouring region; cn prefers sd-rtn.com', () => {
    expect(agoraBaseUrls('us')).toEqual([
      'https://api-us-west-1.agora.io',
      'https://api-us-west-1.sd-rtn.com',
      'https://api-us-east-1.agora.io',
      'https://api-us-east-1.sd-rtn.com',
    ]);
    expect(agoraBaseUrls('cn')).toEqual([
      'https://api-cn-east-1.sd-rtn.com',
      'https://api-cn-east-1.agora.io',
      'https://api-cn-north-1.sd-rtn.com',
      'https://api-cn-north-1.agora.io',
    ]);
    expect(agoraBaseUrls(undefined)).toEqual(['https://api.sd-rtn.com', 'https://api.agora.io']);
  });

  it('a network failure moves the next attempt to the other suffix, then the neighbouring region', async () => {
    const path = /\/acquire$/;
    nock('https://api-eu-west-1.agora.io')
      .post(path)
      .replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    nock('https://api-eu-west-1.sd-rtn.com')
      .post(path)
      .replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    nock('https://api-eu-central-1.agora.io').post(path).reply(200, { resourceId: 'R' });
    nock('https://api-eu-central-1.agora.io')
      .post(/\/start$/)
      .reply(200, { sid: 'S' });
    const hosts: string[] = [];
    const p = createAgoraProvider({
      ...CREDENTIALS,
      area: 'eu',
      maxRetries: 3,
      hooks: { onRequest: (i) => void hosts.push(new URL(i.url).host) },
    });
    await p.start(compositeRequest());
    expect(hosts).toEqual([
      'api-eu-west-1.agora.io',
      'api-eu-west-1.sd-rtn.com',
      'api-eu-central-1.agora.io',
      'api-eu-central-1.agora.io',
    ]);
  });

  it('a given baseUrl disables the fallback', async () => {
    fake.fail('query', 'network', 2);
    const p = provider(fake, { maxRetries: 2 });
    const session = await p.start(compositeRequest());
    const hosts: string[] = [];
    const q = createAgoraProvider({
      ...CREDENTIALS,
      baseUrl: fake.baseUrl,
      area: 'us',
      hooks: { onRequest: (i) => void hosts.push(new URL(i.url).origin) },
    });
    await q.query(session);
    expect(new Set(hosts)).toEqual(new Set([fake.baseUrl]));
    expect(hosts).toHaveLength(3);
  });
});
