import type { StorageConfig } from './types.js';

/**
 * `storage.endpoint` as each vendor wants it (the design (docs/architecture.md) "Storage"): a user may give a host copied
 * from the storage console ('oss-cn-hangzhou.aliyuncs.com') or a URL ('https://minio.example.com').
 */

/** The endpoint as a URL: a bare host becomes https://host. */
export function endpointUrl(endpoint: string): string {
  return /^https?:\/\//i.test(endpoint) ? endpoint.replace(/\/+$/, '') : `https://${endpoint}`;
}

/** The endpoint as a bare host (with its port, if any): the scheme and any path are dropped. */
export function endpointHost(endpoint: string): string {
  if (!/^https?:\/\//i.test(endpoint)) return endpoint;
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Region ids the storage providers put in their endpoint hosts. */
const REGION_IN_HOST: Array<[StorageConfig['vendor'], RegExp]> = [
  // oss-cn-hangzhou.aliyuncs.com, oss-cn-hangzhou-internal.aliyuncs.com
  ['aliyun-oss', /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/],
  // cos.ap-guangzhou.myqcloud.com, <bucket>.cos.ap-guangzhou.myqcloud.com
  ['tencent-cos', /(?:^|\.)cos\.([a-z0-9-]+)\.myqcloud\.com$/],
  // s3.us-east-1.amazonaws.com, s3-us-east-1.amazonaws.com
  ['s3', /(?:^|\.)s3[.-]([a-z0-9-]+)\.amazonaws\.com$/],
  // obs.cn-north-4.myhuaweicloud.com
  ['huawei-obs', /(?:^|\.)obs\.([a-z0-9-]+)\.myhuaweicloud\.com$/],
];

/**
 * The storage region: `storage.region`, or the one its endpoint host names (a user who copied the
 * endpoint from the console need not repeat the region). Undefined when neither says.
 */
export function storageRegion(
  storage: Pick<StorageConfig, 'vendor' | 'region' | 'endpoint'>,
): string | undefined {
  if (storage.region) return storage.region;
  if (!storage.endpoint) return undefined;
  const host = endpointHost(storage.endpoint).toLowerCase().replace(/:\d+$/, '');
  for (const [vendor, pattern] of REGION_IN_HOST) {
    if (vendor !== storage.vendor) continue;
    const match = pattern.exec(host);
    if (match) return match[1];
  }
  return undefined;
}
