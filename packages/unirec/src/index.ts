/**
 * One config shape for every vendor: createRecordingProvider picks the adapter, loadConfig reads the
 * config from unirec.config.json and UNIREC_* variables. Everything of '@unirec/core' is re-exported.
 *
 * @module unirec
 */
export * from '@unirec/core';
export {
  AVAILABLE_VENDORS,
  createRecordingProvider,
  type RecordingProviderConfig,
} from './create-recording-provider.js';
export { CONFIG_FILE_NAME, ENV, loadConfig, type LoadConfigOptions } from './load-config.js';
