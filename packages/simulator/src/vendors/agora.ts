import { randomBytes, timingSafeEqual } from 'node:crypto';
import { timingsOf } from '../config.js';
import {
  ACTIVE_SESSION_STATES,
  type SimContext,
  type SimRequest,
  type SimResponse,
  type SimSessionView,
  type VendorEmulator,
} from '../types.js';
import {
  AGORA_ERRORS,
  AGORA_GATEWAY,
  AGORA_LIMITS,
  AGORA_MODES,
  AGORA_NCS_IP_PATH,
  AGORA_PATH_PREFIX,
  type AgoraMode,
} from './agora-constants.js';
import * as op from './agora-handlers.js';
import { agoraError } from './agora-handlers.js';
import { filesAt, statusAt, viewState } from './agora-session.js';
import { AgoraStore } from './agora-store.js';

/**
 * Emulator of the Agora Cloud Recording RESTful API (seed 000, seed 001, the vendor notes (docs/vendors/sources.md) § Agora).
 *
 * Checks run in the order a real deployment would apply them: route → gateway auth (401) → App ID (400)
 * → rate limit (429) → method / content type / JSON (code 8) → body schema (code 2) → lifecycle.
 */

type AgoraOperation = 'acquire' | 'start' | 'update' | 'updateLayout' | 'query' | 'stop' | 'ncsIp';

interface AgoraRoute {
  operation: AgoraOperation | 'unknown';
  appId?: string;
  resourceId?: string;
  sid?: string;
  mode?: string;
}

const METHOD: Record<AgoraOperation, 'GET' | 'POST'> = {
  acquire: 'POST',
  start: 'POST',
  update: 'POST',
  updateLayout: 'POST',
  query: 'GET',
  stop: 'POST',
  ncsIp: 'GET',
};

const SID_OPERATIONS: ReadonlySet<string> = new Set(['update', 'updateLayout', 'query', 'stop']);

function route(path: string): AgoraRoute {
  if (path === AGORA_NCS_IP_PATH) return { operation: 'ncsIp' };
  let segments: string[];
  try {
    segments = path.slice(AGORA_PATH_PREFIX.length).split('/').map(decodeURIComponent);
  } catch {
    return { operation: 'unknown' };
  }
  const [appId, product, ...rest] = segments;
  if (!appId || product !== 'cloud_recording') return { operation: 'unknown', ...(appId ? { appId } : {}) };
  if (rest.length === 1 && rest[0] === 'acquire') return { operation: 'acquire', appId };
  // resourceid/{rid}/mode/{mode}/start
  if (rest.length === 5 && rest[0] === 'resourceid' && rest[2] === 'mode' && rest[4] === 'start') {
    return { operation: 'start', appId, resourceId: rest[1]!, mode: rest[3]! };
  }
  // resourceid/{rid}/sid/{sid}/mode/{mode}/{update|updateLayout|query|stop}
  if (
    rest.length === 7 &&
    rest[0] === 'resourceid' &&
    rest[2] === 'sid' &&
    rest[4] === 'mode' &&
    SID_OPERATIONS.has(rest[6]!)
  ) {
    return {
      operation: rest[6] as AgoraOperation,
      appId,
      resourceId: rest[1]!,
      sid: rest[3]!,
      mode: rest[5]!,
    };
  }
  return { operation: 'unknown', appId };
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `Authorization: Basic base64(customerId:customerSecret)`, compared in constant time. */
function authorized(req: SimRequest, ctx: SimContext): boolean {
  const value = header(req, 'authorization');
  const match = value ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'base64');
  const { customerId, customerSecret } = ctx.credentials.agora;
  const expected = Buffer.from(`${customerId}:${customerSecret}`, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function gateway(kind: keyof typeof AGORA_GATEWAY): SimResponse {
  const g = AGORA_GATEWAY[kind];
  return { status: g.http, body: { message: g.message } };
}

function withRequestId(response: SimResponse): SimResponse {
  return {
    ...response,
    headers: {
      'content-type': 'application/json;charset=utf-8',
      ...response.headers,
      'x-request-id': randomBytes(16).toString('hex'),
    },
  };
}

export function createAgoraEmulator(): VendorEmulator {
  const store = new AgoraStore();

  const dispatch = (req: SimRequest, ctx: SimContext): SimResponse => {
    const r = route(req.url.pathname);
    if (r.operation === 'unknown')
      return { status: 404, body: { message: 'no Route matched with those values' } };
    if (!authorized(req, ctx)) return gateway('unauthorized');

    if (r.operation === 'ncsIp') {
      if (!ctx.allow(`agora:ncs:${ctx.credentials.agora.customerId}`, AGORA_LIMITS.requestsPerSecond))
        return gateway('rateLimited');
      if (req.method !== 'GET') return agoraError(8, 'method: ncs/ip is GET');
      // Webhooks come from the simulator itself, so loopback is the notification server's address.
      return { status: 200, body: { data: { service: { hosts: [{ primaryIP: '127.0.0.1' }] } } } };
    }

    const appId = r.appId!;
    if (appId !== ctx.credentials.agora.appId) return agoraError(400, `invalid appid: ${appId.slice(0, 64)}`);
    if (!ctx.allow(`agora:${appId}`, AGORA_LIMITS.requestsPerSecond)) return gateway('rateLimited');
    if (req.method !== METHOD[r.operation])
      return agoraError(8, `method: ${r.operation} must be called with ${METHOD[r.operation]}`);

    let mode: AgoraMode | undefined;
    if (r.mode !== undefined) {
      if (!(AGORA_MODES as readonly string[]).includes(r.mode))
        return agoraError(2, 'mode: must be "individual", "mix" or "web"');
      mode = r.mode as AgoraMode;
    }

    let body: unknown;
    if (METHOD[r.operation] === 'POST') {
      const contentType = header(req, 'content-type');
      if (contentType !== undefined && !/^application\/json\b/i.test(contentType.trim())) {
        return agoraError(8, 'Content-Type: must be application/json');
      }
      try {
        body = JSON.parse(req.rawBody.toString('utf8'));
      } catch {
        return agoraError(8, 'body: is not valid JSON');
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        return agoraError(2, 'body: must be a JSON object');
    }

    const call: op.AgoraCall = { ctx, store, appId, body };
    switch (r.operation) {
      case 'acquire':
        return op.acquire(call);
      case 'start':
        return op.start(call, r.resourceId!, mode!);
      case 'update':
        return op.update(call, r.resourceId!, r.sid!, mode!);
      case 'updateLayout':
        return op.updateLayout(call, r.resourceId!, r.sid!, mode!);
      case 'query':
        return op.query(call, r.resourceId!, r.sid!, mode!);
      case 'stop':
        return op.stop(call, r.resourceId!, r.sid!, mode!);
    }
  };

  let lastCtx: SimContext | undefined;

  return {
    vendor: 'agora',
    matches: (req) =>
      req.url.pathname.startsWith(AGORA_PATH_PREFIX) || req.url.pathname === AGORA_NCS_IP_PATH,
    operationOf: (req) => route(req.url.pathname).operation,
    handle(req, ctx) {
      lastCtx = ctx;
      return withRequestId(dispatch(req, ctx));
    },
    errorResponse(vendorCode, req) {
      const r = route(req.url.pathname);
      const ids = { ...(r.resourceId ? { resourceId: r.resourceId } : {}), ...(r.sid ? { sid: r.sid } : {}) };
      if (vendorCode === 'unauthorized') return withRequestId(gateway('unauthorized'));
      if (vendorCode === 'rate-limited' || vendorCode === 429) return withRequestId(gateway('rateLimited'));
      const code = typeof vendorCode === 'number' ? vendorCode : Number.parseInt(vendorCode, 10);
      if (!Number.isFinite(code))
        return withRequestId(agoraError(2, `simulated error ${String(vendorCode)}`, ids));
      return withRequestId(agoraError(code, AGORA_ERRORS[code]?.reason ?? `simulated error ${code}`, ids));
    },
    sessions(): SimSessionView[] {
      const now = lastCtx?.clock.now() ?? Date.now();
      const timings = timingsOf(lastCtx ?? {});
      return [...store.sessions.values()].map((s) => {
        const at = s.endedAt ?? now;
        const state = viewState(s, timings, now);
        const view: SimSessionView = {
          vendor: 'agora',
          id: s.sid,
          room: s.cname,
          ids: {
            appId: s.appId,
            resourceId: s.resourceId,
            sid: s.sid,
            cname: s.cname,
            uid: s.uid,
            mode: s.mode,
          },
          state,
          active: ACTIVE_SESSION_STATES.has(state),
          vendorStatus: statusAt(s, timings, now),
          startedAt: s.startedAt,
          files: filesAt(s, timings, at).map((f) => ({ name: f.fileName })),
          request: s.request,
        };
        if (s.endedAt !== undefined) view.stoppedAt = s.endedAt;
        return view;
      });
    },
    reset: () => store.reset(),
    tick(ctx) {
      lastCtx = ctx;
      store.tick(ctx);
    },
  };
}
