import { type CommonProviderConfig, commonConfigSchema, parseProviderConfig } from '@unirec/core';
import { z } from 'zod';

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

const required = (name: string) =>
  z.string({ message: `${name} is required (a string)` }).min(1, { message: `${name} must not be empty` });

export const agoraConfigSchema = commonConfigSchema.extend({
  // The App ID goes into every request path: keep it to characters that need no escaping.
  appId: required('appId')
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'appId may use only A-Z a-z 0-9 _ -' }),
  // The customer ID is joined to the secret with ':' in the Basic credentials, so it cannot hold one.
  customerId: required('customerId').refine((v) => !v.includes(':'), {
    message: "customerId must not contain ':'",
  }),
  customerSecret: required('customerSecret'),
  area: z.enum(['us', 'eu', 'ap', 'cn'], { message: "area must be 'us', 'eu', 'ap' or 'cn'" }).optional(),
});

/** Validates at construction: a missing or malformed field is a ValidationError naming it. */
export function parseAgoraConfig(config: unknown): AgoraProviderConfig {
  const parsed = parseProviderConfig('agora', agoraConfigSchema, config);
  const original = config as AgoraProviderConfig;
  // zod checks logger/hooks are objects; keep the caller's instances (with their methods) as given.
  return { ...parsed, logger: original.logger, hooks: original.hooks } as AgoraProviderConfig;
}
