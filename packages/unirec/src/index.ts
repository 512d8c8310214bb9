export * from '@unirec/core';
export { AVAILABLE_VENDORS, createRecordingProvider, type RecordingProviderConfig } from './create-recording-provider.js';
export { CONFIG_FILE_NAME, ENV, loadConfig, type LoadConfigOptions } from './load-config.js';
