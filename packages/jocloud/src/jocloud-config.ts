import { type CommonProviderConfig, commonConfigSchema, parseProviderConfig } from '@unirec/core';
import { z } from 'zod';
import { isWellFormedText } from './jocloud-participant.js';

/**
 * JOCloud provider config (DESIGN.md "Provider factories"). Validated once, at construction: a missing
 * or malformed credential is a ValidationError naming the field before any request. Messages state the
 * rule only, never the value (it may be the secret).
 */

export type JoCloudSite = 'domestic' | 'international';

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
const APP_ID_MAX = 2_147_483_647;

const credential = (name: string, what: string) =>
  z
    .string({ message: `${name} is required (a string): ${what}` })
    .min(1, { message: `${name} must not be empty` })
    .max(1024, { message: `${name} must be at most 1024 characters` })
    // Basic auth encodes the credentials as UTF-8: a lone surrogate cannot be encoded.
    .refine(isWellFormedText, { message: `${name} must be well-formed Unicode text` });

export const joCloudConfigSchema = commonConfigSchema.extend({
  appId: z
    .number({ message: 'appId is required: the numeric AppID of the JOCloud project' })
    .int({ message: 'appId must be an integer' })
    .min(1, { message: `appId must be between 1 and ${APP_ID_MAX}` })
    .max(APP_ID_MAX, { message: `appId must be between 1 and ${APP_ID_MAX}` }),
  // Joined to the secret with ':' in the Basic credentials, so it cannot hold one.
  restfulId: credential('restfulId', 'the API certificate ID (My Center → API Certificate)').refine(
    (v) => !v.includes(':'),
    { message: "restfulId must not contain ':'" },
  ),
  restfulSecret: credential('restfulSecret', 'the API certificate key (My Center → API Certificate)'),
  site: z
    .enum(['domestic', 'international'], { message: "site must be 'domestic' or 'international'" })
    .optional(),
});

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

/** Validates at construction: a missing or malformed field is a ValidationError naming it. */
export function parseJoCloudConfig(config: unknown): JoCloudProviderConfig {
  const parsed = parseProviderConfig('jocloud', joCloudConfigSchema, config);
  const original = config as JoCloudProviderConfig;
  // zod checks logger/hooks are objects; keep the caller's instances (with their methods) as given.
  return { ...parsed, logger: original.logger, hooks: original.hooks } as JoCloudProviderConfig;
}
