/**
 * Contract between the simulator's server (server.ts, faults.ts, rate-limit.ts) and its vendor
 * emulators (vendors/agora.ts, vendors/zego.ts, vendors/jocloud.ts). Each emulator is written from
 * the vendor documents in the vendor documents (docs/vendors/sources.md) and the vendor notes (docs/vendors/sources.md), never from the @unirec adapters.
 */

import type { SimFaultKind } from './faults.js';

export type SimVendor = 'agora' | 'zego' | 'jocloud';

export interface SimCredentials {
  agora: { appId: string; customerId: string; customerSecret: string };
  zego: { appId: number; serverSecret: string };
  jocloud: { appId: number; restfulId: string; restfulSecret: string };
}

/** A parsed incoming HTTP request, as an emulator sees it. */
export interface SimRequest {
  method: string;
  url: URL;
  /** lower-cased header names (node:http) */
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** What an emulator answers. `body` objects are JSON-encoded; strings are sent as-is. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** One recorded request/response pair (secrets are kept: this is a test fixture, local only). */
export interface SimRequestLog {
  vendor: SimVendor | 'unknown';
  /** vendor operation: 'acquire', 'start', 'StartRecord', 'applyrecord', ... */
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  response: unknown;
  at: number;
  /**
   * The fault applied to this request, if any. For `lost-response` / `late-response`, `status` and
   * `response` are what the emulator answered (and the client never / only late received).
   */
  fault?: SimFaultKind;
}

export interface SimClock {
  /** milliseconds since epoch */
  now(): number;
}

/** A webhook the simulator should deliver (signed by the emulator in the vendor's format). */
export interface SimWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Services the server hands to each emulator. */
export interface SimContext {
  clock: SimClock;
  credentials: SimCredentials;
  /**
   * Token-bucket check for `key` (e.g. 'agora:<appId>', 'zego:<appId>:StartRecord') at `perSecond`
   * requests per second. Returns false when the request is over the limit (the emulator answers
   * the vendor's rate-limit error). Limits may be overridden by `startSimulator({ rateLimits })`.
   */
  allow(key: string, perSecond: number): boolean;
  /** Queue a signed webhook for delivery (no-op when callbacks are disabled). */
  emitWebhook(hook: SimWebhook): void;
  /** Options.callbacks for this vendor (where to send webhooks and the secret to sign them with). */
  callbacks: SimCallbacks;
  /** Simulated durations (status progression, file slicing, upload); always set by the server. */
  timings?: SimTimings;
}

/**
 * Simulated durations, in milliseconds of the simulator clock. Real services take seconds to minutes;
 * the defaults are compressed so demos and tests see every state quickly.
 */
export interface SimTimings {
  /** start → the task reports "starting" (Agora status 2) */
  startingMs: number;
  /** start → the task is ready (Agora status 4) */
  readyMs: number;
  /** start → recording in progress, first files exist (Agora status 5, ZEGO Status 2) */
  recordingMs: number;
  /** interval between new files / slices appearing in query results */
  sliceMs: number;
  /** stop → upload finished (async stop, upload webhooks) */
  uploadMs: number;
  /** how long an ended session is remembered (repeat stop, query after stop) before it is swept */
  endedRetentionMs: number;
}

export interface SimCallbacks {
  agora?: { url: string; secret: string };
  zego?: { url: string; secret: string };
  // No JOCloud entry: the vendor documents no signature and no console-wide address; each task's
  // `callbackurl` is called exactly as given (see the README).
}

/** One emulator: decides whether a request is its own, and answers it. */
export interface VendorEmulator {
  vendor: SimVendor;
  /** true when the request path belongs to this vendor */
  matches(req: SimRequest): boolean;
  /** name of the vendor operation (for logs and fault matching), or 'unknown' */
  operationOf(req: SimRequest): string;
  handle(req: SimRequest, ctx: SimContext): Promise<SimResponse> | SimResponse;
  /** A vendor-shaped error response with the given vendor code (used by injectFault({ vendorCode })). */
  errorResponse(vendorCode: number | string, req: SimRequest): SimResponse;
  /** Live sessions for inspection: id → state snapshot. */
  sessions(): SimSessionView[];
  /** Drop every resource and session (between tests). */
  reset(): void;
  /**
   * Advance time-driven state (status changes, time-based webhooks, sweeping of expired resources).
   * Called periodically, before each of the emulator's requests and after `Simulator.advance()`.
   */
  tick?(ctx: SimContext): void;
}

/**
 * Where a recording stands, as the emulated vendor sees it. `active` states are the ones the vendor still
 * has running (and bills): 'initialised' | 'starting' | 'ready' | 'recording' | 'paused'. The others are
 * over: 'stopped' (by a stop call, or by the vendor's own idle / time limit), 'exited' (Agora: the resource
 * expired), 'failed' (ended abnormally).
 */
export type SimSessionState =
  | 'initialised'
  | 'starting'
  | 'ready'
  | 'recording'
  | 'paused'
  | 'stopped'
  | 'exited'
  | 'failed';

export const ACTIVE_SESSION_STATES: ReadonlySet<SimSessionState> = new Set([
  'initialised',
  'starting',
  'ready',
  'recording',
  'paused',
]);

/** The ids each vendor uses for a recording, under the vendor's own field names. */
export interface SimVendorIds {
  agora: { appId: string; resourceId: string; sid: string; cname: string; uid: string; mode: string };
  zego: { AppId: number; TaskId: string; RoomId: string; ClientTaskId?: string };
  jocloud: { appid: number; resid: string; recordid: string; roomid: string };
}

interface SimSessionCommon {
  /** the vendor's task id: Agora sid, ZEGO TaskId, JOCloud recordid */
  id: string;
  /** Agora cname, ZEGO RoomId, JOCloud roomid */
  room: string;
  state: SimSessionState;
  /** true while the vendor has the recording running (state in ACTIVE_SESSION_STATES) */
  active: boolean;
  /**
   * The vendor's own status value: Agora serverResponse.status, ZEGO Status, JOCloud queryrecord
   * data.status (absent once a JOCloud task is over: queryrecord then answers 4013).
   */
  vendorStatus?: number;
  startedAt: number;
  stoppedAt?: number;
  files: Array<{ name: string; sizeBytes?: number }>;
  /** the start request body as the vendor holds it now (layout updates applied) */
  request: unknown;
}

/** One recording the emulated vendor knows about (running, or ended and still remembered). */
export type SimSessionView = {
  [V in SimVendor]: SimSessionCommon & { vendor: V; ids: SimVendorIds[V] };
}[SimVendor];

/** `simulator.sessions(filter)`: every field optional; all given fields must match. */
export interface SimSessionFilter {
  vendor?: SimVendor;
  state?: SimSessionState | readonly SimSessionState[];
  /** true: only recordings the vendor still has running; false: only ended ones */
  active?: boolean;
  room?: string;
}
