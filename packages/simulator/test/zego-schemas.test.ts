import { describe, expect, it } from 'vitest';
import { createZegoEmulator } from '../src/vendors/zego.js';
import { fakeContext, ZEGO_SEED_EXAMPLES, zego, zegoMixedBody } from './helpers/vendor-context.js';

const OSS = ZEGO_SEED_EXAMPLES['OSS / S3 / COS / Kodo / OBS / EOS'];
const clone = <T>(v: T): any => structuredClone(v);

async function start(payload: unknown, options = {}) {
  const ctx = fakeContext();
  return zego(createZegoEmulator(options), ctx, 'StartRecord', payload);
}

describe('ZEGO StartRecord: every request example of seed 004 is accepted', () => {
  it.each(Object.entries(ZEGO_SEED_EXAMPLES))('%s', async (_name, example) => {
    const res = await start(example);
    expect(res).toMatchObject({ Code: 0, Message: 'succeed', Data: { TaskId: expect.any(String) } });
    expect(res.Data.TaskId).toMatch(/^[A-Za-z0-9-]{16}$/);
  });

  it('a stream-mixing start with every documented MixConfig field', async () => {
    const payload = zegoMixedBody({
      input: {
        FillBlank: true,
        FillFrame: { FrameFillMode: 2, FrameFillColor: 0xffffff00 },
        MaxRecordTime: 3600,
        ClientTaskId: 'client-1',
      },
      mix: {
        FillMode: 1,
        MixOutputBackgroundImage: 'https://example.com/bg.png',
        MixOutputWatermarkImage: 'https://example.com/wm.png',
        MixOutputWatermarkImageConfig: { Left: 10, Top: 10, Right: 110, Bottom: 60 },
        DefaultMixStreamBackgroundImage: 'http://example.com/d.jpg',
        IsAlwaysMix: true,
        MixOutputWatermarkTimestampConfig: { FontSize: 12 },
        RecordSoundWave: true,
        SoundWaveType: 1,
        StreamConfigList: [{ StreamId: '', StreamType: 3 }],
        ClearInputStreamTimeout: 3000,
      },
      output: {
        OutputFileFormat: 'hls',
        FragmentSeconds: 10,
        RealtimeUploadFragment: true,
        ShortFragmentPath: true,
      },
    });
    expect((await start(payload)).Code).toBe(0);
  });

  it('colours: 0xRRGGBB00 accepted as unsigned and as signed int32', async () => {
    const signedWhite = 0xffffff00 | 0; // -256
    expect((await start(zegoMixedBody({ mix: { MixOutputBackgroundColor: signedWhite } }))).Code).toBe(0);
  });
});

describe('ZEGO StartRecord: violations → 300000004 naming the field and the rule', () => {
  const cases: Array<[string, (b: any) => void, RegExp]> = [
    [
      'wrong type',
      (b) => (b.RecordInputParams.RecordMode = '1'),
      /RecordInputParams\.RecordMode must be one of 1, 2/,
    ],
    ['RecordMode 3', (b) => (b.RecordInputParams.RecordMode = 3), /RecordInputParams\.RecordMode/],
    [
      'StreamType 5',
      (b) => (b.RecordInputParams.StreamType = 5),
      /RecordInputParams\.StreamType must be one of 1, 2, 3, 4/,
    ],
    [
      'MaxIdleTime 4',
      (b) => (b.RecordInputParams.MaxIdleTime = 4),
      /MaxIdleTime must be between 5 and 86400/,
    ],
    [
      'MaxIdleTime 86401',
      (b) => (b.RecordInputParams.MaxIdleTime = 86401),
      /MaxIdleTime must be between 5 and 86400/,
    ],
    ['MaxIdleTime 5.5', (b) => (b.RecordInputParams.MaxIdleTime = 5.5), /MaxIdleTime must be an integer/],
    [
      'MaxRecordTime 299',
      (b) => (b.RecordInputParams.MaxRecordTime = 299),
      /MaxRecordTime must be between 300 and 86400/,
    ],
    ['RoomId missing', (b) => delete b.RoomId, /RoomId is required/],
    ['RoomId empty', (b) => (b.RoomId = ''), /RoomId must not be empty/],
    ['RecordInputParams missing', (b) => delete b.RecordInputParams, /RecordInputParams is required/],
    ['StorageParams missing', (b) => delete b.StorageParams, /StorageParams is required/],
    ['Vendor 11', (b) => (b.StorageParams.Vendor = 11), /StorageParams\.Vendor must be one of 1, 2/],
    [
      'Vendor 2 without Bucket',
      (b) => delete b.StorageParams.Bucket,
      /StorageParams\.Bucket is required when Vendor is 2/,
    ],
    [
      'Vendor 2 with empty AccessKeySecret',
      (b) => (b.StorageParams.AccessKeySecret = ''),
      /AccessKeySecret is required/,
    ],
    [
      'Vendor 10 without EndPoint',
      (b) => (b.StorageParams.Vendor = 10),
      /StorageParams\.EndPoint is required when Vendor is 10/,
    ],
    [
      'Vendor 5 without AlibabaCloudVodParams',
      (b) => (b.StorageParams.Vendor = 5),
      /AlibabaCloudVodParams is required/,
    ],
    [
      'Vendor 6 without TencentCloudVodParams',
      (b) => (b.StorageParams.Vendor = 6),
      /TencentCloudVodParams is required/,
    ],
    [
      'OutputFileFormat wav',
      (b) => (b.RecordOutputParams.OutputFileFormat = 'wav'),
      /OutputFileFormat must be one of mp4/,
    ],
    ['OutputFileRule 2', (b) => (b.RecordOutputParams.OutputFileRule = 2), /OutputFileRule must be one of 1/],
    [
      'SnapshotInterval 4',
      (b) => (b.RecordOutputParams.SnapshotInterval = 4),
      /SnapshotInterval must be between 5 and 3600/,
    ],
    [
      'FragmentSeconds 61',
      (b) => (b.RecordOutputParams.FragmentSeconds = 61),
      /FragmentSeconds must be between 2 and 60/,
    ],
    [
      'CallbackUrl ftp',
      (b) => (b.RecordOutputParams.CallbackUrl = 'ftp://x'),
      /CallbackUrl must be an http\(s\) URL/,
    ],
    [
      'misspelt field',
      (b) => (b.RecordInputParams.MaxIdletime = 60),
      /RecordInputParams\.MaxIdletime is not a documented field/,
    ],
    [
      'HasWhiteboard without Whiteboard',
      (b) => (b.RecordInputParams.HasWhiteboard = true),
      /Whiteboard is required when HasWhiteboard/,
    ],
    [
      'RecordStreamList item without StreamId',
      (b) => (b.RecordInputParams.RecordStreamList = [{}]),
      /RecordStreamList\[0\]\.StreamId is required/,
    ],
  ];
  it.each(cases)('%s', async (_name, mutate, message) => {
    const payload = clone(OSS);
    mutate(payload);
    const res = await start(payload);
    expect(res.Code).toBe(300000004);
    expect(res.Message).toMatch(message);
    expect(res.Data).toBeUndefined();
  });

  it('Alibaba VOD takes mp4 and flv only', async () => {
    const payload = clone(ZEGO_SEED_EXAMPLES['Alibaba VOD']);
    payload.RecordOutputParams.OutputFileFormat = 'hls';
    const res = await start(payload);
    expect(res.Code).toBe(300000004);
    expect(res.Message).toMatch(/OutputFileFormat 'hls' cannot be uploaded to Alibaba Cloud VOD/);
  });

  const mixed: Array<[string, (b: any) => void, RegExp]> = [
    [
      'no MixConfig in mixed mode',
      (b) => delete b.RecordInputParams.MixConfig,
      /MixConfig is required when RecordMode is 2/,
    ],
    [
      'no MixOutputStreamId',
      (b) => delete b.RecordInputParams.MixConfig.MixOutputStreamId,
      /MixOutputStreamId is required/,
    ],
    [
      'no MixOutputVideoConfig with StreamType 3',
      (b) => delete b.RecordInputParams.MixConfig.MixOutputVideoConfig,
      /MixOutputVideoConfig is required when StreamType is 2, 3 or 4/,
    ],
    [
      '1920×1920 canvas',
      (b) => Object.assign(b.RecordInputParams.MixConfig.MixOutputVideoConfig, { Width: 1920, Height: 1920 }),
      /Width × Height must not exceed 1920 × 1080/,
    ],
    [
      'Width 1921',
      (b) => (b.RecordInputParams.MixConfig.MixOutputVideoConfig.Width = 1921),
      /Width must be between 1 and 1920/,
    ],
    [
      'Fps 31',
      (b) => (b.RecordInputParams.MixConfig.MixOutputVideoConfig.Fps = 31),
      /Fps must be between 5 and 30/,
    ],
    ['Fps missing', (b) => delete b.RecordInputParams.MixConfig.MixOutputVideoConfig.Fps, /Fps is required/],
    [
      'Bitrate 0',
      (b) => (b.RecordInputParams.MixConfig.MixOutputVideoConfig.Bitrate = 0),
      /Bitrate must be greater than 0/,
    ],
    [
      'MixMode 1 without MixInputList',
      (b) => delete b.RecordInputParams.MixConfig.MixInputList,
      /MixInputList is required when MixMode is 1/,
    ],
    ['MixMode 6', (b) => (b.RecordInputParams.MixConfig.MixMode = 6), /MixMode must be one of 1, 2, 3, 4, 5/],
    [
      'Right ≤ Left',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[1].Right = 640),
      /MixInputList\[1\]\.Right must be greater than Left/,
    ],
    [
      'Bottom ≤ Top',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[0].Bottom = 0),
      /MixInputList\[0\]\.Bottom must be greater than Top/,
    ],
    [
      'Right beyond the canvas',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[1].Right = 1281),
      /Right must not exceed the canvas width 1280/,
    ],
    [
      'Bottom beyond the canvas',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[1].Bottom = 721),
      /Bottom must not exceed the canvas height 720/,
    ],
    [
      'Left 1921',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[0].Left = 1921),
      /Left must be between 0 and 1920/,
    ],
    [
      'Layer missing',
      (b) => delete b.RecordInputParams.MixConfig.MixInputList[0].Layer,
      /MixInputList\[0\]\.Layer is required/,
    ],
    [
      'ViewType 2 without a whiteboard',
      (b) => (b.RecordInputParams.MixConfig.MixInputList[0].ViewType = 2),
      /ViewType 2 needs whiteboard recording/,
    ],
    [
      'background colour with a non-zero fourth byte',
      (b) => (b.RecordInputParams.MixConfig.MixOutputBackgroundColor = 0x112233ff),
      /MixOutputBackgroundColor must be a 0xRRGGBB00 integer/,
    ],
    [
      'watermark beyond the canvas',
      (b) =>
        (b.RecordInputParams.MixConfig.MixOutputWatermarkImageConfig = {
          Left: 0,
          Top: 0,
          Right: 1300,
          Bottom: 10,
        }),
      /MixOutputWatermarkImageConfig\.Right must not exceed the canvas width/,
    ],
    [
      'timestamp FontSize 11',
      (b) => (b.RecordInputParams.MixConfig.MixOutputWatermarkTimestampConfig = { FontSize: 11 }),
      /FontSize must be between 12 and 100/,
    ],
    [
      'whiteboard in audio-only mixing',
      (b) =>
        Object.assign(b.RecordInputParams, {
          StreamType: 1,
          HasWhiteboard: true,
          Whiteboard: [{ HorizontalRatio: 16, VerticalRatio: 9 }],
        }),
      /cannot be recorded when StreamType is 1/,
    ],
  ];
  it.each(mixed)('mixed: %s', async (_name, mutate, message) => {
    const payload = zegoMixedBody();
    mutate(payload);
    const res = await start(payload);
    expect(res.Code).toBe(300000004);
    expect(res.Message).toMatch(message);
  });

  it('two whiteboard views are refused even with a whiteboard', async () => {
    const payload: any = zegoMixedBody({
      input: {
        HasWhiteboard: true,
        Whiteboard: [{ HorizontalRatio: 16, VerticalRatio: 9, WhiteboardId: 'wb' }],
      },
    });
    for (const item of payload.RecordInputParams.MixConfig.MixInputList) item.ViewType = 2;
    const res = await start(payload);
    expect(res.Message).toMatch(/only one view may have ViewType 2/);
    payload.RecordInputParams.MixConfig.MixInputList[1].ViewType = 1;
    expect((await start(payload)).Code).toBe(0);
  });

  it("unknownFields: 'ignore' drops undocumented fields instead of refusing them", async () => {
    const payload = clone(OSS);
    payload.Extra = 1;
    payload.RecordInputParams.MaxIdletime = 60;
    expect((await start(payload)).Code).toBe(300000004);
    expect((await start(payload, { unknownFields: 'ignore' })).Code).toBe(0);
  });

  it('a body that is not an object', async () => {
    const res = await start([1, 2]);
    expect(res.Code).toBe(300000004);
    expect(res.Message).toMatch(/request body must be a JSON object/);
  });
});
