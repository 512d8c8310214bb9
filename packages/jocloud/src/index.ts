// The pure layer of the JOCloud adapter (no provider or HTTP client yet): everything is exported for
// the provider that will be wired onto core's new skeleton; the list is trimmed to the public API then.
export {
  JOCLOUD_HOSTS,
  type JoCloudProviderConfig,
  type JoCloudSite,
  joCloudBaseUrl,
  joCloudConfigSchema,
  parseJoCloudConfig,
} from './jocloud-config.js';
export { JOCLOUD_CAPABILITIES, JOCLOUD_DEFAULT_VIDEO, JOCLOUD_LIMITS } from './jocloud-capabilities.js';
export {
  JOCLOUD_STORAGE,
  JOCLOUD_STORAGE_VENDORS,
  type JoCloudStorageCfg,
  toJoCloudEndpoint,
  toJoCloudFilePrefix,
  toJoCloudStorage,
} from './jocloud-storage.js';
export {
  type JoCloudStreamRef,
  isWellFormedText,
  parseJoCloudParticipant,
  streamKey,
  utf8ByteLength,
} from './jocloud-participant.js';
export {
  JOCLOUD_CROP,
  JOCLOUD_TEMPLATE,
  type JoCloudMixConfig,
  type JoCloudMixContext,
  type JoCloudMixInput,
  toJoCloudMixConfig,
} from './convert-to-jocloud-mix-config.js';
export {
  JOCLOUD_IMAGE_SCALE_PROPORTIONAL,
  JOCLOUD_STREAM_TYPE,
  type JoCloudBackground,
  type JoCloudMixOutput,
  type JoCloudOutputPlan,
  toJoCloudBackground,
  toJoCloudMixOutput,
} from './convert-to-jocloud-mix-output.js';
export {
  JOCLOUD_RECORD_TYPE,
  JOCLOUD_TASK_TYPE,
  type JoCloudStartContext,
  type JoCloudStartPlan,
  type JoCloudStartRecordBody,
  type JoCloudStartRecordDraft,
  toJoCloudStartRecord,
  withResid,
} from './convert-to-jocloud-start-record.js';
export {
  JOCLOUD_RESERVED_FIELDS,
  JOCLOUD_RESERVED_OUTPUT_FIELDS,
  JOCLOUD_TIMESTAMP_FORMATS,
  checkJoCloudVendorOptions,
} from './jocloud-vendor-options.js';
export {
  JOCLOUD_FILE_KIND,
  JOCLOUD_TASK_STATUS,
  type JoCloudRecordingStatus,
  msToDate,
  toRecordingFiles,
  toRecordingResult,
  toRecordingState,
  toRecordingStatus,
} from './map-jocloud-response.js';
export * from './jocloud-schemas.js';
export {
  JOCLOUD_CODE_TABLE,
  JOCLOUD_RECORDID_UNKNOWN,
  JOCLOUD_TASK_EXISTS,
  type JoCloudCodeRule,
  type JoCloudCodeTable,
  type JoCloudEnvelopeFields,
  type JoCloudOperation,
  joCloudCodeRule,
  readJoCloudEnvelope,
  recordIdOfConflict,
} from './jocloud-error.js';
export {
  JOCLOUD_TRACE_ID_PATTERN,
  type TraceIdOptions,
  createJoCloudTraceIdGenerator,
} from './jocloud-trace-id.js';
export {
  JOCLOUD_DEFAULT_MAX_BODY_BYTES,
  JOCLOUD_MSGTYPE,
  JOCLOUD_PRODUCT_CLOUD_RECORDING,
  JOCLOUD_STATUS_WORDS,
  type JoCloudRecordingEvent,
  type JoCloudWebhookOptions,
  type JoCloudWebhookReceiver,
  createJoCloudWebhookReceiver,
} from './jocloud-webhook.js';
