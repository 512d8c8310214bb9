/**
 * JOCloud cloud recording emulator: /app/{appid}/v1/recordoss/{reqUri}?traceId= with headers AppID and
 * Token: Basic base64(restfulId:restfulSecret). Answers `{code, message, …, traceId}`.
 * Written from shared/seeds/003 and shared/VENDORS.md, not from the @unirec/jocloud adapter.
 */
import { randomBytes } from 'node:crypto';
import type { SimClock, SimContext, SimRequest, SimSessionView, VendorEmulator } from '../types.js';
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
  header,
  invalid,
  PATH,
  type Reply,
  respond,
  type Route,
  routeOf,
  traceIdOf,
} from './jocloud-http.js';
import {
  checkMixConfig,
  checkStartRecord,
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
  /** body fields the seed does not name: 'reject' (default) or 'ignore' */
  unknownFields?: UnknownFields;
}

export interface JoCloudEmulator extends VendorEmulator {
  /** Ends a task as a failure would (msgtype 1 then 2 callbacks); false for an unknown or stopped task. */
  failSession(recordid: string, ctx: SimContext): boolean;
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
  body: JoStartRecord;
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
  const resources = new Map<string, Resource>();
  const tasks = new Map<string, JoTask>();
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

  /** Callback target: the request's callbackurl, else the configured URL; none when callbacks are off. */
  function emit(ctx: SimContext, t: JoTask, msgtype: number, msgname: string, now: number) {
    const cb = ctx.callbacks.jocloud;
    const url = cb && (t.body.callbackurl || cb.url);
    if (!cb || !url) return;
    const context: Record<string, unknown> = {
      msgname,
      appid: ctx.credentials.jocloud.appId,
      roomid: t.roomid,
      uid: uids(t),
      recordid: t.recordid,
    };
    if (msgtype === JOCLOUD_CALLBACK.msgtype.RESULT) {
      context.filetype = JOCLOUD_CALLBACK.filetype;
      context.duration = Math.max(0, (t.stoppedAt ?? now) - t.startAt);
      context.fileaddress = fileAddress(t);
    }
    context.starttime = now >= t.startAt ? t.startAt : 0;
    // msgid is "RECORD-<recordid>-<hex ms>" in the document; two notices in one ms still get distinct ids
    const stamp = Math.max(now, t.lastMsgStamp + 1);
    t.lastMsgStamp = stamp;
    const body = {
      msgid: `RECORD-${t.recordid}-${stamp.toString(16)}`,
      product: JOCLOUD_CALLBACK.product,
      msgtype,
      notifytime: now,
      context,
    };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cb.token) headers[JOCLOUD_CALLBACK.tokenHeader] = cb.token;
    ctx.emitWebhook({ url, headers, body: JSON.stringify(body) });
  }

  function end(ctx: SimContext, t: JoTask, outcome: 'stopped' | 'failed', now: number) {
    t.outcome = outcome;
    t.stoppedAt = now;
    emit(ctx, t, JOCLOUD_CALLBACK.msgtype.STATUS, JOCLOUD_CALLBACK.msgname.stopped, now);
    if (now >= t.startAt) emit(ctx, t, JOCLOUD_CALLBACK.msgtype.RESULT, JOCLOUD_CALLBACK.msgname.result, now);
  }

  function tick(ctx: SimContext) {
    clock = ctx.clock;
    const now = ctx.clock.now();
    for (const t of tasks.values()) {
      if (!t.outcome && !t.startNotified && now >= t.startAt) {
        t.startNotified = true;
        emit(ctx, t, JOCLOUD_CALLBACK.msgtype.STATUS, JOCLOUD_CALLBACK.msgname.started, now);
      }
      if (t.outcome && now - (t.stoppedAt ?? now) > retention(ctx)) {
        tasks.delete(t.recordid);
        resources.delete(t.resid);
      }
    }
    for (const r of resources.values())
      if (!r.recordid && now - r.createdAt > residTtlMs) resources.delete(r.resid);
  }

  /** The live task named by recordid in roomid, or the reply to send instead. */
  function liveTask(recordid: string, roomid: string): JoTask | Reply {
    const t = tasks.get(recordid);
    if (!t || t.outcome || t.roomid !== roomid) {
      return {
        code: JOCLOUD_CODES.RECORDID_UNKNOWN,
        message: `Recording recordid ${recordid} does not exist in room ${roomid}`,
      };
    }
    return t;
  }
  const isReply = (v: JoTask | Reply): v is Reply => 'code' in v;
  const appidMismatch = (appid: number, ctx: SimContext) =>
    appid === ctx.credentials.jocloud.appId
      ? null
      : invalid(`appid ${appid} does not match the AppID of the URL`);

  function startRecord(body: unknown, ctx: SimContext, now: number): Reply {
    const parsed = parseBody(StartRecordBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const req = parsed.data;
    const mismatch = appidMismatch(req.appid, ctx);
    if (mismatch) return mismatch;
    const rule = checkStartRecord(req);
    if (rule) return invalid(rule);
    const res = resources.get(req.resid);
    if (res?.recordid) {
      // single use: 4011 while its task runs, 4012 once it is over ("call applyrecord again")
      const running = tasks.get(res.recordid)?.outcome === undefined && tasks.has(res.recordid);
      if (running)
        return {
          code: JOCLOUD_CODES.TASK_EXISTS,
          message: `Recording task already exists for this resid (recordid ${res.recordid})`,
        };
      return { code: JOCLOUD_CODES.RESID_INVALID };
    }
    if (!res || now - res.createdAt > residTtlMs) return { code: JOCLOUD_CODES.RESID_INVALID };
    const recordid = randomBytes(18).toString('hex').slice(0, 35);
    res.recordid = recordid;
    tasks.set(recordid, {
      recordid,
      resid: req.resid,
      roomid: req.roomid,
      body: req,
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
    const rule = checkMixConfig(parsed.data.mixconfig, found.body.recordtype ?? 0);
    if (rule) return invalid(rule);
    found.body = { ...found.body, mixconfig: parsed.data.mixconfig };
    return { code: JOCLOUD_CODES.OK, extra: { recordid: found.recordid } };
  }

  function queryRecord(roomid: string, recordid: string, ctx: SimContext, now: number): Reply {
    const appId = ctx.credentials.jocloud.appId;
    if (!ctx.allow(`jocloud:${appId}:queryrecord:${recordid}`, JOCLOUD_RATE.queryPerRecordId)) {
      return { code: JOCLOUD_CODES.TOO_FREQUENT };
    }
    const found = liveTask(recordid, roomid);
    if (isReply(found)) return found;
    const started = now >= found.startAt;
    return {
      code: JOCLOUD_CODES.OK,
      extra: {
        recordid,
        data: {
          recordid,
          appid: appId,
          roomid,
          status: started ? JOCLOUD_QUERY_STATUS.STARTED : JOCLOUD_QUERY_STATUS.INIT,
          createtime: found.createdAt,
          starttime: started ? found.startAt : 0,
        },
      },
    };
  }

  function dispatch(req: SimRequest, route: Route, ctx: SimContext): Reply {
    const creds = ctx.credentials.jocloud;
    const denied = checkAuth(req, route, creds);
    if (denied) return denied;
    if (!ctx.allow(`jocloud:${creds.appId}`, JOCLOUD_RATE.perAppId))
      return { code: JOCLOUD_CODES.TOO_FREQUENT };
    const method = JOCLOUD_OPERATIONS[route.op];
    if (req.method.toUpperCase() !== method) return invalid(`${route.op} must be called with ${method}`);
    const now = ctx.clock.now();
    if (route.op === 'applyrecord') {
      const resid = `${randomBytes(30).toString('hex')}-${randomBytes(8).toString('hex')}`;
      resources.set(resid, { resid, createdAt: now });
      return { code: JOCLOUD_CODES.OK, extra: { resid } };
    }
    if (route.op === 'queryrecord')
      return queryRecord(route.params[0] ?? '', route.params[1] ?? '', ctx, now);
    const type = header(req, 'content-type') ?? '';
    if (!/^application\/json\b/i.test(type.trim()))
      return invalid('Content-Type must be application/json;charset=UTF-8');
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

  const VIEW_STATE = { stopped: 'stopped', failed: 'failed' } as const;

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
      return [...tasks.values()].map((t) => {
        const stateName = t.outcome ? VIEW_STATE[t.outcome] : now >= t.startAt ? 'recording' : 'starting';
        return {
          vendor: 'jocloud',
          id: t.recordid,
          room: t.roomid,
          state: stateName,
          startedAt: t.createdAt,
          ...(t.stoppedAt !== undefined ? { stoppedAt: t.stoppedAt } : {}),
          files: now >= t.startAt ? [{ name: fileAddress(t) }] : [],
          request: t.body,
        };
      });
    },
    reset: () => {
      resources.clear();
      tasks.clear();
    },
    failSession: (recordid, ctx) => {
      const t = tasks.get(recordid);
      if (!t || t.outcome) return false;
      end(ctx, t, 'failed', ctx.clock.now());
      return true;
    },
  };
}
