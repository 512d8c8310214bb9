import { type RecordingProvider, UnsupportedFeatureError, type Vendor, parseOrThrow } from '@unirec/core';
import { z } from 'zod';

type AgoraConfig = Parameters<typeof import('@unirec/agora')['createAgoraProvider']>[0];
type ZegoConfig = Parameters<typeof import('@unirec/zego')['createZegoProvider']>[0];

/** One config shape for every vendor: `vendor` picks the adapter, the rest is that adapter's config. */
export type RecordingProviderConfig = ({ vendor: 'agora' } & AgoraConfig) | ({ vendor: 'zego' } & ZegoConfig);

/** Vendors whose adapter ships in this version (JOCloud's API is emulated by the simulator only). */
export const AVAILABLE_VENDORS = ['agora', 'zego'] as const satisfies readonly Vendor[];

const vendorSchema = z.object({
  vendor: z.enum(['agora', 'zego', 'jocloud'], { message: "vendor must be one of 'agora', 'zego', 'jocloud'" }),
});

/** Adapters are imported on first use, so an app bundles and loads only the vendor it runs on. */
const loaders: Record<(typeof AVAILABLE_VENDORS)[number], (config: Record<string, unknown>) => Promise<RecordingProvider>> = {
  agora: async (config) => (await import('@unirec/agora')).createAgoraProvider(config as unknown as AgoraConfig),
  zego: async (config) => (await import('@unirec/zego')).createZegoProvider(config as unknown as ZegoConfig),
};

/**
 * Picks the adapter from `config.vendor` and creates the provider. Async because the adapter is
 * loaded lazily. A bad config is a ValidationError naming the field (raised by the adapter's own
 * schema); a vendor without an adapter here is an UnsupportedFeatureError.
 */
export async function createRecordingProvider(config: RecordingProviderConfig): Promise<RecordingProvider> {
  const { vendor } = parseOrThrow(vendorSchema, config, { what: 'recording provider config', operation: 'configure' });
  if (!(AVAILABLE_VENDORS as readonly string[]).includes(vendor)) {
    throw new UnsupportedFeatureError(`no ${vendor} adapter is available in this version of unirec`, 'vendor', {
      vendor,
      operation: 'configure',
    });
  }
  const { vendor: _vendor, ...rest } = config as unknown as Record<string, unknown>;
  return loaders[vendor as (typeof AVAILABLE_VENDORS)[number]](rest);
}
