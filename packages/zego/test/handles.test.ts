import { inspect } from 'node:util';
import {
  type StartRecordingRequest,
  UnsupportedFeatureError,
  ValidationError,
  describeHandle,
} from '@unirec/core';
import { encodeHandle } from '@unirec/core/adapter';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  SIM_SERVER_SECRET,
  STORAGE_ACCESS_KEY,
  STORAGE_SECRET_KEY,
  compositeRegionsRequest,
  failureOf,
  individualRequest,
  noNetwork,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import { createZegoProvider } from './internals.js';

noNetwork();
const sim = useSimulator();

/** The JSON inside a ur2 handle. */
const payloadOf = (handle: string) =>
  JSON.parse(Buffer.from(handle.split('.')[2]!, 'base64url').toString('utf8'));
/** A ZEGO handle with the given parts (what a user could store, edit, or forge). */
const zegoHandle = (room: string, mode: string, sessionId: string, data: Record<string, unknown>) =>
  encodeHandle('zego', { room, mode: mode as 'composite', sessionId, data });

describe('handles', () => {
  it('are ur2 handles holding room, mode, TaskId, canvas and participants, no secrets; a fresh provider reads them', async () => {
    const session = await simProvider(sim()).start({
      ...compositeRegionsRequest(),
      video: { width: 960, height: 540 },
    });
    expect(session.handle).toMatch(/^ur2\.zego\.[A-Za-z0-9_-]+$/);
    expect(payloadOf(session.handle)).toEqual({
      r: 'room-1',
      m: 'composite',
      s: sim().activeRecordings('zego')[0]!.id,
      d: { w: 960, h: 540, p: ['conformance-1', 'conformance-2'] },
    });
    expect(describeHandle(session.handle)).toEqual({
      vendor: 'zego',
      room: 'room-1',
      mode: 'composite',
      sessionId: session.sessionId,
    });
    const text = Buffer.from(session.handle.split('.')[2]!, 'base64url').toString('utf8');
    for (const secret of [SIM_SERVER_SECRET, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY])
      expect(text).not.toContain(secret);
    await simProvider(sim()).pause(session.handle);
    expect((await simProvider(sim()).query(session.handle)).state).toBe('paused');
    const individual = await simProvider(sim()).start(individualRequest());
    expect(payloadOf(individual.handle).d).toEqual({});
  });

  it('reject foreign, old, corrupt and out-of-rule handles before any request', async () => {
    const p = simProvider(sim());
    const bad = [
      encodeHandle('agora', { room: 'y', mode: 'composite', sessionId: 'x', data: {} }),
      zegoHandle('y', 'web', 'x', {}),
      zegoHandle('room with space', 'individual', 'x', {}),
      zegoHandle('r'.repeat(129), 'individual', 'x', {}),
      `ur1.zego.${Buffer.from(JSON.stringify({ t: 'x', r: 'y', m: 'composite' })).toString('base64url')}`,
      'ur2.zego.%%%',
      'not a handle',
    ];
    for (const handle of bad) await expect(p.query(handle), handle).rejects.toBeInstanceOf(ValidationError);
    expect(zegoRequests(sim())).toEqual([]);
  });

  it('edited handles → ValidationError naming the field, with no request, for every operation', async () => {
    const edited: Array<[string, string, string]> = [
      ['canvas w 4000', zegoHandle('room-1', 'composite', 'TASK-1', { w: 4000, h: 720 }), 'session.handle.w'],
      [
        'p with a bad stream id',
        zegoHandle('room-1', 'composite', 'TASK-1', { w: 1280, h: 720, p: ['bad id!'] }),
        'session.handle.p[0]',
      ],
      [
        '26 participants',
        zegoHandle('room-1', 'composite', 'TASK-1', { p: Array(26).fill('a') }),
        'session.handle.p',
      ],
      ['a 100 KB TaskId', zegoHandle('room-1', 'composite', 'T'.repeat(100_000), {}), 'session.handle'],
      ['a TaskId with spaces', zegoHandle('room-1', 'composite', 'TASK 1', {}), 'session.handle.s'],
      [
        'an unknown d field',
        zegoHandle('room-1', 'composite', 'TASK-1', { w: 1280, h: 720, x: 1 }),
        'session.handle',
      ],
    ];
    const p = simProvider(sim());
    const calls = [
      (h: string) => p.query(h),
      (h: string) => p.stop(h),
      (h: string) => p.updateLayout(h, { preset: 'grid' }),
      async (h: string) => p.pause(h),
      async (h: string) => p.takeSnapshot(h),
    ];
    for (const [name, handle, field] of edited) {
      for (const call of calls) {
        const error = await failureOf(call(handle));
        expect(error, name).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path).join(' '), name).toContain(field);
      }
    }
    expect(zegoRequests(sim())).toEqual([]);
  });
});

describe('bad input never reaches ZEGO', () => {
  const base = compositeRegionsRequest();
  const cases: Array<[string, StartRecordingRequest, string]> = [
    ['fps 31', { ...base, video: { width: 1280, height: 720, fps: 31 } }, 'video.fps'],
    ['fps 4', { ...base, video: { width: 1280, height: 720, fps: 4 } }, 'video.fps'],
    ['height 1921', { ...base, video: { width: 720, height: 1921 } }, 'video.height'],
    ['1920 × 1200', { ...base, video: { width: 1920, height: 1200 } }, '1920 × 1080'],
    [
      'bitrate 1e13 kbps',
      { ...base, video: { width: 1280, height: 720, bitrateKbps: 1e13 } },
      'video.bitrateKbps',
    ],
    [
      'bitrate 50 001 kbps',
      { ...base, video: { width: 1280, height: 720, bitrateKbps: 50_001 } },
      'video.bitrateKbps',
    ],
    ['audio 513 kbps', { ...base, audio: { bitrateKbps: 513 } }, 'audio.bitrateKbps'],
    ['maxIdleSec 4', { ...base, output: { maxIdleSec: 4 } }, 'output.maxIdleSec'],
    ['maxIdleSec 86401', { ...base, output: { maxIdleSec: 86_401 } }, 'output.maxIdleSec'],
    ['maxDurationSec 299', { ...base, output: { maxDurationSec: 299 } }, 'output.maxDurationSec'],
    ['maxDurationSec 86401', { ...base, output: { maxDurationSec: 86_401 } }, 'output.maxDurationSec'],
    [
      'snapshot 3601 s',
      { ...base, output: { formats: ['jpg'], snapshotIntervalSec: 3601 } },
      'output.snapshotIntervalSec',
    ],
    [
      'snapshot 4 s',
      { ...base, output: { formats: ['jpg'], snapshotIntervalSec: 4 } },
      'output.snapshotIntervalSec',
    ],
    [
      '26 listed streams',
      { ...individualRequest(), participants: { include: Array.from({ length: 26 }, (_, i) => `s${i}`) } },
      'participants.include',
    ],
    ['a room with a space', { ...base, room: 'room 1' }, 'room'],
    ['a stream id with a dot', { ...base, participants: { include: ['a.b'] } }, 'participants.include[0]'],
    ['S3 without region', { ...base, storage: { ...base.storage, region: undefined } }, 'storage.region'],
    [
      's3-compatible without endpoint',
      { ...base, storage: { ...base.storage, vendor: 's3-compatible' } },
      'storage.endpoint',
    ],
    [
      'region under a pixel',
      { ...base, layout: { regions: [{ x: 0, y: 0, width: 0.0001, height: 1 }] } },
      '1 pixel',
    ],
    ['misspelt field', { ...base, vidoe: {} } as never, 'vidoe'],
  ];

  it.each(cases)('%s → ValidationError naming the field and rule', async (_name, request, text) => {
    const error = await failureOf(simProvider(sim()).start(request));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(text);
    expect(zegoRequests(sim())).toEqual([]);
  });

  it.each([
    ['web mode', { room: 'r', mode: 'web', web: { url: 'https://example.com' }, storage: base.storage }],
    ['exclude', { ...individualRequest(), participants: { exclude: ['a'] } }],
    ['two formats', { ...base, output: { formats: ['mp4', 'flv'] } }],
    ['Azure', { ...base, storage: { ...base.storage, vendor: 'azure-blob' } }],
  ] as Array<[string, StartRecordingRequest]>)(
    '%s → UnsupportedFeatureError before any request',
    async (_name, request) => {
      await expect(simProvider(sim()).start(request)).rejects.toBeInstanceOf(UnsupportedFeatureError);
      expect(zegoRequests(sim())).toEqual([]);
    },
  );
});

describe('hosts and secrets', () => {
  it('talks to the regional host when no baseUrl is given (an inline nock: the simulator has no such host)', async () => {
    const scope = nock('https://cloudrecord-api-sgp.zego.im')
      .post('/')
      .query((q) => q.Action === 'DescribeRecordStatus' && q.AppId === '7')
      .reply(200, { Code: 0, Message: 'succeed', RequestId: 'r', Data: { Status: 2 } });
    const p = createZegoProvider({ appId: 7, serverSecret: SIM_SERVER_SECRET, region: 'sgp' });
    expect((await p.query(zegoHandle('R', 'individual', 'T', {}))).state).toBe('recording');
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the server secret and storage keys out of inspect, logs, hooks, sessions and errors', async () => {
    const seen: string[] = [];
    const log = (...args: unknown[]) => void seen.push(inspect(args, { depth: 12 }));
    const p = simProvider(sim(), {
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: { onRequest: log, onResponse: log, onRetry: log },
    });
    seen.push(inspect(p, { depth: 12, showHidden: true }), JSON.stringify(p));
    const session = await p.start(compositeRegionsRequest());
    seen.push(inspect(session, { depth: 12 }), JSON.stringify(session));
    sim().injectFault({
      vendor: 'zego',
      operation: 'DescribeRecordStatus',
      kind: 'vendor-error',
      vendorCode: 100000005,
    });
    const error = await failureOf(p.query(session));
    seen.push(inspect(error, { showHidden: true, depth: 12 }), JSON.stringify(error));
    await p.stop(session);
    const text = seen.join('\n');
    expect(text).toContain('StartRecord'); // the logs did record the calls
    for (const secret of [SIM_SERVER_SECRET, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY])
      expect(text).not.toContain(secret);
    for (const r of zegoRequests(sim())) expect(text).not.toContain(r.query.Signature);
  });
});

describe('promise contract of the extras', () => {
  const single = () => simProvider(sim()).start(individualRequest());

  it('pause/resume/takeSnapshot/listTasksPage reject, never throw synchronously', async () => {
    const p = simProvider(sim());
    const session = await single();
    const calls = [
      () => p.pause(session),
      () => p.resume('not a handle'),
      () => p.takeSnapshot(session, { maxRetries: 99 }),
      () => p.listTasksPage({ status: 'ended', from: new Date() }, { timeoutMs: -1 }),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toBeInstanceOf(Error);
    }
  });
});
