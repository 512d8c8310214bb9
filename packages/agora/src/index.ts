export { AgoraRecordingProvider, createAgoraProvider, type AgoraHandle } from './agora-provider.js';
export { type AgoraArea, type AgoraProviderConfig, agoraConfigSchema } from './agora-config.js';
export { AGORA_AUDIO_PROFILES, AGORA_LIMITS, agoraCapabilities } from './agora-capabilities.js';
export {
  AGORA_STORAGE_REGIONS,
  AGORA_STORAGE_VENDOR,
  type AgoraStorageConfig,
  normalizeStorageRegion,
  toAgoraStorage,
} from './agora-storage.js';
export {
  AGORA_MODE,
  AGORA_SCENE,
  AGORA_STREAM_TYPES,
  type AgoraMode,
  type AgoraRequestBody,
  type AgoraStartPlan,
  convertToAgoraStartRequest,
  subscribeUidGroup,
} from './convert-to-agora-start-request.js';
export {
  AGORA_MIXED_VIDEO_LAYOUT,
  AGORA_RENDER_MODE,
  type AgoraLayoutFields,
  toAgoraLayout,
} from './convert-to-agora-layout.js';
export { type AgoraUpdate, toAgoraUpdate } from './convert-to-agora-update.js';
export {
  AGORA_STATUS_STATE,
  AGORA_TRACK_KIND,
  AGORA_UPLOAD_STATE,
  AGORA_WEB_STATE,
  fileListToFiles,
  toRecordingResult,
  toRecordingState,
  toRecordingStatus,
} from './map-agora-response.js';
export { AGORA_ERROR_CODES, type AgoraOperation, agoraError } from './agora-error.js';
export { AGORA_DOMAINS, AGORA_GLOBAL_HOSTS, agoraBaseUrls } from './agora-client.js';
export { isAgoraUid } from './agora-uid.js';
export type { AgoraVendorOptions } from './agora-vendor-options.js';
export {
  AGORA_EVENT_TYPES,
  AGORA_NCS_PRODUCT_CLOUD_RECORDING,
  type AgoraWebhookOptions,
  createAgoraWebhookReceiver,
} from './agora-webhook.js';
