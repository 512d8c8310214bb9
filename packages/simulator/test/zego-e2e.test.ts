/**
 * ZEGO through the real HTTP server: raw `fetch` requests signed by hand from the documents
 * (md5(AppId + SignatureNonce + ServerSecret + Timestamp)), webhooks received on a loopback server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type Simulator, type SimulatorOptions, startSimulator } from '../src/index.js';
import { createZegoEmulator } from '../src/vendors/zego.js';
import { ZEGO_SEED_EXAMPLES, zegoMixedBody } from './helpers/vendor-context.js';
import {
  type CallbackDelivery,
  type CallbackReceiver,
  startCallbackReceiver,
} from './helpers/callback-receiver.js';

const CALLBACK_SECRET = 'zego-callback-secret';
let receiver: CallbackReceiver;
let receiverUrl = '';
let received: CallbackDelivery[] = [];

beforeAll(async () => {
  receiver = await startCallbackReceiver('/zego-callback');
  receiverUrl = receiver.url;
  received = receiver.received;
});
afterAll(() => receiver.close());

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  received.length = 0;
});

async function boot(options: SimulatorOptions = {}) {
  const clock = createManualClock(Date.now());
  sim = await startSimulator({
    clock,
    emulators: [createZegoEmulator({ startDelayMs: 1000 })],
    callbacks: { zego: { url: receiverUrl, secret: CALLBACK_SECRET } },
    ...options,
  });
  return sim;
}

interface Signed {
  AppId?: string;
  SignatureNonce?: string;
  Timestamp?: string;
  Signature?: string;
  SignatureVersion?: string;
}

/** POST https://host/?Action=…&AppId=…&SignatureNonce=…&Timestamp=…&Signature=…&SignatureVersion=2.0 */
async function call(s: Simulator, action: string, payload: unknown, override: Signed = {}) {
  const { appId, serverSecret } = s.credentials.zego;
  const AppId = override.AppId ?? String(appId);
  const nonce = override.SignatureNonce ?? randomBytes(8).toString('hex');
  const ts = override.Timestamp ?? String(Math.floor(s.clock.now() / 1000));
  const sig =
    override.Signature ?? createHash('md5').update(`${AppId}${nonce}${serverSecret}${ts}`).digest('hex');
  const url =
    `${s.url}/?Action=${encodeURIComponent(action)}&AppId=${AppId}&SignatureNonce=${nonce}` +
    `&Timestamp=${ts}&Signature=${sig}&SignatureVersion=${override.SignatureVersion ?? '2.0'}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

describe('ZEGO over HTTP', () => {
  it.each(Object.entries(ZEGO_SEED_EXAMPLES))('seed 004 example accepted: %s', async (_name, example) => {
    const s = await boot();
    const res = await call(s, 'StartRecord', example);
    expect(res).toMatchObject({ Code: 0, Message: 'succeed', RequestId: expect.any(String) });
    expect(res.Data.TaskId).toHaveLength(16);
    expect(s.requests.at(-1)).toMatchObject({ vendor: 'zego', operation: 'StartRecord', status: 200 });
  });

  it('broken variants answer the vendor error codes', async () => {
    const s = await boot();
    const ok = ZEGO_SEED_EXAMPLES['OSS / S3 / COS / Kodo / OBS / EOS'];
    const stale = String(Math.floor(s.clock.now() / 1000) - 3600);
    expect((await call(s, 'StartRecord', ok, { Signature: '0'.repeat(32) })).Code).toBe(100000005);
    expect((await call(s, 'StartRecord', ok, { Timestamp: stale })).Code).toBe(100000004);
    expect((await call(s, 'StartRecord', ok, { SignatureNonce: '15215528852396' })).Code).toBe(100000005);
    expect((await call(s, 'StartRecord', ok, { AppId: '1' })).Code).toBe(100000001);
    expect((await call(s, 'StartRecord', ok, { SignatureVersion: '1.0' })).Code).toBe(100000014);
    expect((await call(s, 'StopRecording', { TaskId: 'x' })).Code).toBe(100000007);
    const wrongType = await call(s, 'StartRecord', { ...ok, RoomId: 42 });
    expect(wrongType).toMatchObject({
      Code: 300000004,
      Message: expect.stringMatching(/RoomId must be a string/),
    });
    const outOfRange = await call(s, 'StartRecord', {
      ...ok,
      RecordInputParams: { ...ok.RecordInputParams, MaxIdleTime: 1 },
    });
    expect(outOfRange.Message).toMatch(/MaxIdleTime must be between 5 and 86400/);
    const missing = await call(s, 'StartRecord', {
      RecordInputParams: ok.RecordInputParams,
      StorageParams: ok.StorageParams,
    });
    expect(missing.Message).toMatch(/RoomId is required/);
    expect((await call(s, 'StartRecord', '{not json')).Code).toBe(300000004);
  });

  it('a path / without Action is not ZEGO (server 404)', async () => {
    const s = await boot();
    const res = await fetch(`${s.url}/?AppId=1`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('lifecycle: start, status, pause/resume, layout, stop, repeat stop; signed callbacks 201, 202, 7, 1, 5', async () => {
    const s = await boot();
    const { Data } = await call(s, 'StartRecord', zegoMixedBody());
    const taskId: string = Data.TaskId;
    expect((await call(s, 'DescribeRecordStatus', { TaskId: taskId })).Data.Status).toBe(1);
    s.advance?.(1000);
    expect(s.sessions()).toMatchObject([{ vendor: 'zego', id: taskId, state: 'recording' }]);
    expect((await call(s, 'PauseRecord', { TaskId: taskId })).Code).toBe(0);
    expect((await call(s, 'DescribeRecordStatus', { TaskId: taskId })).Data.Status).toBe(5);
    expect((await call(s, 'ResumeRecord', { TaskId: taskId })).Code).toBe(0);
    expect((await call(s, 'ResumeRecord', { TaskId: taskId })).Code).toBe(300001004);
    const layout = {
      TaskId: taskId,
      MixMode: 1,
      MixInputList: [{ StreamId: 's1', Left: 0, Top: 0, Right: 1280, Bottom: 720, Layer: 1 }],
    };
    expect((await call(s, 'UpdateLayout', layout)).Code).toBe(0);
    s.advance?.(4000);
    const running = await call(s, 'DescribeRecordStatus', { TaskId: taskId });
    expect(running.Data.RecordFiles[0]).toMatchObject({ Duration: 4000, Status: 1 });
    expect((await call(s, 'StopRecord', { TaskId: taskId })).Code).toBe(0);
    expect((await call(s, 'StopRecord', { TaskId: taskId })).Code).toBe(300001001);
    expect((await call(s, 'DescribeRecordStatus', { TaskId: 'XXXXXXXXXXXXXXXX' })).Code).toBe(300001000);
    // the server's timings.uploadMs (200 ms) is the upload time: files "uploading" until then
    expect((await call(s, 'DescribeRecordStatus', { TaskId: taskId })).Data.RecordFiles[0].Status).toBe(2);
    s.advance?.(s.timings.uploadMs);
    expect((await call(s, 'DescribeRecordStatus', { TaskId: taskId })).Data.RecordFiles[0].Status).toBe(3);
    await s.webhooksIdle();

    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.event_type)).toEqual([201, 202, 7, 1, 5]);
    for (const e of events) {
      const expected = createHash('sha1')
        .update([CALLBACK_SECRET, e.timestamp, e.nonce].sort().join(''))
        .digest('hex');
      expect(e.signature).toBe(expected);
      expect(e.task_id).toBe(taskId);
    }
    expect(events[3].detail.file_info[0]).toMatchObject({ duration: 4000, status: 3, stream_id: 'mix-out' });
  });

  it('rate limit: StartRecord over its (overridden) limit → 300000003', async () => {
    const s = await boot({ rateLimits: { zego: 2 } });
    const ok = ZEGO_SEED_EXAMPLES['S3-compatible'];
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await call(s, 'StartRecord', ok)).Code);
    expect(codes).toEqual([0, 0, 300000003]);
  });

  it('injected vendor fault uses errorResponse', async () => {
    const s = await boot();
    s.injectFault({ vendor: 'zego', operation: 'StartRecord', kind: 'vendor-error', vendorCode: 300000006 });
    const res = await call(s, 'StartRecord', ZEGO_SEED_EXAMPLES['S3-compatible']);
    expect(res).toMatchObject({ Code: 300000006, RequestId: expect.any(String) });
  });
});
