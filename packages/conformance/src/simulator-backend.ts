import type { Vendor } from '@unirec/core';
import { type SimFault, type SimSessionView, type Simulator, startSimulator } from '@unirec/simulator';
import type { Failure, NeutralOperation } from './types.js';

/**
 * The conformance suite's view of @unirec/simulator: which simulator operation each neutral call
 * sends, the vendor answer each semantic failure is, and what the emulated vendor runs (to find
 * duplicate and orphan recordings). The only vendor knowledge in the suite lives in these tables:
 * the simulator's own operation names and error codes (see its README), not an adapter's.
 */

/** The simulator operation a neutral call's failure is injected into (the request that matters). */
const TARGET: Record<Vendor, Record<NeutralOperation, string>> = {
  agora: { start: 'start', updateLayout: 'updateLayout', query: 'query', stop: 'stop' },
  zego: {
    start: 'StartRecord',
    updateLayout: 'UpdateLayout',
    query: 'DescribeRecordStatus',
    stop: 'StopRecord',
  },
  jocloud: {
    start: 'startrecord',
    updateLayout: 'updatemixrecord',
    query: 'queryrecord',
    stop: 'stoprecord',
  },
};

/** Every simulator operation → the neutral call it belongs to (others: 'other'). */
const NEUTRAL: Record<Vendor, Record<string, NeutralOperation>> = {
  agora: { acquire: 'start', start: 'start', updateLayout: 'updateLayout', query: 'query', stop: 'stop' },
  zego: {
    StartRecord: 'start',
    UpdateLayout: 'updateLayout',
    DescribeRecordStatus: 'query',
    StopRecord: 'stop',
  },
  jocloud: {
    applyrecord: 'start',
    startrecord: 'start',
    updatemixrecord: 'updateLayout',
    queryrecord: 'query',
    stoprecord: 'stop',
  },
};

/** The vendor code of each semantic failure, as the simulator's emulators answer it (undefined: none). */
const CODES: Record<Vendor, Partial<Record<Failure, number | string>>> = {
  agora: {
    auth: 'unauthorized',
    'rate-limit': 'rate-limited',
    'not-found': 404,
    conflict: 53,
    'invalid-parameter': 2,
    'already-stopped': 49,
  },
  zego: {
    auth: 100000005,
    'rate-limit': 300000003,
    'not-found': 300001000,
    'invalid-parameter': 300000004,
    'already-stopped': 300001001,
  },
  jocloud: {
    auth: 1001,
    'rate-limit': 2105,
    'not-found': 4013,
    conflict: 4011,
    'invalid-parameter': 2101,
    'already-stopped': 4013,
  },
};

export interface BackendRequest {
  operation: string;
  neutral: NeutralOperation | 'other';
  status: number;
}

export interface SimulatorBackend {
  readonly sim: Simulator;
  readonly vendor: Vendor;
  readonly baseUrl: string;
  /** this vendor's credentials in the simulator */
  readonly credentials: Record<string, unknown>;
  /** every request of this vendor the simulator received since the last reset */
  requests(): BackendRequest[];
  /** the next `times` requests of `operation` fail with `failure` */
  fail(operation: NeutralOperation, failure: Failure, times?: number): void;
  /** whether the vendor has an answer for `failure` (e.g. ZEGO has no "already recording") */
  canFail(failure: Failure): boolean;
  /** recordings the emulated vendor is running now */
  running(): SimSessionView[];
  reset(): void;
  close(): Promise<void>;
}

/** The simulator's limit per key in the suite, and the pace of the suite's providers (below it). */
export const SIMULATOR_REQUESTS_PER_SECOND = 200;
export const SUITE_REQUESTS_PER_SECOND = 100;

export async function startSimulatorBackend(vendor: Vendor): Promise<SimulatorBackend> {
  // Fast timings so every state is seen within a test. Rate limits stay on but are raised (the suite's
  // providers pace at SUITE_REQUESTS_PER_SECOND): the published limits are measured by the rate-limit
  // tests below, the fleet test and the benchmarks, not by slowing every case to 10 requests a second.
  const sim = await startSimulator({
    timings: { startingMs: 0, readyMs: 150, recordingMs: 150, uploadMs: 50 },
    rateLimits: {
      agora: SIMULATOR_REQUESTS_PER_SECOND,
      zego: SIMULATOR_REQUESTS_PER_SECOND,
      jocloud: SIMULATOR_REQUESTS_PER_SECOND,
    },
  });
  const credentials = (sim.credentials as unknown as Record<Vendor, Record<string, unknown>>)[vendor];
  return {
    sim,
    vendor,
    baseUrl: sim.url,
    credentials,
    requests: () =>
      sim.requests
        .filter((r) => r.vendor === vendor)
        .map((r) => ({
          operation: r.operation,
          neutral: NEUTRAL[vendor][r.operation] ?? 'other',
          status: r.status,
        })),
    canFail: (failure) => failure in faultKinds || CODES[vendor][failure] !== undefined,
    fail(operation, failure, times = 1) {
      const fault: SimFault = { vendor, operation: TARGET[vendor][operation], times, kind: 'http-5xx' };
      const kind = faultKinds[failure];
      if (kind) fault.kind = kind as SimFault['kind'];
      else {
        const code = CODES[vendor][failure];
        if (code === undefined) throw new Error(`the ${vendor} simulator has no '${failure}' answer`);
        fault.kind = 'vendor-error';
        fault.vendorCode = code;
      }
      sim.injectFault(fault);
    },
    running: () => sim.activeRecordings(vendor),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}

const faultKinds: Partial<Record<Failure, string>> = {
  'server-error': 'http-5xx',
  network: 'reset',
  hang: 'hang',
  malformed: 'malformed-json',
  'lost-response': 'lost-response',
};
