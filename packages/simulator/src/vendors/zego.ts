/**
 * ZEGOCLOUD Cloud Recording emulator: POST /?Action=<Action>&AppId&SignatureNonce&Timestamp&
 * SignatureVersion=2.0&Signature with a JSON body; every answer is HTTP 200 {Code, Message, RequestId, Data?}.
 * Written from seed 002 + 004 and the vendor notes (docs/vendors/sources.md), not from the @unirec/zego adapter.
 */
import { randomBytes } from 'node:crypto';
import {
  ACTIVE_SESSION_STATES,
  type SimClock,
  type SimContext,
  type SimRequest,
  type SimResponse,
  type SimSessionState,
  type SimSessionView,
  type VendorEmulator,
} from '../types.js';
import { checkZegoAuth, createNonceStore } from './zego-auth.js';
import {
  ZEGO_ACTION_QPS,
  ZEGO_CODES,
  ZEGO_EVENT,
  ZEGO_MESSAGES,
  ZEGO_QUIT_REASON,
  ZEGO_RANGES,
  ZEGO_SIM_DEFAULTS,
  ZEGO_TASK_STATUS,
  type ZegoAction,
} from './zego-constants.js';
import {
  canvasOf,
  checkMixLayout,
  checkStartRecord,
  DescribeTasksBody,
  StartRecordBody,
  TaskIdBody,
  UpdateLayoutBody,
  UpdateWhiteboardBody,
  type ZegoUpdateLayout,
} from './zego-schemas.js';
import { parseBody, type UnknownFields } from './zego-jocloud-validation.js';
import {
  endTask,
  isMixed,
  isOver,
  listTasks,
  newTaskId,
  pause,
  recordFiles,
  resume,
  snapshotFile,
  taskStatus,
  toFileInfo,
  type ZegoTask,
  zegoCallback,
} from './zego-tasks.js';

export interface ZegoEmulatorOptions {
  /**
   * time a task spends in Status 1 (initialising) before Status 2 (recording); default
   * ctx.timings.recordingMs when the server sets it, else 1000 ms
   */
  startDelayMs?: number;
  /** time files spend "uploading" (file Status 2) after the end; default ctx.timings.uploadMs, else 0 */
  uploadDelayMs?: number;
  /** how long an ended task still answers (300001001, DescribeRecordStatus); default ctx.timings.endedRetentionMs, else 3 days */
  endedRetentionMs?: number;
  /** reject a SignatureNonce seen again inside the ±10 min window (replay); default true */
  rejectReplayedNonce?: boolean;
  /** body fields the documents do not name: 'reject' (default) or 'ignore' */
  unknownFields?: UnknownFields;
  /** streams assumed published in every room, recorded by single-stream tasks without RecordStreamList */
  roomStreams?: string[];
}

export interface ZegoEmulator extends VendorEmulator {
  /**
   * Ends a task abnormally, as a recorder failure would: Status 4, callback event 2 with
   * detail.quit_reason, then event 1 (upload result). Returns false for an unknown or ended task.
   */
  failSession(taskId: string, ctx: SimContext, quitReason?: number): boolean;
}

type Reply = { code: number; message?: string; data?: unknown };
const ok = (data?: unknown): Reply => ({ code: ZEGO_CODES.OK, data });
const invalid = (message: string): Reply => ({
  code: ZEGO_CODES.INVALID_PARAMETER,
  message: `parameter is invalid: ${message}`,
});

function respond({ code, message, data }: Reply): SimResponse {
  const body: Record<string, unknown> = {
    Code: code,
    Message: message ?? ZEGO_MESSAGES[code] ?? 'error',
    RequestId: randomBytes(8).toString('hex'),
  };
  if (data !== undefined) body.Data = data;
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

const isAction = (a: string): a is ZegoAction => Object.hasOwn(ZEGO_ACTION_QPS, a);

export function createZegoEmulator(options: ZegoEmulatorOptions = {}): ZegoEmulator {
  const startDelay = (ctx: SimContext) =>
    options.startDelayMs ?? ctx.timings?.recordingMs ?? ZEGO_SIM_DEFAULTS.startDelayMs;
  const uploadDelay = (ctx: SimContext) =>
    options.uploadDelayMs ?? ctx.timings?.uploadMs ?? ZEGO_SIM_DEFAULTS.uploadDelayMs;
  const retention = (ctx: SimContext) =>
    Math.min(
      options.endedRetentionMs ?? ctx.timings?.endedRetentionMs ?? Infinity,
      ZEGO_RANGES.queryWindowMs,
    );
  const unknownFields = options.unknownFields ?? 'reject';
  const roomStreams = options.roomStreams ?? [...ZEGO_SIM_DEFAULTS.roomStreams];
  const tasks = new Map<string, ZegoTask>();
  const nonces = createNonceStore();
  let clock: SimClock = { now: () => Date.now() };

  function emit(
    ctx: SimContext,
    t: ZegoTask,
    event: number,
    message: string,
    detail: Record<string, unknown>,
  ) {
    const cb = ctx.callbacks.zego;
    if (!cb) return; // callbacks off: nobody holds the secret to sign with
    // "If this parameter is not filled in, the callback address configured … will be used"
    const url = t.body.RecordOutputParams?.CallbackUrl || cb.url;
    const hook = zegoCallback(
      t,
      ctx.credentials.zego.appId,
      cb.secret,
      event,
      message,
      detail,
      ctx.clock.now(),
    );
    ctx.emitWebhook({ ...hook, url });
  }

  /** Applies what the clock implies: MaxRecordTime ends, finished uploads (events 1 then 5). */
  function tick(ctx: SimContext, now: number) {
    for (const t of tasks.values()) {
      const maxMs = (t.body.RecordInputParams.MaxRecordTime ?? ZEGO_RANGES.MaxRecordTime[1]) * 1000;
      if (!isOver(t) && now >= t.createdAt + maxMs) {
        endTask(t, t.createdAt + maxMs, 'abnormal', uploadDelay(ctx));
        emit(ctx, t, ZEGO_EVENT.ABNORMAL_END, 'max record time reached', {
          quit_reason: ZEGO_QUIT_REASON.MAX_RECORD_TIME,
        });
      }
      if (isOver(t) && !t.uploadNotified && now >= (t.uploadDoneAt ?? 0)) {
        t.uploadNotified = true;
        const files = recordFiles(t, now, roomStreams).map(toFileInfo);
        emit(ctx, t, ZEGO_EVENT.UPLOAD_RESULT, 'upload finished', { upload_status: 1, file_info: files });
        if (t.outcome === 'ended') emit(ctx, t, ZEGO_EVENT.EXITED, 'recording finished', {});
      }
      if (isOver(t) && t.uploadNotified && now - (t.endedAt ?? now) > retention(ctx)) tasks.delete(t.taskId);
    }
  }

  /** The task named by TaskId, or the reply to send instead (unknown, or over when it must be live). */
  function liveTask(taskId: string, now: number, mustBeLive = true): ZegoTask | Reply {
    const t = tasks.get(taskId);
    if (!t || now - t.createdAt > ZEGO_RANGES.queryWindowMs) {
      return { code: ZEGO_CODES.TASK_NOT_FOUND, message: `recording task ${taskId} does not exist` };
    }
    if (mustBeLive && isOver(t)) {
      return { code: ZEGO_CODES.TASK_ENDED, message: `recording task ${taskId} has stopped` };
    }
    return t;
  }
  const isReply = (v: ZegoTask | Reply): v is Reply => 'code' in v;

  function mixedOnly(t: ZegoTask, action: string): Reply | null {
    return isMixed(t) ? null : invalid(`${action} applies to stream-mixing tasks (RecordMode 2) only`);
  }

  function startRecord(body: unknown, ctx: SimContext, now: number): Reply {
    const parsed = parseBody(StartRecordBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const rule = checkStartRecord(parsed.data);
    if (rule) return invalid(rule);
    const req = parsed.data;
    const clientTaskId = req.RecordInputParams.ClientTaskId;
    if (clientTaskId) {
      // idempotency key: a live task started with it answers again with its TaskId
      for (const t of tasks.values()) {
        if (t.clientTaskId === clientTaskId && !isOver(t)) return ok({ TaskId: t.taskId });
      }
    }
    let taskId = newTaskId();
    while (tasks.has(taskId)) taskId = newTaskId();
    tasks.set(taskId, {
      taskId,
      appId: ctx.credentials.zego.appId,
      clientTaskId,
      roomId: req.RoomId,
      body: req,
      createdAt: now,
      beginAt: now + startDelay(ctx),
      pausedMs: 0,
      uploadNotified: false,
      sequence: 0,
      whiteboardId: req.RecordInputParams.Whiteboard?.[0]?.WhiteboardId,
    });
    return ok({ TaskId: taskId });
  }

  function describeTasks(body: unknown, now: number): Reply {
    const parsed = parseBody(DescribeTasksBody, body, unknownFields);
    if (!parsed.ok) return invalid(parsed.message);
    const page = listTasks(tasks.values(), parsed.data, now);
    return typeof page === 'string' ? invalid(page) : ok(page);
  }

  function onTask(action: ZegoAction, body: unknown, ctx: SimContext, now: number): Reply {
    const schema =
      action === 'UpdateLayout'
        ? UpdateLayoutBody
        : action === 'UpdateWhiteboard'
          ? UpdateWhiteboardBody
          : TaskIdBody;
    // UpdateLayout takes "nothing else": its extra fields are refused whatever unknownFields says
    const parsed = parseBody<ZegoUpdateLayout & { WhiteboardId?: string }>(
      schema,
      body,
      action === 'UpdateLayout' ? 'reject' : unknownFields,
    );
    if (!parsed.ok) return invalid(parsed.message);
    const found = liveTask(parsed.data.TaskId, now, action !== 'DescribeRecordStatus');
    if (isReply(found)) return found;
    const t = found;
    switch (action) {
      case 'DescribeRecordStatus': {
        const files = recordFiles(t, now, roomStreams);
        const input = t.body.RecordInputParams;
        return ok({
          RoomId: t.roomId,
          RecordMode: input.RecordMode,
          StreamType: input.StreamType ?? 3,
          RecordBeginTimestamp: t.createdAt,
          RecordEndTimestamp: t.endedAt ?? 0,
          Status: taskStatus(t, now),
          ...(files.length > 0 ? { RecordFiles: files } : {}),
        });
      }
      case 'StopRecord':
        endTask(t, now, 'ended', uploadDelay(ctx));
        emit(ctx, t, ZEGO_EVENT.UPLOADING, 'recording stopped, uploading', {});
        tick(ctx, now);
        return ok();
      case 'UpdateLayout': {
        const bad = mixedOnly(t, action);
        if (bad) return bad;
        const u = parsed.data;
        const mode = u.MixMode ?? 2;
        const hasWb = t.body.RecordInputParams.HasWhiteboard === true;
        const rule = checkMixLayout(mode, u.MixInputList, canvasOf(t.body), hasWb, '');
        if (rule) return invalid(rule);
        // the start body keeps the current layout, so sessions().request shows what is live
        const mix = t.body.RecordInputParams.MixConfig;
        if (mix)
          Object.assign(mix, {
            MixMode: mode,
            MixInputList: u.MixInputList,
            MixMaxResolutionStreamId: u.MixMaxResolutionStreamId,
          });
        return ok();
      }
      case 'PauseRecord': {
        const bad = mixedOnly(t, action);
        if (bad) return bad;
        if (t.pausedAt === undefined) {
          pause(t, now);
          emit(ctx, t, ZEGO_EVENT.PAUSED, 'recording paused', {});
        }
        return ok();
      }
      case 'ResumeRecord': {
        const bad = mixedOnly(t, action);
        if (bad) return bad;
        if (t.pausedAt === undefined) return { code: ZEGO_CODES.TASK_NOT_PAUSED };
        resume(t, now);
        emit(ctx, t, ZEGO_EVENT.RESUMED, 'recording resumed', {});
        return ok();
      }
      case 'TakeSnapshot': {
        const bad = mixedOnly(t, action);
        if (bad) return bad;
        if (taskStatus(t, now) !== ZEGO_TASK_STATUS.RECORDING)
          return invalid('TakeSnapshot needs a task in progress (Status 2)');
        emit(ctx, t, ZEGO_EVENT.UPLOAD_RESULT, 'snapshot uploaded', {
          upload_status: 1,
          file_info: [toFileInfo(snapshotFile(t, now))],
        });
        return ok();
      }
      case 'UpdateWhiteboard':
        if (!t.body.RecordInputParams.HasWhiteboard)
          return invalid('UpdateWhiteboard needs a task started with HasWhiteboard true');
        t.whiteboardId = parsed.data.WhiteboardId;
        return ok();
      default:
        return { code: ZEGO_CODES.ACTION_UNSUPPORTED };
    }
  }

  function handle(req: SimRequest, ctx: SimContext): SimResponse {
    clock = ctx.clock;
    const now = ctx.clock.now();
    const q = req.url.searchParams;
    const action = q.get('Action');
    if (!action) return respond({ code: ZEGO_CODES.ACTION_EMPTY });
    if (!isAction(action)) {
      return respond({ code: ZEGO_CODES.ACTION_UNSUPPORTED, message: `Action '${action}' is not supported` });
    }
    const creds = ctx.credentials.zego;
    const failure = checkZegoAuth({
      query: q,
      appId: creds.appId,
      serverSecret: creds.serverSecret,
      nowMs: now,
      seenNonce: options.rejectReplayedNonce === false ? undefined : nonces.seen,
    });
    if (failure) return respond(failure);
    if (!ctx.allow(`zego:${creds.appId}:${action}`, ZEGO_ACTION_QPS[action])) {
      return respond({
        code: ZEGO_CODES.RATE_LIMITED,
        message: `${action}: more than ${ZEGO_ACTION_QPS[action]} requests per second`,
      });
    }
    if (req.method.toUpperCase() !== 'POST') return respond(invalid(`${action} must be sent with POST`));
    let body: unknown = {};
    const text = req.rawBody.toString('utf8').trim();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return respond(invalid('request body is not valid JSON'));
      }
    }
    tick(ctx, now);
    if (action === 'StartRecord') return respond(startRecord(body, ctx, now));
    if (action === 'DescribeTasks') return respond(describeTasks(body, now));
    return respond(onTask(action, body, ctx, now));
  }

  const VIEW_STATE: Record<number, SimSessionState> = {
    [ZEGO_TASK_STATUS.INITIALISING]: 'starting',
    [ZEGO_TASK_STATUS.RECORDING]: 'recording',
    [ZEGO_TASK_STATUS.ENDED]: 'stopped',
    [ZEGO_TASK_STATUS.ABNORMAL]: 'failed',
    [ZEGO_TASK_STATUS.PAUSED]: 'paused',
  };

  return {
    vendor: 'zego',
    matches: (req) => req.url.pathname === '/' && req.url.searchParams.has('Action'),
    operationOf: (req) => {
      const action = req.url.searchParams.get('Action') ?? '';
      return isAction(action) ? action : 'unknown';
    },
    handle,
    tick: (ctx) => {
      clock = ctx.clock;
      tick(ctx, ctx.clock.now());
    },
    errorResponse: (vendorCode) => {
      const code = Number(vendorCode);
      return respond({ code: Number.isFinite(code) ? code : ZEGO_CODES.SYSTEM_ERROR });
    },
    sessions: (): SimSessionView[] => {
      const now = clock.now();
      return [...tasks.values()].map((t) => {
        const status = taskStatus(t, now);
        const state = VIEW_STATE[status] ?? 'failed';
        return {
          vendor: 'zego',
          id: t.taskId,
          room: t.roomId,
          ids: {
            AppId: t.appId,
            TaskId: t.taskId,
            RoomId: t.roomId,
            ...(t.clientTaskId !== undefined ? { ClientTaskId: t.clientTaskId } : {}),
          },
          state,
          active: ACTIVE_SESSION_STATES.has(state),
          vendorStatus: status,
          startedAt: t.createdAt,
          ...(t.endedAt !== undefined ? { stoppedAt: t.endedAt } : {}),
          files: recordFiles(t, now, roomStreams).map((f) => ({ name: f.FileId, sizeBytes: f.FileSize })),
          request: t.body,
        };
      });
    },
    reset: () => {
      tasks.clear();
      nonces.clear();
    },
    failSession: (taskId, ctx, quitReason = ZEGO_QUIT_REASON.UNKNOWN) => {
      const t = tasks.get(taskId);
      if (!t || isOver(t)) return false;
      const now = ctx.clock.now();
      endTask(t, now, 'abnormal', uploadDelay(ctx));
      emit(ctx, t, ZEGO_EVENT.ABNORMAL_END, 'recording ended abnormally', { quit_reason: quitReason });
      tick(ctx, now);
      return true;
    },
  };
}
