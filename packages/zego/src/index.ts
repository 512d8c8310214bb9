export { ZegoRecordingProvider, createZegoProvider, type ZegoOperationResult } from './zego-provider.js';
export {
  zegoConfigSchema,
  ZEGO_REGIONS,
  ZEGO_DEFAULT_HOST,
  zegoHost,
  type ZegoProviderConfig,
  type ZegoRegion,
} from './zego-config.js';
export {
  zegoSignature,
  createZegoSigner,
  ZEGO_SIGNATURE_VERSION,
  type ZegoCommonParams,
} from './zego-signature.js';
export { ZEGO_CAPABILITIES, ZEGO_LIMITS, ZEGO_QPS, ZEGO_DEFAULT_VIDEO } from './zego-capabilities.js';
export { ZEGO_STORAGE, ZEGO_STORAGE_VENDORS, toZegoStorage, type ZegoStorageParams } from './zego-storage.js';
export {
  toZegoStartRecord,
  mixOutputStreamId,
  ZEGO_STREAM_TYPE,
  ZEGO_RECORD_MODE,
  type ZegoStartPlan,
  type ZegoStartRecordBody,
} from './convert-to-zego-start-record.js';
export {
  toZegoLayout,
  toZegoBackground,
  ZEGO_FILL_MODE,
  type ZegoLayout,
  type ZegoMixInput,
} from './convert-to-zego-layout.js';
export {
  toRecordingStatus,
  toRecordingFile,
  toRecordingResult,
  overallUpload,
  ZEGO_TASK_STATE,
  ZEGO_FILE_UPLOAD,
  ZEGO_TRACK_KIND,
} from './map-zego-response.js';
export { ZEGO_ERROR_CODES, ZEGO_TASK_ENDED, zegoCodeError, interpretZego } from './zego-error.js';
export {
  type ZegoTaskFilter,
  type ZegoTaskPage,
  type ZegoTaskSummary,
  ZEGO_TASK_LIST_STATUS,
} from './zego-tasks.js';
export {
  createZegoWebhookReceiver,
  zegoCallbackSignature,
  ZEGO_EVENTS,
  ZEGO_QUIT_REASONS,
  type ZegoWebhookOptions,
  type ZegoRecordingEvent,
  type ZegoWebhookReceiver,
} from './zego-webhook.js';
