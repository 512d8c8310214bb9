// @unirec/jocloud: JOCloud cloud recording behind the neutral RecordingProvider.
export {
  JoCloudRecordingProvider,
  createJoCloudProvider,
  type JoCloudRecordingIds,
} from './jocloud-provider.js';
export type { JoCloudProviderConfig, JoCloudSite } from './jocloud-config.js';
export type { JoCloudRecordingStatus } from './map-jocloud-response.js';
export { createJoCloudWebhookReceiver, type JoCloudWebhookOptions } from './jocloud-webhook.js';
export { joCloudAdapter } from './jocloud-descriptor.js';
