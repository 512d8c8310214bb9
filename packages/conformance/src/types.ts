import type {
  CommonProviderConfig,
  RecordingProvider,
  RecordingState,
  StartRecordingRequest,
  Vendor,
} from '@unirec/core';

/**
 * What a provider package hands to `runProviderConformance`. The suite is the same for every
 * vendor: vendor differences come in through these options and the fake's capability flags,
 * never through vendor-specific branches in the suite.
 */

/** A neutral name for each call of the interface, used to target fake failures. */
export type NeutralOperation = 'start' | 'updateLayout' | 'query' | 'stop';

/**
 * Failures a fake can produce, each in the vendor's own shape (status, body, code):
 * - 'server-error': HTTP 5xx (or the vendor's retryable internal-error code)
 * - 'network': the connection fails (ECONNRESET)
 * - 'hang': no answer (the client's timeout must fire)
 * - 'rate-limit': the vendor's rate-limit answer
 * - 'auth': the vendor's bad-credentials answer
 * - 'not-found': the vendor's "session over / unknown" answer
 * - 'conflict': the vendor's "already recording" answer (start)
 * - 'invalid-parameter': the vendor's invalid-parameter answer
 * - 'already-stopped': the vendor's "task already ended" answer (stop)
 * - 'malformed': a 2xx body that is not JSON
 */
export type FakeFailure =
  | 'server-error'
  | 'network'
  | 'hang'
  | 'rate-limit'
  | 'auth'
  | 'not-found'
  | 'conflict'
  | 'invalid-parameter'
  | 'already-stopped'
  | 'malformed';

export interface FakeRequest {
  /** the vendor's operation name ('acquire', 'StartRecord', …) */
  operation: string;
  /** the neutral call it belongs to */
  neutral: NeutralOperation | 'other';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A stateful fake of one vendor API built on nock (no sockets, no internet). */
export interface VendorFake {
  /** the origin nock intercepts, passed to the provider as `baseUrl` */
  readonly baseUrl: string;
  /** every request the fake received, in order */
  readonly requests: FakeRequest[];
  /** installs persistent nock interceptors on `baseUrl` */
  install(): void;
  /** removes them and forgets all state */
  uninstall(): void;
  /** neutral states the fake can make `query` report (at least 'starting', 'recording', 'stopped') */
  readonly reportableStates: RecordingState[];
  /** makes the next queries report a vendor state that means `state` */
  setState(state: RecordingState): void;
  /** the next `times` requests belonging to `operation` fail with `failure` */
  fail(operation: NeutralOperation, failure: FakeFailure, times?: number): void;
  /** number of files the fake reports on stop (and on query while recording) */
  setFileCount(count: number): void;
}

export interface ConformanceOptions {
  /** suite title, e.g. '@unirec/agora' */
  name: string;
  vendor: Vendor;
  createFake(): VendorFake;
  /**
   * A provider pointed at `config.baseUrl` (the fake) with the given common options. The suite also
   * passes whole invalid configs through it (`invalidConfigs`): fill in credentials only where the
   * config names none.
   */
  createProvider(config: CommonProviderConfig & { baseUrl: string }): RecordingProvider;
  /** a composite request with a regions layout this vendor accepts */
  compositeRequest(): StartRecordingRequest;
  /** an individual-mode request this vendor accepts */
  individualRequest(): StartRecordingRequest;
  /** every secret in the provider config and the requests above: none may ever be printed */
  secrets: string[];
  /** neutral requests this vendor cannot do at all → UnsupportedFeatureError before any request */
  unsupportedRequests: Array<{ name: string; request: StartRecordingRequest }>;
  /** valid neutral requests that break a limit of this vendor → ValidationError before any request */
  vendorLimitRequests: Array<{ name: string; request: StartRecordingRequest; field: string }>;
  /** provider config mistakes → ValidationError at construction, naming `field` */
  invalidConfigs: Array<{ name: string; config: Record<string, unknown>; field: string }>;
  /** the vendor's published rate limit (requests per second) for start-type calls */
  publishedRateLimit: number;
  /**
   * Capability flags (default true). `startConflict`: the vendor has an "already recording" answer
   * on start (Agora code 53). ZEGO has none: a room holds several tasks, so that test is skipped.
   */
  features?: { startConflict?: boolean };
  /** tests only this vendor needs, run inside the suite's describe block */
  additionalTests?: () => void;
}
