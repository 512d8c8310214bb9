import type { RecordingProvider, Vendor } from '@unirec/core';
import { UnsupportedFeatureError, ValidationError, type CommonProviderConfig } from '@unirec/core/adapter';
import { ADAPTERS, AVAILABLE_VENDORS } from './registry.js';

/** One config shape for every vendor: `vendor` picks the adapter, the rest is that adapter's config. */
export type RecordingProviderConfig = { vendor: Vendor } & CommonProviderConfig & Record<string, unknown>;

export { AVAILABLE_VENDORS };

/**
 * Picks the adapter from `config.vendor` and creates the provider. A bad config is a ValidationError
 * naming the field (raised by the adapter's own schema); a vendor without an adapter here is an
 * UnsupportedFeatureError. Async so an adapter may be loaded on first use.
 */
export async function createRecordingProvider(config: RecordingProviderConfig): Promise<RecordingProvider> {
  const vendor = (config as { vendor?: unknown } | null)?.vendor;
  if (typeof vendor !== 'string' || !['agora', 'zego', 'jocloud'].includes(vendor)) {
    throw new ValidationError(
      "Invalid recording provider config: vendor must be one of 'agora', 'zego', 'jocloud'",
      [{ path: 'vendor', message: "must be one of 'agora', 'zego', 'jocloud'" }],
      { operation: 'configure' },
    );
  }
  const adapter = ADAPTERS[vendor as Vendor];
  if (!adapter) {
    throw new UnsupportedFeatureError(
      `no ${vendor} adapter is available in this version of unirec (available: ${AVAILABLE_VENDORS.join(', ')})`,
      'vendor',
      { vendor: vendor as Vendor, operation: 'configure' },
    );
  }
  const { vendor: _vendor, ...rest } = config;
  return adapter.createProvider(rest);
}
