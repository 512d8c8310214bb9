import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock, Simulator } from '../src/index.js';
import { SEED_000_EXAMPLES, SEED_001_START_EXAMPLES } from './fixtures-agora.js';
import { acquireAndStart, agoraClient, basicAuth, clone, send, startManual } from './helpers.js';

/** Broken variants of the documented requests: each must get the vendor's documented error. */

let sim: Simulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ sim, clock } = await startManual({ rateLimits: false }));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const composite = (): any => clone(SEED_001_START_EXAMPLES.composite.body);

/** Start the composite example after applying `edit`; returns the start reply. */
async function startComposite(edit: (body: ReturnType<typeof composite>) => void, mode = 'mix') {
  const body = composite();
  edit(body);
  return (await acquireAndStart(sim, mode, body)).started;
}

function expectInvalid(reply: { status: number; json: { code: number; reason: string } }, reason: RegExp) {
  expect(reply.status).toBe(400);
  expect(reply.json.code).toBe(2);
  expect(reply.json.reason).toMatch(reason);
}

describe('gateway: authentication and App ID', () => {
  it('answers 401 without, or with wrong, Basic credentials', async () => {
    const api = agoraClient(sim);
    const body = JSON.stringify(SEED_000_EXAMPLES.acquire);
    for (const authorization of [
      undefined,
      basicAuth('sim-agora-customer-id', 'wrong'),
      'Bearer abc',
      'Basic !!!',
    ]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization) headers.authorization = authorization;
      const res = await send(`${api.base}/acquire`, { method: 'POST', headers, body });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: 'Invalid authentication credentials' });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('answers the invalid-appid error for an unknown App ID', async () => {
    const api = agoraClient(sim, 'ffffffffffffffffffffffffffffffff');
    const res = await api.acquire('room', '1');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(400);
  });

  it('answers code 8 for a wrong method, content type or a body that is not JSON', async () => {
    const api = agoraClient(sim);
    const get = await send(`${api.base}/acquire`, { headers: api.headers });
    expect([get.status, get.json.code]).toEqual([400, 8]);
    const text = await send(`${api.base}/acquire`, {
      method: 'POST',
      headers: { ...api.headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect([text.status, text.json.code]).toEqual([400, 8]);
    const garbage = await send(`${api.base}/acquire`, {
      method: 'POST',
      headers: api.headers,
      body: '{"cname": "a",',
    });
    expect([garbage.status, garbage.json.code]).toEqual([400, 8]);
    const array = await send(`${api.base}/acquire`, { method: 'POST', headers: api.headers, body: '[1,2]' });
    expect([array.status, array.json.code]).toEqual([400, 2]);
  });

  it('answers 404 JSON for an unknown Agora path and code 2 for an unknown mode', async () => {
    const api = agoraClient(sim);
    const unknown = await send(`${api.base}/nothing`, { method: 'POST', headers: api.headers, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBeTruthy();
    const acq = await api.acquire('room', '1');
    const badMode = await api.start(acq.json.resourceId, 'composite', composite());
    expectInvalid(badMode, /mode/);
  });
});

describe('schemas (code 2, reason naming the field)', () => {
  it('rejects wrong types', async () => {
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.maxIdleTime = '30')),
      /recordingConfig\.maxIdleTime: must be a number/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.vendor = '2')),
      /storageConfig\.vendor/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingFileConfig.avFileType = 'hls')),
      /avFileType/,
    );
  });

  it('rejects out-of-range values', async () => {
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.maxIdleTime = 4)),
      /maxIdleTime: must be >= 5/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.channelType = 2)),
      /channelType/,
    );
    expectInvalid(
      await startComposite((b) =>
        Object.assign(b.clientRequest.recordingConfig.transcodingConfig, { width: 1920, height: 1920 }),
      ),
      /1920 × 1080/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.transcodingConfig.width = 2000)),
      /width: must be <= 1920/,
    );
    expectInvalid(
      await startComposite(
        (b) => (b.clientRequest.recordingConfig.transcodingConfig.backgroundColor = 'red'),
      ),
      /backgroundColor/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.region = 99)),
      /storageConfig\.region: 99 is not a region of storage vendor 2/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.vendor = 0)),
      /storageConfig\.vendor: must be one of/,
    );
  });

  it('rejects missing required fields', async () => {
    expectInvalid(
      await startComposite((b) => delete b.clientRequest.storageConfig),
      /clientRequest\.storageConfig: is required/,
    );
    expectInvalid(
      await startComposite((b) => delete b.clientRequest.storageConfig.bucket),
      /storageConfig\.bucket: is required/,
    );
    expectInvalid(
      await startComposite((b) => delete b.clientRequest.recordingConfig.transcodingConfig.fps),
      /transcodingConfig\.fps: is required/,
    );
    expectInvalid(
      await startComposite((b) => delete b.clientRequest.recordingConfig.channelType),
      /channelType: is required/,
    );
    const api = agoraClient(sim);
    expectInvalid(await api.post('/acquire', { uid: '1' }), /cname: is required/);
  });

  it('rejects bad uids', async () => {
    const api = agoraClient(sim);
    for (const uid of ['0', 'abc', '4294967296', '01', '']) {
      expectInvalid(await api.acquire('room', uid), /uid: must be a decimal string in 1\.\.4294967295/);
    }
    expectInvalid(
      await api.post('/acquire', { cname: 'room', uid: 527841, clientRequest: {} }),
      /uid: must be a string/,
    );
    expect((await api.acquire('room', '4294967295')).status).toBe(200);
  });

  it('rejects a cname that is too long', async () => {
    const api = agoraClient(sim);
    expectInvalid(await api.acquire('c'.repeat(64), '1'), /cname/);
    expect((await api.acquire('c'.repeat(63), '1')).status).toBe(200);
    expect((await api.acquire('c'.repeat(1024), '1', { scene: 1 })).status).toBe(200);
  });

  it('rejects 18 layout regions and 33 subscribed uids', async () => {
    const region = { x_axis: 0, y_axis: 0, width: 0.1, height: 0.1 };
    const regions = (n: number) => Array.from({ length: n }, () => ({ ...region }));
    expectInvalid(
      await startComposite((b) =>
        Object.assign(b.clientRequest.recordingConfig.transcodingConfig, {
          mixedVideoLayout: 3,
          layoutConfig: regions(18),
        }),
      ),
      /layoutConfig: must hold at most 17 regions/,
    );
    const ok = await startComposite((b) =>
      Object.assign(b.clientRequest.recordingConfig.transcodingConfig, {
        mixedVideoLayout: 3,
        layoutConfig: regions(17),
      }),
    );
    expect(ok.status).toBe(200);
    sim.reset();
    const uids = Array.from({ length: 33 }, (_, i) => String(i + 1));
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.subscribeAudioUids = uids)),
      /subscribeAudioUids: must hold at most 32 uids/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.subscribeAudioUids = ['0'])),
      /subscribeAudioUids\[0\]/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.unSubscribeAudioUids = ['1'])),
      /subscribeAudioUids: cannot be set together with unsubscribeAudioUids/,
    );
  });

  it('enforces custom layout and region value rules', async () => {
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingConfig.transcodingConfig.mixedVideoLayout = 3)),
      /layoutConfig: is required when mixedVideoLayout is 3/,
    );
    expectInvalid(
      await startComposite((b) =>
        Object.assign(b.clientRequest.recordingConfig.transcodingConfig, {
          mixedVideoLayout: 3,
          layoutConfig: [{ x_axis: 1.5, y_axis: 0, width: 1, height: 1 }],
        }),
      ),
      /layoutConfig\[0\]\.x_axis: must be in \[0, 1\]/,
    );
  });

  it('enforces storageConfig rules', async () => {
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.fileNamePrefix = ['dir_1'])),
      /fileNamePrefix\[0\]/,
    );
    expectInvalid(
      await startComposite(
        (b) => (b.clientRequest.storageConfig.fileNamePrefix = ['a'.repeat(64), 'b'.repeat(64)]),
      ),
      /128 characters/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.extensionParams = { sse: 'kms' })),
      /sse: is only supported for Amazon S3/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.storageConfig.accessKey = '')),
      /accessKey: must not be empty/,
    );
    const s3 = await startComposite((b) =>
      Object.assign(b.clientRequest.storageConfig, {
        vendor: 1,
        region: 14,
        extensionParams: { sse: 'aes256', tag: 'x' },
      }),
    );
    expect(s3.status, s3.text).toBe(200);
  });

  it('enforces what belongs to which mode', async () => {
    expectInvalid(
      await startComposite((b) => (b.clientRequest.recordingFileConfig.avFileType = ['mp4'])),
      /"mp4" must be set together with "hls"/,
    );
    expectInvalid(
      await startComposite((b) => (b.clientRequest.snapshotConfig = { fileType: ['jpg'] })),
      /snapshotConfig: is only allowed in individual mode/,
    );
    expectInvalid(
      await startComposite(() => undefined, 'individual'),
      /transcodingConfig: is only allowed in mix mode/,
    );
    expectInvalid(
      await startComposite((b) => {
        delete b.clientRequest.recordingConfig.transcodingConfig;
        b.clientRequest.recordingFileConfig.avFileType = ['hls', 'mp4'];
      }, 'individual'),
      /"mp4" is only allowed in mix and web mode/,
    );
    const snap = clone(SEED_001_START_EXAMPLES.snapshotOnly.body) as ReturnType<typeof composite>;
    snap.clientRequest.recordingConfig.streamTypes = 0;
    expectInvalid((await acquireAndStart(sim, 'individual', snap)).started, /streamTypes: must be 1 or 2/);
    const web = clone(SEED_001_START_EXAMPLES.webPage.body) as ReturnType<typeof composite>;
    web.clientRequest.recordingFileConfig.avFileType = ['hls'];
    expectInvalid(
      (await acquireAndStart(sim, 'web', web, { scene: 1 })).started,
      /must be \["hls","mp4"\] in web mode/,
    );
    const big = clone(SEED_001_START_EXAMPLES.webPage.body) as ReturnType<typeof composite>;
    big.clientRequest.extensionServiceConfig.extensionServices[0].serviceParam.videoWidth = 100;
    expectInvalid(
      (await acquireAndStart(sim, 'web', big, { scene: 1 })).started,
      /videoWidth: must be >= 240/,
    );
  });
});

describe('resource lifecycle', () => {
  it('requires start to match acquire (code 432) and the scene to match the mode', async () => {
    const api = agoraClient(sim);
    const acq = await api.acquire('httpClient463224', '527841');
    const wrongUid = composite();
    wrongUid.uid = '999';
    expect((await api.start(acq.json.resourceId, 'mix', wrongUid)).json.code).toBe(432);
    const web = await acquireAndStart(sim, 'web', clone(SEED_001_START_EXAMPLES.webPage.body));
    expect([web.started.status, web.started.json.code]).toEqual([400, 432]);
  });

  it('requires startParameter to equal the start clientRequest', async () => {
    const api = agoraClient(sim);
    const body = composite();
    const acq = await api.acquire(body.cname, body.uid, { startParameter: body.clientRequest });
    const changed = composite();
    changed.clientRequest.recordingConfig.maxIdleTime = 60;
    expect((await api.start(acq.json.resourceId, 'mix', changed)).json.code).toBe(432);
    expect((await api.start(acq.json.resourceId, 'mix', body)).status).toBe(200);
  });

  it('answers code 7 for a repeated start, 53 for a second task on the same cname+uid, 433 after the task ended', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', composite());
    const again = await api.start(resourceId, 'mix', composite());
    expect([again.status, again.json.code]).toEqual([201, 7]);
    const second = await acquireAndStart(sim, 'mix', composite());
    expect([second.started.status, second.started.json.code]).toEqual([400, 53]);
    clock.advance(1_000);
    expect((await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop)).status).toBe(200);
    const reuse = await api.start(resourceId, 'mix', composite());
    expect([reuse.status, reuse.json.code]).toEqual([400, 433]);
  });

  it('expires an unused resource after 5 minutes (433), also once it is swept; unknown ids are 1001', async () => {
    const api = agoraClient(sim);
    const acq = await api.acquire('httpClient463224', '527841');
    clock.advance(5 * 60_000);
    expect((await api.start(acq.json.resourceId, 'mix', composite())).json.code).toBe(433);
    sim.advance!(60_000);
    expect((await api.start(acq.json.resourceId, 'mix', composite())).json.code).toBe(433);
    const forged = `${acq.json.resourceId.slice(0, -4)}AAAA`;
    expect((await api.start(forged, 'mix', composite())).json.code).toBe(1001);
    expect((await api.start('not-a-resource', 'mix', composite())).json.code).toBe(1001);
  });

  it('answers 404 for query/update after stop, 49 for a repeated stop, 404 once the task is forgotten', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', composite());
    clock.advance(1_000);
    expect((await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop)).status).toBe(200);
    const q = await api.query(resourceId, sid, 'mix');
    expect([q.status, q.json.code]).toEqual([404, 404]);
    const u = await api.update(resourceId, sid, 'mix', SEED_000_EXAMPLES.update);
    expect([u.status, u.json.code]).toEqual([404, 404]);
    const s = await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop);
    expect([s.status, s.json.code]).toEqual([400, 49]);
    sim.advance!(sim.timings.endedRetentionMs);
    const gone = await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop);
    expect([gone.status, gone.json.code]).toEqual([404, 404]);
  });

  it('answers 435 (HTTP 206) when stopped before anything was recorded', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', composite());
    const res = await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop);
    expect([res.status, res.json.code]).toEqual([206, 435]);
    expect((await api.query(resourceId, sid, 'mix')).status).toBe(404);
  });

  it('checks the body ids and the mode of sid-addressed calls', async () => {
    const { api, resourceId, sid } = await acquireAndStart(sim, 'mix', composite());
    const stop = await api.stop(resourceId, sid, 'mix', { ...SEED_000_EXAMPLES.stop, uid: '1' });
    expect(stop.json.code).toBe(432);
    expectInvalid(await api.query(resourceId, sid, 'individual'), /mode/);
    expectInvalid(
      await api.updateLayout(resourceId, sid, 'individual', SEED_000_EXAMPLES.updateLayout),
      /updateLayout only supports mix/,
    );
    expect((await api.query(resourceId, 'ffffffffffffffffffffffffffffffff', 'mix')).status).toBe(404);
    expectInvalid(
      await api.update(resourceId, sid, 'mix', {
        ...SEED_000_EXAMPLES.stop,
        clientRequest: { webRecordingConfig: { onhold: true } },
      }),
      /webRecordingConfig: is only allowed in web mode/,
    );
  });
});
