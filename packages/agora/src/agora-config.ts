import type { CommonProviderConfig } from '@unirec/core';
import { commonConfigShape, text } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';

/** Agora's regional API areas (the `area` of Agora's own REST clients). */
export type AgoraArea = 'us' | 'eu' | 'ap' | 'cn';

export interface AgoraProviderConfig extends CommonProviderConfig {
  /** the App ID of the channel to record (path parameter of every call) */
  appId: string;
  /** RESTful API customer ID (Basic auth user) */
  customerId: string;
  /** RESTful API customer secret (Basic auth password); never logged or printed */
  customerSecret: string;
  /**
   * Regional hosts with Agora's domain fallback. Without it: the global host
   * https://api.sd-rtn.com, falling back to https://api.agora.io. Ignored when `baseUrl` is given.
   */
  area?: AgoraArea;
}

export const agoraConfigSchema = z.strictObject({
  ...commonConfigShape,
  // The App ID goes into every request path: keep it to characters that need no escaping.
  appId: z
    .string({ error: 'appId is required (a string)' })
    .check(
      z.minLength(1, { error: 'appId must not be empty' }),
      z.maxLength(64, { error: 'appId must be at most 64 characters' }),
      z.regex(/^[A-Za-z0-9_-]+$/, { error: 'appId may use only A-Z a-z 0-9 _ -' }),
    ),
  // Joined to the secret with ':' in the Basic credentials, so it cannot hold one.
  customerId: text(256, 'customerId').check(
    z.refine((v) => !v.includes(':') && !/\s/.test(v), {
      error: "customerId must not contain ':' or whitespace",
    }),
  ),
  customerSecret: text(256, 'customerSecret').check(
    z.refine((v) => !/\s/.test(v), { error: 'customerSecret must not contain whitespace' }),
  ),
  area: z.optional(z.enum(['us', 'eu', 'ap', 'cn'], { error: "area must be 'us', 'eu', 'ap' or 'cn'" })),
});

/**
 * Hosts in fallback order. The core transport moves to the next entry after a network failure or
 * timeout, so the order is the fallback: the primary regional host, the same region on the other
 * suffix (agora.io ↔ sd-rtn.com), then the neighbouring region on both suffixes.
 *
 * Order as in Agora's own REST clients: AgoraIO-Community/agora-rest-client-nodejs
 * src/agora/domain/domain.ts (DomainPool) and agora-rest-client-go agora/domain/domain.go
 * (RegionDomain). For CN the Go client's list (api-cn-east-1, api-cn-north-1; the vendor notes (docs/vendors/sources.md)) is used.
 * Without an area: the global host, current docs' api.sd-rtn.com first (seed 000 "Base URL"), then
 * the older api.agora.io.
 */
export const AGORA_DOMAINS: Readonly<
  Record<AgoraArea, { regions: [string, string]; suffixes: [string, string] }>
> = {
  us: { regions: ['api-us-west-1', 'api-us-east-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  eu: { regions: ['api-eu-west-1', 'api-eu-central-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  ap: { regions: ['api-ap-southeast-1', 'api-ap-northeast-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  cn: { regions: ['api-cn-east-1', 'api-cn-north-1'], suffixes: ['sd-rtn.com', 'agora.io'] },
};
export const AGORA_GLOBAL_HOSTS = ['https://api.sd-rtn.com', 'https://api.agora.io'];

export function agoraBaseUrls(area: AgoraArea | undefined): string[] {
  if (!area) return [...AGORA_GLOBAL_HOSTS];
  const { regions, suffixes } = AGORA_DOMAINS[area];
  return regions.flatMap((region) => suffixes.map((suffix) => `https://${region}.${suffix}`));
}
