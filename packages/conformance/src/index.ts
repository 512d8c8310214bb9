export { runProviderConformance } from './suite.js';
export { invalidRequests, type InvalidCase } from './invalid-requests.js';
export { limitCases, unsupportedCases, type LimitCase, type UnsupportedCase } from './capability-cases.js';
export { startSimulatorBackend, type SimulatorBackend } from './simulator-backend.js';
export { rejectionOf, expectNoSecrets, encodingsOf, eventually, printed } from './helpers.js';
export type { ConformanceOptions, Failure, NeutralOperation, SuiteContext } from './types.js';
export {
  runCoordinatorConformance,
  maxInAnyWindow,
  type CoordinatorConformanceOptions,
  type CoordinatorTestContext,
} from './coordinator-suite.js';
