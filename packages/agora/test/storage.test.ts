import { UnsupportedFeatureError, ValidationError, type StorageConfig } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { AGORA_STORAGE_REGIONS, toAgoraStorage } from './internals.js';

/**
 * Every row of the vendor notes (docs/vendors/sources.md) § Agora "Storage vendor / region", written out again here (not read from
 * the source table) so a typo in either shows up.
 */
const ROWS: Array<[StorageConfig['vendor'], number, string, number]> = [
  ...([
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'eu-central-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'sa-east-1',
    'ca-central-1',
    'ap-south-1',
    'cn-north-1',
    'cn-northwest-1',
  ].map((r, i) => ['s3', 1, r, i]) as Array<[StorageConfig['vendor'], number, string, number]>),
  ['s3', 1, 'af-south-1', 18],
  ['s3', 1, 'ap-east-1', 19],
  ['s3', 1, 'ap-northeast-3', 20],
  ['s3', 1, 'eu-north-1', 21],
  ['s3', 1, 'me-south-1', 22],
  ['s3', 1, 'ap-southeast-3', 24],
  ['s3', 1, 'eu-south-1', 25],
  ...([
    'CN_Hangzhou',
    'CN_Shanghai',
    'CN_Qingdao',
    'CN_Beijing',
    'CN_Zhangjiakou',
    'CN_Huhehaote',
    'CN_Shenzhen',
    'CN_Hongkong',
    'US_West_1',
    'US_East_1',
    'AP_Southeast_1',
    'AP_Southeast_2',
    'AP_Southeast_3',
    'AP_Southeast_5',
    'AP_Northeast_1',
    'AP_South_1',
    'EU_Central_1',
    'EU_West_1',
    'EU_East_1',
    'AP_Southeast_6',
    'CN_Heyuan',
    'CN_Guangzhou',
    'CN_Chengdu',
    'CN_Nanjing',
    'CN_Fuzhou',
    'CN_Wulanchabu',
    'CN_Northeast_2',
    'CN_Southeast_7',
  ].map((name, i) => ['aliyun-oss', 2, name.toLowerCase().replace(/_/g, '-'), i]) as Array<
    [StorageConfig['vendor'], number, string, number]
  >),
  ...([
    'ap-beijing-1',
    'ap-beijing',
    'ap-shanghai',
    'ap-guangzhou',
    'ap-chengdu',
    'ap-chongqing',
    'ap-shenzhen-fsi',
    'ap-shanghai-fsi',
    'ap-beijing-fsi',
    'ap-hongkong',
    'ap-singapore',
    'ap-mumbai',
    'ap-seoul',
    'ap-bangkok',
    'ap-tokyo',
    'na-siliconvalley',
    'na-ashburn',
    'na-toronto',
    'eu-frankfurt',
    'eu-moscow',
  ].map((r, i) => ['tencent-cos', 3, r, i]) as Array<[StorageConfig['vendor'], number, string, number]>),
  ...([
    'cn-north-1',
    'cn-north-4',
    'cn-east-2',
    'cn-east-3',
    'cn-south-1',
    'cn-southwest-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'af-south-1',
    'sa-argentina-1',
    'sa-peru-1',
    'na-mexico-1',
    'sa-brazil-1',
    'la-south-2',
    'sa-chile-1',
  ].map((r, i) => ['huawei-obs', 7, r, i]) as Array<[StorageConfig['vendor'], number, string, number]>),
  ...(['baoding', 'suzhou', 'guangzhou', 'hongkong', 'singapore', 'wuhan', 'shanghai'].map((r, i) => [
    'baidu-bos',
    8,
    r,
    i + 1,
  ]) as Array<[StorageConfig['vendor'], number, string, number]>),
  ...(['bd', 'su', 'gz', 'hkg', 'sin', 'fwh', 'fsh'].map((r, i) => ['baidu-bos', 8, r, i + 1]) as Array<
    [StorageConfig['vendor'], number, string, number]
  >),
];

const base = { bucket: 'recordings', accessKey: 'ak', secretKey: 'sk' };

describe('storage vendor / region codes (every row of the region table)', () => {
  it.each(ROWS)('%s %s → vendor %i region %i', (vendor, vendorCode, region, regionCode) => {
    const out = toAgoraStorage({ ...base, vendor, region });
    expect(out).toEqual({ vendor: vendorCode, region: regionCode, ...base });
  });

  it('the source tables hold exactly these rows (nothing missing, nothing extra)', () => {
    for (const vendor of ['s3', 'aliyun-oss', 'tencent-cos', 'huawei-obs', 'baidu-bos'] as const) {
      const expected = ROWS.filter((r) => r[0] === vendor)
        .map((r) => `${r[2]}=${r[3]}`)
        .sort();
      const actual = Object.entries(AGORA_STORAGE_REGIONS[vendor]!)
        .map(([k, v]) => `${k}=${v}`)
        .sort();
      expect(actual, vendor).toEqual(expected);
    }
  });

  it.each([
    ['azure-blob', 5],
    ['google-gcs', 6],
  ] as const)('%s has the single region 0 (the neutral region is not needed)', (vendor, code) => {
    expect(toAgoraStorage({ ...base, vendor })).toEqual({ vendor: code, region: 0, ...base });
    expect(toAgoraStorage({ ...base, vendor, region: 'westeurope' }).region).toBe(0);
  });

  it('s3-compatible: vendor 11, region 0, endpoint in extensionParams.endpoint', () => {
    expect(
      toAgoraStorage({ ...base, vendor: 's3-compatible', endpoint: 'https://minio.example.com' }),
    ).toEqual({
      vendor: 11,
      region: 0,
      ...base,
      extensionParams: { endpoint: 'https://minio.example.com' },
    });
  });

  it.each(['cn-hangzhou', 'oss-cn-hangzhou', 'CN_Hangzhou', 'OSS-CN-HANGZHOU'])(
    'Alibaba accepts %s for region 0',
    (region) => {
      expect(toAgoraStorage({ ...base, vendor: 'aliyun-oss', region }).region).toBe(0);
    },
  );

  it('passes the prefix as fileNamePrefix', () => {
    expect(
      toAgoraStorage({ ...base, vendor: 's3', region: 'us-east-1', prefix: ['a1', 'B2'] }).fileNamePrefix,
    ).toEqual(['a1', 'B2']);
  });
});

describe('storage Agora cannot use', () => {
  it.each(['qiniu-kodo', 'aliyun-vod', 'tencent-vod', 'china-mobile-eos'] as const)(
    '%s → UnsupportedFeatureError naming Agora',
    (vendor) => {
      const error = captured(() => toAgoraStorage({ ...base, vendor, region: 'x' }));
      expect(error).toBeInstanceOf(UnsupportedFeatureError);
      expect((error as UnsupportedFeatureError).feature).toBe('storage.vendor');
      expect((error as Error).message).toContain('Agora cannot store');
    },
  );

  it.each([
    ['s3', 'us-gov-west-1'],
    ['s3', 'ap-southeast-4'],
    ['tencent-cos', 'ap-nanjing'],
    ['huawei-obs', 'cn-east-1'],
    ['baidu-bos', 'bj'],
  ] as const)('%s region %s → UnsupportedFeatureError listing the supported regions', (vendor, region) => {
    const error = captured(() => toAgoraStorage({ ...base, vendor, region }));
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as Error).message).toContain(`'${region}'`);
    expect((error as Error).message).toContain('supported:');
  });

  it('a region is required where Agora has a table', () => {
    const error = captured(() => toAgoraStorage({ ...base, vendor: 'tencent-cos' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('storage.region');
  });

  it.each([
    [['my_dir'], 'storage.prefix[0]'],
    [['ok', 'a-b'], 'storage.prefix[1]'],
    [['dir(1)'], 'storage.prefix[0]'],
    [['ünï'], 'storage.prefix[0]'],
    [['a'.repeat(64), 'b'.repeat(64)], 'storage.prefix'],
  ])('prefix %j breaks the seed 001 rule → ValidationError at %s', (prefix, path) => {
    const error = captured(() => toAgoraStorage({ ...base, vendor: 's3', region: 'us-east-1', prefix }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  });

  it('a prefix of exactly 128 characters with its slashes is accepted', () => {
    const prefix = ['a'.repeat(63), 'b'.repeat(63)];
    expect(toAgoraStorage({ ...base, vendor: 's3', region: 'us-east-1', prefix }).fileNamePrefix).toEqual(
      prefix,
    );
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
