import type { FakeFailure, FakeRequest, NeutralOperation, VendorFake } from '@unirec/conformance';
import type { RecordingState } from '@unirec/core';
import nock from 'nock';

/**
 * A stateful nock fake of the Agora Cloud Recording API, written from the seeds (000, 001) and
 * VENDORS.md: Basic auth, the six endpoints with their methods, acquire → start pairing (cname and
 * uid must match; a resource starts once, code 7 after), the session lifecycle (404 after stop, 49
 * on a repeated stop) and failures in Agora's own shapes. Every answer carries X-Request-ID.
 */

export interface AgoraFakeOptions {
  appId: string;
  customerId: string;
  customerSecret: string;
  baseUrl?: string;
}

interface Resource {
  cname: string;
  uid: string;
  clientRequest: Record<string, unknown>;
  sid?: string;
}

interface Session {
  resourceId: string;
  cname: string;
  uid: string;
  mode: string;
  stopped: boolean;
}

type Reply = [number, unknown, Record<string, string>?];
type Operation = 'acquire' | 'start' | 'update' | 'updateLayout' | 'query' | 'stop';

const NEUTRAL: Record<Operation, NeutralOperation | 'other'> = {
  acquire: 'start',
  start: 'start',
  update: 'other',
  updateLayout: 'updateLayout',
  query: 'query',
  stop: 'stop',
};

/** neutral state → what query reports (serverResponse.status; paused is a web recorder on hold) */
const STATUS_OF: Record<RecordingState, number> = {
  starting: 2,
  recording: 5,
  paused: 5,
  stopping: 6,
  stopped: 7,
  failed: 20,
  unknown: 42,
};

export class AgoraFake implements VendorFake {
  readonly baseUrl: string;
  readonly requests: FakeRequest[] = [];
  readonly reportableStates: RecordingState[] = [
    'starting',
    'recording',
    'paused',
    'stopping',
    'stopped',
    'failed',
    'unknown',
  ];
  /** every parsed request body per operation, for tests that look at what was sent */
  readonly bodies: Array<{ operation: Operation; path: string; body: any }> = [];
  readonly resources = new Map<string, Resource>();
  readonly sessions = new Map<string, Session>();
  #state: RecordingState = 'recording';
  #fileCount = 2;
  #failures: Array<{ operation: NeutralOperation; failure: FakeFailure; times: number }> = [];
  #hanging: Array<() => void> = [];
  #counter = 0;

  constructor(private readonly options: AgoraFakeOptions) {
    this.baseUrl = options.baseUrl ?? 'https://agora-fake.unirec.test';
  }

  install(): void {
    const fake = this;
    for (const method of ['POST', 'GET'] as const) {
      const scope = nock(this.baseUrl).persist();
      const interceptor = method === 'POST' ? scope.post(() => true) : scope.get(() => true);
      interceptor.reply(function (uri, body, callback) {
        fake.#handle(method, uri, body, this.req.headers).then(
          (reply) => callback(null, reply as never),
          (error: Error) => callback(error, undefined as never),
        );
      });
    }
  }

  uninstall(): void {
    for (const release of this.#hanging) release();
    this.#hanging = [];
    nock.cleanAll();
    this.requests.length = 0;
    this.bodies.length = 0;
    this.resources.clear();
    this.sessions.clear();
    this.#failures = [];
  }

  setState(state: RecordingState): void {
    this.#state = state;
  }

  fail(operation: NeutralOperation, failure: FakeFailure, times = 1): void {
    this.#failures.push({ operation, failure, times });
  }

  setFileCount(count: number): void {
    this.#fileCount = count;
  }

  async #handle(
    method: string,
    uri: string,
    rawBody: unknown,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<Reply> {
    const url = new URL(uri, this.baseUrl);
    const body = typeof rawBody === 'string' && rawBody !== '' ? JSON.parse(rawBody) : rawBody || undefined;
    const route = this.#route(method, url.pathname);
    const operation = route?.operation ?? 'unknown';
    this.requests.push({
      operation,
      neutral: route ? NEUTRAL[route.operation] : 'other',
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers },
      body,
    });
    if (!route) return this.#reply(404, { code: 8, reason: 'unknown path or method' });
    this.bodies.push({ operation: route.operation, path: url.pathname, body });

    const expected = `Basic ${Buffer.from(`${this.options.customerId}:${this.options.customerSecret}`).toString('base64')}`;
    if (headers.authorization !== expected)
      return this.#reply(401, { message: 'Invalid authentication credentials' });
    const injected = await this.#injected(route.operation);
    if (injected) return injected;
    if (route.appId !== this.options.appId) return this.#reply(400, { code: 400, reason: 'invalid appid' });
    if (!body || typeof body.cname !== 'string' || typeof body.uid !== 'string') {
      if (route.operation !== 'query')
        return this.#reply(400, { code: 2, reason: 'cname and uid are required' });
    }
    switch (route.operation) {
      case 'acquire':
        return this.#acquire(body);
      case 'start':
        return this.#start(route, body);
      default:
        return this.#session(route);
    }
  }

  #route(method: string, path: string) {
    const base = /^\/v1\/apps\/([^/]+)\/cloud_recording(\/.*)$/.exec(path);
    if (!base) return undefined;
    const [, appId, rest] = base as unknown as [string, string, string];
    if (method === 'POST' && rest === '/acquire') return { appId, operation: 'acquire' as const };
    const start = /^\/resourceid\/([^/]+)\/mode\/([^/]+)\/start$/.exec(rest);
    if (method === 'POST' && start)
      return { appId, operation: 'start' as const, resourceId: start[1]!, mode: start[2]! };
    const session =
      /^\/resourceid\/([^/]+)\/sid\/([^/]+)\/mode\/([^/]+)\/(update|updateLayout|query|stop)$/.exec(rest);
    if (!session) return undefined;
    const operation = session[4] as Operation;
    if ((operation === 'query') !== (method === 'GET')) return undefined;
    return { appId, operation, resourceId: session[1]!, sid: session[2]!, mode: session[3]! };
  }

  /** A queued failure for this request: 'start' failures hit acquire, except those only start can answer. */
  async #injected(operation: Operation): Promise<Reply | undefined> {
    const neutral = NEUTRAL[operation];
    const index = this.#failures.findIndex((f) => {
      if (f.operation !== neutral) return false;
      if (operation === 'acquire') return f.failure !== 'conflict' && f.failure !== 'invalid-parameter';
      return true;
    });
    if (index < 0) return undefined;
    const entry = this.#failures[index]!;
    entry.times -= 1;
    if (entry.times <= 0) this.#failures.splice(index, 1);
    switch (entry.failure) {
      case 'server-error':
        return this.#reply(500, { code: 500, reason: 'internal error' });
      case 'network':
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      case 'hang':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 30_000);
          timer.unref?.();
          this.#hanging.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        return this.#reply(504, { message: 'gateway timeout' });
      case 'rate-limit':
        return this.#reply(429, { message: 'API rate limit exceeded' });
      case 'auth':
        return this.#reply(401, { message: 'Invalid authentication credentials' });
      case 'not-found':
        return this.#reply(404, { code: 404, reason: 'failed to find worker' });
      case 'conflict':
        return this.#reply(400, {
          code: 53,
          reason: 'the recording with the same cname and uid is already running',
        });
      case 'invalid-parameter':
        return this.#reply(400, { code: 2, reason: 'invalid parameter: clientRequest' });
      case 'already-stopped':
        return this.#reply(400, { code: 49, reason: 'the recording task is already exiting' });
      case 'malformed':
        return this.#reply(200, '<html>bad gateway</html>');
    }
  }

  #acquire(body: any): Reply {
    const resourceId = `rid-${++this.#counter}-${'x'.repeat(40)}`;
    this.resources.set(resourceId, {
      cname: body.cname,
      uid: body.uid,
      clientRequest: body.clientRequest ?? {},
    });
    return this.#reply(200, { cname: body.cname, uid: body.uid, resourceId });
  }

  #start(route: { resourceId?: string; mode?: string }, body: any): Reply {
    const resource = this.resources.get(route.resourceId!);
    if (!resource) return this.#reply(400, { code: 1001, reason: 'failed to resolve the resource id' });
    if (resource.cname !== body.cname || resource.uid !== body.uid) {
      return this.#reply(400, { code: 432, reason: 'cname or uid do not match the acquire request' });
    }
    if (!['mix', 'individual', 'web'].includes(route.mode!))
      return this.#reply(400, { code: 2, reason: 'invalid mode' });
    if (!body.clientRequest?.storageConfig)
      return this.#reply(400, { code: 2, reason: 'storageConfig is required' });
    if (resource.sid) return this.#reply(201, { code: 7, resourceId: route.resourceId, sid: resource.sid });
    const sid = `sid${String(++this.#counter).padStart(29, '0')}`;
    resource.sid = sid;
    this.sessions.set(sid, {
      resourceId: route.resourceId!,
      cname: body.cname,
      uid: body.uid,
      mode: route.mode!,
      stopped: false,
    });
    return this.#reply(200, { cname: body.cname, uid: body.uid, resourceId: route.resourceId, sid });
  }

  #session(route: { operation: Operation; resourceId?: string; sid?: string; mode?: string }): Reply {
    const session = this.sessions.get(route.sid!);
    if (!session || session.resourceId !== route.resourceId)
      return this.#reply(404, { code: 404, reason: 'failed to find worker' });
    if (session.stopped) {
      return route.operation === 'stop'
        ? this.#reply(400, { code: 49, reason: 'the recording task is already exiting' })
        : this.#reply(404, { code: 404, reason: 'failed to find worker' });
    }
    if (route.operation === 'updateLayout' && session.mode !== 'mix')
      return this.#reply(400, { code: 1028, reason: 'updateLayout is mix only' });
    const ids = { cname: session.cname, uid: session.uid, resourceId: session.resourceId, sid: route.sid };
    if (route.operation === 'update' || route.operation === 'updateLayout') return this.#reply(200, ids);
    if (route.operation === 'query')
      return this.#reply(200, { ...ids, serverResponse: this.#serverResponse(session) });
    session.stopped = true;
    return this.#reply(200, { ...ids, serverResponse: this.#stopResponse(session) });
  }

  #files(session: Session, withTrack: boolean): Array<Record<string, unknown>> {
    return Array.from({ length: this.#fileCount }, (_, i) => {
      const name = `${route(session)}_${i}.${i % 2 === 0 ? 'm3u8' : 'mp4'}`;
      if (!withTrack) return { filename: name, sliceStartTime: 1_700_000_000_000 + i };
      const individual = session.mode === 'individual';
      return {
        fileName: name,
        trackType: individual ? (i % 2 === 0 ? 'audio' : 'video') : 'audio_and_video',
        uid: individual ? String(1000 + i) : '0',
        mixedAllUser: !individual,
        isPlayable: true,
        sliceStartTime: 1_700_000_000_000 + i,
      };
    });
  }

  #serverResponse(session: Session): Record<string, unknown> {
    const status = STATUS_OF[this.#state];
    if (session.mode === 'web' || this.#state === 'paused') {
      return {
        status,
        extensionServiceState: [
          {
            serviceName: 'web_recorder_service',
            payload: {
              fileList: this.#files(session, false),
              onhold: this.#state === 'paused',
              state: 'inProgress',
            },
          },
        ],
      };
    }
    return {
      status,
      fileListMode: 'json',
      fileList: this.#files(session, true),
      sliceStartTime: 1_700_000_000_000,
    };
  }

  #stopResponse(session: Session): Record<string, unknown> {
    if (session.mode === 'web') {
      return {
        extensionServiceState: [
          { serviceName: 'upload_service', payload: { uploadingStatus: 'uploaded' } },
          {
            serviceName: 'web_recorder_service',
            payload: { fileList: this.#files(session, false), onhold: false, state: 'exit' },
          },
        ],
      };
    }
    return { fileListMode: 'json', fileList: this.#files(session, true), uploadingStatus: 'uploaded' };
  }

  #reply(status: number, body: unknown): Reply {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return [status, text, { 'Content-Type': 'application/json', 'X-Request-ID': `req-${++this.#counter}` }];
  }
}

function route(session: Session): string {
  return `${session.resourceId.slice(0, 8)}_${session.cname}`;
}
