import { type CommonProviderConfig, commonConfigSchema } from '@unirec/core';
import { z } from 'zod';

/**
 * ZEGOCLOUD provider config (DESIGN.md "Provider factories"). Validated once, at construction, so
 * a missing or malformed secret is a ValidationError naming the field before any request.
 * Messages describe the rule only: they never echo the value (it may be the secret).
 */

/** Regional API hosts, `cloudrecord-api-{region}.zego.im` (VENDORS.md, ZEGOCLOUD "Requests"). */
export const ZEGO_REGIONS = ['sha', 'hkg', 'fra', 'lax', 'bom', 'sgp'] as const;
export type ZegoRegion = (typeof ZEGO_REGIONS)[number];

/** Default (global) host of every action (seed 002 "StartRecord": POST https://cloudrecord-api.zego.im/). */
export const ZEGO_DEFAULT_HOST = 'https://cloudrecord-api.zego.im';

export function zegoHost(region: ZegoRegion | undefined): string {
  return region ? `https://cloudrecord-api-${region}.zego.im` : ZEGO_DEFAULT_HOST;
}

export const zegoConfigSchema = commonConfigSchema.extend({
  appId: z
    .number({ message: 'appId is required: the numeric AppID from the ZEGOCLOUD console' })
    .int({ message: 'appId must be an integer (uint32)' })
    .min(1, { message: 'appId must be between 1 and 4294967295 (uint32)' })
    .max(0xffffffff, { message: 'appId must be between 1 and 4294967295 (uint32)' }),
  serverSecret: z
    .string({ message: 'serverSecret is required: the ServerSecret from the ZEGOCLOUD console' })
    .regex(/^[0-9a-fA-F]{32}$/, { message: 'serverSecret must be exactly 32 hexadecimal characters' }),
  region: z.enum(ZEGO_REGIONS, { message: `region must be one of ${ZEGO_REGIONS.join(', ')}` }).optional(),
});

export interface ZegoProviderConfig extends CommonProviderConfig {
  /** AppID from the ZEGOCLOUD console (uint32) */
  appId: number;
  /** ServerSecret from the ZEGOCLOUD console: 32 hex characters; used only to sign requests */
  serverSecret: string;
  /** regional API host; default: the global host cloudrecord-api.zego.im */
  region?: ZegoRegion;
}
