import type { SimFault } from './faults.js';
import type { RateLimitOverrides } from './rate-limit.js';
import type {
  SimCallbacks,
  SimClock,
  SimCredentials,
  SimRequestLog,
  SimSessionFilter,
  SimSessionView,
  SimTimings,
  SimVendor,
  VendorEmulator,
} from './types.js';
import type { SimWebhookDelivery } from './webhooks.js';

/** Options, defaults and the handle returned by `startSimulator` (server.ts). */

/**
 * Credentials the simulator accepts when none are given. Clients of the simulator (demo, CLI, tests)
 * use these unless they pass their own `credentials`.
 */
export const DEFAULT_SIMULATOR_CREDENTIALS: Readonly<SimCredentials> = Object.freeze({
  // Agora App IDs are 32 hex characters.
  agora: {
    appId: '5f2c0a8e9b7d4c1e8a6f3b2d1c0e9f8a',
    customerId: 'sim-agora-customer-id',
    customerSecret: 'sim-agora-customer-secret',
  },
  // ZEGO AppIDs are uint32; ServerSecrets are 32 hex characters.
  zego: { appId: 1234567890, serverSecret: '0123456789abcdef0123456789abcdef' },
  jocloud: {
    appId: 1234567,
    restfulId: 'sim-jocloud-restful-id',
    restfulSecret: 'sim-jocloud-restful-secret',
  },
});

/** Compressed lifecycle durations (ms of simulator clock): every state is visible within a second. */
export const DEFAULT_SIM_TIMINGS: Readonly<SimTimings> = Object.freeze({
  startingMs: 100,
  readyMs: 300,
  recordingMs: 500,
  sliceMs: 60_000,
  uploadMs: 200,
  endedRetentionMs: 10 * 60_000,
});

export interface SimulatorOptions {
  /** default 0: a random free port */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** default the system clock; pass `createManualClock()` to drive time by hand (`simulator.advance`) */
  clock?: SimClock;
  /** deep-merged over DEFAULT_SIMULATOR_CREDENTIALS */
  credentials?: { [V in keyof SimCredentials]?: Partial<SimCredentials[V]> };
  /** per-key-prefix overrides of the vendors' published limits (see rate-limit.ts), or false to disable */
  rateLimits?: RateLimitOverrides | false;
  /** where to deliver webhooks (loopback only) and the secrets to sign them with */
  callbacks?: SimCallbacks;
  timings?: Partial<SimTimings>;
  /** request body cap; default 1 MiB (413 above it) */
  maxBodyBytes?: number;
  /** request log cap; default 5000 (oldest dropped first) */
  requestLogLimit?: number;
  /** how often time-driven state is advanced on the real clock; default 100 ms */
  tickIntervalMs?: number;
  /** replace the built-in emulators (tests of the framework itself) */
  emulators?: VendorEmulator[];
}

export interface Simulator {
  /** e.g. 'http://127.0.0.1:54321' (no trailing slash): the `baseUrl` for every provider */
  readonly url: string;
  readonly port: number;
  readonly credentials: SimCredentials;
  readonly clock: SimClock;
  readonly timings: SimTimings;
  /** append-only (capped) log of every request and its answer */
  readonly requests: SimRequestLog[];
  /** every webhook queued for delivery, with its outcome */
  readonly webhooks: SimWebhookDelivery[];
  clearRequests(): void;
  /**
   * Every recording the emulated vendors know about now (time-driven state is applied first), with the
   * vendor's own ids and state; `filter` narrows by vendor, state, active/ended and room. Ended recordings
   * stay listed while the vendor remembers them (`timings.endedRetentionMs`).
   */
  sessions(filter?: SimSessionFilter): SimSessionView[];
  /**
   * The recordings the vendor still has running (`sessions({ vendor, active: true })`): what a test asserts
   * empty for "no orphan recording", or grouped by room for "no duplicate recording".
   */
  activeRecordings(vendor?: SimVendor): SimSessionView[];
  injectFault(fault: SimFault): void;
  /** faults still armed, with their remaining `times` */
  pendingFaults(): SimFault[];
  clearFaults(): void;
  /** drop every resource, session, fault, rate-limit bucket and log entry */
  reset(): void;
  /** present when the clock is manual: move it forward and run time-driven state */
  advance?(ms: number): void;
  /** run time-driven state now (status changes, webhooks, sweeping) */
  tick(): void;
  /** resolves when no webhook delivery is in flight */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

export function mergeCredentials(overrides: SimulatorOptions['credentials']): SimCredentials {
  const d = DEFAULT_SIMULATOR_CREDENTIALS;
  return {
    agora: { ...d.agora, ...overrides?.agora },
    zego: { ...d.zego, ...overrides?.zego },
    jocloud: { ...d.jocloud, ...overrides?.jocloud },
  };
}

/**
 * Keep the phases ordered (starting ≤ ready ≤ recording) whatever subset the caller overrides, so
 * `timings: { recordingMs: 0 }` means "running at once", and slices never divide by zero.
 */
export function normalizeTimings(overrides: Partial<SimTimings> = {}): SimTimings {
  const t: SimTimings = { ...DEFAULT_SIM_TIMINGS, ...overrides };
  const nonNegative = (v: number) => (Number.isFinite(v) ? Math.max(0, v) : 0);
  const recordingMs = nonNegative(t.recordingMs);
  const readyMs = Math.min(nonNegative(t.readyMs), recordingMs);
  const startingMs = Math.min(nonNegative(t.startingMs), readyMs);
  return {
    startingMs,
    readyMs,
    recordingMs,
    sliceMs: Math.max(1, nonNegative(t.sliceMs)),
    uploadMs: nonNegative(t.uploadMs),
    endedRetentionMs: nonNegative(t.endedRetentionMs),
  };
}

/** The timings an emulator should use: the server always sets them; unit tests may not. */
export function timingsOf(ctx: { timings?: SimTimings }): SimTimings {
  return ctx.timings ?? DEFAULT_SIM_TIMINGS;
}
