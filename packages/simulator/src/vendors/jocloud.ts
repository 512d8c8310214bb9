/**
 * JOCloud cloud recording emulator: /app/{appid}/v1/recordoss/{reqUri}?traceId= with headers AppID and
 * Token: Basic base64(restfulId:restfulSecret). Answers `{code, message, …, traceId}`.
 * Written from seed 003 and the vendor notes (docs/vendors/sources.md), not from the @unirec/jocloud adapter.
 */
import { randomBytes } from 'node:crypto';
import {
  ACTIVE_SESSION_STATES,
  type SimClock,
  type SimContext,
  type SimRequest,
  type SimSessionState,
  type SimSessionView,
  type VendorEmulator,
} from '../types.js';
import { joCallback } from './jocloud-callbacks.js';
import {
  JOCLOUD_CALLBACK,
  JOCLOUD_CODES,
  JOCLOUD_OPERATIONS,
  JOCLOUD_QUERY_STATUS,
  JOCLOUD_RATE,
  JOCLOUD_SIM_DEFAULTS,
} from './jocloud-constants.js';
import {
  checkAuth,
  contentTypeViolation,
  invalid,
  PATH,
  type Reply,
  respond,
  type Route,
  routeOf,
  traceIdOf,
} from './jocloud-http.js';
import { checkMixConfig, checkStartRecord, effectiveMixConfig, type Violation } from './jocloud-rules.js';
import {
  type JoStartRecord,
  StartRecordBody,
  StopRecordBody,
  UpdateMixRecordBody,
} from './jocloud-schemas.js';
import { parseBody, type UnknownFields } from './zego-jocloud-validation.js';

export interface JoCloudEmulatorOptions {
  /** time in queryrecord status 0 (init) before status 1; default ctx.timings.recordingMs, else 1000 ms */
  startDelayMs?: number;
  /** how long an unused resid stays valid; default 5 minutes (seed) */
  residTtlMs?: number;
  /** how long a stopped task is remembered (so its resid answers 4012, not unknown); default ctx.timings.endedRetentionMs */
  endedRetentionMs?: number;
  /** how long a room may publish nothing before its recordings stop by themselves; default 30 s (seed) */
  idleStopMs?: number;
  /** body fields the seed does not name: 'reject' (default) or 'ignore' */
  unknownFields?: UnknownFields;
}

export interface JoCloudEmulator extends VendorEmulator {
  /** Ends a task as a failure would (msgtype 1 then 2 callbacks); false for an unknown or stopped task. */
  failSession(recordid: string, ctx: SimContext): boolean;
  /**
   * Every room publishes until told otherwise. A room that stops publishing answers startrecord with 4005
   * and its running recordings stop by themselves after `idleStopMs` (seed: "no stream in the room for
   * more than the preset time (default is 30 s)"); publishing again cancels that.
   */
  setRoomPublishing(roomid: string, publishing: boolean): void;
}

interface Resource {
  resid: string;
  createdAt: number;
  recordid?: string;
}

interface JoTask {
  recordid: string;
  resid: string;
  roomid: string;
  appid: number;
  /** the start body as the service holds it: output sizes, fps and gop as it adjusted them */
  body: JoStartRecord;
  callbackurl?: string;
  createdAt: number;
  startAt: number;
  stoppedAt?: number;
  outcome?: 'stopped' | 'failed';
  startNotified: boolean;
  lastMsgStamp: number;
}

export function createJoCloudEmulator(options: JoCloudEmulatorOptions = {}): JoCloudEmulator {
  const unknownFields = options.unknownFields ?? 'reject';
  const residTtlMs = options.residTtlMs ?? JOCLOUD_SIM_DEFAULTS.residTtlMs;
  const idleStopMs = options.idleStopMs ?? JOCLOUD_SIM_DEFAULTS.idleStopMs;
  const resources = new Map<string, Resource>();
  const tasks = new Map<string, JoTask>();
  /** rooms not publishing → since when */
  const silentRooms = new Map<string, number>();
  // The seed's ids share a 12-hex stem (resid "…-ba11073100006be2", recordid "ba1107310000…"): a node id.
  const node = `${randomBytes(4).toString('hex')}0000`;
  let clock: SimClock = { now: () => Date.now() };
  const startDelay = (ctx: SimContext) =>
    options.startDelayMs ?? ctx.timings?.recordingMs ?? JOCLOUD_SIM_DEFAULTS.startDelayMs;
  const retention = (ctx: SimContext) =>
    options.endedRetentionMs ?? ctx.timings?.endedRetentionMs ?? JOCLOUD_SIM_DEFAULTS.endedRetentionMs;

  function uids(t: JoTask): string[] {
    if (t.body.streamtype === 2) return [t.body.uid ?? ''];
    const input = t.body.mixconfig?.input;
    return input?.length ? input.map((i) => i.uid) : ['0'];
  }

  function fileAddress(t: JoTask): string {
    const s = t.body.storagecfg;
    const host = s.endpoint.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    const prefix = (s.fileprefix ?? []).map((p) => `${p}/`).join('');
    return `https://${s.bucket}.${host}/${prefix}${t.recordid}.m3u8`;
  }

  function emit(ctx: SimContext, t: JoTask, msgtype: number, msgname: string, now: number) {
    const hook = joCallback(t, { uids: uids(t), fileaddress: fileAddress(t) }, msgtype, msgname, now);
    if (hook) ctx.emitWebhook(hook);
  }

  function end(ctx: SimContext, t: JoTask, outcome: 'stopped' | 'failed', at: number) {
    t.outcome = outcome;
    t.stoppedAt = at;
    emit(ctx, t, JOCLOUD_CALLBACK.msgtype.STATUS, JOCLOUD_CALLBACK.msgname.stopped, at);
    if (at >= t.startAt) emit(ctx, t, JOCLOUD_CALLBACK.msgtype.RESULT, JOCLOUD_CALLBACK.msgname.result, at);
  }

  function tick(ctx: SimContext) {
    clock = ctx.clock;
    const now = ctx.clock.now();
    for (const t of tasks.values()) {
      if (!t.outcome && !t.startNotified && now >= t.startAt) {
        t.startNotified = true;
        emit(ctx, t, JOCLOUD_CALLBACK.msgtype.STATUS, JOCLOUD_CALLBACK.msgname.started, t.startAt);
      }
      const silentSince = silentRooms.get(t.roomid);
      if (!t.outcome && silentSince !== undefined) {
        const idleEnd = Math.max(silentSince, t.createdAt) + idleStopMs;
        if (now >= idleEnd) end(ctx, t, 'stopped', idleEnd);
      }
      if (t.outcome && now - (t.stoppedAt ?? now) > retention(ctx)) {
        tasks.delete(t.recordid);
        resources.delete(t.resid);
      }
    }
    for (const r of resources.values())
      if (!r.recordid && now - r.createdAt > residTtlMs) resources.delete(r.resid);
  }

  /** The live task named by recordid in roomid, or the reply to send instead (unknown and ended alike). */
  function liveTask(recordid: string, roomid: string): JoTask | Reply {
    const t = tasks.get(recordid);
    if (!t || t.outcome || t.roomid !== roomid) return { code: JOCLOUD_CODES.RECORDID_UNKNOWN };
    return t;
  }
  const isReply = (v: JoTask | Reply): v is Reply => 'code' in v;
  const appidMismatch = (appid: number, ctx: SimContext) =>
    appid === ctx.credentials.jocloud.appId
      ? null
      : invalid(`appid ${appid} does not match the AppID of the URL`);
  const fromViolation = (v: Violation): Reply =>
    v.code === JOCLOUD_CODES.INVALID_PARAMETER ? invalid(v.message) : { code: v.code, message: v.message };

  function startRecord(body: unknown, ctx: SimContext, now: number): Reply {
    const parsed = parseBody(StartRecordBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const req = parsed.data;
    const mismatch = appidMismatch(req.appid, ctx);
    if (mismatch) return mismatch;
    const rule = checkStartRecord(req);
    if (rule) return fromViolation(rule);
    const res = resources.get(req.resid);
    if (res?.recordid) {
      // single use: 4011 while its task runs (no recordid in the answer: the seed documents none for
      // errors), 4012 once it is over ("call applyrecord to request a new resid")
      const task = tasks.get(res.recordid);
      return { code: task && !task.outcome ? JOCLOUD_CODES.TASK_EXISTS : JOCLOUD_CODES.RESID_INVALID };
    }
    if (!res || now - res.createdAt > residTtlMs) return { code: JOCLOUD_CODES.RESID_INVALID };
    if (silentRooms.has(req.roomid)) return { code: JOCLOUD_CODES.ROOM_NOT_PUBLISHING };
    let recordid = `${node}${randomBytes(12).toString('hex').slice(0, 23)}`;
    while (tasks.has(recordid)) recordid = `${node}${randomBytes(12).toString('hex').slice(0, 23)}`;
    res.recordid = recordid;
    const held = req.mixconfig ? { ...req, mixconfig: effectiveMixConfig(req.mixconfig) } : req;
    tasks.set(recordid, {
      recordid,
      resid: req.resid,
      roomid: req.roomid,
      appid: req.appid,
      body: held,
      ...(req.callbackurl ? { callbackurl: req.callbackurl } : {}),
      createdAt: now,
      startAt: now + startDelay(ctx),
      startNotified: false,
      lastMsgStamp: 0,
    });
    tick(ctx);
    return { code: JOCLOUD_CODES.OK, extra: { recordid } };
  }

  /** The live task a stop/update body names, checked against its appid and resid. */
  function taskFor(req: { appid: number; resid: string; roomid: string; recordid: string }, ctx: SimContext) {
    const mismatch = appidMismatch(req.appid, ctx);
    if (mismatch) return mismatch;
    const found = liveTask(req.recordid, req.roomid);
    if (isReply(found)) return found;
    if (found.resid !== req.resid)
      return { code: JOCLOUD_CODES.RESID_INVALID, message: 'resid does not belong to this recordid' };
    return found;
  }

  function stopRecord(body: unknown, ctx: SimContext, now: number): Reply {
    const parsed = parseBody(StopRecordBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const found = taskFor(parsed.data, ctx);
    if (isReply(found)) return found;
    end(ctx, found, 'stopped', now);
    return { code: JOCLOUD_CODES.OK, extra: { recordid: found.recordid } };
  }

  function updateMixRecord(body: unknown, ctx: SimContext): Reply {
    const parsed = parseBody(UpdateMixRecordBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const found = taskFor(parsed.data, ctx);
    if (isReply(found)) return found;
    if (found.body.streamtype !== 1) return { code: JOCLOUD_CODES.NOT_MIXED };
    const rule = checkMixConfig(parsed.data.mixconfig, found.body.recordtype);
    if (rule) return fromViolation(rule);
    found.body = { ...found.body, mixconfig: effectiveMixConfig(parsed.data.mixconfig) };
    return { code: JOCLOUD_CODES.OK, extra: { recordid: found.recordid } };
  }

  function queryRecord(roomid: string, recordid: string, now: number): Reply {
    const found = liveTask(recordid, roomid);
    if (isReply(found)) return found;
    const started = now >= found.startAt;
    return {
      code: JOCLOUD_CODES.OK,
      extra: {
        recordid,
        data: {
          recordid,
          appid: found.appid,
          roomid,
          status: started ? JOCLOUD_QUERY_STATUS.STARTED : JOCLOUD_QUERY_STATUS.INIT,
          createtime: found.createdAt,
          starttime: started ? found.startAt : 0,
        },
      },
    };
  }

  /** route → auth → rate limit → method → traceId → Content-Type → JSON → the operation. */
  function dispatch(req: SimRequest, route: Route, ctx: SimContext): Reply {
    const creds = ctx.credentials.jocloud;
    const denied = checkAuth(req, route, creds);
    if (denied) return denied;
    // queryrecord's own note replaces the AppID limit: "Each recordid is limited to 10 requests per second"
    const allowed =
      route.op === 'queryrecord'
        ? ctx.allow(`jocloud:${creds.appId}:queryrecord:${route.params[1]}`, JOCLOUD_RATE.queryPerRecordId)
        : ctx.allow(`jocloud:${creds.appId}`, JOCLOUD_RATE.perAppId);
    if (!allowed) return { code: JOCLOUD_CODES.TOO_FREQUENT };
    const method = JOCLOUD_OPERATIONS[route.op];
    if (req.method.toUpperCase() !== method) return invalid(`${route.op} must be called with ${method}`);
    if (!traceIdOf(req)) return invalid('traceId (URL query parameter) is required');
    const now = ctx.clock.now();
    if (route.op === 'applyrecord') {
      const resid = `${randomBytes(30).toString('hex')}-${node}${randomBytes(2).toString('hex')}`;
      resources.set(resid, { resid, createdAt: now });
      return { code: JOCLOUD_CODES.OK, extra: { resid } };
    }
    if (route.op === 'queryrecord') return queryRecord(route.params[0] ?? '', route.params[1] ?? '', now);
    const badType = contentTypeViolation(req);
    if (badType) return invalid(badType);
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return invalid('request body is not valid JSON');
    }
    if (route.op === 'startrecord') return startRecord(body, ctx, now);
    if (route.op === 'stoprecord') return stopRecord(body, ctx, now);
    return updateMixRecord(body, ctx);
  }

  function view(t: JoTask, now: number): SimSessionView {
    const started = now >= t.startAt;
    const state: SimSessionState = t.outcome ?? (started ? 'recording' : 'starting');
    return {
      vendor: 'jocloud',
      id: t.recordid,
      room: t.roomid,
      ids: { appid: t.appid, resid: t.resid, recordid: t.recordid, roomid: t.roomid },
      state,
      active: ACTIVE_SESSION_STATES.has(state),
      // queryrecord answers 4013 once the task is over: no status to report then
      ...(t.outcome
        ? {}
        : { vendorStatus: started ? JOCLOUD_QUERY_STATUS.STARTED : JOCLOUD_QUERY_STATUS.INIT }),
      startedAt: t.createdAt,
      ...(t.stoppedAt !== undefined ? { stoppedAt: t.stoppedAt } : {}),
      files: started && (t.stoppedAt ?? now) >= t.startAt ? [{ name: fileAddress(t) }] : [],
      request: t.body,
    };
  }

  return {
    vendor: 'jocloud',
    matches: (req) => req.url.pathname.startsWith('/app/') && PATH.test(req.url.pathname),
    operationOf: (req) => routeOf(req)?.op ?? 'unknown',
    handle: (req, ctx) => {
      tick(ctx);
      const traceId = traceIdOf(req);
      const route = routeOf(req);
      if (!route) return respond(traceId, invalid(`unknown API ${req.method} ${req.url.pathname}`));
      return respond(traceId, dispatch(req, route, ctx));
    },
    tick,
    errorResponse: (vendorCode, req) => {
      const code = Number(vendorCode);
      return respond(traceIdOf(req), { code: Number.isFinite(code) ? code : JOCLOUD_CODES.INTERNAL_ERROR });
    },
    sessions: (): SimSessionView[] => {
      const now = clock.now();
      return [...tasks.values()].map((t) => view(t, now));
    },
    reset: () => {
      resources.clear();
      tasks.clear();
      silentRooms.clear();
    },
    failSession: (recordid, ctx) => {
      const t = tasks.get(recordid);
      if (!t || t.outcome) return false;
      end(ctx, t, 'failed', ctx.clock.now());
      return true;
    },
    setRoomPublishing: (roomid, publishing) => {
      if (publishing) silentRooms.delete(roomid);
      else if (!silentRooms.has(roomid)) silentRooms.set(roomid, clock.now());
    },
  };
}
