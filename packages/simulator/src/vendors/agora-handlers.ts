import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import { timingsOf } from '../config.js';
import type { SimContext, SimResponse } from '../types.js';
import {
  AGORA_ERRORS,
  AGORA_LIMITS as L,
  AGORA_RTMP_SERVICE,
  AGORA_SCENE,
  AGORA_WEB_SERVICE,
  type AgoraMode,
} from './agora-constants.js';
import { cnameViolation, sceneViolation, startModeViolation, updateModeViolation } from './agora-rules.js';
import {
  acquireBodySchema,
  check,
  describeIssue,
  startBodySchema,
  stopBodySchema,
  updateBodySchema,
  updateLayoutBodySchema,
} from './agora-schemas.js';
import {
  type AgoraSession,
  participantsOf,
  queryServerResponse,
  setHold,
  statusAt,
  stopServerResponse,
} from './agora-session.js';
import { AGORA_SIM_CAPS, type AgoraStore } from './agora-store.js';
import type { z } from 'zod';

/** Handlers of the Agora operations, after routing, auth, App ID and rate-limit checks (agora.ts). */

export interface AgoraCall {
  ctx: SimContext;
  store: AgoraStore;
  appId: string;
  /** parsed JSON body (POST) */
  body: unknown;
}

export function agoraError(code: number, reason?: string, ids: Record<string, string> = {}): SimResponse {
  const known = AGORA_ERRORS[code];
  return { status: known?.http ?? 400, body: { ...ids, code, reason: reason ?? known?.reason ?? 'error' } };
}

const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body });

function parse<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { value: z.output<T> } | { error: SimResponse } {
  const result = check(schema, body);
  return result.success ? { value: result.data } : { error: agoraError(2, describeIssue(result.error)) };
}

export function acquire(call: AgoraCall): SimResponse {
  const parsed = parse(acquireBodySchema, call.body);
  if ('error' in parsed) return parsed.error;
  const { cname, uid, clientRequest = {} } = parsed.value;
  const scene = clientRequest.scene ?? AGORA_SCENE.REALTIME;
  const bad = cnameViolation(cname, scene === AGORA_SCENE.WEB);
  if (bad) return agoraError(bad.code, bad.reason);
  const now = call.ctx.clock.now();
  const resourceId = call.store.issueResourceId(call.appId, now);
  call.store.addResource({
    id: resourceId,
    appId: call.appId,
    cname,
    uid,
    scene,
    acquiredAt: now,
    resourceExpiredHour: clientRequest.resourceExpiredHour ?? L.resourceExpiredHourDefault,
    ...(clientRequest.startParameter !== undefined ? { startParameter: clientRequest.startParameter } : {}),
  });
  return ok({ cname, uid, resourceId });
}

export function start(call: AgoraCall, resourceId: string, mode: AgoraMode): SimResponse {
  const { ctx, store, appId } = call;
  const parsed = parse(startBodySchema, call.body);
  if ('error' in parsed) return parsed.error;
  const { cname, uid, clientRequest } = parsed.value;
  const ids = { cname, uid, resourceId };
  const now = ctx.clock.now();
  const t = timingsOf(ctx);

  // A resource is single-use: a repeat start of the running task is code 7; anything else is a mismatch or expired.
  const usedBy = store.sidByResource.get(resourceId);
  const previous = usedBy ? store.sessions.get(usedBy) : undefined;
  if (previous) {
    if (previous.endedAt !== undefined)
      return agoraError(433, 'the resource was already used by a recording that has ended', ids);
    if (previous.cname !== cname || previous.uid !== uid)
      return agoraError(432, 'cname/uid do not match the resource', ids);
    return agoraError(7, undefined, ids);
  }
  const resource = store.resources.get(resourceId);
  if (!resource || now >= resource.acquiredAt + L.resourceTtlMs) {
    const issuedAt = store.resourceIssuedAt(resourceId, appId);
    if (issuedAt === undefined) return agoraError(1001, undefined, ids);
    if (now >= issuedAt + L.resourceTtlMs || resource)
      return agoraError(433, 'the resource has expired (valid 5 minutes after acquire)', ids);
    return agoraError(1001, 'the resource is not known (was the simulator reset?)', ids);
  }
  // seed 001: start's uid "需要和你在 acquire 请求中输入的 UID 相同"; seed 000: the same for cname.
  if (resource.cname !== cname)
    return agoraError(432, `cname: must equal the cname given to acquire ("${resource.cname}")`, ids);
  if (resource.uid !== uid)
    return agoraError(432, `uid: must equal the uid given to acquire ("${resource.uid}")`, ids);
  // seed 000: startParameter and the later clientRequest must be "completely consistent".
  if (
    resource.startParameter !== undefined &&
    !isDeepStrictEqual(resource.startParameter, (call.body as { clientRequest?: unknown }).clientRequest)
  ) {
    return agoraError(432, 'clientRequest: must equal the startParameter given to acquire', ids);
  }
  const cnameBad = cnameViolation(cname, mode === 'web');
  if (cnameBad) return agoraError(cnameBad.code, cnameBad.reason, ids);
  const modeBad =
    startModeViolation(mode, clientRequest) ?? sceneViolation(resource.scene, mode, clientRequest);
  if (modeBad) return agoraError(modeBad.code, modeBad.reason, ids);
  if (store.activeSession(appId, cname, uid)) return agoraError(53, undefined, ids);
  if (store.activeCount(appId) >= AGORA_SIM_CAPS.maxActiveSessionsPerApp)
    return agoraError(406, undefined, ids);

  const services = clientRequest.extensionServiceConfig?.extensionServices ?? [];
  let expiresAt = now + resource.resourceExpiredHour * 3_600_000;
  const holds: AgoraSession['holds'] = [];
  const rtmpUrls: string[] = [];
  for (const svc of services) {
    if (svc.serviceName === AGORA_WEB_SERVICE) {
      expiresAt = Math.min(expiresAt, now + svc.serviceParam.maxRecordingHour * 3_600_000);
      if (svc.serviceParam.onhold) holds.push({ from: now });
    } else if (svc.serviceName === AGORA_RTMP_SERVICE) {
      rtmpUrls.push(...svc.serviceParam.outputs.map((o) => o.rtmpUrl));
    }
  }
  const session: AgoraSession = {
    appId,
    resourceId,
    sid: randomBytes(16).toString('hex'),
    cname,
    uid,
    mode,
    startedAt: now,
    request: call.body,
    clientRequest,
    expiresAt,
    participants: participantsOf(clientRequest),
    holds,
    rtmpUrls,
    sequence: 0,
    scheduled: [],
  };
  store.addSession(session, t);
  return ok({ cname, uid, resourceId, sid: session.sid });
}

/**
 * Find the task a sid-addressed call refers to. Agora locates a task by appid + resourceId + sid (+ cname
 * and uid in the body): anything that does not lead to a live task is "failed to find worker" (404).
 */
function liveSession(
  call: AgoraCall,
  resourceId: string,
  sid: string,
  mode: AgoraMode,
): { session: AgoraSession } | { error: SimResponse } {
  const s = call.store.sessions.get(sid);
  const ids = { resourceId, sid };
  if (!s || s.appId !== call.appId || s.resourceId !== resourceId)
    return { error: agoraError(404, undefined, ids) };
  if (s.mode !== mode)
    return {
      error: agoraError(2, `mode: the recording was started in mode "${s.mode}", not "${mode}"`, ids),
    };
  return { session: s };
}

function checkBodyIds(s: AgoraSession, body: { cname: string; uid: string }): SimResponse | undefined {
  const ids = { cname: body.cname, uid: body.uid, resourceId: s.resourceId, sid: s.sid };
  if (body.cname !== s.cname)
    return agoraError(432, `cname: must equal the recording's cname ("${s.cname}")`, ids);
  if (body.uid !== s.uid) return agoraError(432, `uid: must equal the recording's uid ("${s.uid}")`, ids);
  return undefined;
}

const idsOf = (s: AgoraSession) => ({ cname: s.cname, uid: s.uid, resourceId: s.resourceId, sid: s.sid });

export function update(call: AgoraCall, resourceId: string, sid: string, mode: AgoraMode): SimResponse {
  const found = liveSession(call, resourceId, sid, mode);
  if ('error' in found) return found.error;
  const s = found.session;
  if (s.endedAt !== undefined) return agoraError(404, undefined, { resourceId, sid });
  const parsed = parse(updateBodySchema, call.body);
  if ('error' in parsed) return parsed.error;
  const mismatch = checkBodyIds(s, parsed.value);
  if (mismatch) return mismatch;
  const cr = parsed.value.clientRequest;
  const bad = updateModeViolation(s.mode, cr, s.rtmpUrls.length > 0);
  if (bad) return agoraError(bad.code, bad.reason, idsOf(s));
  const now = call.ctx.clock.now();
  if (cr.webRecordingConfig?.onhold !== undefined) setHold(s, cr.webRecordingConfig.onhold, now);
  if (cr.rtmpPublishConfig?.outputs) s.rtmpUrls = cr.rtmpPublishConfig.outputs.map((o) => o.rtmpUrl);
  const audio = cr.streamSubscribe?.audioUidList?.subscribeAudioUids ?? [];
  const video = cr.streamSubscribe?.videoUidList?.subscribeVideoUids ?? [];
  for (const u of [...audio, ...video])
    if (/^\d+$/.test(u) && !s.participants.includes(u)) s.participants.push(u);
  return ok(idsOf(s));
}

export function updateLayout(call: AgoraCall, resourceId: string, sid: string, mode: AgoraMode): SimResponse {
  // seed 000 updateLayout: mode "Only support mix".
  if (mode !== 'mix') return agoraError(2, 'mode: updateLayout only supports mix mode', { resourceId, sid });
  const found = liveSession(call, resourceId, sid, mode);
  if ('error' in found) return found.error;
  const s = found.session;
  if (s.endedAt !== undefined) return agoraError(404, undefined, { resourceId, sid });
  const parsed = parse(updateLayoutBodySchema, call.body);
  if ('error' in parsed) return parsed.error;
  const mismatch = checkBodyIds(s, parsed.value);
  if (mismatch) return mismatch;
  // "This method call overrides the existing ... configuration": the new layout replaces the old one.
  s.layout = parsed.value.clientRequest;
  return ok(idsOf(s));
}

export function query(call: AgoraCall, resourceId: string, sid: string, mode: AgoraMode): SimResponse {
  const found = liveSession(call, resourceId, sid, mode);
  if ('error' in found) return found.error;
  const s = found.session;
  // seed 000 query: "If you call query after a recording ends ... you get a 404".
  if (s.endedAt !== undefined) return agoraError(404, undefined, { resourceId, sid });
  const now = call.ctx.clock.now();
  return ok({
    resourceId,
    sid,
    serverResponse: queryServerResponse(s, timingsOf(call.ctx), now),
    cname: s.cname,
    uid: s.uid,
  });
}

export function stop(call: AgoraCall, resourceId: string, sid: string, mode: AgoraMode): SimResponse {
  const found = liveSession(call, resourceId, sid, mode);
  if ('error' in found) return found.error;
  const s = found.session;
  const parsed = parse(stopBodySchema, call.body);
  if ('error' in parsed) return parsed.error;
  const mismatch = checkBodyIds(s, parsed.value);
  if (mismatch) return mismatch;
  // the vendor notes (docs/vendors/sources.md) code 49: the task is already exiting (repeat stop, idle timeout, expiry).
  if (s.endedAt !== undefined) return agoraError(49, undefined, idsOf(s));
  const { ctx, store } = call;
  const t = timingsOf(ctx);
  const now = ctx.clock.now();
  const asyncStop = parsed.value.clientRequest.async_stop === true;
  if (statusAt(s, t, now) < 5) {
    // Stopped before anything was recorded: the vendor notes (docs/vendors/sources.md) code 435 (HTTP 206).
    store.endSession(ctx, s, now, 'nothing-recorded', true);
    return agoraError(435, undefined, idsOf(s));
  }
  store.endSession(ctx, s, now, 'stopped', !asyncStop);
  // Synchronous stop answers after the upload; asynchronous stop answers before it is known.
  const serverResponse = stopServerResponse(s, t, now, asyncStop ? 'unknown' : 'uploaded');
  return ok({ resourceId, sid, serverResponse, cname: s.cname, uid: s.uid });
}
