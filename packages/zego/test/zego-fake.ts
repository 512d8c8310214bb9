import { createHash, randomBytes } from 'node:crypto';
import type { FakeFailure, FakeRequest, NeutralOperation, VendorFake } from '@unirec/conformance';
import type { RecordingState } from '@unirec/core';
import nock from 'nock';

/**
 * A stateful nock fake of the ZEGOCLOUD cloud-recording API, written from the vendor documents
 * (seed 002/004, VENDORS.md) independently of the adapter: it checks Signature v2.0 with node:crypto,
 * keeps tasks (ClientTaskId idempotency, stop, pause), and answers in ZEGO's `{Code, Message,
 * RequestId, Data}` shape.
 */

export const FAKE_APP_ID = 1234567890;
export const FAKE_SERVER_SECRET = '0123456789abcdef0123456789abcdef';

type Reply = [number, nock.Body] | [number, nock.Body, Record<string, string>];

interface Task {
  taskId: string;
  roomId: string;
  body: Record<string, any>;
  createdAt: number;
  stopped: boolean;
  paused: boolean;
  layout?: Record<string, unknown>;
}

const NEUTRAL: Record<string, NeutralOperation> = {
  StartRecord: 'start',
  UpdateLayout: 'updateLayout',
  DescribeRecordStatus: 'query',
  StopRecord: 'stop',
};

/** Neutral state → DescribeRecordStatus Status. */
const STATUS: Partial<Record<RecordingState, number>> = {
  starting: 1,
  recording: 2,
  stopped: 3,
  failed: 4,
  paused: 5,
};
const UPDATE_LAYOUT_KEYS = new Set(['TaskId', 'MixMode', 'MixInputList', 'MixMaxResolutionStreamId']);

export function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

export interface ZegoFakeOptions {
  baseUrl?: string;
  appId?: number;
  serverSecret?: string;
}

export class ZegoFake implements VendorFake {
  readonly baseUrl: string;
  readonly requests: FakeRequest[] = [];
  readonly reportableStates: RecordingState[] = ['starting', 'recording', 'paused', 'stopped', 'failed'];
  readonly tasks = new Map<string, Task>();
  /** signature checks that failed (a correct client produces none) */
  readonly signatureFailures: string[] = [];
  private readonly clientTasks = new Map<string, string>();
  private readonly failures: Array<{ operation: NeutralOperation; failure: FakeFailure; remaining: number }> =
    [];
  private readonly appId: number;
  private readonly secret: string;
  private override: RecordingState | undefined;
  private fileCount = 1;
  private interceptor: nock.Interceptor | undefined;
  private seq = 0;

  constructor(options: ZegoFakeOptions = {}) {
    this.baseUrl = options.baseUrl ?? 'https://cloudrecord-fake.zego.test';
    this.appId = options.appId ?? FAKE_APP_ID;
    this.secret = options.serverSecret ?? FAKE_SERVER_SECRET;
  }

  install(): void {
    const fake = this;
    this.interceptor = nock(this.baseUrl).persist().post('/').query(true);
    this.interceptor.reply(function (uri, body, callback) {
      fake.handle(uri, body, this.req.headers, callback);
    });
  }

  uninstall(): void {
    if (this.interceptor) nock.removeInterceptor(this.interceptor);
    this.interceptor = undefined;
    this.requests.length = 0;
    this.signatureFailures.length = 0;
    this.tasks.clear();
    this.clientTasks.clear();
    this.failures.length = 0;
    this.override = undefined;
    this.fileCount = 1;
  }

  setState(state: RecordingState): void {
    this.override = state;
  }

  fail(operation: NeutralOperation, failure: FakeFailure, times = 1): void {
    this.failures.push({ operation, failure, remaining: times });
  }

  setFileCount(count: number): void {
    this.fileCount = count;
  }

  /** requests of one Action */
  ofAction(action: string): FakeRequest[] {
    return this.requests.filter((r) => r.operation === action);
  }

  private handle(
    uri: string,
    rawBody: unknown,
    headers: Record<string, string>,
    callback: (err: NodeJS.ErrnoException | null, result: Reply) => void,
  ): void {
    const url = new URL(uri, this.baseUrl);
    const query = Object.fromEntries(url.searchParams.entries());
    let body: any = rawBody;
    if (typeof rawBody === 'string') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    const action = query.Action ?? '';
    const neutral = NEUTRAL[action] ?? 'other';
    this.requests.push({
      operation: action,
      neutral,
      method: 'POST',
      path: url.pathname,
      query,
      headers,
      body,
    });

    const injected = this.failures.find((f) => f.operation === neutral && f.remaining > 0);
    if (injected) {
      injected.remaining--;
      if (injected.failure === 'network') {
        const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        callback(error, [0, '']);
        return;
      }
      if (injected.failure === 'hang') return; // never answers: the client's timeout must fire
      callback(null, this.failure(injected.failure, body));
      return;
    }
    const auth = this.checkAuth(query);
    if (auth) {
      this.signatureFailures.push(auth.Message);
      callback(null, [200, auth]);
      return;
    }
    callback(null, this.dispatch(action, body));
  }

  private answer(Code: number, Message: string, Data?: unknown): Reply {
    const out: Record<string, unknown> = { Code, Message, RequestId: `req-${++this.seq}` };
    if (Data !== undefined) out.Data = Data;
    return [200, out];
  }

  private failure(failure: FakeFailure, body: any): Reply {
    switch (failure) {
      case 'server-error':
        return [500, { Code: 300010000, Message: 'system error', RequestId: `req-${++this.seq}` }];
      case 'rate-limit':
        return this.answer(300000003, 'requests have exceeded the upper limit');
      case 'auth':
        return this.answer(100000005, 'signature invalid');
      case 'not-found':
        return this.answer(300001000, 'recording task does not exist');
      case 'conflict':
        // ZEGO has no "already recording" answer (VENDORS.md, return-codes): several tasks may record
        // one room, and a repeated ClientTaskId returns the existing TaskId with Code 0. So the
        // faithful answer is a normal start.
        return this.dispatch('StartRecord', body);
      case 'invalid-parameter':
        return this.answer(300000004, 'parameter is invalid: RoomId');
      case 'already-stopped':
        return this.answer(300001001, 'recording task has stopped');
      case 'malformed':
        return [200, '<html><body>502 Bad Gateway</body></html>', { 'Content-Type': 'text/html' }];
      default:
        return this.answer(300010000, 'system error');
    }
  }

  /** Signature v2.0: AppId, SignatureVersion, Timestamp (±10 min), 16-hex nonce, md5 signature. */
  private checkAuth(q: Record<string, string>): { Code: number; Message: string; RequestId: string } | null {
    const bad = (Code: number, Message: string) => ({ Code, Message, RequestId: `req-${++this.seq}` });
    if (q.AppId !== String(this.appId)) return bad(100000001, 'AppId is invalid');
    if (q.SignatureVersion !== '2.0') return bad(100000014, 'SignatureVersion is not supported');
    const ts = Number(q.Timestamp);
    if (!/^\d+$/.test(q.Timestamp ?? '') || Math.abs(ts - Date.now() / 1000) > 600)
      return bad(100000004, 'signature expired');
    if (!/^[0-9a-f]{16}$/.test(q.SignatureNonce ?? ''))
      return bad(100000005, 'SignatureNonce must be 16 hex characters');
    if (q.Signature !== md5(`${q.AppId}${q.SignatureNonce}${this.secret}${q.Timestamp}`))
      return bad(100000005, 'signature invalid');
    return null;
  }

  private isEnded(task: Task): boolean {
    return task.stopped || this.override === 'stopped' || this.override === 'failed';
  }

  private dispatch(action: string, body: any): Reply {
    if (!body || typeof body !== 'object')
      return this.answer(300000004, 'request body must be a JSON object');
    switch (action) {
      case 'StartRecord':
        return this.start(body);
      case 'DescribeTasks':
        return this.describeTasks(body);
    }
    const task = this.tasks.get(body.TaskId);
    if (!task) return this.answer(300001000, 'recording task does not exist');
    switch (action) {
      case 'StopRecord':
        if (this.isEnded(task)) return this.answer(300001001, 'recording task has stopped');
        task.stopped = true;
        return this.answer(0, 'succeed');
      case 'DescribeRecordStatus':
        return this.answer(0, 'succeed', this.status(task));
      case 'UpdateLayout': {
        const extra = Object.keys(body).filter((k) => !UPDATE_LAYOUT_KEYS.has(k));
        if (extra.length > 0) return this.answer(300000004, `${extra.join(', ')} cannot be updated`);
        if (this.isEnded(task)) return this.answer(300001001, 'recording task has stopped');
        task.layout = body;
        return this.answer(0, 'succeed');
      }
      case 'PauseRecord':
      case 'ResumeRecord':
      case 'TakeSnapshot':
        if (task.body.RecordInputParams?.RecordMode !== 2)
          return this.answer(300000004, 'only mixed recordings');
        if (this.isEnded(task)) return this.answer(300001001, 'recording task has stopped');
        if (action === 'ResumeRecord' && !task.paused)
          return this.answer(300001004, 'recording is not paused');
        if (action !== 'TakeSnapshot') task.paused = action === 'PauseRecord';
        return this.answer(0, 'succeed');
      default:
        return this.answer(100000007, 'Action is not supported');
    }
  }

  private start(body: any): Reply {
    const input = body.RecordInputParams;
    if (typeof body.RoomId !== 'string' || body.RoomId === '')
      return this.answer(300000004, 'RoomId is required');
    if (!input || (input.RecordMode !== 1 && input.RecordMode !== 2))
      return this.answer(300000004, 'RecordMode must be 1 or 2');
    if (input.RecordMode === 2 && !input.MixConfig?.MixOutputStreamId)
      return this.answer(300000004, 'MixConfig.MixOutputStreamId is required');
    if (!body.StorageParams || !Number.isInteger(body.StorageParams.Vendor))
      return this.answer(300000004, 'StorageParams.Vendor is required');
    const clientTaskId: string | undefined = input.ClientTaskId;
    if (clientTaskId && this.clientTasks.has(clientTaskId)) {
      return this.answer(0, 'succeed', { TaskId: this.clientTasks.get(clientTaskId) });
    }
    const taskId = randomBytes(12).toString('base64url').replace(/_/g, '-');
    this.tasks.set(taskId, {
      taskId,
      roomId: body.RoomId,
      body,
      createdAt: Date.now(),
      stopped: false,
      paused: false,
    });
    if (clientTaskId) this.clientTasks.set(clientTaskId, taskId);
    return this.answer(0, 'succeed', { TaskId: taskId });
  }

  private taskStatus(task: Task): number {
    if (task.stopped) return 3;
    if (this.override) return STATUS[this.override] ?? 2;
    return task.paused ? 5 : 2;
  }

  private status(task: Task): Record<string, unknown> {
    const input = task.body.RecordInputParams;
    const Status = this.taskStatus(task);
    const ended = Status === 3 || Status === 4;
    const mixed = input.RecordMode === 2;
    const streams: string[] = mixed
      ? [input.MixConfig.MixOutputStreamId]
      : (input.RecordStreamList ?? []).map((s: { StreamId: string }) => s.StreamId);
    const format = task.body.RecordOutputParams?.OutputFileFormat ?? 'mp4';
    const folder = task.body.RecordOutputParams?.OutputFolder ?? '';
    const RecordFiles = Array.from({ length: Status === 1 ? 0 : this.fileCount }, (_, i) => {
      const stream = streams[i % Math.max(1, streams.length)] ?? `stream-${i + 1}`;
      const FileId = `${task.taskId}_${task.roomId}_${stream}_VA_20260101000000${String(i).padStart(3, '0')}.${format === 'hls' ? 'm3u8' : format}`;
      return {
        UserId: stream,
        UserName: stream,
        StreamId: stream,
        FileId,
        VideoId: '',
        FileUrl: `https://bucket.example/${folder}${FileId}`,
        OutputFileFormat: format,
        FileSize: 1000 * (i + 1),
        Duration: 60_000,
        ResolutionWidth: 1280,
        ResolutionHeight: 720,
        MediaTrackType: 3,
        BeginTimestamp: task.createdAt,
        Status: ended ? 3 : 1,
      };
    });
    const data: Record<string, unknown> = {
      RoomId: task.roomId,
      RecordMode: input.RecordMode,
      StreamType: input.StreamType ?? 3,
      RecordBeginTimestamp: task.createdAt,
      Status,
    };
    if (ended) data.RecordEndTimestamp = Date.now();
    if (RecordFiles.length > 0) data.RecordFiles = RecordFiles;
    return data;
  }

  private describeTasks(body: any): Reply {
    if (body.Status !== 2 && body.Status !== 3) return this.answer(300000004, 'Status must be 2 or 3');
    if (
      !Number.isInteger(body.StartTime) ||
      !Number.isInteger(body.EndTime) ||
      body.EndTime <= body.StartTime
    ) {
      return this.answer(300000004, 'StartTime/EndTime invalid');
    }
    const size = body.PageSize ?? 50;
    if (size < 1 || size > 50) return this.answer(300000004, 'PageSize must be between 1 and 50');
    const page = body.PageOffset || 1;
    const matching = [...this.tasks.values()].filter(
      (t) =>
        (body.Status === 3) === this.isEnded(t) && (body.RoomId === undefined || body.RoomId === t.roomId),
    );
    const slice = matching.slice((page - 1) * size, page * size);
    return this.answer(0, 'succeed', {
      PageOffset: page,
      PageSize: size,
      TotalCount: matching.length,
      TaskidList: slice.map((t) => ({
        TaskId: t.taskId,
        RoomId: t.roomId,
        Status: this.taskStatus(t),
        RecordBeginTimestamp: t.createdAt,
      })),
    });
  }
}

export function createZegoFake(options?: ZegoFakeOptions): ZegoFake {
  return new ZegoFake(options);
}
