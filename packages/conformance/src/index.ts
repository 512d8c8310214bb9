export { runProviderConformance } from './suite.js';
export { invalidRequests, type InvalidCase } from './invalid-requests.js';
export type { ConformanceOptions, FakeFailure, FakeRequest, NeutralOperation, VendorFake } from './types.js';
export {
  runCoordinatorConformance,
  maxInAnyWindow,
  type CoordinatorConformanceOptions,
  type CoordinatorTestContext,
} from './coordinator-suite.js';
