import type { z } from 'zod';
import { RateLimiter } from './transport/rate-limiter.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, Transport } from './transport/transport.js';
import type { Hooks, Logger } from './transport/types.js';
import type { Vendor } from './types.js';
import { parseOrThrow } from './validation.js';

/** The options every provider factory accepts (DESIGN.md "common"). */
export interface CommonProviderConfig {
  /** replaces the vendor host (the simulator and tests use it); disables host fallback */
  baseUrl?: string;
  /** per attempt; default 30 000 */
  timeoutMs?: number;
  /** retries after the first attempt; default 2 */
  maxRetries?: number;
  /** client-side limit; default: the vendor's published limit; false disables it */
  rateLimit?: { requestsPerSecond: number } | false;
  logger?: Logger;
  hooks?: Hooks;
  /** throw UnsupportedFeatureError instead of returning warnings */
  strict?: boolean;
}

/** Validates a provider config at construction; a bad field is a ValidationError naming it. */
export function parseProviderConfig<S extends z.ZodType>(
  vendor: Vendor,
  schema: S,
  config: unknown,
): z.output<S> {
  if (config === null || typeof config !== 'object') {
    return parseOrThrow(schema, {}, { what: `${vendor} provider config`, vendor, operation: 'configure' });
  }
  return parseOrThrow(schema, config, { what: `${vendor} provider config`, vendor, operation: 'configure' });
}

export interface VendorTransportDefaults {
  vendor: Vendor;
  /** vendor hosts in fallback order (used when no baseUrl is given) */
  baseUrls: string[];
  /** the vendor's published limit */
  requestsPerSecond: number;
  /** per-bucket limits where the vendor publishes them (ZEGO: per action) */
  perKey?: Record<string, number>;
  secrets: Array<string | undefined>;
  requestIdHeader?: string;
}

/** Builds the provider's single transport from its common config and the vendor's defaults. */
export function createVendorTransport(
  config: CommonProviderConfig,
  defaults: VendorTransportDefaults,
): Transport {
  let rateLimiter: RateLimiter | undefined;
  if (config.rateLimit !== false) {
    const userRate = config.rateLimit?.requestsPerSecond;
    const perKey = defaults.perKey && userRate === undefined ? defaults.perKey : undefined;
    rateLimiter = new RateLimiter({ requestsPerSecond: userRate ?? defaults.requestsPerSecond, perKey });
  }
  return new Transport({
    vendor: defaults.vendor,
    baseUrls: config.baseUrl ? [config.baseUrl] : defaults.baseUrls,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    rateLimiter,
    logger: config.logger,
    hooks: config.hooks,
    secrets: defaults.secrets,
    requestIdHeader: defaults.requestIdHeader,
  });
}
