import {
  IssueCollector,
  type StorageConfig,
  type StorageVendor,
  UnsupportedFeatureError,
  WarningCollector,
} from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  JOCLOUD_CAPABILITIES,
  JOCLOUD_STORAGE_VENDORS,
  toJoCloudEndpoint,
  toJoCloudFilePrefix,
  toJoCloudStorage,
} from './internals.js';
import { ACCESS_KEY, SECRET_KEY, issuePaths, plan, compositeRequest, thrown } from './fixtures.js';

function storage(config: Partial<StorageConfig> & { vendor: StorageVendor }, strict = false) {
  const issues = new IssueCollector();
  const warnings = new WarningCollector(strict, 'jocloud', 'start');
  const cfg = toJoCloudStorage(
    { bucket: 'records', accessKey: ACCESS_KEY, secretKey: SECRET_KEY, ...config } as StorageConfig,
    issues,
    warnings,
  );
  return { cfg, issues: issues.issues.map((i) => i.path), features: warnings.warnings.map((w) => w.feature) };
}

describe('storage vendor → storagecfg.vender (seed 003: 0 Alibaba, 1 Tencent, 2 Qiniu)', () => {
  it.each([
    ['aliyun-oss', 0, 'oss-cn-hangzhou.aliyuncs.com'],
    ['tencent-cos', 1, 'cos.ap-guangzhou.myqcloud.com'],
    ['qiniu-kodo', 2, 's3-cn-east-1.qiniucs.com'],
  ] as const)('%s → vender %i with every field', (vendor, vender, endpoint) => {
    const { cfg, issues, features } = storage({ vendor, endpoint, prefix: ['a', 'b'] });
    expect(cfg).toEqual({
      vender,
      endpoint,
      bucket: 'records',
      accesskey: ACCESS_KEY,
      secretkey: SECRET_KEY,
      fileprefix: ['a', 'b'],
    });
    expect(issues).toEqual([]);
    expect(features).toEqual([]);
  });

  it('the capability table lists exactly these three', () => {
    expect(JOCLOUD_STORAGE_VENDORS).toEqual(['aliyun-oss', 'tencent-cos', 'qiniu-kodo']);
    expect(JOCLOUD_CAPABILITIES.storageVendors).toEqual(JOCLOUD_STORAGE_VENDORS);
  });

  it.each([
    's3',
    'huawei-obs',
    'google-gcs',
    'azure-blob',
    'baidu-bos',
    's3-compatible',
    'aliyun-vod',
    'tencent-vod',
    'china-mobile-eos',
  ] as const)('%s → UnsupportedFeatureError naming storage.vendor, before any request', (vendor) => {
    const error = thrown(() => storage({ vendor, endpoint: 'https://s3.example.com', region: 'us-east-1' }));
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as UnsupportedFeatureError).feature).toBe('storage.vendor');
    expect((error as Error).message).toContain('aliyun-oss, tencent-cos, qiniu-kodo');
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
  });

  it('prototype names are not storage vendors', () => {
    for (const vendor of ['__proto__', 'constructor', 'toString']) {
      expect(() => storage({ vendor: vendor as StorageVendor, endpoint: 'oss.test' })).toThrow(
        UnsupportedFeatureError,
      );
    }
  });
});

describe('endpoint: a host or an http(s) URL → the bare host JOCloud expects', () => {
  const endpoint = (value: string) => {
    const issues = new IssueCollector();
    return { host: toJoCloudEndpoint(value, issues), issues: issues.issues.map((i) => i.message) };
  };

  it.each([
    ['oss-cn-hangzhou.aliyuncs.com', 'oss-cn-hangzhou.aliyuncs.com'],
    ['https://oss-cn-hangzhou.aliyuncs.com', 'oss-cn-hangzhou.aliyuncs.com'],
    ['http://oss-cn-hangzhou.aliyuncs.com/', 'oss-cn-hangzhou.aliyuncs.com'],
    ['HTTPS://OSS-CN-Hangzhou.Aliyuncs.com', 'oss-cn-hangzhou.aliyuncs.com'],
    ['  minio.internal.test:9000  ', 'minio.internal.test:9000'],
    ['https://10.0.0.8:9000', '10.0.0.8:9000'],
    ['xxxx-test-endpoint', 'xxxx-test-endpoint'],
  ])('%s → %s', (input, host) => {
    expect(endpoint(input)).toEqual({ host, issues: [] });
  });

  it.each([
    ['https://oss.test/bucket', /host only/],
    ['oss.test/path', /host only/],
    ['https://oss.test?x=1', /host only/],
    ['https://oss.test#frag', /host only/],
    ['https://user:pw@oss.test', /credentials/],
    ['ftp://oss.test', /http\(s\) URL/],
    ['', /http\(s\) URL/],
    ['oss test', /host|URL/],
    ['https://[::1]', /DNS host name or an IPv4/],
    ['oss.test\uD800', /http\(s\) URL/],
  ])('%s is refused', (input, rule) => {
    const result = endpoint(input);
    expect(result.host).toBeUndefined();
    expect(result.issues.join()).toMatch(rule);
  });

  it('core’s schema takes the URL form; the host goes out bare', () => {
    const result = plan(
      compositeRequest({
        storage: { ...compositeRequest().storage, endpoint: 'https://oss-cn-beijing.aliyuncs.com/' },
      }),
    );
    expect(result.body.storagecfg.endpoint).toBe('oss-cn-beijing.aliyuncs.com');
  });
});

describe('region', () => {
  it('Alibaba OSS: the region derives the public endpoint (oss-<region>.aliyuncs.com), with or without oss-', () => {
    expect(storage({ vendor: 'aliyun-oss', region: 'cn-shanghai' }).cfg.endpoint).toBe(
      'oss-cn-shanghai.aliyuncs.com',
    );
    expect(storage({ vendor: 'aliyun-oss', region: 'oss-ap-southeast-1' }).cfg.endpoint).toBe(
      'oss-ap-southeast-1.aliyuncs.com',
    );
  });

  it('an explicit endpoint wins over the region', () => {
    const { cfg, features } = storage({
      vendor: 'aliyun-oss',
      region: 'cn-shanghai',
      endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
    });
    expect(cfg.endpoint).toBe('oss-cn-hangzhou-internal.aliyuncs.com');
    expect(features).toEqual([]);
  });

  it('Tencent COS and Qiniu: no endpoint from a region (ambiguous): endpoint required, the region warns', () => {
    for (const vendor of ['tencent-cos', 'qiniu-kodo'] as const) {
      expect(storage({ vendor, region: 'ap-guangzhou' }).issues).toEqual(['storage.endpoint']);
      const withEndpoint = storage({
        vendor,
        region: 'ap-guangzhou',
        endpoint: 'cos.ap-guangzhou.myqcloud.com',
      });
      expect(withEndpoint.issues).toEqual([]);
      expect(withEndpoint.features).toEqual(['storage.region']);
      expect(() => storage({ vendor, region: 'ap-guangzhou', endpoint: 'x.test' }, true)).toThrow(
        UnsupportedFeatureError,
      );
    }
  });

  it('neither endpoint nor region: a ValidationError issue naming storage.endpoint', () => {
    expect(storage({ vendor: 'aliyun-oss' }).issues).toEqual(['storage.endpoint']);
  });

  it('a malformed region is an issue naming storage.region', () => {
    expect(storage({ vendor: 'aliyun-oss', region: 'cn hangzhou/..' }).issues).toEqual([
      'storage.region',
      'storage.endpoint',
    ]);
  });
});

describe('prefix → fileprefix (seed 003: [A-Za-z0-9] only, a/b/ at most 128 characters)', () => {
  const prefix = (value: string[]) => {
    const issues = new IssueCollector();
    return { out: toJoCloudFilePrefix(value, issues), issues: issues.issues.map((i) => i.path) };
  };

  it('segments pass through as an array', () => {
    expect(prefix(['rec', '2024', 'Class7'])).toEqual({ out: ['rec', '2024', 'Class7'], issues: [] });
  });

  it('exactly 128 characters with slashes is accepted; 129 is refused naming storage.prefix', () => {
    // 64 + 1 + 62 + 1 = 128
    expect(prefix(['a'.repeat(64), 'b'.repeat(62)]).issues).toEqual([]);
    expect(prefix(['a'.repeat(64), 'b'.repeat(63)]).issues).toEqual(['storage.prefix']);
    expect(prefix(['a'.repeat(128)]).issues).toEqual(['storage.prefix']);
  });

  it.each(['with-dash', 'under_score', 'dot.ted', 'sp ace', 'ünï', 'a/b', '', '\uDC00'])(
    'segment %j is refused naming its index',
    (bad) => {
      expect(prefix(['ok', bad]).issues).toEqual(['storage.prefix[1]']);
    },
  );

  it('through the whole request the error is a ValidationError naming storage.prefix', () => {
    const request = compositeRequest({
      storage: { ...compositeRequest().storage, prefix: ['a'.repeat(100), 'b'.repeat(100)] },
    });
    const error = thrown(() => plan(request));
    expect(issuePaths(error)).toEqual(['storage.prefix']);
  });
});
