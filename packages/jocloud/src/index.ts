/**
 * JOCloud cloud recording behind the neutral RecordingProvider.
 *
 * @module @unirec/jocloud
 */
export {
  JoCloudRecordingProvider,
  createJoCloudProvider,
  type JoCloudRecordingIds,
} from './jocloud-provider.js';
export type { JoCloudProviderConfig, JoCloudSite } from './jocloud-config.js';
export type { JoCloudRecordingStatus } from './map-jocloud-response.js';
export { createJoCloudWebhookReceiver, type JoCloudWebhookOptions } from './jocloud-webhook.js';
export { joCloudAdapter } from './jocloud-descriptor.js';
