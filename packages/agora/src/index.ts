/**
 * Agora Cloud Recording behind the neutral RecordingProvider.
 *
 * @module @unirec/agora
 */
export { AgoraRecordingProvider, createAgoraProvider, type AgoraRecordingIds } from './agora-provider.js';
export type { AgoraArea, AgoraProviderConfig } from './agora-config.js';
export type { AgoraUpdate } from './convert-to-agora-update.js';
export type { AgoraVendorOptions } from './agora-vendor-options.js';
export { createAgoraWebhookReceiver, type AgoraWebhookOptions } from './agora-webhook.js';
export { agoraAdapter } from './agora-descriptor.js';
