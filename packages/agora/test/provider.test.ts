import {
  ConflictError,
  UnsupportedFeatureError,
  ValidationError,
  createMemoryCoordinator,
  isRecordingError,
} from '@unirec/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  SECRETS,
  agoraRequests,
  bodyOf,
  compositeRequest,
  decodeHandle,
  individualRequest,
  offline,
  provider,
  rejectionOf,
  runningAgora,
  useSimulator,
  webRequest,
} from './fixtures.js';
import { agoraBaseUrls, createAgoraProvider } from './internals.js';

offline();
const sim = useSimulator();

describe('requests on the wire', () => {
  it('Basic auth, JSON content type, acquire → start → query (GET, no body) → stop', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    await p.query(session);
    await p.stop(session);
    const log = agoraRequests(sim());
    expect(log.map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
      'POST acquire 200',
      'POST start 200',
      'GET query 200',
      'POST stop 200',
    ]);
    const basic = `Basic ${Buffer.from(`${CREDENTIALS.customerId}:${CREDENTIALS.customerSecret}`).toString('base64')}`;
    for (const r of log) {
      expect(r.headers.authorization).toBe(basic);
      expect(r.path.startsWith(`/v1/apps/${CREDENTIALS.appId}/cloud_recording/`)).toBe(true);
    }
    expect(log[0]!.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(log[2]!.body).toBeUndefined();
    expect(log[3]!.body).toEqual({
      cname: 'conformance-room',
      uid: expect.any(String),
      clientRequest: { async_stop: false },
    });
    const [acquire, start] = log;
    expect(bodyOf(start).cname).toBe(bodyOf(acquire).cname);
    expect(bodyOf(start).uid).toBe(bodyOf(acquire).uid);
    const { resourceId } = acquire!.response as { resourceId: string };
    expect(start!.path).toBe(
      `/v1/apps/${CREDENTIALS.appId}/cloud_recording/resourceid/${resourceId}/mode/mix/start`,
    );
    expect(runningAgora(sim())).toEqual([]);
  });

  it('start jumps the rate-limit queue: it follows its acquire before queued queries (2 s window)', async () => {
    const p = provider(sim(), { rateLimit: { requestsPerSecond: 4 } });
    const first = await p.start(compositeRequest());
    await new Promise((r) => setTimeout(r, 300));
    sim().clearRequests();
    const start = p.start({ ...compositeRequest(), recorderUid: '777' });
    const queries = Array.from({ length: 3 }, () => p.query(first));
    await Promise.all([start, ...queries]);
    expect(agoraRequests(sim()).map((r) => r.operation)).toEqual([
      'acquire',
      'start',
      'query',
      'query',
      'query',
    ]);
  });

  it('a generated recorder uid is a decimal in 1 … 2^32 − 1; a given one is used as is', async () => {
    const p = provider(sim());
    const a = decodeHandle((await p.start(compositeRequest())).handle).d.uid as string;
    expect(a).toMatch(/^[1-9][0-9]*$/);
    expect(Number(a)).toBeLessThanOrEqual(2 ** 32 - 1);
    const b = decodeHandle((await p.start({ ...compositeRequest(), recorderUid: '4294967295' })).handle).d
      .uid;
    expect(b).toBe('4294967295');
    expect(
      runningAgora(sim())
        .map((s) => s.ids.uid)
        .sort(),
    ).toEqual([a, b].sort());
  });
});

describe('session handles', () => {
  it('ur2 handles: {r, m, s, d} with the ids later calls need and no secret', async () => {
    const session = await provider(sim()).start(compositeRequest());
    expect(session.handle).toMatch(/^ur2\.agora\.[A-Za-z0-9_-]+$/);
    const payload = decodeHandle(session.handle);
    expect(Object.keys(payload).sort()).toEqual(['d', 'm', 'r', 's']);
    const [running] = runningAgora(sim());
    expect(payload).toEqual({
      r: 'conformance-room',
      m: 'composite',
      s: running!.ids.sid,
      d: {
        appId: CREDENTIALS.appId,
        resourceId: running!.ids.resourceId,
        uid: running!.ids.uid,
        media: 'audio+video',
        participants: ['1001', '1002'],
      },
    });
    expect(session.sessionId).toBe(running!.ids.sid);
    const text = Buffer.from(session.handle.split('.')[2]!, 'base64url').toString();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('work in a fresh provider instance; a handle of another App ID is a ValidationError', async () => {
    const session = await provider(sim()).start(individualRequest());
    await expect(provider(sim()).query(session.handle)).resolves.toMatchObject({ state: 'recording' });
    const other = createAgoraProvider({ ...CREDENTIALS, appId: 'otherapp', baseUrl: sim().url });
    const before = agoraRequests(sim()).length;
    const error = await rejectionOf(other.query(session.handle));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('App ID');
    expect(agoraRequests(sim()).length).toBe(before);
  });
});

describe('idempotency', () => {
  it('the same idempotencyKey twice starts one recording and returns the same session', async () => {
    const p = provider(sim());
    const request = { ...compositeRequest(), idempotencyKey: 'meeting-42-take-1' };
    const [a, b] = await Promise.all([p.start(request), p.start(request)]);
    expect(a).toEqual(b);
    expect(agoraRequests(sim()).filter((r) => r.operation === 'start')).toHaveLength(1);
    expect(runningAgora(sim())).toHaveLength(1);
  });

  it('another process with the same key uses the same recorder uid, so Agora refuses a duplicate (code 53)', async () => {
    const request = { ...compositeRequest(), idempotencyKey: 'meeting-42-take-1' };
    const process = () => provider(sim(), { coordinator: createMemoryCoordinator() });
    const a = await process().start(request);
    const error = await rejectionOf(process().start(request));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.vendorCode).toBe(53);
    // The running recording is the first start of this key: the error says how to reach it.
    expect(error.unconfirmedRecording).toMatchObject({
      vendor: 'agora',
      room: 'conformance-room',
      ids: { cname: 'conformance-room', uid: decodeHandle(a.handle).d.uid },
    });
    expect(runningAgora(sim()).map((s) => s.ids.sid)).toEqual([a.sessionId]);
    const c = await process().start({ ...request, idempotencyKey: 'take-2' });
    expect(decodeHandle(c.handle).d.uid).not.toBe(decodeHandle(a.handle).d.uid);
  });

  it('a failed start is forgotten, so the key can be tried again', async () => {
    const p = provider(sim(), { maxRetries: 0 });
    const request = { ...compositeRequest(), idempotencyKey: 'retry-me' };
    sim().injectFault({
      vendor: 'agora',
      operation: 'acquire',
      kind: 'vendor-error',
      vendorCode: 'unauthorized',
    });
    await expect(p.start(request)).rejects.toSatisfy(isRecordingError);
    await expect(p.start(request)).resolves.toMatchObject({ vendor: 'agora' });
    expect(runningAgora(sim())).toHaveLength(1);
  });
});

describe('update (Agora extra on the concrete class)', () => {
  it('subscription lists per media; returns a handle with the new participants', async () => {
    const p = provider(sim());
    const session = await p.start({ ...individualRequest(), media: 'audio' });
    const { handle } = await p.update(session, { participants: { include: ['7', '8'] } });
    const last = () => agoraRequests(sim()).at(-1)!;
    expect(last().operation).toBe('update');
    expect(last().status).toBe(200);
    expect(bodyOf(last()).clientRequest).toEqual({
      streamSubscribe: { audioUidList: { subscribeAudioUids: ['7', '8'] } },
    });
    expect(decodeHandle(handle).d.participants).toEqual(['7', '8']);
    const next = await p.update(handle, { participants: { exclude: ['9'] } });
    expect(bodyOf(last()).clientRequest).toEqual({
      streamSubscribe: { audioUidList: { unSubscribeAudioUids: ['9'] } },
    });
    expect(decodeHandle(next.handle).d.participants).toBeUndefined();
  });

  it('web page recording: pause / resume and the CDN URL', async () => {
    const p = provider(sim());
    const session = await p.start({
      ...webRequest(),
      vendorOptions: { agora: { rtmpUrl: 'rtmp://cdn.example.com/live/a' } },
    });
    await p.update(session, { webRecording: { paused: true }, rtmpUrl: 'rtmps://cdn.example.com/live/k' });
    const sent = agoraRequests(sim()).at(-1)!;
    expect(sent.path).toMatch(/\/mode\/web\/update$/);
    expect(sent.status).toBe(200);
    expect(bodyOf(sent).clientRequest).toEqual({
      webRecordingConfig: { onhold: true },
      rtmpPublishConfig: { outputs: [{ rtmpUrl: 'rtmps://cdn.example.com/live/k' }] },
    });
    expect((await p.query(session)).state).toBe('paused');
    await p.update(session, { webRecording: { paused: false } });
    expect((await p.query(session)).state).toBe('recording');
  });

  it('what the mode cannot do, or an empty / invalid update, fails before any request', async () => {
    const p = provider(sim());
    const web = await p.start(webRequest());
    const mix = await p.start(compositeRequest());
    const before = agoraRequests(sim()).length;
    await expect(p.update(web, { participants: { include: ['1'] } })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(p.update(mix, { webRecording: { paused: true } })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(p.update(mix, { rtmpUrl: 'rtmp://cdn.example.com/x' })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(p.update(mix, {})).rejects.toBeInstanceOf(ValidationError);
    await expect(p.update(mix, { participants: { include: ['1'], exclude: ['2'] } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(p.update(mix, { participants: { include: ['x'] } })).rejects.toThrow(
      /participants\.include\[0\]/,
    );
    await expect(p.update(web, { rtmpUrl: 'http://not-rtmp' })).rejects.toBeInstanceOf(ValidationError);
    await expect(p.update(mix, null as never)).rejects.toBeInstanceOf(ValidationError);
    expect(agoraRequests(sim()).length).toBe(before);
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

  // Several real hosts: only nock can answer for them (the simulator is one loopback host).
  it('a network failure moves the next attempt to the other suffix, then the neighbouring region', async () => {
    const path = /\/acquire$/;
    const refused = (code: string) => Object.assign(new Error(code), { code });
    nock('https://api-eu-west-1.agora.io').post(path).replyWithError(refused('ECONNREFUSED'));
    nock('https://api-eu-west-1.sd-rtn.com').post(path).replyWithError(refused('ECONNRESET'));
    nock('https://api-eu-central-1.agora.io').post(path).reply(200, { resourceId: 'R' });
    nock('https://api-eu-central-1.agora.io')
      .post(/\/resourceid\/R\/mode\/mix\/start$/)
      .reply(200, { sid: 'S' });
    const hosts: string[] = [];
    const p = createAgoraProvider({
      ...CREDENTIALS,
      area: 'eu',
      maxRetries: 3,
      hooks: { onRequest: (i) => void hosts.push(new URL(i.url).host) },
    });
    const session = await p.start(compositeRequest());
    expect(session.sessionId).toBe('S');
    expect(hosts).toEqual([
      'api-eu-west-1.agora.io',
      'api-eu-west-1.sd-rtn.com',
      'api-eu-central-1.agora.io',
      'api-eu-central-1.agora.io',
    ]);
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it('a given baseUrl disables the fallback', async () => {
    const session = await provider(sim()).start(compositeRequest());
    sim().injectFault({ vendor: 'agora', operation: 'query', kind: 'reset', times: 2 });
    const hosts: string[] = [];
    const q = createAgoraProvider({
      ...CREDENTIALS,
      baseUrl: sim().url,
      area: 'us',
      maxRetries: 2,
      hooks: { onRequest: (i) => void hosts.push(new URL(i.url).origin) },
    });
    await expect(q.query(session)).resolves.toMatchObject({ state: 'recording' });
    expect(new Set(hosts)).toEqual(new Set([sim().url]));
    expect(hosts).toHaveLength(3);
    expect(
      agoraRequests(sim())
        .filter((r) => r.operation === 'query')
        .map((r) => r.fault ?? 'answered'),
    ).toEqual(['reset', 'reset', 'answered']);
  });
});
