import type { OutputFormat, StorageConfig, StorageVendor } from '@unirec/core';
import {
  type IssueCollector,
  endpointUrl,
  isPlainObject,
  storageRegion,
  unsupported,
} from '@unirec/core/adapter';

/**
 * Neutral StorageConfig → ZEGO StorageParams.
 *
 * Source: seed 002/004 "StorageParams" (Vendor 1–10, the warning box naming the required fields per
 * Vendor, the VOD blocks and their format limits) and seed 004's request examples. the vendor notes (docs/vendors/sources.md) adds
 * the Region spellings (Alibaba `oss-cn-hangzhou`, Tencent Bucket `name-APPID`).
 */

interface ZegoStorageRule {
  Vendor: number;
  /** Region must be sent (seed 004: "Vendor 1, 2, 3, 4, 7, 9, 10: Region, Bucket, AccessKeyId, AccessKeySecret 必选") */
  region: 'required' | 'none';
  /** VOD services take their credentials in a block instead of the top-level keys */
  vod?: 'AlibabaCloudVodParams' | 'TencentCloudVodParams';
  /** output formats the service accepts, where the seed limits them */
  formats?: readonly OutputFormat[];
}

/** The one table: neutral storage vendor → ZEGO StorageParams.Vendor. */
export const ZEGO_STORAGE: Partial<Record<StorageVendor, ZegoStorageRule>> = {
  s3: { Vendor: 1, region: 'required' },
  'aliyun-oss': { Vendor: 2, region: 'required' },
  'tencent-cos': { Vendor: 3, region: 'required' },
  'qiniu-kodo': { Vendor: 4, region: 'required' },
  // "Vendor 5: AlibabaCloudVodParams required; only MP4 and FLV files"
  'aliyun-vod': { Vendor: 5, region: 'required', vod: 'AlibabaCloudVodParams', formats: ['mp4', 'flv'] },
  // "Vendor 6: TencentCloudVodParams required; only MP4, FLV, JPG and MP3 files"
  'tencent-vod': {
    Vendor: 6,
    region: 'required',
    vod: 'TencentCloudVodParams',
    formats: ['mp4', 'flv', 'jpg', 'mp3'],
  },
  'huawei-obs': { Vendor: 7, region: 'required' },
  // "Vendor 8: Bucket, AccessKeyId, AccessKeySecret required" — Google Cloud Storage takes no Region.
  'google-gcs': { Vendor: 8, region: 'none' },
  'china-mobile-eos': { Vendor: 9, region: 'required' },
  // "Vendor 10: … EndPoint" (and listed among the Region-required vendors)
  's3-compatible': { Vendor: 10, region: 'required' },
};

export const ZEGO_STORAGE_VENDORS = Object.keys(ZEGO_STORAGE) as StorageVendor[];

export interface ZegoStorageParams {
  [key: string]: unknown;
  Vendor: number;
  Region?: string;
  Bucket?: string;
  AccessKeyId?: string;
  AccessKeySecret?: string;
  EndPoint?: string;
  AlibabaCloudVodParams?: Record<string, unknown>;
  TencentCloudVodParams?: Record<string, unknown>;
}

/** Alibaba OSS regions are written `oss-cn-hangzhou` by ZEGO; the neutral id may omit `oss-`. */
function ossRegion(region: string): string {
  return region.startsWith('oss-') ? region : `oss-${region}`;
}

/**
 * Throws UnsupportedFeatureError for a storage ZEGO cannot write to (or a format it cannot upload
 * there); collects missing/invalid fields in `issues`. `zegoOptions` is vendorOptions.zego, read for
 * the VOD blocks' extra fields (Title, StorageLocation, SubAppId).
 */
export function toZegoStorage(
  storage: StorageConfig,
  format: OutputFormat | undefined,
  zegoOptions: Record<string, unknown> | undefined,
  issues: IssueCollector,
): ZegoStorageParams {
  const rule = ZEGO_STORAGE[storage.vendor];
  if (!rule) {
    throw unsupported(
      'zego',
      'start',
      'storage.vendor',
      `ZEGOCLOUD cannot store recordings to '${storage.vendor}' (supported: ${ZEGO_STORAGE_VENDORS.join(', ')})`,
    );
  }
  const effective = format ?? 'mp4';
  if (rule.formats && !rule.formats.includes(effective)) {
    throw unsupported(
      'zego',
      'start',
      'output.formats',
      `ZEGOCLOUD uploads only ${rule.formats.join(', ')} files to '${storage.vendor}', not '${effective}'`,
    );
  }
  // The region may come from an endpoint copied from the storage console (oss-cn-hangzhou.aliyuncs.com).
  const region = storageRegion(storage);
  if (rule.region === 'required' && !region) {
    issues.add('storage.region', `is required for '${storage.vendor}' on ZEGOCLOUD (StorageParams.Region)`);
  }
  if (storage.vendor === 'tencent-cos' && !/-\d+$/.test(storage.bucket)) {
    issues.add('storage.bucket', "must be written 'name-APPID' for Tencent COS (e.g. 'records-1250000000')");
  }
  if (storage.vendor === 's3-compatible' && !storage.endpoint) {
    issues.add('storage.endpoint', "is required for 's3-compatible' (StorageParams.EndPoint)");
  }
  const storageOptions = isPlainObject(zegoOptions?.StorageParams) ? zegoOptions.StorageParams : {};

  if (rule.vod === 'AlibabaCloudVodParams') {
    const extra = isPlainObject(storageOptions.AlibabaCloudVodParams)
      ? storageOptions.AlibabaCloudVodParams
      : {};
    if (typeof extra.Title !== 'string' || extra.Title === '') {
      issues.add(
        'vendorOptions.zego.StorageParams.AlibabaCloudVodParams.Title',
        "is required for 'aliyun-vod' (the Alibaba VOD video name)",
      );
    }
    // The seed's Alibaba VOD example sends the top-level keys empty and the credentials in the block;
    // StorageLocation is the VOD storage address ("xxxx.oss-cn-xxxx.aliyuncs.com"), the neutral bucket.
    return {
      Vendor: rule.Vendor,
      Region: '',
      Bucket: '',
      AccessKeyId: '',
      AccessKeySecret: '',
      AlibabaCloudVodParams: {
        Region: region ?? '',
        AccessKeyId: storage.accessKey,
        AccessKeySecret: storage.secretKey,
        StorageLocation: storage.bucket,
      },
    };
  }
  if (rule.vod === 'TencentCloudVodParams') {
    // Tencent VOD has no bucket: the neutral bucket is not sent (docs/vendors/zego.md).
    return {
      Vendor: rule.Vendor,
      Region: '',
      Bucket: '',
      AccessKeyId: '',
      AccessKeySecret: '',
      TencentCloudVodParams: {
        SecretId: storage.accessKey,
        SecretKey: storage.secretKey,
        Region: region ?? '',
      },
    };
  }

  const params: ZegoStorageParams = { Vendor: rule.Vendor };
  if (rule.region === 'required' && region) {
    params.Region = storage.vendor === 'aliyun-oss' ? ossRegion(region) : region;
  }
  params.Bucket = storage.bucket;
  params.AccessKeyId = storage.accessKey;
  params.AccessKeySecret = storage.secretKey;
  // seed 004 writes EndPoint as a URL; a bare host gets https://.
  if (storage.vendor === 's3-compatible' && storage.endpoint) params.EndPoint = endpointUrl(storage.endpoint);
  return params;
}

/** `prefix: ['record', '2024']` → OutputFolder `record/2024/` (seed 004 example: "record/"). */
export function toOutputFolder(prefix: string[] | undefined): string | undefined {
  if (!prefix || prefix.length === 0) return undefined;
  return `${prefix.join('/')}/`;
}
