import type { CommonProviderConfig } from '@unirec/core';
import { commonConfigShape, text } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';

/**
 * JOCloud provider config (the design (docs/architecture.md) "Provider factories"). Validated once, at construction: a missing
 * or malformed credential is a ValidationError naming the field before any request. Messages state the
 * rule only, never the value (it may be the secret).
 */

export type JoCloudSite = 'domestic' | 'international';

export interface JoCloudProviderConfig extends CommonProviderConfig {
  /** AppID of the JOCloud project (path parameter, `AppID` header and `appid` of every body) */
  appId: number;
  /** API certificate ID: the user of `Token: Basic base64(restfulId:restfulSecret)` */
  restfulId: string;
  /** API certificate key; never logged or printed */
  restfulSecret: string;
  /** API host: `domestic` (api.jocloud.com, the default) or `international` (api-oversea.jocloud.com) */
  site?: JoCloudSite;
}

/** API hosts (seed 003 "Domain": "Domestic: api.jocloud.com International: api-oversea.jocloud.com"). */
export const JOCLOUD_HOSTS: Readonly<Record<JoCloudSite, string>> = Object.freeze({
  domestic: 'https://api.jocloud.com',
  international: 'https://api-oversea.jocloud.com',
});

/** The host of a site; `domestic` when none is given (the seed's examples use api.jocloud.com). */
export function joCloudBaseUrl(site: JoCloudSite | undefined): string {
  return JOCLOUD_HOSTS[site ?? 'domestic'];
}

/** JOCloud's `appid` is an `int` in every body and callback: a positive 32-bit signed integer. */
export const JOCLOUD_APP_ID_MAX = 2_147_483_647;

const noWhitespace = (name: string) =>
  z.refine<string>((v) => !/\s/.test(v), { error: `${name} must not contain whitespace` });

export const joCloudConfigSchema = z.strictObject({
  ...commonConfigShape,
  appId: z
    .int({ error: 'appId is required: the numeric AppID of the JOCloud project (an integer)' })
    .check(
      z.minimum(1, { error: `appId must be between 1 and ${JOCLOUD_APP_ID_MAX}` }),
      z.maximum(JOCLOUD_APP_ID_MAX, { error: `appId must be between 1 and ${JOCLOUD_APP_ID_MAX}` }),
    ),
  // Joined to the secret with ':' in the Basic credentials, so it cannot hold one.
  restfulId: text(1024, 'restfulId').check(
    noWhitespace('restfulId'),
    z.refine((v) => !v.includes(':'), { error: "restfulId must not contain ':'" }),
  ),
  restfulSecret: text(1024, 'restfulSecret').check(noWhitespace('restfulSecret')),
  site: z.optional(
    z.enum(['domestic', 'international'], { error: "site must be 'domestic' or 'international'" }),
  ),
});
