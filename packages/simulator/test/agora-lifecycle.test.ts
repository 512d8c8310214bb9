import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ManualClock, type Simulator, startSimulator } from '../src/index.js';
import { SEED_000_EXAMPLES, SEED_001_START_EXAMPLES } from './fixtures-agora.js';
import { acquireAndStart, agoraClient, clone, startManual } from './helpers.js';
import {
  type CallbackDelivery,
  type CallbackReceiver,
  startCallbackReceiver,
} from './helpers/callback-receiver.js';

/** Status progression, file lists, web mode, expiry and NCS webhooks, all on the manual clock. */

let sim: Simulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ sim, clock } = await startManual({
    rateLimits: false,
    timings: { startingMs: 100, readyMs: 200, recordingMs: 300, sliceMs: 10_000 },
  }));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const example = (name: keyof typeof SEED_001_START_EXAMPLES): any =>
  clone(SEED_001_START_EXAMPLES[name].body);
const stopBody = SEED_000_EXAMPLES.stop;

describe('query', () => {
  it('advances status 1 → 2 → 4 → 5 with the clock', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', example('composite'));
    const statuses: number[] = [];
    for (const step of [0, 100, 100, 100]) {
      clock.advance(step);
      statuses.push((await api.query(resourceId, sid, 'mix')).json.serverResponse.status);
    }
    expect(statuses).toEqual([1, 2, 4, 5]);
    expect(sim.sessions()).toMatchObject([
      { vendor: 'agora', id: sid, room: 'httpClient463224', state: 'recording' },
    ]);
  });

  it('reports an hls-only composite recording as fileListMode "string"', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', example('composite'));
    const early = (await api.query(resourceId, sid, 'mix')).json.serverResponse;
    expect(early).toMatchObject({ status: 1, fileListMode: 'string', fileList: '' });
    clock.advance(300);
    const q = await api.query(resourceId, sid, 'mix');
    expect(q.json).toMatchObject({ resourceId, sid, cname: 'httpClient463224', uid: '527841' });
    expect(q.json.serverResponse.fileListMode).toBe('string');
    expect(q.json.serverResponse.fileList).toBe(`directory1/directory2/${sid}_httpClient463224.m3u8`);
    expect(q.json.serverResponse.sliceStartTime).toBe(Math.floor(clock.now() / 1000));
  });

  it('grows a json file list (hls + mp4) over time', async () => {
    const body = example('composite');
    body.clientRequest.recordingFileConfig.avFileType = ['hls', 'mp4'];
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', body);
    clock.advance(300);
    const first = (await api.query(resourceId, sid, 'mix')).json.serverResponse;
    expect(first.fileListMode).toBe('json');
    expect(first.fileList).toHaveLength(2);
    expect(first.fileList[0]).toMatchObject({
      trackType: 'audio_and_video',
      uid: '0',
      mixedAllUser: true,
      isPlayable: true,
    });
    clock.advance(25_000);
    const later = (await api.query(resourceId, sid, 'mix')).json.serverResponse;
    expect(later.fileList).toHaveLength(4);
    const stop = await api.stop(resourceId, sid, 'mix', stopBody);
    expect(stop.json.serverResponse).toMatchObject({ fileListMode: 'json', uploadingStatus: 'uploaded' });
    expect(stop.json.serverResponse.fileList).toHaveLength(4);
  });

  it('lists per-uid files in individual mode, as participants join', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'individual', SEED_000_EXAMPLES.start.body);
    clock.advance(300);
    const first = (await api.query(resourceId, sid, 'individual')).json.serverResponse.fileList;
    expect(first.map((f: { fileName: string }) => f.fileName)).toEqual([
      `directory1/directory2/${sid}_httpClient463224__uid_s_123__uid_e_audio.m3u8`,
      `directory1/directory2/${sid}_httpClient463224__uid_s_123__uid_e_video.m3u8`,
    ]);
    expect(first[0]).toMatchObject({ uid: '123', trackType: 'audio', mixedAllUser: false });
    clock.advance(10_000);
    expect((await api.query(resourceId, sid, 'individual')).json.serverResponse.fileList).toHaveLength(4);
  });

  it('reports snapshot-only tasks without a file list', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'individual', example('snapshotOnly'));
    clock.advance(300);
    const q = (await api.query(resourceId, sid, 'individual')).json.serverResponse;
    expect(Object.keys(q).sort()).toEqual(['sliceStartTime', 'status']);
    const stop = await api.stop(resourceId, sid, 'individual', stopBody);
    expect(stop.json.serverResponse).toEqual({ uploadingStatus: 'uploaded' });
  });
});

describe('web page recording', () => {
  it('reports extensionServiceState, pauses with onhold and pushes to CDN', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'web', example('webPageCdn'), { scene: 1 });
    const init = (await api.query(resourceId, sid, 'web')).json.serverResponse;
    expect(init.extensionServiceState[0]).toMatchObject({
      serviceName: 'web_recorder_service',
      payload: { state: 'init', onhold: false },
    });
    expect(init.extensionServiceState[1].payload.outputs[0]).toEqual({
      rtmpUrl: 'rtmp://xxx',
      status: 'connecting',
    });
    clock.advance(300);
    const running = (await api.query(resourceId, sid, 'web')).json.serverResponse;
    expect(running.status).toBe(5);
    expect(running.extensionServiceState[0].payload.state).toBe('inProgress');
    expect(running.extensionServiceState[0].payload.fileList[0].filename).toBe(
      `directory1/directory2/${sid}_httpClient463224.m3u8`,
    );
    expect(running.extensionServiceState[1].payload.outputs[0].status).toBe('publishing');

    const ids = { cname: 'httpClient463224', uid: '527841' };
    expect(
      (
        await api.update(resourceId, sid, 'web', {
          ...ids,
          clientRequest: { webRecordingConfig: { onhold: true } },
        })
      ).status,
    ).toBe(200);
    clock.advance(30_000); // on hold: no new slices
    const held = (await api.query(resourceId, sid, 'web')).json.serverResponse;
    expect(held.extensionServiceState[0].payload).toMatchObject({ onhold: true });
    expect(held.extensionServiceState[0].payload.fileList).toHaveLength(2);
    expect(held.extensionServiceState[1].payload.outputs[0].status).toBe('onhold');
    expect(sim.sessions()[0]?.state).toBe('paused');

    await api.update(resourceId, sid, 'web', {
      ...ids,
      clientRequest: {
        webRecordingConfig: { onhold: false },
        rtmpPublishConfig: { outputs: [{ rtmpUrl: 'rtmps://cdn.example/live' }] },
      },
    });
    clock.advance(10_000);
    const resumed = (await api.query(resourceId, sid, 'web')).json.serverResponse;
    expect(resumed.extensionServiceState[0].payload.fileList).toHaveLength(3);
    expect(resumed.extensionServiceState[1].payload.outputs[0].rtmpUrl).toBe('rtmps://cdn.example/live');

    const stop = (await api.stop(resourceId, sid, 'web', stopBody)).json.serverResponse;
    expect(stop.extensionServiceState[0]).toEqual({
      serviceName: 'upload_service',
      payload: { uploadingStatus: 'uploaded' },
    });
    expect(stop.extensionServiceState[1]).toMatchObject({
      serviceName: 'web_recorder_service',
      payload: { state: 'exit', onhold: false },
    });
  });

  it('ends a web recording after maxRecordingHour', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'web', example('webPage'), { scene: 1 });
    sim.advance!(3 * 3_600_000);
    expect((await api.query(resourceId, sid, 'web')).status).toBe(404);
    expect((await api.stop(resourceId, sid, 'web', stopBody)).json.code).toBe(49);
    expect(sim.sessions()[0]).toMatchObject({ state: 'exited', stoppedAt: expect.any(Number) });
  });
});

describe('stop', () => {
  it('answers uploadingStatus "unknown" for an asynchronous stop', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', example('composite'));
    clock.advance(300);
    const res = await api.stop(resourceId, sid, 'mix', { ...stopBody, clientRequest: { async_stop: true } });
    expect(res.json.serverResponse.uploadingStatus).toBe('unknown');
  });

  it('ends a task after resourceExpiredHour', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', example('composite'), {
      resourceExpiredHour: 1,
    });
    sim.advance!(3_600_000);
    expect((await api.query(resourceId, sid, 'mix')).status).toBe(404);
  });
});

describe('NCS webhooks', () => {
  let receiver: CallbackReceiver;
  let url: string;
  let received: CallbackDelivery[] = [];
  const secret = 'ncs-secret';

  beforeAll(async () => {
    receiver = await startCallbackReceiver('/ncs');
    url = receiver.url;
    received = receiver.received;
  });
  afterAll(() => receiver.close());
  afterEach(() => {
    received.length = 0;
  });

  it('delivers signed events: 30/40 on start, 41/31/11 on stop', async () => {
    const hooked = await startManual({ rateLimits: false, callbacks: { agora: { url, secret } } });
    try {
      const { api, resourceId, sid } = await acquireAndStart(hooked.sim, 'mix', example('composite'));
      hooked.sim.advance!(1_000);
      await api.stop(resourceId, sid, 'mix', stopBody);
      await hooked.sim.webhooksIdle();
      expect(received).toHaveLength(5);
      const events = received.map(({ headers, body }) => {
        expect(headers['agora-signature']).toBe(createHmac('sha1', secret).update(body).digest('hex'));
        expect(headers['agora-signature-v2']).toBe(createHmac('sha256', secret).update(body).digest('hex'));
        return JSON.parse(body);
      });
      expect(events.map((e) => e.eventType)).toEqual([30, 40, 41, 31, 11]);
      expect(events.map((e) => e.payload.sequence)).toEqual([0, 1, 2, 3, 4]);
      for (const e of events) {
        expect(e).toMatchObject({ productId: 3, noticeId: expect.any(String), notifyMs: expect.any(Number) });
        expect(e.payload).toMatchObject({
          cname: 'httpClient463224',
          uid: '527841',
          sid,
          sendts: expect.any(Number),
        });
      }
      expect(events[1].payload.details.msgName).toBe('recorder_started');
      expect(events[3].payload.details.fileList[0].fileName).toBe(
        `directory1/directory2/${sid}_httpClient463224.m3u8`,
      );
      expect(events[4].payload.details).toEqual({ msgName: 'session_exit', exitStatus: 0 });
      expect(hooked.sim.webhooks.every((w) => w.state === 'delivered')).toBe(true);
    } finally {
      await hooked.sim.close();
    }
  });

  it('sends upload events of an asynchronous stop after uploadMs', async () => {
    const hooked = await startManual({ rateLimits: false, callbacks: { agora: { url, secret } } });
    try {
      const { api, resourceId, sid } = await acquireAndStart(hooked.sim, 'mix', example('composite'));
      hooked.sim.advance!(1_000);
      await api.stop(resourceId, sid, 'mix', { ...stopBody, clientRequest: { async_stop: true } });
      await hooked.sim.webhooksIdle();
      expect(received.map((r) => JSON.parse(r.body).eventType)).toEqual([30, 40, 41]);
      hooked.sim.advance!(hooked.sim.timings.uploadMs);
      await hooked.sim.webhooksIdle();
      expect(received.map((r) => JSON.parse(r.body).eventType)).toEqual([30, 40, 41, 31, 11]);
    } finally {
      await hooked.sim.close();
    }
  });
});

describe('rate limit', () => {
  it('allows 10 requests/s per App ID, then answers 429', async () => {
    const limited = await startManual();
    try {
      const api = agoraClient(limited.sim);
      const replies = [];
      for (let i = 0; i < 12; i++) replies.push(await api.acquire('room', String(i + 1)));
      expect(replies.slice(0, 10).every((r) => r.status === 200)).toBe(true);
      expect(replies[10]!.status).toBe(429);
      expect(replies[10]!.json).toEqual({ message: 'API rate limit exceeded' });
      limited.clock.advance(1_000);
      expect((await api.acquire('room', '99')).status).toBe(200);
    } finally {
      await limited.sim.close();
    }
  });

  it('takes per-prefix overrides', async () => {
    const limited = await startManual({ rateLimits: { agora: 2 } });
    try {
      const api = agoraClient(limited.sim);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await api.acquire('room', String(i + 1))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.sim.close();
    }
  });
});

describe('real clock', () => {
  it('advances lifecycles and sends webhooks from the background tick, without further requests', async () => {
    const receiver = await startCallbackReceiver();
    const url = receiver.url;
    const real = await startSimulator({
      timings: { recordingMs: 50 },
      tickIntervalMs: 20,
      callbacks: { agora: { url, secret: 's' } },
    });
    try {
      const { api, resourceId, sid } = await acquireAndStart(real, 'mix', example('composite'));
      await new Promise((r) => setTimeout(r, 200));
      await real.webhooksIdle();
      expect(receiver.received.map((r) => JSON.parse(r.body).eventType)).toEqual([30, 40]);
      expect((await api.query(resourceId, sid, 'mix')).json.serverResponse.status).toBe(5);
    } finally {
      await real.close();
      await receiver.close();
    }
  });
});
