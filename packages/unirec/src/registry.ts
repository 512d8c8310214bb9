import { agoraAdapter } from '@unirec/agora';
import type { Vendor } from '@unirec/core';
import type { AdapterDescriptor } from '@unirec/core/adapter';
import { joCloudAdapter } from '@unirec/jocloud';
import { zegoAdapter } from '@unirec/zego';

/**
 * Every adapter this package knows, by vendor: the one list createRecordingProvider, loadConfig,
 * the CLI and the demo read. Adding a vendor is one line here (and the dependency).
 */
export const ADAPTERS: Readonly<Partial<Record<Vendor, AdapterDescriptor<any, any, any>>>> = Object.freeze({
  agora: agoraAdapter,
  zego: zegoAdapter,
  jocloud: joCloudAdapter,
});

/** Vendors whose adapter ships in this version. */
export const AVAILABLE_VENDORS = Object.keys(ADAPTERS) as Vendor[];

export function adapterOf(vendor: Vendor): AdapterDescriptor<any, any, any> | undefined {
  return ADAPTERS[vendor];
}
