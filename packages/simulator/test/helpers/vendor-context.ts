/**
 * A fake SimContext and hand-built ZEGO / JOCloud requests, for driving the emulators through
 * `handle(req, ctx)` without the HTTP server. Requests are built from the vendor documents only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  SimCallbacks,
  SimContext,
  SimCredentials,
  SimRequest,
  SimResponse,
  SimWebhook,
  VendorEmulator,
} from '../../src/types.js';

/** AppIds match the document examples (ZEGO 1234567890, JOCloud 10034) so their bodies replay verbatim. */
export const TEST_CREDENTIALS: SimCredentials = {
  agora: { appId: 'a'.repeat(32), customerId: 'cid', customerSecret: 'csecret' },
  zego: { appId: 1234567890, serverSecret: '9193cc662a4c0ec135ec71fb57194b38' },
  jocloud: { appId: 10034, restfulId: 'restful-id', restfulSecret: 'restful-secret' },
};

export interface FakeContext extends SimContext {
  webhooks: SimWebhook[];
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeContext(
  options: { now?: number; callbacks?: SimCallbacks; limits?: boolean } = {},
): FakeContext {
  let now = options.now ?? Date.UTC(2025, 0, 1, 12);
  const windows = new Map<string, { second: number; count: number }>();
  const webhooks: SimWebhook[] = [];
  return {
    clock: { now: () => now },
    credentials: structuredClone(TEST_CREDENTIALS),
    callbacks: options.callbacks ?? {},
    // fixed one-second windows: enough to see "n per second" limits
    allow(key, perSecond) {
      if (options.limits === false) return true;
      const second = Math.floor(now / 1000);
      const w = windows.get(key);
      if (!w || w.second !== second) {
        windows.set(key, { second, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= perSecond;
    },
    emitWebhook: (hook) => webhooks.push(hook),
    webhooks,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

export const body = (res: SimResponse): any => res.body;

// ---------------------------------------------------------------------------------------------
// ZEGO: POST /?Action=…&AppId&SignatureNonce&Timestamp&SignatureVersion=2.0&Signature

export interface ZegoQuery {
  AppId?: string;
  SignatureNonce?: string;
  Timestamp?: string;
  SignatureVersion?: string;
  Signature?: string;
}

/** Signs like the document: md5(AppId + SignatureNonce + ServerSecret + Timestamp). */
export function zegoRequest(
  ctx: SimContext,
  action: string | undefined,
  payload: unknown,
  override: ZegoQuery & { method?: string; rawBody?: string } = {},
): SimRequest {
  const { appId, serverSecret } = ctx.credentials.zego;
  const AppId = override.AppId ?? String(appId);
  const SignatureNonce = override.SignatureNonce ?? randomBytes(8).toString('hex');
  const Timestamp = override.Timestamp ?? String(Math.floor(ctx.clock.now() / 1000));
  const Signature =
    override.Signature ??
    createHash('md5').update(`${AppId}${SignatureNonce}${serverSecret}${Timestamp}`).digest('hex');
  const q = new URLSearchParams();
  if (action !== undefined) q.set('Action', action);
  q.set('AppId', AppId);
  q.set('SignatureNonce', SignatureNonce);
  q.set('Timestamp', Timestamp);
  if (override.SignatureVersion !== '') q.set('SignatureVersion', override.SignatureVersion ?? '2.0');
  if (override.Signature !== '') q.set('Signature', Signature);
  return {
    method: override.method ?? 'POST',
    url: new URL(`http://sim.local/?${q}`),
    headers: { 'content-type': 'application/json' },
    rawBody: Buffer.from(override.rawBody ?? JSON.stringify(payload ?? {})),
  };
}

/** Calls one ZEGO action and returns the response body. */
export async function zego(emulator: VendorEmulator, ctx: SimContext, action: string, payload: unknown = {}) {
  const res = await emulator.handle(zegoRequest(ctx, action, payload), ctx);
  return body(res);
}

// ---------------------------------------------------------------------------------------------
// JOCloud: /app/{appid}/v1/recordoss/{reqUri}?traceId=, headers AppID + Token: Basic …

let trace = 0;

export function joRequest(
  ctx: SimContext,
  method: string,
  reqUri: string,
  payload?: unknown,
  headers: Record<string, string | undefined> = {},
  appid: string | number = ctx.credentials.jocloud.appId,
): SimRequest {
  const { restfulId, restfulSecret } = ctx.credentials.jocloud;
  const all: Record<string, string | undefined> = {
    appid: String(appid),
    token: `Basic ${Buffer.from(`${restfulId}:${restfulSecret}`).toString('base64')}`,
    ...(payload !== undefined ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
    ...headers,
  };
  for (const k of Object.keys(all)) if (all[k] === undefined) delete all[k];
  return {
    method,
    url: new URL(`http://sim.local/app/${appid}/v1/recordoss/${reqUri}?traceId=t${++trace}`),
    headers: all,
    rawBody: Buffer.from(
      payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Request bodies copied from the documents

/** seed 004 "请求示例": the three StartRecord bodies (OSS/S3…, Alibaba VOD, S3-compatible). */
export const ZEGO_SEED_EXAMPLES = {
  'OSS / S3 / COS / Kodo / OBS / EOS': {
    RoomId: 'xxxx',
    RecordInputParams: { RecordMode: 1, StreamType: 3, MaxIdleTime: 60 },
    RecordOutputParams: { OutputFileFormat: 'mp4', OutputFolder: 'record/' },
    StorageParams: {
      Vendor: 2,
      Region: 'oss-xxxx',
      Bucket: 'xxxx',
      AccessKeyId: 'xxxx',
      AccessKeySecret: 'xxxx',
    },
  },
  'Alibaba VOD': {
    RoomId: 'xxxx',
    RecordInputParams: { RecordMode: 1, StreamType: 3, MaxIdleTime: 60 },
    RecordOutputParams: { OutputFileFormat: 'mp4', OutputFolder: 'record/' },
    StorageParams: {
      Vendor: 5,
      Region: '',
      Bucket: '',
      AccessKeyId: '',
      AccessKeySecret: '',
      AlibabaCloudVodParams: {
        Region: 'cn-xxxxx',
        AccessKeyId: 'xxxx',
        AccessKeySecret: 'xxxx',
        Title: 'xxxx',
        StorageLocation: 'xxxx.oss-cn-xxxx.aliyuncs.com',
      },
    },
  },
  'S3-compatible': {
    RoomId: 'xxxx',
    RecordInputParams: { RecordMode: 1, StreamType: 3, MaxIdleTime: 60 },
    RecordOutputParams: { OutputFileFormat: 'mp4', OutputFolder: 'record/' },
    StorageParams: {
      Vendor: 10,
      Region: 'oss-xxxx',
      Bucket: 'xxxx',
      AccessKeyId: 'xxxx',
      AccessKeySecret: 'xxxx',
      EndPoint: 'xxxx',
    },
  },
} as const;

/** A stream-mixing StartRecord built from the documented MixConfig fields (custom layout, 1280×720). */
export function zegoMixedBody(overrides: { input?: object; mix?: object; output?: object } = {}) {
  return {
    RoomId: 'room-1',
    RecordInputParams: {
      RecordMode: 2,
      StreamType: 3,
      MaxIdleTime: 30,
      MixConfig: {
        MixMode: 1,
        MixInputList: [
          { StreamId: 's1', ViewType: 1, Left: 0, Top: 0, Right: 640, Bottom: 720, Layer: 1, FillMode: 1 },
          { StreamId: 's2', Left: 640, Top: 0, Right: 1280, Bottom: 720, Layer: 1, FillMode: 2 },
        ],
        MixOutputStreamId: 'mix-out',
        MixOutputVideoConfig: { Width: 1280, Height: 720, Fps: 15, Bitrate: 1_500_000 },
        MixOutputAudioConfig: { Bitrate: 48000 },
        MixOutputBackgroundColor: 0x11223300,
        ...overrides.mix,
      },
      ...overrides.input,
    },
    RecordOutputParams: { OutputFileFormat: 'mp4', OutputFolder: 'record/', ...overrides.output },
    StorageParams: { Vendor: 1, Region: 'us-east-1', Bucket: 'b', AccessKeyId: 'ak', AccessKeySecret: 'sk' },
  };
}

/** seed 003 startrecord example (resid replaced by the caller with a fresh one). */
export const JOCLOUD_SEED_START = {
  resid: '1d3fe093f9b9dbfa2d34e22cb34a12496ed6b057896358131208a0d981eb-ba11073100006be2',
  appid: 10034,
  roomid: 'abcabc',
  recordtype: 0,
  streamtype: 1,
  mixconfig: {
    input: [
      {
        uid: '10266666',
        roomid: 'abcabc',
        streamtype: 0,
        zOrder: 0,
        layoutX: 0,
        layoutY: 0,
        layoutH: 600,
        layoutW: 400,
        crop: 0,
      },
      {
        uid: '10277777',
        roomid: 'efdefd',
        streamtype: 0,
        zOrder: 1,
        layoutX: 400,
        layoutY: 0,
        layoutH: 600,
        layoutW: 400,
        crop: 0,
      },
    ],
    output: {
      streamtype: 0,
      videoheight: 600,
      videowidth: 800,
      videobitrate: 600,
      videofps: 24,
      videogop: 72,
      videoencode: 100,
      audiobitrate: 128,
      audiosample: 48000,
      audiochannel: 2,
      audioformat: 2,
    },
  },
  storagecfg: {
    vender: 0,
    endpoint: 'xxxx-test-endpoint',
    bucket: 'xxxx-test-bucket',
    accesskey: 'xxxx-test-accesskey',
    secretkey: 'xxxx-test-secretkey',
    fileprefix: ['test1', 'test2'],
  },
};

/** seed 003 updatemixrecord example (resid and recordid replaced by the caller). */
export const JOCLOUD_SEED_UPDATE = {
  resid: JOCLOUD_SEED_START.resid,
  appid: 10034,
  roomid: 'abcabc',
  recordid: 'ba1107310000565164da34f816f842da94d',
  mixconfig: {
    input: JOCLOUD_SEED_START.mixconfig.input,
    output: {
      ...JOCLOUD_SEED_START.mixconfig.output,
      videoheight: 720,
      videowidth: 1080,
      videobitrate: 1000,
    },
  },
};

/** seed 003 stoprecord example (resid and recordid replaced by the caller). */
export const JOCLOUD_SEED_STOP = {
  resid: JOCLOUD_SEED_START.resid,
  appid: 10034,
  roomid: 'abcabc',
  recordid: 'ba1107310000565164da34f816f842da94d',
};
