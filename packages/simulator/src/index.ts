export {
  DEFAULT_SIM_TIMINGS,
  DEFAULT_SIMULATOR_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.js';
export { createManualClock, isManualClock, type ManualClock, systemClock } from './clock.js';
export { AFTER_VENDOR_FAULTS, type SimFault, type SimFaultKind } from './faults.js';
export type { RateLimitOverrides } from './rate-limit.js';
export type { SimWebhookDelivery } from './webhooks.js';
export { createEmulators } from './vendors/index.js';
export { createAgoraEmulator } from './vendors/agora.js';
export { signNcsBody } from './vendors/agora-ncs.js';
export type * from './types.js';
export { ACTIVE_SESSION_STATES } from './types.js';
export { createZegoEmulator, type ZegoEmulator, type ZegoEmulatorOptions } from './vendors/zego.js';
export {
  createJoCloudEmulator,
  type JoCloudEmulator,
  type JoCloudEmulatorOptions,
} from './vendors/jocloud.js';
