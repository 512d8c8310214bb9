/**
 * What an application uses: the RecordingProvider interface, neutral types and schemas, errors, handles,
 * waitForState and the coordinator interface. Helpers for adapter authors live in '@unirec/core/adapter'.
 *
 * @module @unirec/core
 */
export * from './types.js';
export {
  AbortError,
  AuthenticationError,
  ConflictError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RecordingError,
  type RecordingErrorKind,
  type RecordingErrorOptions,
  TimeoutError,
  type UnconfirmedRecording,
  UnsupportedFeatureError,
  ValidationError,
  type ValidationIssue,
  VendorError,
  WebhookVerificationError,
  isErrorKind,
  isRecordingError,
} from './errors.js';
export { describeHandle, type HandleDescription, MAX_HANDLE_LENGTH } from './handle.js';
export { waitForState, type WaitForStateOptions } from './wait-for-state.js';
export type { ActiveSession, Coordinator } from './coordination/types.js';
export {
  createMemoryCoordinator,
  type MemoryCoordinator,
  type MemoryCoordinatorOptions,
} from './coordination/memory-coordinator.js';
export {
  dedupeEvent,
  reapExpiredSessions,
  type ReapExpiredSessionsOptions,
  type ReapResult,
} from './coordination/reap.js';
export { layoutInputSchema, startRecordingRequestSchema, storageConfigSchema } from './schemas.js';
export type { Schema } from './validation.js';
export { DEFAULT_PRESET_SLOTS, renderPreset } from './layout/presets.js';
export type { CommonProviderConfig } from './config.js';
export type { Hooks, Logger, RequestInfo, ResponseInfo, RetryInfo } from './transport/types.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './transport/transport.js';
export type { WebhookHeaders } from './webhook.js';
export { combineUploadStates } from './upload.js';
