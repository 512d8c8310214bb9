// Test-only access to the adapter's internals (the package's index exports only the public surface).
import type { StartRecordingRequest } from '@unirec/core';
import {
  WarningCollector,
  checkCapabilities,
  parseOrThrow,
  requestSecrets,
  startRecordingRequestSchema,
} from '@unirec/core/adapter';
import { AGORA_CAPABILITIES } from '../src/agora-capabilities.js';
import { convertToAgoraStartRequest as convert } from '../src/convert-to-agora-start-request.js';

export * from '../src/index.js';
export * from '../src/agora-capabilities.js';
export * from '../src/agora-config.js';
export * from '../src/agora-error.js';
export * from '../src/agora-storage.js';
export {
  subscribeUidGroup,
  AGORA_MODE,
  AGORA_SCENE,
  AGORA_STREAM_TYPES,
} from '../src/convert-to-agora-start-request.js';
export * from '../src/convert-to-agora-layout.js';
export * from '../src/convert-to-agora-update.js';
export * from '../src/map-agora-response.js';
export * from '../src/agora-uid.js';

/** The provider's start pipeline up to the request bodies: schema, capabilities, conversion. */
export function convertToAgoraStartRequest(
  request: StartRecordingRequest,
  ctx: { uid: string; strict: boolean },
) {
  const parsed = parseOrThrow(startRecordingRequestSchema, request, {
    what: 'start request',
    vendor: 'agora',
    operation: 'start',
  });
  checkCapabilities(AGORA_CAPABILITIES, parsed, { vendor: 'agora', operation: 'start' });
  const warnings = new WarningCollector(ctx.strict, 'agora', 'start');
  const plan = convert(parsed, { uid: ctx.uid, warnings });
  return { ...plan, warnings: warnings.warnings, secrets: requestSecrets(parsed) };
}
