/**
 * ZEGOCLOUD cloud recording behind the neutral RecordingProvider.
 *
 * @module @unirec/zego
 */
export { ZegoRecordingProvider, createZegoProvider, type ZegoOperationResult } from './zego-provider.js';
export type { ZegoProviderConfig, ZegoRegion } from './zego-config.js';
export type { ZegoTaskFilter, ZegoTaskPage, ZegoTaskSummary } from './zego-tasks.js';
export {
  createZegoWebhookReceiver,
  type ZegoRecordingEvent,
  type ZegoWebhookOptions,
  type ZegoWebhookReceiver,
} from './zego-webhook.js';
export { zegoAdapter } from './zego-descriptor.js';
