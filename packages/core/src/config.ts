import type { Coordinator } from './coordination/types.js';
import { defaultCoordinator } from './coordination/default.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type RateBudget,
  Transport,
} from './transport/transport.js';
import type { Hooks, Logger, TransportRequest } from './transport/types.js';
import type { Vendor } from './types.js';
import { type Schema, parseOrThrow } from './validation.js';

/** The options every provider factory accepts (the design (docs/architecture.md) "common"). */
export interface CommonProviderConfig {
  /** replaces the vendor host (the simulator and tests use it); disables host fallback */
  baseUrl?: string;
  /** per attempt; default 30 000 */
  timeoutMs?: number;
  /** retries after the first attempt; default 2 */
  maxRetries?: number;
  /** client-side limit; default: the vendor's published limit; false disables it */
  rateLimit?: { requestsPerSecond: number } | false;
  /** sees only redacted data; nothing is built for it when absent */
  logger?: Logger;
  hooks?: Hooks;
  /** throw UnsupportedFeatureError instead of returning warnings */
  strict?: boolean;
  /**
   * Shared state: rate budgets, idempotent starts, the registry of running sessions. Default: one
   * in-memory coordinator per process; a fleet shares `createRedisCoordinator()` from @unirec/redis.
   */
  coordinator?: Coordinator;
  /** passed to axios for http:// hosts (proxies, keep-alive) */
  httpAgent?: unknown;
  /** passed to axios for https:// hosts (proxies, custom CAs) */
  httpsAgent?: unknown;
}

/** Validates a provider config at construction; a bad field is a ValidationError naming it. */
export function parseProviderConfig<C extends CommonProviderConfig>(
  vendor: Vendor,
  schema: Schema<unknown>,
  config: unknown,
): C {
  const input = config !== null && typeof config === 'object' ? config : {};
  const parsed = parseOrThrow(schema, input, {
    what: `${vendor} provider config`,
    vendor,
    operation: 'configure',
  }) as C;
  // The schema checks the shape of these; keep the caller's own instances (methods, prototypes).
  const original = input as CommonProviderConfig;
  for (const key of ['logger', 'hooks', 'coordinator', 'httpAgent', 'httpsAgent'] as const) {
    if (original[key] !== undefined) (parsed as Record<string, unknown>)[key] = original[key];
  }
  return parsed;
}

export interface VendorTransportDefaults {
  vendor: Vendor;
  /** vendor hosts in fallback order (used when no baseUrl is given) */
  baseUrls: string[];
  /**
   * The budget each request draws from, at the vendor's published limit: one key per vendor account
   * (Agora App ID, ZEGO AppId and Action, JOCloud appid), shared through the coordinator.
   */
  budget: (request: TransportRequest) => RateBudget;
  secrets: Array<string | undefined>;
  requestIdHeader?: string;
}

/**
 * The share of a vendor's published limit unirec paces at by default. Requests spaced at exactly
 * 1/N s can still arrive N + 1 in one second at the vendor (network and event-loop jitter); 5 % of
 * slack absorbs 50 ms of jitter at 10/s. A `rateLimit` the user sets is used as given.
 */
export const PUBLISHED_LIMIT_SHARE = 0.95;

/** Builds the provider's single transport from its common config and the vendor's defaults. */
export function createVendorTransport(
  config: CommonProviderConfig,
  defaults: VendorTransportDefaults,
): Transport {
  const userRate = config.rateLimit === false ? undefined : config.rateLimit?.requestsPerSecond;
  const budget =
    config.rateLimit === false
      ? undefined
      : userRate === undefined
        ? (request: TransportRequest) => {
            const published = defaults.budget(request);
            return { ...published, requestsPerSecond: published.requestsPerSecond * PUBLISHED_LIMIT_SHARE };
          }
        : (request: TransportRequest) => ({ ...defaults.budget(request), requestsPerSecond: userRate });
  return new Transport({
    vendor: defaults.vendor,
    baseUrls: config.baseUrl ? [config.baseUrl] : defaults.baseUrls,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    coordinator: config.coordinator ?? defaultCoordinator(),
    budget,
    logger: config.logger,
    hooks: config.hooks,
    secrets: defaults.secrets,
    requestIdHeader: defaults.requestIdHeader,
    httpAgent: config.httpAgent,
    httpsAgent: config.httpsAgent,
  });
}
