// Test-only access to the adapter's internals (the package's index exports only the public surface).
import type { StartRecordingRequest, Warning } from '@unirec/core';
import {
  WarningCollector,
  checkCapabilities,
  parseOrThrow,
  parseProviderConfig,
  requestSecrets,
  startRecordingRequestSchema,
} from '@unirec/core/adapter';
import {
  type JoCloudStartPlan,
  toJoCloudStartRecord as convert,
} from '../src/convert-to-jocloud-start-record.js';
import { JOCLOUD_CAPABILITIES } from '../src/jocloud-capabilities.js';
import { type JoCloudProviderConfig, joCloudConfigSchema } from '../src/jocloud-config.js';

export * from '../src/index.js';
export * from '../src/jocloud-capabilities.js';
export * from '../src/jocloud-config.js';
export * from '../src/jocloud-error.js';
export * from '../src/jocloud-storage.js';
export * from '../src/jocloud-participant.js';
export * from '../src/convert-to-jocloud-mix-config.js';
export * from '../src/convert-to-jocloud-mix-output.js';
export { JOCLOUD_RECORD_TYPE, JOCLOUD_TASK_TYPE, withResid } from '../src/convert-to-jocloud-start-record.js';
export * from '../src/jocloud-vendor-options.js';
export * from '../src/map-jocloud-response.js';
export * from '../src/jocloud-schemas.js';
export * from '../src/jocloud-trace-id.js';
export * from '../src/jocloud-webhook.js';
export { convert as convertToJoCloudStartRecord };

export type StartPlan = JoCloudStartPlan & { warnings: Warning[] };

/** The provider's start pipeline up to the startrecord body: core's schema, the capability table, the mapping. */
export function toJoCloudStartRecord(request: unknown, ctx: { appId: number; strict: boolean }): StartPlan {
  const parsed = parseOrThrow(startRecordingRequestSchema, request, {
    what: 'start request',
    vendor: 'jocloud',
    operation: 'start',
  });
  checkCapabilities(JOCLOUD_CAPABILITIES, parsed as StartRecordingRequest, {
    vendor: 'jocloud',
    operation: 'start',
  });
  const warnings = new WarningCollector(ctx.strict, 'jocloud', 'start');
  const plan = convert(parsed, { appId: ctx.appId, warnings });
  return { ...plan, warnings: warnings.warnings, secrets: [...requestSecrets(parsed), ...plan.secrets] };
}

/** The provider's config check (a ValidationError naming the field). */
export function parseJoCloudConfig(config: unknown): JoCloudProviderConfig {
  return parseProviderConfig<JoCloudProviderConfig>('jocloud', joCloudConfigSchema, config);
}
