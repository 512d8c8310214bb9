import type { CommonProviderConfig } from '../config.js';
import type { RecordingProvider, Vendor, WebhookReceiver } from '../types.js';
import type { Schema } from '../validation.js';

/**
 * One descriptor per adapter package: everything the `unirec` package (createRecordingProvider,
 * loadConfig, the CLI, the demo) needs to know about a vendor. Adding a vendor is one line in
 * unirec's registry that imports this.
 */

export interface ConfigField {
  /** the environment variable that sets it, e.g. 'UNIREC_AGORA_APP_ID' */
  env: string;
  /** the CLI flag that sets it, e.g. '--agora-app-id' (secrets have none: they come from the environment only) */
  flag?: string;
  type: 'string' | 'integer';
  required?: boolean;
  /** never printed, never read from a file or a flag */
  secret?: boolean;
  /** allowed values, when the field is an enumeration */
  values?: readonly string[];
  description: string;
}

/** One region as a vendor received it, in the vendor's units (previews, the demo's side-by-side table). */
export interface SentRegion {
  participant?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SentLayout {
  units: 'fraction' | 'pixel';
  regions: SentRegion[];
  /** the background colour as the vendor received it, in its own notation */
  background?: string;
}

export interface AdapterDescriptor<
  C extends CommonProviderConfig = CommonProviderConfig,
  P extends RecordingProvider = RecordingProvider,
  W = unknown,
> {
  vendor: Vendor;
  /** the vendor as users know it: 'Agora', 'ZEGOCLOUD', 'JOCloud' */
  name: string;
  /** the mapping reference, relative to the repository: 'docs/vendors/agora.md' */
  docs: string;
  configSchema: Schema<C>;
  /** the vendor's own config fields (the common ones are shared by every vendor) */
  fields: Readonly<Record<string, ConfigField>>;
  createProvider(config: C): P;
  createWebhookReceiver(options: W): WebhookReceiver;
  /** the webhook receiver's options, read from the environment the same way */
  webhookFields: Readonly<Record<string, ConfigField>>;
  /** reads the layout back out of the body of the request whose operation is 'start' (pure) */
  sentLayout(startBody: unknown): SentLayout | undefined;
}

export function defineAdapter<C extends CommonProviderConfig, P extends RecordingProvider, W>(
  descriptor: AdapterDescriptor<C, P, W>,
): Readonly<AdapterDescriptor<C, P, W>> {
  return Object.freeze({ ...descriptor, fields: Object.freeze({ ...descriptor.fields }) });
}

/** The names of a descriptor's secret fields (config and webhook options). */
export function secretFieldsOf(descriptor: Pick<AdapterDescriptor, 'fields' | 'webhookFields'>): string[] {
  return [...Object.entries(descriptor.fields), ...Object.entries(descriptor.webhookFields)]
    .filter(([, field]) => field.secret)
    .map(([name]) => name);
}
