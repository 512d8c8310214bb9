import { type StartRecordingRequest, UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { noNetwork, simProvider, useSimulator, zegoRequests } from './helpers.js';
import { ZEGO_STORAGE, toZegoStartRecord } from './internals.js';

noNetwork();
const sim = useSimulator();
const map = (request: StartRecordingRequest) =>
  toZegoStartRecord(request, { strict: false, clientTaskId: 'k' });

describe('storage table', () => {
  const s = { bucket: 'records', accessKey: 'ak', secretKey: 'sk' };
  const request = (storage: Record<string, unknown>, extra: Partial<StartRecordingRequest> = {}) =>
    ({ room: 'r', mode: 'individual', storage, ...extra }) as StartRecordingRequest;

  it.each([
    ['s3', 'eu-west-1', 1, 'eu-west-1'],
    ['aliyun-oss', 'cn-hangzhou', 2, 'oss-cn-hangzhou'],
    ['aliyun-oss', 'oss-cn-beijing', 2, 'oss-cn-beijing'],
    ['qiniu-kodo', 'z0', 4, 'z0'],
    ['huawei-obs', 'cn-north-4', 7, 'cn-north-4'],
    ['china-mobile-eos', 'wuxi1', 9, 'wuxi1'],
  ])('%s %s → Vendor %i, Region %s', (vendor, region, Vendor, Region) => {
    expect(map(request({ vendor, region, ...s })).body.StorageParams).toEqual({
      Vendor,
      Region,
      Bucket: 'records',
      AccessKeyId: 'ak',
      AccessKeySecret: 'sk',
    });
  });

  it('Tencent COS needs a name-APPID bucket; Google Cloud Storage takes no Region; Tencent VOD a block', () => {
    expect(
      map(request({ vendor: 'tencent-cos', region: 'ap-shanghai', ...s, bucket: 'rec-1250000000' })).body
        .StorageParams,
    ).toMatchObject({
      Vendor: 3,
      Bucket: 'rec-1250000000',
    });
    expect(() => map(request({ vendor: 'tencent-cos', region: 'ap-shanghai', ...s }))).toThrow(
      /storage\.bucket.*name-APPID/,
    );
    expect(map(request({ vendor: 'google-gcs', ...s })).body.StorageParams).toEqual({
      Vendor: 8,
      Bucket: 'records',
      AccessKeyId: 'ak',
      AccessKeySecret: 'sk',
    });
    expect(
      map(request({ vendor: 'tencent-vod', region: 'ap-shanghai', ...s })).body.StorageParams,
    ).toMatchObject({
      Vendor: 6,
      TencentCloudVodParams: { SecretId: 'ak', SecretKey: 'sk', Region: 'ap-shanghai' },
    });
  });

  it('rejects unsupported storage and format combinations with UnsupportedFeatureError', () => {
    for (const vendor of ['azure-blob', 'baidu-bos']) {
      expect(() => map(request({ vendor, region: 'x', ...s }))).toThrow(UnsupportedFeatureError);
    }
    const vod = request(
      { vendor: 'tencent-vod', region: 'ap-shanghai', ...s },
      { output: { formats: ['hls'] } },
    );
    expect(() => map(vod)).toThrow(UnsupportedFeatureError);
  });

  it('requires Region where ZEGO does, and Title for Alibaba VOD', () => {
    expect(() => map(request({ vendor: 'huawei-obs', ...s }))).toThrow(ValidationError);
    const error = (() => {
      try {
        map(request({ vendor: 'aliyun-vod', region: 'cn-shanghai', ...s }));
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error?.message).toContain('vendorOptions.zego.StorageParams.AlibabaCloudVodParams.Title');
  });
});

describe('storage against the simulator', () => {
  const keys = { bucket: 'records', accessKey: 'ak', secretKey: 'sk' };
  const accepted: Array<[string, Record<string, unknown>, Partial<StartRecordingRequest>]> = [
    ['s3', { vendor: 's3', region: 'eu-west-1', ...keys }, {}],
    ['aliyun-oss', { vendor: 'aliyun-oss', region: 'cn-hangzhou', ...keys }, {}],
    ['tencent-cos', { vendor: 'tencent-cos', region: 'ap-shanghai', ...keys, bucket: 'rec-1250000000' }, {}],
    ['qiniu-kodo', { vendor: 'qiniu-kodo', region: 'z0', ...keys }, {}],
    [
      'aliyun-vod',
      { vendor: 'aliyun-vod', region: 'cn-shanghai', ...keys, bucket: 'x.oss-cn-shanghai.aliyuncs.com' },
      { vendorOptions: { zego: { StorageParams: { AlibabaCloudVodParams: { Title: 'meeting' } } } } },
    ],
    [
      'tencent-vod',
      { vendor: 'tencent-vod', region: 'ap-shanghai', ...keys },
      { output: { formats: ['mp3'] } },
    ],
    ['huawei-obs', { vendor: 'huawei-obs', region: 'cn-north-4', ...keys }, {}],
    ['google-gcs', { vendor: 'google-gcs', ...keys }, {}],
    ['china-mobile-eos', { vendor: 'china-mobile-eos', region: 'wuxi1', ...keys }, {}],
    ['s3-compatible', { vendor: 's3-compatible', region: 'r', ...keys, endpoint: 'minio.example.com' }, {}],
  ];

  it('the list covers every storage vendor of the table', () => {
    expect(accepted.map(([name]) => name).sort()).toEqual(Object.keys(ZEGO_STORAGE).sort());
  });

  it.each(accepted)(
    '%s: the StartRecord body is accepted and a task records',
    async (_name, storage, extra) => {
      const request = { room: 'r', mode: 'individual', storage, ...extra } as StartRecordingRequest;
      const session = await simProvider(sim()).start(request);
      expect(
        sim()
          .activeRecordings('zego')
          .map((t) => t.id),
      ).toEqual([session.sessionId]);
      expect((zegoRequests(sim(), 'StartRecord')[0]!.body as any).StorageParams).toEqual(
        map(request).body.StorageParams,
      );
    },
  );

  it('an S3-compatible endpoint without scheme is sent as https://host', () => {
    const storage = { vendor: 's3-compatible', region: 'r', ...keys };
    const endpoint = (value: string) =>
      map({
        room: 'r',
        mode: 'individual',
        storage: { ...storage, endpoint: value },
      } as StartRecordingRequest).body.StorageParams.EndPoint;
    expect(endpoint('minio.example.com')).toBe('https://minio.example.com');
    expect(endpoint('http://10.0.0.1:9000')).toBe('http://10.0.0.1:9000');
  });
});
