import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineCapabilities } from '../capabilities.js';
import { createMemoryCoordinator } from '../coordination/memory-coordinator.js';
import type { ActiveSession, Coordinator } from '../coordination/types.js';
import {
  AbortError,
  NetworkError,
  NotFoundError,
  RecordingError,
  UnsupportedFeatureError,
  ValidationError,
  VendorError,
  markUnconfirmedRecording,
} from '../errors.js';
import { encodeHandle } from '../handle.js';
import type { Logger } from '../transport/types.js';
import type {
  LayoutInput,
  RecordingMode,
  RecordingResult,
  RecordingStatus,
  StartRecordingRequest,
} from '../types.js';
import {
  type AdapterSession,
  type AdapterStartContext,
  type ProviderRuntime,
  type StartedRecording,
  type VendorAdapter,
  createProviderRuntime,
  requestSecrets,
} from './provider-runtime.js';

/**
 * The runtime against an in-memory adapter (no HTTP) and the real memory coordinator: what a user
 * of any provider sees (validation before the vendor, idempotent starts, abort, typed errors, the
 * registry) and what an adapter author relies on (handles checked before the adapter is called).
 */

const ACCOUNT = 'acct-1';
const DEFAULT_MAX_DURATION_SEC = 3_600;

const CAPABILITIES = defineCapabilities({
  modes: ['composite', 'individual'],
  presets: ['grid', 'speaker'],
  formats: ['hls', 'mp4'],
  multipleFormats: true,
  storageVendors: ['s3', 'aliyun-oss'],
  media: ['audio', 'video', 'audio+video'],
  room: { maxBytes: 16, pattern: /^[\p{L}\p{N}_-]+$/u, rule: 'letters, digits, _ and -' },
  participantId: { pattern: /^\d{1,10}$/, rule: 'must be a number of 1 to 10 digits' },
  layout: {
    maxRegions: 4,
    alpha: false,
    zIndex: false,
    placeholderImage: false,
    backgroundImage: false,
    joinOrderFill: true,
    backgroundUpdate: true,
    units: 'fraction',
  },
  participants: { include: true, exclude: true, maxInclude: 8 },
  video: {
    width: [16, 1920],
    height: [16, 1920],
    maxPixels: 1920 * 1080,
    fps: [1, 60],
    bitrateKbps: [50, 8000],
  },
  audio: { bitrateKbps: [8, 320] },
  snapshot: { modes: [], intervalSec: [1, 60] },
  maxDurationSec: [60, 86_400],
  defaultMaxDurationSec: DEFAULT_MAX_DURATION_SEC,
  extras: [],
});

interface FakeData {
  account: string;
  task: string;
}

const handleSchema = z.strictObject({
  account: z.string().check(z.regex(/^acct-\d+$/)),
  task: z.string().check(z.minLength(1)),
});

type Call = {
  op: 'start' | 'updateLayout' | 'query' | 'stop';
  session?: AdapterSession<FakeData>;
  arg?: unknown;
};

interface FakeAdapter extends VendorAdapter<FakeData> {
  calls: Call[];
  startImpl: (
    request: StartRecordingRequest,
    ctx: AdapterStartContext,
  ) => Promise<StartedRecording<FakeData>>;
  queryImpl: () => Promise<RecordingStatus>;
  stopImpl: () => Promise<RecordingResult>;
  layoutImpl: (layout: LayoutInput, warn: (feature: string, message: string) => void) => Promise<unknown>;
}

function fakeAdapter(account = ACCOUNT): FakeAdapter {
  let tasks = 0;
  const adapter: FakeAdapter = {
    vendor: 'zego',
    capabilities: CAPABILITIES,
    handleSchema,
    account,
    calls: [],
    startImpl: async () => {
      tasks++;
      return { sessionId: `task-${tasks}`, data: { account, task: `task-${tasks}` } };
    },
    queryImpl: async () => ({ state: 'recording', vendorState: 1, files: [], raw: {} }),
    stopImpl: async () => ({ files: [], upload: 'unknown', alreadyStopped: false, raw: {} }),
    layoutImpl: async () => ({ accepted: true }),
    foreignAccount: (data) =>
      data.account === account ? undefined : `belongs to account '${data.account}', not '${account}'`,
    layoutUnsupported: (session) =>
      session.mode === 'individual' ? 'an individual recording has no layout' : undefined,
    start(request, ctx) {
      adapter.calls.push({ op: 'start', arg: request });
      return adapter.startImpl(request, ctx);
    },
    updateLayout(session, layout, ctx) {
      adapter.calls.push({ op: 'updateLayout', session, arg: layout });
      return adapter.layoutImpl(layout, (feature, message) => ctx.warnings.add(feature, message));
    },
    query(session) {
      adapter.calls.push({ op: 'query', session });
      return adapter.queryImpl();
    },
    stop(session) {
      adapter.calls.push({ op: 'stop', session });
      return adapter.stopImpl();
    },
  };
  return adapter;
}

interface LogLine {
  level: 'warn' | 'error';
  message: string;
  meta: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    warn: (message, meta) => void lines.push({ level: 'warn', message, meta }),
    error: (message, meta) => void lines.push({ level: 'error', message, meta }),
  };
}

const REQUEST: StartRecordingRequest = {
  room: 'room-1',
  mode: 'composite',
  storage: {
    vendor: 's3',
    region: 'us-east-1',
    bucket: 'bucket-1',
    accessKey: 'AK-test-123456',
    secretKey: 'SK-test-abcdef',
  },
};

function handleFor(
  parts: { room?: string; mode?: RecordingMode; sessionId?: string; data?: Partial<FakeData> } = {},
): string {
  return encodeHandle('zego', {
    room: parts.room ?? 'room-1',
    mode: parts.mode ?? 'composite',
    sessionId: parts.sessionId ?? 'task-9',
    data: { account: ACCOUNT, task: 'task-9', ...parts.data },
  });
}

/** Settles `promise` and returns what it rejected with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}

function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function registered(coordinator: Coordinator): Promise<ActiveSession[]> {
  await tick();
  const out: ActiveSession[] = [];
  for await (const entry of coordinator.sessions.list()) out.push(entry);
  return out;
}

let adapter: FakeAdapter;
let coordinator: Coordinator;
let logger: ReturnType<typeof recordingLogger>;
let runtime: ProviderRuntime;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeEach(() => {
  adapter = fakeAdapter();
  coordinator = createMemoryCoordinator();
  logger = recordingLogger();
  runtime = createProviderRuntime(adapter, { strict: false, coordinator, logger });
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  await tick();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('nothing invalid reaches the adapter', () => {
  it('an invalid start request is a ValidationError naming the field', async () => {
    const cases: unknown[] = [
      {},
      { ...REQUEST, storage: undefined },
      { ...REQUEST, room: 'a\u0000b' },
      { ...REQUEST, roomName: 'x' },
      { ...REQUEST, video: { width: 0, height: 720 } },
      null,
      'room-1',
    ];
    for (const request of cases) {
      const error = await rejectionOf(runtime.start(request as StartRecordingRequest));
      expect(error, JSON.stringify(request)).toBeInstanceOf(ValidationError);
    }
    const e = (await rejectionOf(
      runtime.start({ ...REQUEST, video: { width: 0, height: 720 } }),
    )) as ValidationError;
    expect(e.issues.map((i) => i.path)).toContain('video.width');
    expect(adapter.calls).toEqual([]);
  });

  it('invalid call options are a ValidationError on every operation', async () => {
    const bad: Array<[unknown, string]> = [
      [{ timeoutMs: 0 }, 'options.timeoutMs'],
      [{ timeoutMs: 1.5 }, 'options.timeoutMs'],
      [{ timeoutMs: 600_001 }, 'options.timeoutMs'],
      [{ maxRetries: -1 }, 'options.maxRetries'],
      [{ maxRetries: 11 }, 'options.maxRetries'],
      [{ signal: { aborted: false } }, 'options.signal'],
      [{ signal: 'abort' }, 'options.signal'],
    ];
    const handle = handleFor();
    for (const [options, path] of bad) {
      const calls = [
        runtime.start(REQUEST, options as never),
        runtime.query(handle, options as never),
        runtime.stop(handle, options as never),
        runtime.updateLayout(handle, { preset: 'grid' }, options as never),
      ];
      for (const call of calls) {
        const error = (await rejectionOf(call)) as ValidationError;
        expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
        expect(error.issues.map((i) => i.path)).toContain(path);
      }
    }
    expect(adapter.calls).toEqual([]);
  });

  it('a misspelt call option is an error, not silently ignored', async () => {
    const error = (await rejectionOf(
      runtime.query(handleFor(), { timeout: 1_000 } as never),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toContain('options.timeout');
    expect(adapter.calls).toEqual([]);
  });

  it('a capability violation is refused before the adapter', async () => {
    const unsupported = (await rejectionOf(
      runtime.start({ ...REQUEST, mode: 'web', web: { url: 'https://example.com' } }),
    )) as UnsupportedFeatureError;
    expect(unsupported).toBeInstanceOf(UnsupportedFeatureError);
    expect(unsupported.feature).toBe('mode.web');
    expect(await rejectionOf(runtime.start({ ...REQUEST, output: { formats: ['flv'] } }))).toBeInstanceOf(
      UnsupportedFeatureError,
    );
    const tooLong = (await rejectionOf(
      runtime.start({ ...REQUEST, room: 'r'.repeat(17) }),
    )) as ValidationError;
    expect(tooLong).toBeInstanceOf(ValidationError);
    expect(tooLong.issues.map((i) => i.path)).toEqual(['room']);
    expect(
      await rejectionOf(runtime.start({ ...REQUEST, participants: { include: ['alice'] } })),
    ).toBeInstanceOf(ValidationError);
    expect(adapter.calls).toEqual([]);
  });
});

describe('updateLayout', () => {
  const badLayout = { regions: [] } as unknown as LayoutInput;

  it('checks the handle first, then whether the session has a layout, then the layout', async () => {
    const foreignIndividual = handleFor({ mode: 'individual', data: { account: 'acct-2' } });
    const first = (await rejectionOf(runtime.updateLayout(foreignIndividual, badLayout))) as ValidationError;
    expect(first).toBeInstanceOf(ValidationError);
    expect(first.issues.map((i) => i.path)).toEqual(['session.handle']);

    const individual = handleFor({ mode: 'individual' });
    const second = (await rejectionOf(
      runtime.updateLayout(individual, badLayout),
    )) as UnsupportedFeatureError;
    expect(second).toBeInstanceOf(UnsupportedFeatureError);
    expect(second.feature).toBe('updateLayout');
    expect(second.message).toContain('an individual recording has no layout');

    const third = (await rejectionOf(runtime.updateLayout(handleFor(), badLayout))) as ValidationError;
    expect(third).toBeInstanceOf(ValidationError);
    expect(third.issues.every((i) => i.path.startsWith('layout'))).toBe(true);
    expect(adapter.calls).toEqual([]);
  });

  it('refuses a preset or a participant the capability table does not allow', async () => {
    const preset = (await rejectionOf(
      runtime.updateLayout(handleFor(), { preset: 'pip' }),
    )) as UnsupportedFeatureError;
    expect(preset).toBeInstanceOf(UnsupportedFeatureError);
    expect(preset.feature).toBe('layout.preset');
    const participant = (await rejectionOf(
      runtime.updateLayout(handleFor(), {
        regions: [{ participant: 'bob', x: 0, y: 0, width: 1, height: 1 }],
      }),
    )) as ValidationError;
    expect(participant.issues.map((i) => i.path)).toEqual(['layout.regions[0].participant']);
    expect(adapter.calls).toEqual([]);
  });

  it('passes the parsed layout and session to the adapter and returns its warnings and answer', async () => {
    adapter.layoutImpl = async (_layout, warn) => {
      warn('layout.alpha', 'alpha is dropped');
      return { vendorAnswer: 1 };
    };
    const result = await runtime.updateLayout(handleFor({ sessionId: 'task-7' }), {
      preset: 'grid',
      focus: '42',
    });
    expect(result).toEqual({
      warnings: [{ feature: 'layout.alpha', message: 'alpha is dropped' }],
      raw: { vendorAnswer: 1 },
    });
    expect(adapter.calls).toHaveLength(1);
    expect(adapter.calls[0]!.arg).toEqual({ preset: 'grid', focus: '42' });
    expect(adapter.calls[0]!.session).toMatchObject({
      room: 'room-1',
      mode: 'composite',
      sessionId: 'task-7',
    });
  });

  it('under strict, a loss the adapter reports is UnsupportedFeatureError', async () => {
    const strict = createProviderRuntime(adapter, { strict: true, coordinator });
    adapter.layoutImpl = async (_layout, warn) => {
      warn('layout.alpha', 'alpha is dropped');
      return {};
    };
    const error = (await rejectionOf(
      strict.updateLayout(handleFor(), { preset: 'grid' }),
    )) as UnsupportedFeatureError;
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(error.feature).toBe('layout.alpha');
  });
});

describe('idempotent start', () => {
  const keyed = { ...REQUEST, idempotencyKey: 'key-1' };

  it('runs the adapter once for concurrent and later calls with the same key', async () => {
    const gate = deferred<void>();
    const inner = adapter.startImpl;
    adapter.startImpl = async (request, ctx) => {
      await gate.promise;
      return inner(request, ctx);
    };
    const concurrent = [runtime.start(keyed), runtime.start(keyed), runtime.start(keyed)];
    await tick();
    gate.resolve();
    const [a, b, c] = await Promise.all(concurrent);
    const later = await runtime.start(keyed);
    expect(adapter.calls.filter((call) => call.op === 'start')).toHaveLength(1);
    for (const session of [a, b, c, later]) {
      expect(session).toEqual(a);
      expect(session!.startedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(session!.startedAt.getTime())).toBe(false);
    }
    expect(a!.sessionId).toBe('task-1');
  });

  it('another key, or the same key in another room, is another start', async () => {
    const first = await runtime.start(keyed);
    const otherKey = await runtime.start({ ...keyed, idempotencyKey: 'key-2' });
    const otherRoom = await runtime.start({ ...keyed, room: 'room-2' });
    expect(adapter.calls.filter((call) => call.op === 'start')).toHaveLength(3);
    expect(new Set([first.sessionId, otherKey.sessionId, otherRoom.sessionId]).size).toBe(3);
  });

  it('two providers of the same account sharing a coordinator start once', async () => {
    const twin = fakeAdapter();
    const twinRuntime = createProviderRuntime(twin, { strict: false, coordinator });
    const session = await runtime.start(keyed);
    expect(await twinRuntime.start(keyed)).toEqual(session);
    expect(twin.calls).toEqual([]);
  });

  it('a failed idempotent start is forgotten: the next call runs the adapter again', async () => {
    const inner = adapter.startImpl;
    adapter.startImpl = async () => {
      throw new VendorError('vendor is down', { vendor: 'zego', operation: 'start', retryable: true });
    };
    expect(await rejectionOf(runtime.start(keyed))).toBeInstanceOf(VendorError);
    adapter.startImpl = inner;
    const session = await runtime.start(keyed);
    expect(session.sessionId).toBe('task-1');
    expect(adapter.calls.filter((call) => call.op === 'start')).toHaveLength(2);
  });

  it("one caller's abort does not reject another caller of the same idempotent start", async () => {
    const gate = deferred<void>();
    const inner = adapter.startImpl;
    adapter.startImpl = async (request, ctx) => {
      await gate.promise;
      return inner(request, ctx);
    };
    const controller = new AbortController();
    const impatient = runtime.start(keyed, { signal: controller.signal });
    const patient = runtime.start(keyed);
    await tick();
    controller.abort();
    expect(await rejectionOf(impatient)).toBeInstanceOf(AbortError);
    gate.resolve();
    // The second caller never aborted: it gets the recording, and that recording keeps running.
    const session = await patient;
    expect(session.sessionId).toBe('task-1');
    await tick();
    expect(adapter.calls.filter((call) => call.op === 'stop')).toEqual([]);
  });
});

describe('abort', () => {
  it('an aborted signal rejects every operation with AbortError before the adapter', async () => {
    const reason = new Error('user left');
    const controller = new AbortController();
    controller.abort(reason);
    const signal = controller.signal;
    const handle = handleFor();
    for (const call of [
      runtime.start(REQUEST, { signal }),
      runtime.query(handle, { signal }),
      runtime.stop(handle, { signal }),
      runtime.updateLayout(handle, { preset: 'grid' }, { signal }),
    ]) {
      const error = (await rejectionOf(call)) as AbortError;
      expect(error).toBeInstanceOf(AbortError);
      expect(error.name).toBe('AbortError');
      expect(error.cause).toBe(reason);
    }
    expect(adapter.calls).toEqual([]);
  });

  it('an abort during a call rejects it promptly (< 50 ms), whatever the adapter is doing', async () => {
    const never = new Promise<never>(() => {});
    adapter.queryImpl = () => never;
    adapter.stopImpl = () => never;
    adapter.layoutImpl = () => never;
    adapter.startImpl = () => never;
    const handle = handleFor();
    const calls: Array<(signal: AbortSignal) => Promise<unknown>> = [
      (signal) => runtime.start(REQUEST, { signal }),
      (signal) => runtime.start({ ...REQUEST, idempotencyKey: 'k-abort' }, { signal }),
      (signal) => runtime.query(handle, { signal }),
      (signal) => runtime.stop(handle, { signal }),
      (signal) => runtime.updateLayout(handle, { preset: 'grid' }, { signal }),
    ];
    for (const call of calls) {
      const controller = new AbortController();
      const pending = call(controller.signal);
      await tick();
      const abortedAt = performance.now();
      controller.abort('stop it');
      const error = (await rejectionOf(pending)) as AbortError;
      expect(performance.now() - abortedAt).toBeLessThan(50);
      expect(error).toBeInstanceOf(AbortError);
      expect(error.cause).toBe('stop it');
    }
  });

  it('a start the vendor completes after the abort is stopped through adapter.stop', async () => {
    const gate = deferred<StartedRecording<FakeData>>();
    adapter.startImpl = () => gate.promise;
    const controller = new AbortController();
    const pending = runtime.start(REQUEST, { signal: controller.signal });
    await tick();
    controller.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    expect(adapter.calls.map((call) => call.op)).toEqual(['start']);
    gate.resolve({ sessionId: 'task-late', data: { account: ACCOUNT, task: 'task-late' } });
    await tick();
    await tick();
    const stops = adapter.calls.filter((call) => call.op === 'stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.session).toMatchObject({ sessionId: 'task-late', room: 'room-1', mode: 'composite' });
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('task-late'))).toBe(
      true,
    );
    // stopped, so not left in the registry either
    expect(await registered(coordinator)).toEqual([]);
  });

  it('a compensating stop that fails is logged, not thrown', async () => {
    const gate = deferred<StartedRecording<FakeData>>();
    adapter.startImpl = () => gate.promise;
    adapter.stopImpl = async () => {
      throw new TypeError('boom');
    };
    const controller = new AbortController();
    const pending = runtime.start(REQUEST, { signal: controller.signal });
    controller.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    gate.resolve({ sessionId: 'task-late', data: { account: ACCOUNT, task: 'task-late' } });
    await tick();
    await tick();
    expect(logger.lines.some((line) => line.level === 'error' && line.message.includes('task-late'))).toBe(
      true,
    );
  });

  it('a start that fails after the abort with unconfirmedRecording is logged, not thrown', async () => {
    const gate = deferred<StartedRecording<FakeData>>();
    adapter.startImpl = () => gate.promise;
    const controller = new AbortController();
    const pending = runtime.start(REQUEST, { signal: controller.signal });
    await tick();
    controller.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    const info = {
      vendor: 'zego' as const,
      room: 'room-1',
      ids: { task: 'task-lost' },
      hint: 'stop it by hand',
    };
    gate.reject(
      markUnconfirmedRecording(new NetworkError('answer lost', { vendor: 'zego', operation: 'start' }), info),
    );
    await tick();
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.meta).toEqual({ unconfirmedRecording: info });
    expect(adapter.calls.filter((call) => call.op === 'stop')).toEqual([]);
  });

  it('a start that fails after the abort without a recording is quiet', async () => {
    const gate = deferred<StartedRecording<FakeData>>();
    adapter.startImpl = () => gate.promise;
    const controller = new AbortController();
    const pending = runtime.start(REQUEST, { signal: controller.signal });
    controller.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    gate.reject(new TypeError('late failure'));
    await tick();
    expect(logger.lines).toEqual([]);
  });
});

describe('nothing but RecordingError escapes', () => {
  const thrown: unknown[] = [
    new TypeError("Cannot read properties of undefined (reading 'x')"),
    'a string',
    undefined,
    { secretKey: 'SK-leaked-999999' },
  ];

  it.each(thrown.map((value) => [value]))(
    'an adapter throwing %s comes out as VendorError',
    async (value) => {
      const fail = async () => {
        throw value;
      };
      adapter.startImpl = fail;
      adapter.queryImpl = fail;
      adapter.stopImpl = fail;
      adapter.layoutImpl = fail;
      const handle = handleFor();
      const calls: Array<[string, Promise<unknown>]> = [
        ['start', runtime.start(REQUEST)],
        ['query', runtime.query(handle)],
        ['stop', runtime.stop(handle)],
        ['updateLayout', runtime.updateLayout(handle, { preset: 'grid' })],
      ];
      for (const [operation, call] of calls) {
        const error = (await rejectionOf(call)) as VendorError;
        expect(error, operation).toBeInstanceOf(VendorError);
        expect(error).toBeInstanceOf(RecordingError);
        expect(error.operation).toBe(operation);
        expect(error.vendor).toBe('zego');
        expect(JSON.stringify(error)).not.toContain('SK-leaked-999999');
        expect(error.message).not.toContain('SK-leaked-999999');
      }
    },
  );

  it('an adapter throwing synchronously comes out as VendorError', async () => {
    const throwing = fakeAdapter();
    throwing.query = () => {
      throw new RangeError('sync');
    };
    throwing.start = () => {
      throw new RangeError('sync');
    };
    const r = createProviderRuntime(throwing, { strict: false, coordinator });
    expect(await rejectionOf(r.query(handleFor()))).toBeInstanceOf(VendorError);
    expect(await rejectionOf(r.start(REQUEST))).toBeInstanceOf(VendorError);
  });

  it("an adapter's own RecordingError comes out unchanged", async () => {
    const own = new NotFoundError('no such task', { vendor: 'zego', operation: 'query' });
    adapter.queryImpl = async () => {
      throw own;
    };
    expect(await rejectionOf(runtime.query(handleFor()))).toBe(own);
  });

  it('run() gives vendor extras the same guarantees', async () => {
    expect(
      await rejectionOf(runtime.run('extra', {}, async () => Promise.reject(new TypeError('x')))),
    ).toBeInstanceOf(VendorError);
    const controller = new AbortController();
    const pending = runtime.run('extra', { signal: controller.signal }, () => new Promise(() => {}));
    controller.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    expect(await runtime.run('extra', {}, async () => 7)).toBe(7);
  });
});

describe('the registry of running sessions', () => {
  it('a start adds an ActiveSession whose deadline is start + output.maxDurationSec', async () => {
    const session = await runtime.start({ ...REQUEST, output: { maxDurationSec: 120 } });
    const entries = await registered(coordinator);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({
      handle: session.handle,
      vendor: 'zego',
      room: 'room-1',
      sessionId: session.sessionId,
    });
    expect(new Date(entry.startedAt).getTime()).toBe(session.startedAt.getTime());
    expect(new Date(entry.deadline!).getTime()).toBe(session.startedAt.getTime() + 120_000);
  });

  it("without maxDurationSec the deadline is the capability's defaultMaxDurationSec", async () => {
    const session = await runtime.start(REQUEST);
    const [entry] = await registered(coordinator);
    expect(new Date(entry!.deadline!).getTime()).toBe(
      session.startedAt.getTime() + DEFAULT_MAX_DURATION_SEC * 1000,
    );
  });

  it('a failed start registers nothing', async () => {
    adapter.startImpl = async () => {
      throw new VendorError('down', { vendor: 'zego', operation: 'start' });
    };
    await rejectionOf(runtime.start(REQUEST));
    expect(await registered(coordinator)).toEqual([]);
  });

  it('stop removes the session, also when the vendor says it is not found', async () => {
    const a = await runtime.start(REQUEST);
    const b = await runtime.start({ ...REQUEST, room: 'room-2' });
    expect(await registered(coordinator)).toHaveLength(2);
    await runtime.stop(a);
    expect((await registered(coordinator)).map((e) => e.handle)).toEqual([b.handle]);
    adapter.stopImpl = async () => {
      throw new NotFoundError('gone', { vendor: 'zego', operation: 'stop' });
    };
    expect(await rejectionOf(runtime.stop(b.handle))).toBeInstanceOf(NotFoundError);
    expect(await registered(coordinator)).toEqual([]);
  });

  it('a stop that fails otherwise keeps the session registered', async () => {
    const session = await runtime.start(REQUEST);
    adapter.stopImpl = async () => {
      throw new VendorError('down', { vendor: 'zego', operation: 'stop', retryable: true });
    };
    await rejectionOf(runtime.stop(session));
    expect((await registered(coordinator)).map((e) => e.handle)).toEqual([session.handle]);
  });
});

describe('handles are checked as strictly as the start that made them', () => {
  async function refusedEverywhere(handle: unknown, path: string): Promise<void> {
    for (const call of [
      runtime.query(handle as string),
      runtime.stop(handle as string),
      runtime.updateLayout(handle as string, { preset: 'grid' }),
    ]) {
      const error = (await rejectionOf(call)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues.map((i) => i.path)).toContain(path);
    }
    expect(() => runtime.session(handle as string, 'extra')).toThrow(ValidationError);
    expect(adapter.calls).toEqual([]);
  }

  it('a handle of another account of this vendor', async () => {
    await refusedEverywhere(handleFor({ data: { account: 'acct-2' } }), 'session.handle');
  });

  it('a room over the byte limit (UTF-8 bytes, not characters)', async () => {
    // 9 characters, 18 bytes
    await refusedEverywhere(handleFor({ room: 'é'.repeat(9) }), 'session.handle.room');
  });

  it('a room outside the pattern', async () => {
    await refusedEverywhere(handleFor({ room: 'a b' }), 'session.handle.room');
  });

  it('a mode the vendor lacks', async () => {
    await refusedEverywhere(handleFor({ mode: 'web' }), 'session.handle.mode');
  });

  it('a handle of another vendor, a corrupt one, vendor data outside the schema', async () => {
    const agora = encodeHandle('agora', {
      room: 'room-1',
      mode: 'composite',
      sessionId: 's',
      data: { account: ACCOUNT, task: 't' },
    });
    await refusedEverywhere(agora, 'session.handle');
    await refusedEverywhere('ur2.zego.%%%', 'session.handle');
    await refusedEverywhere(handleFor({ data: { task: '' } }), 'session.handle.task');
    await refusedEverywhere(42, 'session');
  });

  it('a room of exactly the byte limit, or a RecordingSession, is accepted', async () => {
    const handle = handleFor({ room: 'é'.repeat(8) });
    await runtime.query(handle);
    const session = await runtime.start(REQUEST);
    await runtime.query(session);
    expect(adapter.calls.filter((call) => call.op === 'query').map((call) => call.session!.room)).toEqual([
      'é'.repeat(8),
      'room-1',
    ]);
  });

  it('encode() makes a handle the runtime reads back', () => {
    const handle = runtime.encode({
      room: 'room-3',
      mode: 'individual',
      sessionId: 'task-3',
      data: { account: ACCOUNT, task: 'task-3' },
    });
    expect(runtime.session<FakeData>(handle, 'extra')).toEqual({
      room: 'room-3',
      mode: 'individual',
      sessionId: 'task-3',
      data: { account: ACCOUNT, task: 'task-3' },
    });
  });
});

describe('requestSecrets', () => {
  const request: StartRecordingRequest = {
    ...REQUEST,
    token: 'rtc-token-777777',
    vendorOptions: {
      zego: {
        plain: 'visible-value',
        apiToken: 'tok-111111',
        nested: { deeper: [{ password: 'pw-222222' }, { clientSecret: 'cs-333333', other: 'also-visible' }] },
      },
      agora: { extensionServiceConfig: { accessKey: 'ak-444444' } },
    },
  };

  it('collects storage keys, the token and secret-looking vendorOptions values at any depth', () => {
    const secrets = requestSecrets(request);
    for (const secret of [
      'AK-test-123456',
      'SK-test-abcdef',
      'rtc-token-777777',
      'tok-111111',
      'pw-222222',
      'cs-333333',
      'ak-444444',
    ]) {
      expect(secrets).toContain(secret);
    }
    for (const visible of ['visible-value', 'also-visible', 'bucket-1', 'room-1'])
      expect(secrets).not.toContain(visible);
  });

  it('collects the strings held under a secret-looking key that is an object or a list', () => {
    const secrets = requestSecrets({
      ...REQUEST,
      vendorOptions: {
        zego: { credentials: { ak: 'nested-ak-555555', sk: 'nested-sk-666666' }, tokens: ['tok-a-777777'] },
      },
    });
    expect(secrets).toEqual(expect.arrayContaining(['nested-ak-555555', 'nested-sk-666666', 'tok-a-777777']));
  });

  it('hands them to adapter.start', async () => {
    let seen: string[] = [];
    adapter.startImpl = async (_request, ctx) => {
      seen = ctx.secrets;
      return { sessionId: 'task-s', data: { account: ACCOUNT, task: 'task-s' } };
    };
    await runtime.start(request);
    expect(seen).toEqual(
      expect.arrayContaining(['AK-test-123456', 'SK-test-abcdef', 'rtc-token-777777', 'tok-111111']),
    );
  });
});
