import { describe, expect, it } from 'vitest';
import { createJoCloudEmulator, type JoCloudEmulatorOptions } from '../src/vendors/jocloud.js';
import type { SimCallbacks } from '../src/types.js';
import {
  body,
  fakeContext,
  JOCLOUD_SEED_START,
  JOCLOUD_SEED_STOP,
  JOCLOUD_SEED_UPDATE,
  joRequest,
} from './helpers/vendor-context.js';

function setup(options: JoCloudEmulatorOptions = {}, callbacks?: SimCallbacks) {
  const ctx = fakeContext({ callbacks, limits: false });
  const emulator = createJoCloudEmulator({ startDelayMs: 1000, ...options });
  const send = async (method: string, uri: string, payload?: unknown) => {
    const res = await emulator.handle(joRequest(ctx, method, uri, payload), ctx);
    return { status: res.status, ...body(res) };
  };
  const start = async (mutate: (b: any) => void = () => {}) => {
    const resid = (await send('GET', 'applyrecord')).resid as string;
    const payload: any = { ...structuredClone(JOCLOUD_SEED_START), resid };
    mutate(payload);
    const res = await send('POST', 'startrecord', payload);
    expect(res.code).toBe(0);
    return { resid, recordid: res.recordid as string, roomid: payload.roomid as string };
  };
  const stop = (ids: { resid: string; recordid: string }) =>
    send('POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, ...ids });
  const query = (ids: { recordid: string }, room = 'abcabc') =>
    send('GET', `queryrecord/${room}/${ids.recordid}`);
  return { ctx, emulator, send, start, stop, query };
}

describe('JOCloud lifecycle', () => {
  it('queryrecord status 0 (init) → 1 with the clock; after stoprecord → 4013', async () => {
    const { ctx, start, stop, query } = setup();
    const t0 = ctx.clock.now();
    const ids = await start();
    expect((await query(ids)).data).toMatchObject({ status: 0, createtime: t0, starttime: 0 });
    ctx.advance(999);
    expect((await query(ids)).data.status).toBe(0);
    ctx.advance(1);
    expect((await query(ids)).data).toMatchObject({ status: 1, createtime: t0, starttime: t0 + 1000 });
    expect((await stop(ids)).code).toBe(0);
    // "After the recording task is stopped … the API will return an error. (Response Code: 4013)"
    expect(await query(ids)).toMatchObject({ status: 200, code: 4013 });
    expect((await stop(ids)).code).toBe(4013);
  });

  it('resid: single use (4011 while its task runs, 4012 after), 5-minute validity, unknown → 4012', async () => {
    const { ctx, send, start, stop } = setup();
    const ids = await start();
    const again = await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: ids.resid });
    expect(again).toMatchObject({ status: 404, code: 4011 });
    await stop(ids);
    expect((await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: ids.resid })).code).toBe(4012);

    const stale = (await send('GET', 'applyrecord')).resid;
    ctx.advance(5 * 60_000 + 1);
    expect(await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: stale })).toMatchObject({
      status: 404,
      code: 4012,
    });
    expect((await send('POST', 'startrecord', JOCLOUD_SEED_START)).code).toBe(4012);

    const fresh = (await send('GET', 'applyrecord')).resid;
    ctx.advance(5 * 60_000);
    expect((await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: fresh })).code).toBe(0);
  });

  it('updatemixrecord: 4019 on a source-stream task, 4012 for a foreign resid, 4013 after stop, layout re-validated', async () => {
    const { send, start, stop } = setup();
    const source = await start((b) => Object.assign(b, { streamtype: 2, uid: '10266666' }));
    const update = (ids: object, extra: object = {}) =>
      send('POST', 'updatemixrecord', { ...JOCLOUD_SEED_UPDATE, ...ids, ...extra });
    expect(await update(source)).toMatchObject({
      status: 200,
      code: 4019,
      message: 'Recording task type is not mixed stream recording',
    });

    const mixed = await start();
    expect((await update({ ...mixed, resid: source.resid })).code).toBe(4012);
    expect((await update(mixed, { roomid: 'other' })).code).toBe(4013);
    const bad: any = structuredClone(JOCLOUD_SEED_UPDATE.mixconfig);
    bad.input[0].layoutH = 0;
    expect((await update(mixed, { mixconfig: bad })).message).toMatch(
      /mixconfig\.input\[0\]\.layoutH must be between 1 and 1920/,
    );
    const template = { templateid: 1, output: JOCLOUD_SEED_UPDATE.mixconfig.output };
    expect((await update(mixed, { mixconfig: template })).code).toBe(0);
    const noMix = { ...JOCLOUD_SEED_UPDATE, ...mixed } as any;
    delete noMix.mixconfig;
    expect((await send('POST', 'updatemixrecord', noMix)).message).toMatch(/mixconfig is required/);
    await stop(mixed);
    expect((await update(mixed)).code).toBe(4013);
  });

  it('queryrecord in another room → 4013', async () => {
    const { start, query } = setup();
    const ids = await start();
    expect((await query(ids, 'efdefd')).code).toBe(4013);
  });

  it('uses ctx.timings.recordingMs when startDelayMs is not given', async () => {
    const ctx = fakeContext({ limits: false });
    ctx.timings = {
      startingMs: 0,
      readyMs: 0,
      recordingMs: 200,
      sliceMs: 1000,
      uploadMs: 0,
      endedRetentionMs: 1000,
    };
    const emulator = createJoCloudEmulator();
    const resid = body(await emulator.handle(joRequest(ctx, 'GET', 'applyrecord'), ctx)).resid;
    const { recordid } = body(
      await emulator.handle(joRequest(ctx, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid }), ctx),
    );
    ctx.advance(200);
    const q = body(await emulator.handle(joRequest(ctx, 'GET', `queryrecord/abcabc/${recordid}`), ctx));
    expect(q.data.status).toBe(1);
  });

  it('sessions(), failSession() and reset()', async () => {
    const { ctx, emulator, start, query } = setup();
    const ids = await start();
    expect(emulator.sessions()).toMatchObject([
      { vendor: 'jocloud', id: ids.recordid, room: 'abcabc', state: 'starting' },
    ]);
    ctx.advance(1000);
    expect(emulator.sessions()[0]?.state).toBe('recording');
    expect(emulator.sessions()[0]?.files[0]?.name).toBe(
      `https://xxxx-test-bucket.xxxx-test-endpoint/test1/test2/${ids.recordid}.m3u8`,
    );
    expect(emulator.failSession(ids.recordid, ctx)).toBe(true);
    expect(emulator.failSession(ids.recordid, ctx)).toBe(false);
    expect(emulator.sessions()[0]).toMatchObject({ state: 'failed', stoppedAt: ctx.clock.now() });
    expect((await query(ids)).code).toBe(4013);
    emulator.reset();
    expect(emulator.sessions()).toEqual([]);
  });
});

describe('JOCloud callbacks', () => {
  it('msgtype 1 when the task starts, msgtype 1 then 2 (recordtask_m3u8_info) at stop, token in x-unirec-token', async () => {
    const url = 'http://127.0.0.1:9/jo';
    const { ctx, emulator, start, stop } = setup({}, { jocloud: { url, token: 'shared-token' } });
    const t0 = ctx.clock.now();
    const ids = await start();
    expect(ctx.webhooks).toEqual([]);
    ctx.advance(1000);
    emulator.tick?.(ctx);
    ctx.advance(9000);
    await stop(ids);
    const events = ctx.webhooks.map((w) => JSON.parse(w.body));
    expect(events.map((e) => [e.msgtype, e.context.msgname])).toEqual([
      [1, 'recordtask_started'],
      [1, 'recordtask_stopped'],
      [2, 'recordtask_m3u8_info'],
    ]);
    for (const w of ctx.webhooks) {
      expect(w.url).toBe(url);
      expect(w.headers).toEqual({ 'content-type': 'application/json', 'x-unirec-token': 'shared-token' });
    }
    expect(new Set(events.map((e) => e.msgid)).size).toBe(3); // receivers de-duplicate by msgid
    const result = events[2];
    expect(result).toEqual({
      msgid: expect.stringMatching(new RegExp(`^RECORD-${ids.recordid}-[0-9a-f]+$`)),
      product: 1,
      msgtype: 2,
      notifytime: t0 + 10_000,
      context: {
        msgname: 'recordtask_m3u8_info',
        appid: 10034,
        roomid: 'abcabc',
        uid: ['10266666', '10277777'],
        recordid: ids.recordid,
        filetype: 'm3u8',
        duration: 9000,
        fileaddress: `https://xxxx-test-bucket.xxxx-test-endpoint/test1/test2/${ids.recordid}.m3u8`,
        starttime: t0 + 1000,
      },
    });
  });

  it("the request's callbackurl wins over the configured URL; no token → no token header; off → nothing", async () => {
    const { ctx, start, stop } = setup({ startDelayMs: 0 }, { jocloud: {} });
    const ids = await start((b) => (b.callbackurl = 'http://127.0.0.1:9/own'));
    await stop(ids);
    expect(ctx.webhooks.map((w) => w.url)).toEqual(Array(3).fill('http://127.0.0.1:9/own'));
    expect(ctx.webhooks[0]?.headers).toEqual({ 'content-type': 'application/json' });

    const silent = setup({ startDelayMs: 0 });
    await silent.stop(await silent.start((b) => (b.callbackurl = 'http://127.0.0.1:9/own')));
    expect(silent.ctx.webhooks).toEqual([]);

    const noUrl = setup({ startDelayMs: 0 }, { jocloud: { token: 't' } });
    await noUrl.stop(await noUrl.start());
    expect(noUrl.ctx.webhooks).toEqual([]);
  });

  it('a source-stream task reports its uid', async () => {
    const { ctx, start, stop } = setup({ startDelayMs: 0 }, { jocloud: { url: 'http://127.0.0.1:9/jo' } });
    await stop(await start((b) => Object.assign(b, { streamtype: 2, uid: 'u-1', mixconfig: undefined })));
    expect(JSON.parse(ctx.webhooks.at(-1)?.body ?? '{}').context.uid).toEqual(['u-1']);
  });
});
