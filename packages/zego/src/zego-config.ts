import type { CommonProviderConfig } from '@unirec/core';
import { commonConfigShape } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';

/**
 * ZEGOCLOUD provider config (the design (docs/architecture.md) "Provider factories"). Validated once, at construction, so
 * a missing or malformed secret is a ValidationError naming the field before any request.
 * Messages describe the rule only: they never echo the value (it may be the secret).
 */

/** Regional API hosts, `cloudrecord-api-{region}.zego.im` (the vendor notes (docs/vendors/sources.md), ZEGOCLOUD "Requests"). */
export const ZEGO_REGIONS = ['sha', 'hkg', 'fra', 'lax', 'bom', 'sgp'] as const;
export type ZegoRegion = (typeof ZEGO_REGIONS)[number];

/** Default (global) host of every action (seed 002 "StartRecord": POST https://cloudrecord-api.zego.im/). */
export const ZEGO_DEFAULT_HOST = 'https://cloudrecord-api.zego.im';

export function zegoHost(region: ZegoRegion | undefined): string {
  return region ? `https://cloudrecord-api-${region}.zego.im` : ZEGO_DEFAULT_HOST;
}

const APP_ID_RULE = 'appId must be an integer between 1 and 4294967295 (uint32)';

export const zegoConfigSchema = z.strictObject({
  ...commonConfigShape,
  appId: z
    .int({
      error: (issue) =>
        issue.input === undefined
          ? 'appId is required: the numeric AppID from the ZEGOCLOUD console'
          : APP_ID_RULE,
    })
    .check(z.minimum(1, { error: APP_ID_RULE }), z.maximum(0xffffffff, { error: APP_ID_RULE })),
  serverSecret: z
    .string({ error: 'serverSecret is required: the ServerSecret from the ZEGOCLOUD console' })
    .check(z.regex(/^[0-9a-fA-F]{32}$/, { error: 'serverSecret must be exactly 32 hexadecimal characters' })),
  region: z.optional(z.enum(ZEGO_REGIONS, { error: `region must be one of ${ZEGO_REGIONS.join(', ')}` })),
});

export interface ZegoProviderConfig extends CommonProviderConfig {
  /** AppID from the ZEGOCLOUD console (uint32) */
  appId: number;
  /** ServerSecret from the ZEGOCLOUD console: 32 hex characters; used only to sign requests */
  serverSecret: string;
  /** regional API host; default: the global host cloudrecord-api.zego.im */
  region?: ZegoRegion;
}
