import { describe, expect, it } from 'vitest';
import { createJoCloudEmulator } from '../src/vendors/jocloud.js';
import { setup } from './helpers/jocloud-unit.js';
import {
  body,
  fakeContext,
  JOCLOUD_SEED_START,
  JOCLOUD_SEED_STOP,
  JOCLOUD_SEED_UPDATE,
  joRequest,
} from './helpers/vendor-context.js';

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
    ['no Token header', 1000, { token: undefined }],
    [
      'Token with a wrong secret',
      1001,
      { token: `Basic ${Buffer.from(`${restfulId}:nope`).toString('base64')}` },
    ],
    ['Token not Basic', 1001, { token: 'Bearer abc' }],
    ['no AppID header', 1002, { appid: undefined }],
    ['AppID header of another app', 1002, { appid: '10035' }],
  ] as const)('%s → %i', async (_name, code, headers) => {
    const { send } = setup();
    const res = await send('GET', 'applyrecord', undefined, headers);
    expect(res).toMatchObject({ status: 200, code, traceId: expect.stringMatching(/^t\d+$/) });
    expect(res.resid).toBeUndefined();
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
      ['POST', 'startrecord', JOCLOUD_SEED_START, { 'content-type': 'application/json;charset=ISO-8859-1' }],
      ['POST', 'startrecord', '[]', {}],
    ] as const) {
      const res = await send(method, uri, payload, headers);
      expect(res, `${method} ${uri}`).toMatchObject({ status: 404, code: 2101 });
    }
  });

  it('a request without ?traceId= → 2101 naming it; its answer carries an empty traceId', async () => {
    const { ctx, emulator } = setup();
    const req = joRequest(ctx, 'GET', 'applyrecord');
    req.url.searchParams.delete('traceId');
    const res = await emulator.handle(req, ctx);
    expect(res.status).toBe(404);
    expect(body(res)).toEqual({
      code: 2101,
      message: expect.stringMatching(/traceId \(URL query parameter\) is required/),
      traceId: '',
    });
  });

  it('Content-Type: application/json without a charset, or charset="utf-8" in any case, is JSON', async () => {
    for (const type of ['application/json', 'Application/JSON; charset="utf-8"']) {
      const { send, apply } = setup();
      const resid = await apply();
      const res = await send(
        'POST',
        'startrecord',
        { ...JOCLOUD_SEED_START, resid },
        { 'content-type': type },
      );
      expect(res.code, type).toBe(0);
    }
  });

  it('10 requests per second per AppID, then 2105; queryrecord limited per recordid only', async () => {
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
    keys.length = 0;
    await emulator.handle(joRequest(ctx, 'GET', 'queryrecord/r/x'), ctx);
    // its own note ("Each recordid is limited to 10 requests per second") replaces the AppID limit
    expect(keys).toEqual(['jocloud:10034:queryrecord:x@10']);
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
