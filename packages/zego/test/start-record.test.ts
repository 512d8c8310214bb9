import { type StartRecordingRequest, UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { md5Hex } from '@unirec/core/md5';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  isValidSignature,
  noNetwork,
  sharedCompositeRequest,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import { mixOutputStreamId, toZegoStartRecord } from './internals.js';

noNetwork();
const sim = useSimulator();
const ctx = { strict: false, clientTaskId: 'task-key-1' };
const map = (request: StartRecordingRequest) => toZegoStartRecord(request, ctx);

describe('seed 004 request examples, written as neutral requests, arrive as the same StartRecord bodies', () => {
  const common = {
    room: 'xxxx',
    mode: 'individual',
    media: 'audio+video',
    output: { formats: ['mp4'], maxIdleSec: 60 },
  } as const;
  const input = { RecordMode: 1, StreamType: 3, MaxIdleTime: 60, ClientTaskId: expect.any(String) };
  const output = { OutputFileFormat: 'mp4', OutputFolder: 'record/' };

  /** The body the simulator received, after checking it accepted it (a task is recording). */
  async function sent(request: StartRecordingRequest): Promise<unknown> {
    const session = await simProvider(sim()).start(request);
    expect(
      sim()
        .activeRecordings('zego')
        .map((t) => t.id),
    ).toEqual([session.sessionId]);
    return bodyOf(sim(), 'StartRecord');
  }

  it('Alibaba OSS (亚马逊 S3、阿里云 OSS … example)', async () => {
    const body = await sent({
      ...common,
      output: { ...common.output, formats: ['mp4'] },
      storage: {
        vendor: 'aliyun-oss',
        region: 'oss-xxxx',
        bucket: 'xxxx',
        accessKey: 'xxxx',
        secretKey: 'xxxx',
        prefix: ['record'],
      },
    });
    expect(body).toEqual({
      RoomId: 'xxxx',
      RecordInputParams: input,
      RecordOutputParams: output,
      StorageParams: {
        Vendor: 2,
        Region: 'oss-xxxx',
        Bucket: 'xxxx',
        AccessKeyId: 'xxxx',
        AccessKeySecret: 'xxxx',
      },
    });
  });

  it('the same example on Amazon S3 (Vendor 1)', async () => {
    const body = (await sent({
      ...common,
      output: { ...common.output, formats: ['mp4'] },
      storage: {
        vendor: 's3',
        region: 'us-east-1',
        bucket: 'xxxx',
        accessKey: 'xxxx',
        secretKey: 'xxxx',
        prefix: ['record'],
      },
    })) as Record<string, unknown>;
    expect(body.StorageParams).toEqual({
      Vendor: 1,
      Region: 'us-east-1',
      Bucket: 'xxxx',
      AccessKeyId: 'xxxx',
      AccessKeySecret: 'xxxx',
    });
  });

  it('Alibaba VOD (阿里云 Vod example): credentials in AlibabaCloudVodParams, Title through vendorOptions', async () => {
    const body = await sent({
      ...common,
      output: { ...common.output, formats: ['mp4'] },
      storage: {
        vendor: 'aliyun-vod',
        region: 'cn-xxxxx',
        bucket: 'xxxx.oss-cn-xxxx.aliyuncs.com',
        accessKey: 'xxxx',
        secretKey: 'xxxx',
        prefix: ['record'],
      },
      vendorOptions: { zego: { StorageParams: { AlibabaCloudVodParams: { Title: 'xxxx' } } } },
    });
    expect(body).toEqual({
      RoomId: 'xxxx',
      RecordInputParams: input,
      RecordOutputParams: output,
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
    });
  });

  it('S3-compatible (S3 协议存储服务提供商 example) with EndPoint', async () => {
    const body = await sent({
      ...common,
      output: { ...common.output, formats: ['mp4'] },
      storage: {
        vendor: 's3-compatible',
        region: 'oss-xxxx',
        bucket: 'xxxx',
        accessKey: 'xxxx',
        secretKey: 'xxxx',
        endpoint: 'https://s3.storage.example',
        prefix: ['record'],
      },
    });
    expect(body).toEqual({
      RoomId: 'xxxx',
      RecordInputParams: input,
      RecordOutputParams: output,
      StorageParams: {
        Vendor: 10,
        Region: 'oss-xxxx',
        Bucket: 'xxxx',
        AccessKeyId: 'xxxx',
        AccessKeySecret: 'xxxx',
        EndPoint: 'https://s3.storage.example',
      },
    });
  });

  it('the neutral request used for Agora (2-participant grid, S3 us-east-1) records on ZEGO too', async () => {
    const provider = simProvider(sim());
    const session = await provider.start(sharedCompositeRequest());
    expect(session.warnings).toEqual([]);
    const body = bodyOf(sim(), 'StartRecord');
    expect(isValidSignature(zegoRequests(sim(), 'StartRecord')[0]!.query)).toBe(true);
    expect(body.RoomId).toBe('demo-room');
    expect(body.RecordInputParams).toEqual({
      RecordMode: 2,
      StreamType: 3,
      ClientTaskId: expect.any(String),
      MixConfig: {
        MixOutputStreamId: 'mix_demo-room',
        MixOutputVideoConfig: { Width: 1280, Height: 720, Fps: 15, Bitrate: 1_500_000 },
        MixMode: 1,
        MixInputList: [
          { StreamId: '1001', Left: 0, Top: 0, Right: 640, Bottom: 720, Layer: 0, FillMode: 1 },
          { StreamId: '1002', Left: 640, Top: 0, Right: 1280, Bottom: 720, Layer: 0, FillMode: 1 },
        ],
      },
    });
    expect(body.RecordOutputParams).toEqual({ OutputFolder: 'recordings/demo/' });
    expect(body.StorageParams).toMatchObject({ Vendor: 1, Region: 'us-east-1', Bucket: 'unirec-recordings' });
    expect((await provider.query(session)).state).toBe('recording');
    expect((await provider.stop(session)).alreadyStopped).toBe(false);
  });
});

describe('neutral → StartRecord fields', () => {
  const base = sharedCompositeRequest();

  it('video → MixOutputVideoConfig with the bitrate in bits per second; audio bitrate likewise', () => {
    const { body } = map({
      ...base,
      video: { width: 1920, height: 1080, fps: 30, bitrateKbps: 3000 },
      audio: { bitrateKbps: 64 },
    });
    const mix = body.RecordInputParams.MixConfig as Record<string, unknown>;
    expect(mix.MixOutputVideoConfig).toEqual({ Width: 1920, Height: 1080, Fps: 30, Bitrate: 3_000_000 });
    expect(mix.MixOutputAudioConfig).toEqual({ Bitrate: 64_000 });
  });

  it('without video the canvas is 1280×720, 15 fps, 1.5 Mbps', () => {
    const { body, canvas } = map({ ...base, video: undefined });
    const mix = body.RecordInputParams.MixConfig as Record<string, unknown>;
    expect(mix.MixOutputVideoConfig).toEqual({ Width: 1280, Height: 720, Fps: 15, Bitrate: 1_500_000 });
    expect(canvas).toEqual({ width: 1280, height: 720 });
  });

  it('media → StreamType 1/2/3; audio-only composite sends no video config and no layout', () => {
    const audio = map({
      ...base,
      media: 'audio',
      layout: undefined,
      video: undefined,
      participants: undefined,
    });
    expect(audio.body.RecordInputParams.StreamType).toBe(1);
    expect(audio.body.RecordInputParams.MixConfig).toEqual({ MixOutputStreamId: 'mix_demo-room' });
    expect(audio.canvas).toBeUndefined();
    expect(map({ ...base, media: 'video' }).body.RecordInputParams.StreamType).toBe(2);
    expect(map(base).body.RecordInputParams.StreamType).toBe(3);
  });

  it('MixOutputStreamId is deterministic from the room (hashed when the room is not a valid stream id)', () => {
    expect(mixOutputStreamId('room_1-a')).toBe('mix_room_1-a');
    expect(mixOutputStreamId('salle #1')).toBe(`mix_${md5Hex('salle #1')}`);
    expect(mixOutputStreamId('salle #1')).toBe(mixOutputStreamId('salle #1'));
  });

  it('no layout and no participants: ZEGO default layout (no MixMode sent); participants only: a grid of them', () => {
    const open = map({ ...base, layout: undefined, participants: undefined }).body.RecordInputParams
      .MixConfig as Record<string, unknown>;
    expect(open.MixMode).toBeUndefined();
    expect(open.MixInputList).toBeUndefined();
    const listed = map({ ...base, layout: undefined });
    const mix = listed.body.RecordInputParams.MixConfig as Record<string, any>;
    expect(mix.MixMode).toBe(1);
    expect(mix.MixInputList.map((i: { StreamId: string }) => i.StreamId)).toEqual(['1001', '1002']);
    expect(listed.warnings).toEqual([]);
  });

  it('individual → RecordMode 1 with RecordStreamList from participants.include', () => {
    const { body } = map({
      room: 'r',
      mode: 'individual',
      participants: { include: ['s1', 's2'] },
      storage: base.storage,
    });
    expect(body.RecordInputParams).toMatchObject({
      RecordMode: 1,
      RecordStreamList: [{ StreamId: 's1' }, { StreamId: 's2' }],
    });
    expect(body.RecordInputParams.MixConfig).toBeUndefined();
  });

  it('output: jpg → SnapshotInterval, limits → MaxIdleTime/MaxRecordTime, callbackUrl → CallbackUrl, ClientTaskId', () => {
    const { body } = map({
      ...base,
      output: { formats: ['jpg'], snapshotIntervalSec: 30, maxIdleSec: 120, maxDurationSec: 3600 },
      callbackUrl: 'https://hooks.example.com/zego',
    });
    expect(body.RecordOutputParams).toEqual({
      OutputFileFormat: 'jpg',
      SnapshotInterval: 30,
      OutputFolder: 'recordings/demo/',
      CallbackUrl: 'https://hooks.example.com/zego',
    });
    expect(body.RecordInputParams).toMatchObject({
      MaxIdleTime: 120,
      MaxRecordTime: 3600,
      ClientTaskId: 'task-key-1',
    });
  });

  it('vendorOptions.zego is deep-merged last (StreamType 4, extra fields)', () => {
    const { body } = map({
      ...base,
      vendorOptions: {
        zego: {
          RecordInputParams: {
            StreamType: 4,
            FillBlank: true,
            MixConfig: { MixOutputStreamId: 'mine', IsAlwaysMix: true },
          },
          RecordOutputParams: { FragmentSeconds: 10 },
        },
      },
    });
    expect(body.RecordInputParams).toMatchObject({ StreamType: 4, FillBlank: true, RecordMode: 2 });
    expect(body.RecordInputParams.MixConfig).toMatchObject({
      MixOutputStreamId: 'mine',
      IsAlwaysMix: true,
      MixMode: 1,
    });
    expect(body.RecordOutputParams).toEqual({ OutputFolder: 'recordings/demo/', FragmentSeconds: 10 });
  });

  it('reports what ZEGO has no field for as warnings, and throws under strict; presets are no loss', () => {
    const request = { ...base, token: 'rtc-token', recorderUid: '99', audio: { sampleRateHz: 48000 } };
    expect(map(request).warnings.map((w) => w.feature)).toEqual([
      'token',
      'recorderUid',
      'audio.sampleRateHz',
    ]);
    expect(() => toZegoStartRecord(request, { ...ctx, strict: true })).toThrow(UnsupportedFeatureError);
    // base uses preset 'grid': strict accepts it, and nothing is warned
    expect(toZegoStartRecord(base, { ...ctx, strict: true }).warnings).toEqual([]);
  });
});

describe('limits come from the capability table (checked by core before any request)', () => {
  const base = sharedCompositeRequest();
  const video = (bitrateKbps: number) => ({ ...base, video: { width: 1280, height: 720, bitrateKbps } });

  it('video bitrate ≤ 50 000 kbps and audio ≤ 512 kbps, sent in bits per second', () => {
    const mix = (r: StartRecordingRequest) => map(r).body.RecordInputParams.MixConfig as Record<string, any>;
    expect(mix(video(50_000)).MixOutputVideoConfig.Bitrate).toBe(50_000_000);
    expect(mix({ ...base, audio: { bitrateKbps: 512 } }).MixOutputAudioConfig).toEqual({ Bitrate: 512_000 });
    for (const [request, field] of [
      [video(50_001), 'video.bitrateKbps'],
      [video(1e13), 'video.bitrateKbps'],
      [{ ...base, audio: { bitrateKbps: 513 } }, 'audio.bitrateKbps'],
    ] as const) {
      const error = (() => {
        try {
          map(request);
        } catch (e) {
          return e as ValidationError;
        }
      })();
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error!.issues.map((i) => i.path)).toContain(field);
    }
  });

  it('RoomId must match ZEGO’s room-id charset; stream ids [A-Za-z0-9_-]{1,256}', () => {
    expect(() => map({ ...base, room: 'salle #1' })).toThrow(/room/);
    expect(() => map({ ...base, room: 'a'.repeat(129) })).toThrow(/room.*128/);
    expect(map({ ...base, room: "r~!@#$%^&*()_+=-`;',.<>/\\" }).body.RoomId).toBe(
      "r~!@#$%^&*()_+=-`;',.<>/\\",
    );
    for (const id of ['with space', 'a.b', 'x'.repeat(257), 'é']) {
      expect(() => map({ ...base, participants: { include: [id] } }), id).toThrow(
        /participants\.include\[0\]/,
      );
    }
    // core's neutral schema caps any participant id at 255 characters, inside ZEGO's 256
    expect(() => map({ ...base, participants: { include: ['x'.repeat(255), 'A-b_9'] } })).not.toThrow();
  });
});
