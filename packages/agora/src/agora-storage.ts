import type { StorageConfig, StorageVendor } from '@unirec/core';
import { IssueCollector, endpointUrl, storageRegion, unsupported } from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';

/**
 * Neutral StorageConfig → Agora `storageConfig` (numeric `vendor` + `region`).
 *
 * Tables: the vendor notes (docs/vendors/sources.md) § Agora "Storage vendor / region", read from Agora's region-vendor
 * reference (AgoraIO/Docs-Source `cloud-recording/reference/region-vendor.mdx`, updated 2025-12).
 * Keys are the storage provider's own region ids; Alibaba entries whose Agora name has no obvious
 * provider id (EU_East_1, CN_Northeast_2, CN_Southeast_7) use Agora's name lower-cased with '-'.
 */

/** Agora storageConfig.vendor codes (seed 000 storageConfig; 11 from the vendor notes (docs/vendors/sources.md), added 2025-06). */
export const AGORA_STORAGE_VENDOR: Partial<Record<StorageVendor, number>> = {
  s3: 1,
  'aliyun-oss': 2,
  'tencent-cos': 3,
  'azure-blob': 5,
  'google-gcs': 6,
  'huawei-obs': 7,
  'baidu-bos': 8,
  's3-compatible': 11,
};

const S3_REGIONS: Record<string, number> = {
  'us-east-1': 0,
  'us-east-2': 1,
  'us-west-1': 2,
  'us-west-2': 3,
  'eu-west-1': 4,
  'eu-west-2': 5,
  'eu-west-3': 6,
  'eu-central-1': 7,
  'ap-southeast-1': 8,
  'ap-southeast-2': 9,
  'ap-northeast-1': 10,
  'ap-northeast-2': 11,
  'sa-east-1': 12,
  'ca-central-1': 13,
  'ap-south-1': 14,
  'cn-north-1': 15,
  'cn-northwest-1': 16,
  'af-south-1': 18,
  'ap-east-1': 19,
  'ap-northeast-3': 20,
  'eu-north-1': 21,
  'me-south-1': 22,
  'ap-southeast-3': 24,
  'eu-south-1': 25,
};

/** Alibaba OSS; Agora's names in the comments. Input 'oss-cn-hangzhou' and 'CN_Hangzhou' are accepted too. */
const OSS_REGIONS: Record<string, number> = {
  'cn-hangzhou': 0,
  'cn-shanghai': 1,
  'cn-qingdao': 2,
  'cn-beijing': 3,
  'cn-zhangjiakou': 4,
  'cn-huhehaote': 5,
  'cn-shenzhen': 6,
  'cn-hongkong': 7,
  'us-west-1': 8,
  'us-east-1': 9,
  'ap-southeast-1': 10,
  'ap-southeast-2': 11,
  'ap-southeast-3': 12,
  'ap-southeast-5': 13,
  'ap-northeast-1': 14,
  'ap-south-1': 15,
  'eu-central-1': 16,
  'eu-west-1': 17,
  'eu-east-1': 18, // EU_East_1
  'ap-southeast-6': 19,
  'cn-heyuan': 20,
  'cn-guangzhou': 21,
  'cn-chengdu': 22,
  'cn-nanjing': 23,
  'cn-fuzhou': 24,
  'cn-wulanchabu': 25,
  'cn-northeast-2': 26, // CN_Northeast_2
  'cn-southeast-7': 27, // CN_Southeast_7
};

const COS_REGIONS: Record<string, number> = {
  'ap-beijing-1': 0,
  'ap-beijing': 1,
  'ap-shanghai': 2,
  'ap-guangzhou': 3,
  'ap-chengdu': 4,
  'ap-chongqing': 5,
  'ap-shenzhen-fsi': 6,
  'ap-shanghai-fsi': 7,
  'ap-beijing-fsi': 8,
  'ap-hongkong': 9,
  'ap-singapore': 10,
  'ap-mumbai': 11,
  'ap-seoul': 12,
  'ap-bangkok': 13,
  'ap-tokyo': 14,
  'na-siliconvalley': 15,
  'na-ashburn': 16,
  'na-toronto': 17,
  'eu-frankfurt': 18,
  'eu-moscow': 19,
};

const OBS_REGIONS: Record<string, number> = {
  'cn-north-1': 0,
  'cn-north-4': 1,
  'cn-east-2': 2,
  'cn-east-3': 3,
  'cn-south-1': 4,
  'cn-southwest-2': 5,
  'ap-southeast-1': 6,
  'ap-southeast-2': 7,
  'ap-southeast-3': 8,
  'af-south-1': 9,
  'sa-argentina-1': 10,
  'sa-peru-1': 11,
  'na-mexico-1': 12,
  'sa-brazil-1': 13,
  'la-south-2': 14,
  'sa-chile-1': 15,
};

/**
 * Baidu BOS (no code 0). Agora lists city names; BOS's own ids (bd, su, gz, hkg, sin, fwh, fsh) are
 * *unconfirmed* in the vendor notes (docs/vendors/sources.md), so both forms are accepted.
 */
const BOS_REGIONS: Record<string, number> = {
  baoding: 1,
  bd: 1,
  suzhou: 2,
  su: 2,
  guangzhou: 3,
  gz: 3,
  hongkong: 4,
  hkg: 4,
  singapore: 5,
  sin: 5,
  wuhan: 6,
  fwh: 6,
  shanghai: 7,
  fsh: 7,
};

/** Region tables per vendor; `null`: the vendor has the single region 0 (Azure, GCS, S3-compatible). */
export const AGORA_STORAGE_REGIONS: Partial<Record<StorageVendor, Record<string, number> | null>> = {
  s3: S3_REGIONS,
  'aliyun-oss': OSS_REGIONS,
  'tencent-cos': COS_REGIONS,
  'huawei-obs': OBS_REGIONS,
  'baidu-bos': BOS_REGIONS,
  'azure-blob': null,
  'google-gcs': null,
  's3-compatible': null,
};

export interface AgoraStorageConfig {
  vendor: number;
  region: number;
  bucket: string;
  accessKey: string;
  secretKey: string;
  fileNamePrefix?: string[];
  extensionParams?: { endpoint?: string; sse?: string; tag?: string };
}

/** 'oss-cn-hangzhou', 'CN_Hangzhou', ' cn-hangzhou ' → 'cn-hangzhou' (Alibaba); lower-case, '_' → '-' elsewhere. */
export function normalizeStorageRegion(vendor: StorageVendor, region: string): string {
  let id = region.trim().toLowerCase().replace(/_/g, '-');
  if (vendor === 'aliyun-oss' && id.startsWith('oss-')) id = id.slice(4);
  return id;
}

/** Throws UnsupportedFeatureError (vendor/region Agora cannot store to) or ValidationError (prefix rules). */
export function toAgoraStorage(storage: StorageConfig, path = 'storage'): AgoraStorageConfig {
  const vendorCode = AGORA_STORAGE_VENDOR[storage.vendor];
  if (vendorCode === undefined) {
    const supported = Object.keys(AGORA_STORAGE_VENDOR).join(', ');
    throw unsupported(
      'agora',
      'start',
      'storage.vendor',
      `Agora cannot store recordings to '${storage.vendor}' (Agora storage vendors: ${supported})`,
    );
  }
  const table = AGORA_STORAGE_REGIONS[storage.vendor];
  // The region may come from an endpoint copied from the storage console (oss-cn-hangzhou.aliyuncs.com).
  const neutralRegion = storageRegion(storage);
  let region = 0;
  if (table) {
    if (neutralRegion === undefined) {
      const issues = new IssueCollector();
      issues.add(
        `${path}.region`,
        `is required for '${storage.vendor}' on Agora (a numeric region code is sent)`,
      );
      issues.throwIfAny('storage', { vendor: 'agora', operation: 'start' });
    }
    const code = table[normalizeStorageRegion(storage.vendor, neutralRegion!)];
    if (code === undefined) {
      throw unsupported(
        'agora',
        'start',
        'storage.region',
        `Agora cannot store to ${storage.vendor} region '${neutralRegion}' (not in Agora's region table; supported: ${Object.keys(table).join(', ')})`,
      );
    }
    region = code;
  }

  const out: AgoraStorageConfig = {
    vendor: vendorCode,
    region,
    bucket: storage.bucket,
    accessKey: storage.accessKey,
    secretKey: storage.secretKey,
  };
  if (storage.prefix && storage.prefix.length > 0) out.fileNamePrefix = checkPrefix(storage.prefix, path);
  // extensionParams.endpoint (the vendor notes (docs/vendors/sources.md), added 2025-06): sent as a URL; a bare host gets https://.
  if (storage.vendor === 's3-compatible') out.extensionParams = { endpoint: endpointUrl(storage.endpoint!) };
  return out;
}

/** seed 001 fileNamePrefix: segments of a-z A-Z 0-9 only; the whole prefix with its slashes ≤ 128 characters. */
function checkPrefix(prefix: string[], path: string): string[] {
  const issues = new IssueCollector();
  prefix.forEach((segment, i) => {
    if (!AGORA_LIMITS.prefixPattern.test(segment)) {
      issues.add(
        `${path}.prefix[${i}]`,
        'Agora allows only a-z A-Z 0-9 in fileNamePrefix segments (no _ - . or other symbols)',
      );
    }
  });
  // 'a/b/' as Agora writes it: every segment followed by its slash.
  const length = prefix.reduce((n, s) => n + s.length + 1, 0);
  if (length > AGORA_LIMITS.prefixMaxChars) {
    issues.add(
      `${path}.prefix`,
      `Agora allows at most ${AGORA_LIMITS.prefixMaxChars} characters of prefix including slashes, got ${length}`,
    );
  }
  issues.throwIfAny('storage', { vendor: 'agora', operation: 'start' });
  return [...prefix];
}
