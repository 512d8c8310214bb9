/**
 * JOCloud through the real HTTP server: raw `fetch` requests with the documented URL
 * (/app/{appid}/v1/recordoss/{reqUri}?traceId=) and headers (Content-Type, AppID, Token: Basic
 * base64(restfulId:restfulSecret)), replaying the seed 003 examples; callbacks received on a loopback server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type Simulator, type SimulatorOptions, startSimulator } from '../src/index.js';
import { createJoCloudEmulator } from '../src/vendors/jocloud.js';
import {
  type CallbackDelivery,
  type CallbackReceiver,
  startCallbackReceiver,
} from './helpers/callback-receiver.js';
import { JOCLOUD_SEED_START, JOCLOUD_SEED_STOP, JOCLOUD_SEED_UPDATE } from './helpers/vendor-context.js';

let receiver: CallbackReceiver;
let received: CallbackDelivery[] = [];

beforeAll(async () => {
  receiver = await startCallbackReceiver('/jocloud-callback');
  received = receiver.received;
});
afterAll(() => receiver.close());

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  received.length = 0;
});

const T0 = Date.UTC(2025, 0, 1);

async function boot(options: SimulatorOptions = {}) {
  sim = await startSimulator({
    clock: createManualClock(T0),
    // the document examples use AppID 10034: configure it so their bodies replay unchanged
    credentials: { jocloud: { appId: 10034, restfulId: 'rid', restfulSecret: 'rsecret' } },
    emulators: [createJoCloudEmulator({ startDelayMs: 1000 })],
    ...options,
  });
  return sim;
}

let trace = 0;
/** One documented call; `traceId` defaults to a fresh one. */
async function call(
  s: Simulator,
  method: string,
  reqUri: string,
  payload?: unknown,
  options: { headers?: Record<string, string>; traceId?: string } = {},
) {
  const { appId, restfulId, restfulSecret } = s.credentials.jocloud;
  const traceId = options.traceId ?? String(++trace);
  const res = await fetch(`${s.url}/app/${appId}/v1/recordoss/${reqUri}?traceId=${traceId}`, {
    method,
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      AppID: String(appId),
      Token: `Basic ${Buffer.from(`${restfulId}:${restfulSecret}`).toString('base64')}`,
      ...options.headers,
    },
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  return { status: res.status, ...((await res.json()) as any) };
}

describe('JOCloud over HTTP: the seed 003 examples', () => {
  it('each example request gets an answer of the example response shape, traceId echoed', async () => {
    const s = await boot();
    const applied = await call(s, 'GET', 'applyrecord', undefined, { traceId: '23116613407505472693518435' });
    expect(applied).toEqual({
      status: 200,
      code: 0,
      message: 'success',
      resid: expect.stringMatching(/^[0-9a-f]{60}-[0-9a-f]{16}$/),
      traceId: '23116613407505472693518435',
    });

    const startTrace = '82719231231166134075054726935';
    const started = await call(
      s,
      'POST',
      'startrecord',
      { ...JOCLOUD_SEED_START, resid: applied.resid },
      { traceId: startTrace },
    );
    expect(started).toEqual({
      status: 200,
      code: 0,
      message: 'success',
      recordid: expect.stringMatching(/^[0-9a-f]{35}$/),
      traceId: startTrace,
    });
    const ids = { resid: applied.resid, recordid: started.recordid };

    const query = await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`, undefined, {
      traceId: startTrace,
    });
    expect(query).toEqual({
      status: 200,
      code: 0,
      message: 'success',
      recordid: ids.recordid,
      data: {
        recordid: ids.recordid,
        appid: 10034,
        roomid: 'abcabc',
        status: 0,
        createtime: T0,
        starttime: 0,
      },
      traceId: startTrace,
    });
    s.advance?.(1000);
    expect((await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`)).data).toMatchObject({
      status: 1,
      starttime: T0 + 1000,
    });

    const updated = await call(s, 'POST', 'updatemixrecord', { ...JOCLOUD_SEED_UPDATE, ...ids });
    expect(updated).toEqual({
      status: 200,
      code: 0,
      message: 'success',
      recordid: ids.recordid,
      traceId: String(trace),
    });

    const stopTrace = '214325255213407589332213';
    const stopped = await call(
      s,
      'POST',
      'stoprecord',
      { ...JOCLOUD_SEED_STOP, ...ids },
      { traceId: stopTrace },
    );
    expect(stopped).toEqual({
      status: 200,
      code: 0,
      message: 'success',
      recordid: ids.recordid,
      traceId: stopTrace,
    });

    // after the stop: query and stop → 4013, the resid → 4012 (both HTTP status as the seed lists)
    expect(await call(s, 'GET', `queryrecord/abcabc/${ids.recordid}`)).toMatchObject({
      status: 200,
      code: 4013,
    });
    expect(await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, ...ids })).toMatchObject({
      status: 200,
      code: 4013,
    });
    expect(
      await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid: applied.resid }),
    ).toMatchObject({
      status: 404,
      code: 4012,
    });
  });

  it('broken variants answer the vendor codes', async () => {
    const s = await boot();
    expect(
      (await call(s, 'GET', 'applyrecord', undefined, { headers: { Token: 'Basic eHg6eXk=' } })).code,
    ).toBe(1001);
    expect((await call(s, 'POST', 'applyrecord', {})).code).toBe(2101);
    const resid = (await call(s, 'GET', 'applyrecord')).resid;
    const wrongType = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid, recordtype: '0' });
    expect(wrongType).toMatchObject({
      status: 404,
      code: 2101,
      message: expect.stringMatching(/recordtype must be one of 0, 1, 2/),
    });
    const { storagecfg: _drop, ...noStorage } = JOCLOUD_SEED_START;
    expect((await call(s, 'POST', 'startrecord', { ...noStorage, resid })).message).toMatch(
      /storagecfg is required/,
    );
    expect((await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START })).code).toBe(4012);
    const { recordid } = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid });
    const again = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid });
    expect(again).toEqual({
      status: 404,
      code: 4011,
      message: 'Recording task already exists',
      traceId: String(trace),
    });
    expect(
      (await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, resid, recordid: 'nope' })).code,
    ).toBe(4013);
    expect(recordid).toBeTruthy();
    const noTrace = await fetch(`${s.url}/app/10034/v1/recordoss/applyrecord`, {
      headers: { AppID: '10034', Token: `Basic ${Buffer.from('rid:rsecret').toString('base64')}` },
    });
    expect([noTrace.status, ((await noTrace.json()) as any).code]).toEqual([404, 2101]);
  });

  it('10 requests per second per AppID, then 2105', async () => {
    const s = await boot();
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await call(s, 'GET', 'applyrecord')).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(codes[10]).toBe(2105);
  });

  it('a path outside /app/{appid}/v1/recordoss/ is not JOCloud (server 404)', async () => {
    const s = await boot();
    expect((await fetch(`${s.url}/app/10034/v2/recordoss/applyrecord`)).status).toBe(404);
  });
});

describe('JOCloud callbacks over HTTP', () => {
  it('POST to the callbackurl exactly as given (query string included), Content-Type the only vendor header', async () => {
    const s = await boot();
    const callbackurl = `${receiver.url}?token=s3cr%2Ft&x=1`;
    const resid = (await call(s, 'GET', 'applyrecord')).resid;
    const { recordid } = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid, callbackurl });
    s.advance?.(1000);
    s.advance?.(5000);
    expect((await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, resid, recordid })).code).toBe(0);
    await s.webhooksIdle();
    expect(received.map((r) => [r.method, r.url])).toEqual(
      Array(3).fill(['POST', '/jocloud-callback?token=s3cr%2Ft&x=1']),
    );
    for (const r of received) {
      const extra = Object.keys(r.headers).filter(
        (h) => !['host', 'connection', 'content-type', 'content-length'].includes(h),
      );
      expect(extra).toEqual([]);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.msgtype)).toEqual([1, 1, 2]);
    expect(events[2].context).toMatchObject({
      recordid,
      filetype: 'm3u8',
      duration: 5000,
      starttime: T0 + 1000,
    });
    expect(s.webhooks.every((w) => w.state === 'delivered')).toBe(true);
  });

  it('a callbackurl that is not loopback http is never contacted (refused, logged)', async () => {
    const s = await boot();
    const resid = (await call(s, 'GET', 'applyrecord')).resid;
    const callbackurl = 'https://example.com/hook?token=t';
    const { recordid } = await call(s, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid, callbackurl });
    s.advance?.(1000);
    await call(s, 'POST', 'stoprecord', { ...JOCLOUD_SEED_STOP, resid, recordid });
    await s.webhooksIdle();
    expect(received).toEqual([]);
    expect(s.webhooks.map((w) => [w.url, w.state])).toEqual(Array(3).fill([callbackurl, 'refused']));
  });
});
