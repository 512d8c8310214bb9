import type { StorageConfig, StorageVendor } from '@unirec/core';
import { type IssueCollector, type WarningCollector, unsupported } from '@unirec/core/adapter';

/**
 * Neutral StorageConfig → JOCloud `storagecfg` (seed 003 "storagecfg": vender, endpoint, bucket,
 * accesskey, secretkey, fileprefix). Pure.
 *
 * The seed lists `vender` 0 Alibaba Cloud · 1 Tencent Cloud · 2 Qiniu Cloud; JOCloud's integration
 * guide says "Currently, only Alibaba Cloud OSS is supported" (the vendor notes (docs/vendors/sources.md)). The seed is followed and
 * the caveat documented (docs/vendors/jocloud.md).
 */

interface JoCloudStorageRule {
  vender: 0 | 1 | 2;
  /**
   * The endpoint host of a region, where the storage provider has exactly one public endpoint per
   * region. Only Alibaba OSS qualifies (`oss-<region>.aliyuncs.com`); Tencent COS (service endpoint or
   * bucket domain?) and Qiniu (upload host or a bound domain?) are ambiguous, so they need `endpoint`.
   */
  endpointOfRegion?: (region: string) => string;
}

/** fileprefix (seed 003 storagecfg): "The prefix length (slash included) cannot exceed 128 characters"; [A-Za-z0-9] only. */
export const JOCLOUD_FILE_PREFIX = { maxChars: 128, segment: /^[A-Za-z0-9]+$/ } as const;

/** The one table: neutral storage vendor → storagecfg.vender. */
export const JOCLOUD_STORAGE: Readonly<Partial<Record<StorageVendor, JoCloudStorageRule>>> = Object.freeze({
  'aliyun-oss': { vender: 0, endpointOfRegion: (region) => `${ossRegion(region)}.aliyuncs.com` },
  'tencent-cos': { vender: 1 },
  'qiniu-kodo': { vender: 2 },
});

export const JOCLOUD_STORAGE_VENDORS = Object.keys(JOCLOUD_STORAGE) as StorageVendor[];

export interface JoCloudStorageCfg {
  vender: 0 | 1 | 2;
  endpoint: string;
  bucket: string;
  accesskey: string;
  secretkey: string;
  fileprefix?: string[];
}

/** Alibaba region ids are written `oss-cn-hangzhou` in endpoints; the neutral id may omit `oss-`. */
function ossRegion(region: string): string {
  const id = region.toLowerCase();
  return id.startsWith('oss-') ? id : `oss-${id}`;
}

const REGION_ID = /^[A-Za-z0-9-]{1,64}$/;
/** A DNS host name or IPv4 address, optionally with a port. */
const HOST =
  /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * `storage.endpoint` as a host ('oss-cn-hangzhou.aliyuncs.com', the seed's form) or an http(s) URL →
 * the bare host JOCloud expects. A URL with a path, query, fragment or credentials is refused: JOCloud
 * takes a host only, and credentials in it would be sent in clear.
 */
export function toJoCloudEndpoint(endpoint: string, issues: IssueCollector): string | undefined {
  const path = 'storage.endpoint';
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    issues.add(path, 'must be a host name or an http(s) URL');
    return undefined;
  }
  const text = endpoint.trim();
  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
  if (hasScheme && !/^https?:\/\//i.test(text)) {
    issues.add(path, 'must be a host name or an http(s) URL');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    issues.add(path, 'must be a host name or an http(s) URL');
    return undefined;
  }
  if (url.username || url.password) {
    issues.add(path, 'must not carry credentials (user:password@): JOCloud takes a host only');
    return undefined;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(text)) {
    issues.add(path, "must be a host only (e.g. 'oss-cn-hangzhou.aliyuncs.com'): no path, query or fragment");
    return undefined;
  }
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  if (!HOST.test(host)) {
    issues.add(path, 'must be a DNS host name or an IPv4 address');
    return undefined;
  }
  return host;
}

/**
 * `prefix` segments → `fileprefix` (seed 003: only [A-Za-z0-9] per string, no slashes, the whole
 * prefix `a/b/` at most 128 characters, slashes included).
 */
export function toJoCloudFilePrefix(
  prefix: string[] | undefined,
  issues: IssueCollector,
): string[] | undefined {
  if (prefix === undefined) return undefined;
  if (!Array.isArray(prefix)) {
    issues.add('storage.prefix', 'must be an array of folder names');
    return undefined;
  }
  let chars = 0;
  let ok = true;
  prefix.forEach((segment, i) => {
    if (typeof segment !== 'string' || !JOCLOUD_FILE_PREFIX.segment.test(segment)) {
      issues.add(
        `storage.prefix[${i}]`,
        'may use only A-Z, a-z and 0-9 on JOCloud (no slashes, no other characters)',
      );
      ok = false;
      return;
    }
    chars += segment.length + 1;
  });
  if (ok && chars > JOCLOUD_FILE_PREFIX.maxChars) {
    issues.add(
      'storage.prefix',
      `must be at most ${JOCLOUD_FILE_PREFIX.maxChars} characters written as a/b/ (slashes included), got ${chars}`,
    );
  }
  if (!ok || prefix.length === 0) return undefined;
  return [...prefix];
}

/**
 * Throws UnsupportedFeatureError for a storage JOCloud cannot write to; collects missing or invalid
 * fields in `issues`; warns when `region` is given but not used.
 */
export function toJoCloudStorage(
  storage: StorageConfig,
  issues: IssueCollector,
  warnings: WarningCollector,
): JoCloudStorageCfg {
  const rule = Object.hasOwn(JOCLOUD_STORAGE, storage.vendor) ? JOCLOUD_STORAGE[storage.vendor] : undefined;
  if (!rule) {
    throw unsupported(
      'jocloud',
      'start',
      'storage.vendor',
      `JOCloud cannot store recordings to '${String(storage.vendor)}' (supported: ${JOCLOUD_STORAGE_VENDORS.join(', ')})`,
    );
  }
  let endpoint: string | undefined;
  if (storage.endpoint !== undefined) endpoint = toJoCloudEndpoint(storage.endpoint, issues);

  const region = storage.region;
  if (region !== undefined) {
    if (typeof region !== 'string' || !REGION_ID.test(region)) {
      issues.add('storage.region', 'must be a region id such as cn-hangzhou (letters, digits and -)');
    } else if (rule.endpointOfRegion) {
      // An explicit endpoint wins; the region only fills in a missing one.
      if (storage.endpoint === undefined) endpoint = rule.endpointOfRegion(region);
    } else {
      warnings.add(
        'storage.region',
        `JOCloud takes an endpoint, not a region, for '${storage.vendor}': storage.region is not sent`,
      );
    }
  }
  if (storage.endpoint === undefined && endpoint === undefined) {
    issues.add(
      'storage.endpoint',
      rule.endpointOfRegion
        ? `is required for '${storage.vendor}' on JOCloud (or give storage.region to derive it)`
        : `is required for '${storage.vendor}' on JOCloud (storagecfg.endpoint)`,
    );
  }
  const cfg: JoCloudStorageCfg = {
    vender: rule.vender,
    endpoint: endpoint ?? '',
    bucket: storage.bucket,
    accesskey: storage.accessKey,
    secretkey: storage.secretKey,
  };
  const fileprefix = toJoCloudFilePrefix(storage.prefix, issues);
  if (fileprefix) cfg.fileprefix = fileprefix;
  return cfg;
}
