// Test-only access to the adapter's internals (the package's index exports only the public surface).
import type { StartRecordingRequest } from '@unirec/core';
import {
  WarningCollector,
  checkCapabilities,
  parseOrThrow,
  requestSecrets,
  startRecordingRequestSchema,
} from '@unirec/core/adapter';
import { toZegoStartRecord as convert } from '../src/convert-to-zego-start-record.js';
import { ZEGO_CAPABILITIES } from '../src/zego-capabilities.js';

export * from '../src/index.js';
export * from '../src/convert-to-zego-layout.js';
export {
  ZEGO_RECORD_MODE,
  ZEGO_STREAM_TYPE,
  mixOutputStreamId,
} from '../src/convert-to-zego-start-record.js';
export * from '../src/map-zego-response.js';
export * from '../src/zego-capabilities.js';
export * from '../src/zego-config.js';
export * from '../src/zego-error.js';
export * from '../src/zego-schemas.js';
export * from '../src/zego-signature.js';
export * from '../src/zego-storage.js';
export * from '../src/zego-tasks.js';
export * from '../src/zego-webhook.js';

/**
 * The provider's start pipeline up to the StartRecord body: core's schema, the capability table,
 * then the ZEGO converter with a WarningCollector (what `provider.start` runs before its request).
 */
export function toZegoStartRecord(
  request: StartRecordingRequest,
  ctx: { strict: boolean; clientTaskId: string },
) {
  const parsed = parseOrThrow(startRecordingRequestSchema, request, {
    what: 'start request',
    vendor: 'zego',
    operation: 'start',
  });
  checkCapabilities(ZEGO_CAPABILITIES, parsed, { vendor: 'zego', operation: 'start' });
  const warnings = new WarningCollector(ctx.strict, 'zego', 'start');
  const plan = convert(parsed, { warnings, clientTaskId: ctx.clientTaskId });
  return { ...plan, warnings: warnings.warnings, secrets: requestSecrets(parsed) };
}
