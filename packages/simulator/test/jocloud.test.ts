import { describe, expect, it } from 'vitest';
import { createJoCloudEmulator, type JoCloudEmulatorOptions } from '../src/vendors/jocloud.js';
import {
  body,
  fakeContext,
  JOCLOUD_SEED_START,
  JOCLOUD_SEED_STOP,
  JOCLOUD_SEED_UPDATE,
  joRequest,
} from './helpers/vendor-context.js';

function setup(options: JoCloudEmulatorOptions = {}) {
  const ctx = fakeContext();
  const emulator = createJoCloudEmulator({ startDelayMs: 1000, ...options });
  const send = async (...args: Parameters<typeof joRequest> extends [any, ...infer R] ? R : never) => {
    const res = await emulator.handle(joRequest(ctx, ...args), ctx);
    return { status: res.status, ...body(res) };
  };
  const apply = async () => (await send('GET', 'applyrecord')).resid as string;
  const startWith = async (mutate: (b: any) => void = () => {}) => {
    const payload: any = structuredClone(JOCLOUD_SEED_START);
    payload.resid = await apply();
    mutate(payload);
    return { payload, res: await send('POST', 'startrecord', payload) };
  };
  return { ctx, emulator, send, apply, startWith };
}

describe('JOCloud: every request example of seed 003 is accepted', () => {
  it('applyrecord → startrecord → updatemixrecord → queryrecord → stoprecord', async () => {
    const { ctx, send } = setup();
    const applied = await send('GET', 'applyrecord');
    expect(applied).toMatchObject({
      status: 200,
      code: 0,
      message: 'success',
      traceId: expect.stringMatching(/^t\d+$/),
    });
    expect(applied.resid).toMatch(/^[0-9a-f]{60}-[0-9a-f]{16}$/);

    const started = await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: applied.resid });
    expect(started).toMatchObject({ status: 200, code: 0, message: 'success' });
    expect(started.recordid).toMatch(/^[0-9a-f]{35}$/);
    const ids = { resid: applied.resid, recordid: started.recordid };

    const query = await send('GET', `queryrecord/abcabc/${ids.recordid}`);
    expect(Object.keys(query).sort()).toEqual(['code', 'data', 'message', 'recordid', 'status', 'traceId']);
    expect(query.data).toEqual({
      recordid: ids.recordid,
      appid: 10034,
      roomid: 'abcabc',
      status: 0,
      createtime: ctx.clock.now(),
      starttime: 0,
    });

    expect(await send('POST', 'updatemixrecord', { ...JOCLOUD_SEED_UPDATE, ...ids })).toMatchObject({
      code: 0,
      message: 'success',
      recordid: ids.recordid,
    });
    expect(await send('POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, ...ids })).toMatchObject({
      code: 0,
      message: 'success',
      recordid: ids.recordid,
    });
  });

  it('echoes the traceId of the URL', async () => {
    const { ctx, emulator } = setup();
    const req = joRequest(ctx, 'GET', 'applyrecord');
    req.url.searchParams.set('traceId', '23116613407505472693518435');
    expect(body(await emulator.handle(req, ctx)).traceId).toBe('23116613407505472693518435');
  });
});

describe('JOCloud auth, methods, rate limit', () => {
  const { restfulId } = fakeContext().credentials.jocloud;
  it.each([
    ['no Token header', { token: undefined }, 1000],
    [
      'Token with a wrong secret',
      { token: `Basic ${Buffer.from(`${restfulId}:nope`).toString('base64')}` },
      1001,
    ],
    ['Token not Basic', { token: 'Bearer abc' }, 1001],
    ['no AppID header', { appid: undefined }, 1002],
    ['AppID header of another app', { appid: '10035' }, 1002],
  ] as const)('%s → %i', async (_name, headers, code) => {
    const { send } = setup();
    expect((await send('GET', 'applyrecord', undefined, headers)).code).toBe(code);
  });

  it('an appid in the path that is not the configured one → 1002', async () => {
    const { send } = setup();
    expect((await send('GET', 'applyrecord', undefined, { appid: '10035' }, 10035)).code).toBe(1002);
  });

  it('unknown reqUri, wrong method, missing Content-Type, bad JSON → 2101 (HTTP 404)', async () => {
    const { send } = setup();
    for (const [method, uri, payload, headers] of [
      ['GET', 'listrecord', undefined, {}],
      ['POST', 'applyrecord', {}, {}],
      ['GET', 'stoprecord', undefined, {}],
      ['GET', 'queryrecord/abcabc', undefined, {}],
      ['POST', 'startrecord', JOCLOUD_SEED_START, { 'content-type': 'text/plain' }],
      ['POST', 'startrecord', '{"resid":', {}],
    ] as const) {
      const res = await send(method, uri, payload, headers);
      expect(res, `${method} ${uri}`).toMatchObject({ status: 404, code: 2101 });
    }
  });

  it('10 requests per second per AppID, then 2105; queryrecord also limited per recordid', async () => {
    const { ctx, emulator, send } = setup();
    const keys: string[] = [];
    const allow = ctx.allow.bind(ctx);
    ctx.allow = (key, n) => {
      keys.push(`${key}@${n}`);
      return allow(key, n);
    };
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await send('GET', 'applyrecord')).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(codes[10]).toBe(2105);
    expect(keys[0]).toBe('jocloud:10034@10');
    ctx.advance(1000);
    await emulator.handle(joRequest(ctx, 'GET', 'queryrecord/r/x'), ctx);
    expect(keys.at(-1)).toBe('jocloud:10034:queryrecord:x@10');
  });

  it('errorResponse keeps the vendor shape and the traceId', () => {
    const ctx = fakeContext();
    const res = createJoCloudEmulator().errorResponse(4014, joRequest(ctx, 'GET', 'applyrecord'));
    expect(res.status).toBe(200);
    expect(body(res)).toMatchObject({
      code: 4014,
      message: 'Stream mixing operation failed',
      traceId: expect.any(String),
    });
    expect(
      body(createJoCloudEmulator().errorResponse(4012, joRequest(ctx, 'GET', 'applyrecord'))),
    ).toMatchObject({ code: 4012 });
  });
});

describe('JOCloud startrecord: invalid parameters → 2101 naming the field', () => {
  const cases: Array<[string, (b: any) => void, RegExp]> = [
    ['roomid missing', (b) => delete b.roomid, /roomid is required/],
    ['appid as a string', (b) => (b.appid = '10034'), /appid must be an integer/],
    ['appid of another app', (b) => (b.appid = 10035), /appid 10035 does not match/],
    ['streamtype 3', (b) => (b.streamtype = 3), /streamtype must be one of 1, 2/],
    ['recordtype 3', (b) => (b.recordtype = 3), /recordtype must be one of 0, 1, 2/],
    [
      'mixconfig missing in mixed mode',
      (b) => delete b.mixconfig,
      /mixconfig is required for mixed stream recording/,
    ],
    ['source stream without uid', (b) => (b.streamtype = 2), /uid is required for source stream recording/],
    [
      'layoutW 0',
      (b) => (b.mixconfig.input[0].layoutW = 0),
      /mixconfig\.input\[0\]\.layoutW must be between 1 and 1920/,
    ],
    [
      'layoutX 1921',
      (b) => (b.mixconfig.input[1].layoutX = 1921),
      /mixconfig\.input\[1\]\.layoutX must be between 0 and 1920/,
    ],
    ['zOrder 17', (b) => (b.mixconfig.input[0].zOrder = 17), /zOrder must be between 0 and 16/],
    ['crop 2', (b) => (b.mixconfig.input[0].crop = 2), /crop must be one of 0, 1/],
    [
      'video input without crop',
      (b) => delete b.mixconfig.input[0].crop,
      /input\[0\]\.crop is required for a stream with video/,
    ],
    ['alpha 1.5', (b) => (b.mixconfig.input[0].alpha = 1.5), /alpha must be between 0.0 and 1.0/],
    [
      'the seed table typo "intput"',
      (b) => (b.mixconfig.intput = b.mixconfig.input),
      /mixconfig\.intput is not a documented field/,
    ],
    ['ZorDer casing', (b) => (b.mixconfig.input[0].ZOrder = 1), /ZOrder is not a documented field/],
    [
      'templateid with input',
      (b) => (b.mixconfig.templateid = 1),
      /input must not be set together with templateid/,
    ],
    [
      'neither templateid nor input',
      (b) => delete b.mixconfig.input,
      /templateid \(layout template\) or input/,
    ],
    [
      'templateid 6',
      (b) => Object.assign(b.mixconfig, { input: undefined, templateid: 6 }),
      /templateid must be between 1 and 5/,
    ],
    ['videowidth 15', (b) => (b.mixconfig.output.videowidth = 15), /videowidth must be between 16 and 1920/],
    [
      'videobitrate 10001',
      (b) => (b.mixconfig.output.videobitrate = 10001),
      /videobitrate must be between 1 and 10000/,
    ],
    [
      'videobitrate missing',
      (b) => delete b.mixconfig.output.videobitrate,
      /output\.videobitrate is required when output streamtype is 0/,
    ],
    ['videogop 1000', (b) => (b.mixconfig.output.videogop = 1000), /videogop must be between 1 and 999/],
    ['videoencode 101 (H265)', (b) => (b.mixconfig.output.videoencode = 101), /videoencode must be 100/],
    ['audiobitrate 64', (b) => (b.mixconfig.output.audiobitrate = 64), /audiobitrate must be 128/],
    ['audiosample 44100', (b) => (b.mixconfig.output.audiosample = 44100), /audiosample must be 48000/],
    [
      'patch 3 without patchUrl',
      (b) => (b.mixconfig.output.patch = 3),
      /patchUrl is required when patch is 3/,
    ],
    [
      'background colour of mixed case',
      (b) => (b.mixconfig.output.background = { color: 'aBcDeF' }),
      /background\.color must be 'RRGGBB' hex/,
    ],
    [
      'background image without scale',
      (b) => (b.mixconfig.output.background = { image: { url: 'https://x/y.png' } }),
      /background\.image\.scale is required/,
    ],
    [
      'watermark text beyond the output width',
      (b) => (b.mixconfig.output.watermark = { textList: [{ x: 800, y: 0, content: 'hi', size: 20 }] }),
      /watermark\.textList\[0\]\.x must be less than the output width 800/,
    ],
    [
      'watermark timestamp format',
      (b) => (b.mixconfig.output.watermark = { timestamp: { x: 0, y: 0, format: '%d.%m.%Y', size: 10 } }),
      /watermark\.timestamp\.format must be one of/,
    ],
    [
      'watermark image url over 256 bytes',
      (b) =>
        (b.mixconfig.output.watermark = {
          imageList: [{ x: 0, y: 0, width: 10, height: 10, url: `https://x/${'a'.repeat(260)}`, scale: 0 }],
        }),
      /url must not exceed 256 bytes/,
    ],
    [
      'base64seidata not Base64',
      (b) => (b.mixconfig.output.base64seidata = 'not base64!'),
      /base64seidata must be Base64/,
    ],
    ['storagecfg.vender 3', (b) => (b.storagecfg.vender = 3), /storagecfg\.vender must be one of 0, 1, 2/],
    ['storagecfg.bucket missing', (b) => delete b.storagecfg.bucket, /storagecfg\.bucket is required/],
    [
      'fileprefix with a slash',
      (b) => (b.storagecfg.fileprefix = ['a/b']),
      /storagecfg\.fileprefix\[0\] must contain only/,
    ],
    [
      'fileprefix over 128 characters',
      (b) => (b.storagecfg.fileprefix = ['a'.repeat(64), 'b'.repeat(64)]),
      /fileprefix must not exceed 128 characters/,
    ],
    ['callbackurl not http', (b) => (b.callbackurl = 'ftp://x'), /callbackurl must be an http\(s\) URL/],
  ];
  it.each(cases)('%s', async (_name, mutate, message) => {
    const { startWith } = setup();
    const { res } = await startWith(mutate);
    expect(res).toMatchObject({ status: 404, code: 2101 });
    expect(res.message).toMatch(message);
    expect(res.recordid).toBeUndefined();
  });

  it('accepts the documented variants: template layout, audio-only mixing without input, source stream, watermarks', async () => {
    const variants: Array<(b: any) => void> = [
      (b) => Object.assign(b.mixconfig, { input: undefined, templateid: 3 }),
      (b) => Object.assign(b, { recordtype: 2, mixconfig: { output: { streamtype: 2, audiobitrate: 128 } } }),
      (b) => Object.assign(b, { streamtype: 2, uid: '10266666', mixconfig: undefined }),
      (b) =>
        (b.mixconfig.output = {
          ...b.mixconfig.output,
          videofps: 90, // "higher than 60 … adjusted to 60"
          patch: 3,
          patchUrl: 'https://example.com/p.png',
          background: { color: 'ABCDEF', image: { url: 'https://example.com/bg.png', scale: 1 } },
          watermark: {
            timestamp: {
              x: 10,
              y: 10,
              format: '%Y-%m-%d %H:%M:%S',
              font: 'NotoSansCJK',
              size: 20,
              color: 'ffffff',
            },
            textList: [{ x: 0, y: 500, content: 'live', size: 30, alpha: 0.5 }],
            imageList: [
              { x: 700, y: 0, width: 100, height: 50, url: 'https://example.com/logo.png', scale: 0 },
            ],
          },
          base64seidata: Buffer.from('hello').toString('base64'),
        }),
      (b) => (b.callbackurl = 'https://example.com/hook'),
    ];
    for (const mutate of variants) {
      const { startWith } = setup();
      const { res } = await startWith((b) => {
        mutate(b);
        for (const k of Object.keys(b.mixconfig ?? {}))
          if (b.mixconfig[k] === undefined) delete b.mixconfig[k];
        if (b.mixconfig === undefined) delete b.mixconfig;
      });
      expect(res, JSON.stringify(res)).toMatchObject({ code: 0 });
    }
  });

  it("unknownFields: 'ignore' drops undocumented fields", async () => {
    const { startWith } = setup({ unknownFields: 'ignore' });
    expect((await startWith((b) => (b.token = 'abc'))).res.code).toBe(0);
  });
});
