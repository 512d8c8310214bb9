import type { CommonProviderConfig, RecordingProvider, StartRecordingRequest, Vendor } from '@unirec/core';
import type { AdapterDescriptor } from '@unirec/core/adapter';

/**
 * What a provider package hands to `runProviderConformance`. The suite is the same for every vendor
 * and runs against @unirec/simulator: vendor differences come from the adapter's descriptor and
 * capability table, never from vendor-specific branches in the suite.
 */

/** A neutral name for each call of the interface, used to target simulator faults. */
export type NeutralOperation = 'start' | 'updateLayout' | 'query' | 'stop';

/**
 * Failures the simulator produces in the vendor's own shape:
 * - 'server-error': HTTP 503 · 'network': connection reset · 'hang': no answer · 'malformed': 2xx non-JSON
 *   (all before the vendor sees the request)
 * - 'rate-limit': the vendor's rate-limit answer · 'auth': bad credentials · 'not-found': unknown session
 * - 'conflict': "already recording" (start) · 'invalid-parameter' · 'already-stopped' (stop)
 * - 'lost-response': the vendor acts, then the connection drops without an answer
 */
export type Failure =
  | 'server-error'
  | 'network'
  | 'hang'
  | 'malformed'
  | 'rate-limit'
  | 'auth'
  | 'not-found'
  | 'conflict'
  | 'invalid-parameter'
  | 'already-stopped'
  | 'lost-response';

export interface ConformanceOptions {
  /** suite title; default the package name '@unirec/<vendor>' */
  name?: string;
  /** the adapter's descriptor: vendor, factory, config fields (secrets), capabilities via the provider */
  adapter: AdapterDescriptor<any, RecordingProvider, any>;
  /** a composite request with a regions layout this vendor accepts (participants in its id form) */
  compositeRequest(): StartRecordingRequest;
  /** an individual-mode request this vendor accepts */
  individualRequest(): StartRecordingRequest;
  /** provider config mistakes → ValidationError at construction, naming `field` (merged over valid credentials) */
  invalidConfigs: Array<{ name: string; config: Record<string, unknown>; field: string }>;
  /** tests only this vendor needs, run inside the suite's describe block */
  additionalTests?: (context: SuiteContext) => void;
}

/** What the suite's parts (and a package's additionalTests) work with. */
export interface SuiteContext {
  vendor: Vendor;
  options: ConformanceOptions;
  backend(): import('./simulator-backend.js').SimulatorBackend;
  /** a provider on the simulator with the given common options */
  provider(extra?: Partial<CommonProviderConfig>): RecordingProvider;
}
