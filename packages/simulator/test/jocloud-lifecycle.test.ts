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
  const ctx = fakeContext({ limits: false });
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
    // the seed documents recordid for the success answer only: the error carries none, in no form
    expect(again).toEqual({
      status: 404,
      code: 4011,
      message: 'Recording task already exists',
      traceId: expect.any(String),
    });
    expect(JSON.stringify(again)).not.toContain(ids.recordid);
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
    const source = await start((b) => {
      Object.assign(b, { streamtype: 2, uid: '10266666' });
      delete b.mixconfig;
    });
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
    const t0 = ctx.clock.now();
    const ids = await start();
    expect(emulator.sessions()).toEqual([
      {
        vendor: 'jocloud',
        id: ids.recordid,
        room: 'abcabc',
        ids: { appid: 10034, resid: ids.resid, recordid: ids.recordid, roomid: 'abcabc' },
        state: 'starting',
        active: true,
        vendorStatus: 0,
        startedAt: t0,
        files: [],
        request: expect.objectContaining({ resid: ids.resid, roomid: 'abcabc', streamtype: 1 }),
      },
    ]);
    ctx.advance(1000);
    emulator.tick?.(ctx);
    expect(emulator.sessions()[0]).toMatchObject({ state: 'recording', active: true, vendorStatus: 1 });
    expect(emulator.sessions()[0]?.files[0]?.name).toBe(
      `https://xxxx-test-bucket.xxxx-test-endpoint/test1/test2/${ids.recordid}.m3u8`,
    );
    expect(emulator.failSession(ids.recordid, ctx)).toBe(true);
    expect(emulator.failSession(ids.recordid, ctx)).toBe(false);
    const failed = emulator.sessions()[0];
    expect(failed).toMatchObject({ state: 'failed', active: false, stoppedAt: ctx.clock.now() });
    expect(failed?.vendorStatus).toBeUndefined();
    expect((await query(ids)).code).toBe(4013);
    emulator.reset();
    expect(emulator.sessions()).toEqual([]);
  });

  it('ids follow the seed: resid "<60 hex>-<16 hex>", recordid 35 hex sharing the resid stem', async () => {
    const { start } = setup();
    const a = await start();
    const b = await start();
    for (const ids of [a, b]) {
      expect(ids.resid).toMatch(/^[0-9a-f]{60}-[0-9a-f]{16}$/);
      expect(ids.recordid).toMatch(/^[0-9a-f]{35}$/);
      expect(ids.recordid.slice(0, 12)).toBe(ids.resid.slice(61, 73));
    }
    expect(a.recordid).not.toBe(b.recordid);
  });

  it('output sizes not a multiple of 4 are rounded to the nearest one; fps capped at 60; gop rounded up to whole seconds', async () => {
    const { emulator, start, send } = setup();
    const heldOutput = (recordid: string) =>
      (emulator.sessions().find((v) => v.id === recordid)?.request as any)?.mixconfig?.output;
    const cases: Array<[object, object]> = [
      [
        { videowidth: 801, videoheight: 599 },
        { videowidth: 800, videoheight: 600 },
      ],
      [
        { videowidth: 802, videoheight: 598 },
        { videowidth: 804, videoheight: 600 },
      ], // halves round up
      [
        { videowidth: 1919, videoheight: 17 },
        { videowidth: 1920, videoheight: 16 },
      ],
      [
        { videofps: 90, videogop: 100 },
        { videofps: 60, videogop: 120 },
      ],
      [
        { videofps: 24, videogop: 50 },
        { videofps: 24, videogop: 72 },
      ],
      [
        { videofps: 60, videogop: 999 },
        { videofps: 60, videogop: 960 },
      ], // 1020 would leave (0, 1000)
    ];
    for (const [given, held] of cases) {
      const ids = await start((b) => Object.assign(b.mixconfig.output, given));
      expect(heldOutput(ids.recordid), JSON.stringify(given)).toMatchObject(held);
    }
    // updatemixrecord is adjusted the same way
    const ids = await start();
    const output = { ...JOCLOUD_SEED_UPDATE.mixconfig.output, videowidth: 1081, videoheight: 722 };
    const mixconfig = { ...JOCLOUD_SEED_UPDATE.mixconfig, output };
    expect((await send('POST', 'updatemixrecord', { ...JOCLOUD_SEED_UPDATE, ...ids, mixconfig })).code).toBe(
      0,
    );
    expect(heldOutput(ids.recordid)).toMatchObject({ videowidth: 1080, videoheight: 724 });
  });

  it('a room not publishing: startrecord → 4005 (HTTP 404); running tasks stop by themselves after 30 s', async () => {
    const { ctx, emulator, send, start, query } = setup();
    const ids = await start((b) => (b.callbackurl = 'http://127.0.0.1:9/jo'));
    ctx.advance(5_000);
    emulator.setRoomPublishing('abcabc', false);
    const resid = (await send('GET', 'applyrecord')).resid;
    expect(await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid })).toMatchObject({
      status: 404,
      code: 4005,
      message: 'Room is not publishing',
    });
    ctx.advance(29_999);
    emulator.tick?.(ctx);
    expect((await query(ids)).code).toBe(0);
    ctx.advance(1);
    emulator.tick?.(ctx);
    expect((await query(ids)).code).toBe(4013);
    expect(emulator.sessions()[0]).toMatchObject({
      state: 'stopped',
      active: false,
      stoppedAt: ctx.clock.now(),
    });
    const last = JSON.parse(ctx.webhooks.at(-1)?.body ?? '{}');
    expect(last).toMatchObject({ msgtype: 2, context: { recordid: ids.recordid, duration: 34_000 } });

    emulator.setRoomPublishing('abcabc', true);
    expect((await send('POST', 'startrecord', { ...JOCLOUD_SEED_START, resid })).code).toBe(0);
    // a short silence does not stop anything
    emulator.setRoomPublishing('abcabc', false);
    ctx.advance(10_000);
    emulator.setRoomPublishing('abcabc', true);
    ctx.advance(60_000);
    emulator.tick?.(ctx);
    expect(emulator.sessions().filter((v) => v.active)).toHaveLength(1);
  });
});

describe('JOCloud callbacks', () => {
  it('go to the callbackurl exactly as given: msgtype 1 at start, 1 then 2 (recordtask_m3u8_info) at stop, Content-Type only', async () => {
    const url = 'http://127.0.0.1:9/jo/hook?token=s3cr%2Bt&tenant=a';
    const { ctx, emulator, start, stop } = setup();
    const t0 = ctx.clock.now();
    const ids = await start((b) => (b.callbackurl = url));
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
      expect(w.headers).toEqual({ 'content-type': 'application/json' });
    }
    expect(new Set(events.map((e) => e.msgid)).size).toBe(3); // receivers de-duplicate by msgid
    expect(events[0]).toEqual({
      msgid: expect.stringMatching(new RegExp(`^RECORD-${ids.recordid}-[0-9a-f]+$`)),
      product: 1,
      msgtype: 1,
      notifytime: t0 + 1000,
      context: {
        msgname: 'recordtask_started',
        appid: 10034,
        roomid: 'abcabc',
        uid: ['10266666', '10277777'],
        recordid: ids.recordid,
        starttime: t0 + 1000,
      },
    });
    // the published example's shape, key order included
    const result = events[2];
    expect(Object.keys(result)).toEqual(['msgid', 'product', 'msgtype', 'notifytime', 'context']);
    expect(Object.keys(result.context)).toEqual([
      'msgname',
      'appid',
      'roomid',
      'uid',
      'recordid',
      'filetype',
      'duration',
      'fileaddress',
      'starttime',
    ]);
    expect(result).toEqual({
      // "RECORD-<recordid>-<hex ms>"; the stop notice took this millisecond, so the result has the next
      msgid: `RECORD-${ids.recordid}-${(t0 + 10_001).toString(16)}`,
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

  it('no callbackurl (or an empty one) → no callback; stopped before it began → no msgtype 2', async () => {
    for (const mutate of [() => {}, (b: any) => (b.callbackurl = '')]) {
      const { ctx, start, stop } = setup({ startDelayMs: 0 });
      await stop(await start(mutate));
      expect(ctx.webhooks).toEqual([]);
    }
    const early = setup({ startDelayMs: 1000 });
    await early.stop(await early.start((b) => (b.callbackurl = 'http://127.0.0.1:9/own')));
    expect(early.ctx.webhooks.map((w) => JSON.parse(w.body).msgtype)).toEqual([1]);
  });

  it('a source-stream task reports its uid; a template mix reports uid "0" as in the published example', async () => {
    const url = 'http://127.0.0.1:9/jo';
    const { ctx, start, stop } = setup({ startDelayMs: 0 });
    await stop(
      await start((b) => {
        Object.assign(b, { streamtype: 2, uid: 'u-1', callbackurl: url });
        delete b.mixconfig;
      }),
    );
    expect(JSON.parse(ctx.webhooks.at(-1)?.body ?? '{}').context.uid).toEqual(['u-1']);
    await stop(
      await start((b) => {
        b.callbackurl = url;
        b.mixconfig = { templateid: 1, output: b.mixconfig.output };
      }),
    );
    expect(JSON.parse(ctx.webhooks.at(-1)?.body ?? '{}').context.uid).toEqual(['0']);
  });
});
