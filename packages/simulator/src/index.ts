export {
  DEFAULT_SIM_TIMINGS,
  DEFAULT_SIMULATOR_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.js';
export { createManualClock, isManualClock, type ManualClock, systemClock } from './clock.js';
export type { SimFault, SimFaultKind } from './faults.js';
export type { RateLimitOverrides } from './rate-limit.js';
export type { SimWebhookDelivery } from './webhooks.js';
export { createEmulators } from './vendors/index.js';
export { createAgoraEmulator } from './vendors/agora.js';
export { signNcsBody } from './vendors/agora-ncs.js';
export type * from './types.js';
export { createZegoEmulator } from './vendors/zego.js';
export { createJoCloudEmulator } from './vendors/jocloud.js';
