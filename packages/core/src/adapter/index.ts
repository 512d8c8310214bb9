/**
 * The toolkit of adapter packages (not needed by applications): everything of '@unirec/core' plus the
 * helpers an adapter is built from.
 *
 * @module @unirec/core/adapter
 */
export * from '../index.js';
export * from './code-table.js';
export * from './interpret.js';
export * from './provider-runtime.js';
export * from './descriptor.js';
export * from '../errors.js';
export * from '../abort.js';
export * from '../capabilities.js';
export * from '../config.js';
export * from '../schemas.js';
export * from '../validation.js';
export * from '../warnings.js';
export * from '../handle.js';
export * from '../crypto.js';
export * from '../geometry.js';
export * from '../colour.js';
export * from '../merge.js';
export * from '../upload.js';
export * from '../webhook.js';
export * from '../layout/presets.js';
export * from '../layout/resolve.js';
export * from '../transport/types.js';
export * from '../transport/redact.js';
export * from '../transport/transport.js';
export { defaultCoordinator } from '../coordination/default.js';
export * from '../storage.js';
export * from '../coordination/coordinator-input.js';
export * as z from '../zod.js';
