import { inspect } from 'node:util';
import {
  ConflictError,
  type StartRecordingRequest,
  UnsupportedFeatureError,
  ValidationError,
  decodeHandle,
  encodeHandle,
} from '@unirec/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createZegoProvider, toRecordingStatus } from '../src/index.js';
import {
  STORAGE_ACCESS_KEY,
  STORAGE_SECRET_KEY,
  compositeRegionsRequest,
  individualRequest,
  isValidSignature,
  noNetwork,
  zegoProvider,
} from './helpers.js';
import { FAKE_APP_ID, FAKE_SERVER_SECRET, ZegoFake } from './zego-fake.js';

noNetwork();
let fake: ZegoFake;
beforeEach(() => {
  fake = new ZegoFake();
  fake.install();
});
afterEach(() => fake.uninstall());

describe('lifecycle against the fake', () => {
  it('signs every request validly and freshly, and keeps one ClientTaskId across start retries', async () => {
    const p = zegoProvider(fake.baseUrl);
    fake.fail('start', 'server-error');
    const session = await p.start(compositeRegionsRequest());
    await p.updateLayout(session, { preset: 'grid' });
    await p.query(session);
    await p.pause(session);
    await p.resume(session);
    await p.takeSnapshot(session);
    await p.stop(session);
    const starts = fake.ofAction('StartRecord');
    expect(starts).toHaveLength(2);
    const [first, second] = starts.map(
      (r) => (r.body as { RecordInputParams: { ClientTaskId: string } }).RecordInputParams.ClientTaskId,
    );
    expect(first).toMatch(/^unirec-[0-9a-f]{24}$/);
    expect(second).toBe(first);
    expect(fake.tasks.size).toBe(1);
    expect(fake.requests.map((r) => r.operation)).toEqual([
      'StartRecord',
      'StartRecord',
      'UpdateLayout',
      'DescribeRecordStatus',
      'PauseRecord',
      'ResumeRecord',
      'TakeSnapshot',
      'StopRecord',
      'DescribeRecordStatus',
    ]);
    for (const r of fake.requests) {
      expect(isValidSignature(r.query), r.operation).toBe(true);
      expect(Object.keys(r.query)[0]).toBe('Action');
      expect(r.path).toBe('/');
      expect(r.method).toBe('POST');
    }
    expect(new Set(fake.requests.map((r) => r.query.SignatureNonce)).size).toBe(fake.requests.length);
    expect(fake.signatureFailures).toEqual([]);
  });

  it('uses idempotencyKey as ClientTaskId: a repeated start returns the same task', async () => {
    const p = zegoProvider(fake.baseUrl);
    const a = await p.start({ ...compositeRegionsRequest(), idempotencyKey: 'order-42' });
    const b = await p.start({ ...compositeRegionsRequest(), idempotencyKey: 'order-42' });
    expect(fake.tasks.size).toBe(1);
    expect(a.handle).toBe(b.handle);
    const body = fake.ofAction('StartRecord')[0]!.body as { RecordInputParams: { ClientTaskId: string } };
    expect(body.RecordInputParams.ClientTaskId).toBe('order-42');
  });

  it('query maps Status 1–5 and files; stop returns the files as far as known', async () => {
    const p = zegoProvider(fake.baseUrl);
    fake.setFileCount(2);
    const session = await p.start(individualRequest());
    const status = await p.query(session);
    expect(status.state).toBe('recording');
    expect(status.vendorState).toBe(2);
    expect(status.files).toHaveLength(2);
    expect(status.files[0]).toMatchObject({
      kind: 'audio+video',
      participant: 'conformance-1',
      upload: 'pending',
      sizeBytes: 1000,
      durationMs: 60_000,
    });
    expect(status.files[0]!.startedAt).toBeInstanceOf(Date);
    const result = await p.stop(session);
    expect(result.alreadyStopped).toBe(false);
    expect(result.upload).toBe('uploaded');
    expect(result.files.map((f) => f.participant)).toEqual(['conformance-1', 'conformance-2']);
    expect(result.files[1]!.url).toMatch(/^https:\/\/bucket\.example\//);
    expect((await p.stop(session)).alreadyStopped).toBe(true);
  });

  it('resume of a recording that is not paused → ConflictError; extras refuse individual sessions', async () => {
    const p = zegoProvider(fake.baseUrl);
    const mixed = await p.start(compositeRegionsRequest());
    await expect(p.resume(mixed)).rejects.toBeInstanceOf(ConflictError);
    const single = await p.start(individualRequest());
    const before = fake.requests.length;
    for (const call of [p.pause(single), p.resume(single), p.takeSnapshot(single)]) {
      await expect(call).rejects.toBeInstanceOf(UnsupportedFeatureError);
    }
    expect(fake.requests.length).toBe(before);
  });

  it('listTasks pages through DescribeTasks (PageOffset from 1, PageSize ≤ 50)', async () => {
    const p = zegoProvider(fake.baseUrl, { rateLimit: false });
    for (let i = 0; i < 5; i++) await p.start({ ...individualRequest(), room: i < 4 ? 'busy' : 'other' });
    const from = new Date(Date.now() - 60_000);
    const tasks = [];
    for await (const task of p.listTasks({ status: 'recording', room: 'busy', from, pageSize: 2 }))
      tasks.push(task);
    expect(tasks).toHaveLength(4);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(4);
    expect(
      tasks.every((t) => t.room === 'busy' && t.state === 'recording' && t.startedAt instanceof Date),
    ).toBe(true);
    const pages = fake.ofAction('DescribeTasks').map((r) => r.body as Record<string, number>);
    expect(pages.map((b) => b.PageOffset)).toEqual([1, 2]);
    expect(pages[0]).toMatchObject({ Status: 2, RoomId: 'busy', PageSize: 2 });
    const page = await p.listTasksPage({ status: 'ended', from });
    expect(page).toMatchObject({ tasks: [], page: 1, pageSize: 50, total: 0, hasMore: false });
    await expect(p.listTasksPage({ status: 'recording', from, pageSize: 51 })).rejects.toThrow(
      /pageSize must be between 1 and 50/,
    );
    const week = new Date(Date.now() - 7 * 86_400_000);
    await expect(p.listTasksPage({ status: 'recording', from: week, to: new Date() })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('handles', () => {
  it('hold TaskId, room, mode and canvas, no secrets, and work in a fresh provider', async () => {
    const session = await zegoProvider(fake.baseUrl).start({
      ...compositeRegionsRequest(),
      video: { width: 960, height: 540 },
    });
    expect(session.handle).toMatch(/^ur1\.zego\.[A-Za-z0-9_-]+$/);
    const payload = decodeHandle('zego', session.handle, z.record(z.string(), z.unknown()));
    expect(payload).toMatchObject({
      t: [...fake.tasks.keys()][0],
      r: 'room-1',
      m: 'composite',
      w: 960,
      h: 540,
    });
    const text = JSON.stringify(payload);
    for (const secret of [FAKE_SERVER_SECRET, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY])
      expect(text).not.toContain(secret);
    fake.setState('paused');
    expect((await zegoProvider(fake.baseUrl).query(session.handle)).state).toBe('paused');
  });

  it('reject foreign and corrupt handles before any request', async () => {
    const p = zegoProvider(fake.baseUrl);
    const bad = [
      encodeHandle('agora', { t: 'x', r: 'y', m: 'composite' }),
      encodeHandle('zego', { r: 'room' }),
      encodeHandle('zego', { t: 'x', r: 'y', m: 'web' }),
      'ur1.zego.%%%',
      'not a handle',
    ];
    for (const handle of bad) await expect(p.query(handle)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.requests).toEqual([]);
  });
});

describe('bad input never reaches ZEGO', () => {
  const base = compositeRegionsRequest();
  const cases: Array<[string, StartRecordingRequest, string]> = [
    ['fps 31', { ...base, video: { width: 1280, height: 720, fps: 31 } }, 'between 5 and 30'],
    ['fps 4', { ...base, video: { width: 1280, height: 720, fps: 4 } }, 'between 5 and 30'],
    ['height 1921', { ...base, video: { width: 720, height: 1921 } }, '1920'],
    ['1920 × 1200', { ...base, video: { width: 1920, height: 1200 } }, '1920 × 1080'],
    ['maxIdleSec 4', { ...base, output: { maxIdleSec: 4 } }, 'between 5 and 86400'],
    ['maxIdleSec 86401', { ...base, output: { maxIdleSec: 86_401 } }, 'between 5 and 86400'],
    ['maxDurationSec 299', { ...base, output: { maxDurationSec: 299 } }, 'between 300 and 86400'],
    ['maxDurationSec 86401', { ...base, output: { maxDurationSec: 86_401 } }, 'between 300 and 86400'],
    [
      'snapshot 3601 s',
      { ...base, output: { formats: ['jpg'], snapshotIntervalSec: 3601 } },
      'between 5 and 3600',
    ],
    ['snapshot 4 s', { ...base, output: { formats: ['jpg'], snapshotIntervalSec: 4 } }, 'between 5 and 3600'],
    [
      'jpg without video',
      { ...base, media: 'audio', layout: undefined, output: { formats: ['jpg'] } },
      'need video',
    ],
    [
      '26 listed streams',
      { ...individualRequest(), participants: { include: Array.from({ length: 26 }, (_, i) => `s${i}`) } },
      'at most 25',
    ],
    ['S3 without region', { ...base, storage: { ...base.storage, region: undefined } }, 'storage.region'],
    [
      's3-compatible without endpoint',
      { ...base, storage: { ...base.storage, vendor: 's3-compatible' } },
      'endpoint',
    ],
    [
      'region under a pixel',
      { ...base, layout: { regions: [{ x: 0, y: 0, width: 0.0001, height: 1 }] } },
      '1 pixel',
    ],
    ['misspelt field', { ...base, vidoe: {} } as never, 'vidoe'],
  ];

  it.each(cases)('%s → ValidationError with the rule and numbers', async (_name, request, text) => {
    const error = await zegoProvider(fake.baseUrl)
      .start(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(text);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ['web mode', { room: 'r', mode: 'web', web: { url: 'https://example.com' }, storage: base.storage }],
    ['exclude', { ...individualRequest(), participants: { exclude: ['a'] } }],
    ['two formats', { ...base, output: { formats: ['mp4', 'flv'] } }],
    ['Azure', { ...base, storage: { ...base.storage, vendor: 'azure-blob' } }],
  ] as Array<[string, StartRecordingRequest]>)(
    '%s → UnsupportedFeatureError before any request',
    async (_name, request) => {
      await expect(zegoProvider(fake.baseUrl).start(request)).rejects.toBeInstanceOf(UnsupportedFeatureError);
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('hosts and secrets', () => {
  it('talks to the regional host when no baseUrl is given', async () => {
    const scope = nock('https://cloudrecord-api-sgp.zego.im')
      .post('/')
      .query((q) => q.Action === 'DescribeRecordStatus' && q.AppId === '7')
      .reply(200, { Code: 0, Message: 'succeed', RequestId: 'r', Data: { Status: 2 } });
    const p = createZegoProvider({ appId: 7, serverSecret: FAKE_SERVER_SECRET, region: 'sgp' });
    const handle = encodeHandle('zego', { t: 'T', r: 'R', m: 'individual' });
    expect((await p.query(handle)).state).toBe('recording');
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the server secret and storage keys out of inspect, logs, hooks and sessions', async () => {
    const seen: string[] = [];
    const log = (...args: unknown[]) => void seen.push(inspect(args, { depth: 12 }));
    const p = createZegoProvider({
      appId: FAKE_APP_ID,
      serverSecret: FAKE_SERVER_SECRET,
      baseUrl: fake.baseUrl,
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: { onRequest: log, onResponse: log, onRetry: log },
    });
    seen.push(inspect(p, { depth: 12, showHidden: true }), JSON.stringify(p));
    const session = await p.start(compositeRegionsRequest());
    seen.push(inspect(session, { depth: 12 }), JSON.stringify(session));
    fake.fail('query', 'auth');
    seen.push(String(await p.query(session).catch((e: unknown) => inspect(e, { showHidden: true }))));
    await p.stop(session);
    const text = seen.join('\n');
    expect(text).toContain('StartRecord'); // the logs did record the calls
    for (const secret of [FAKE_SERVER_SECRET, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY])
      expect(text).not.toContain(secret);
    const signatures = fake.requests.map((r) => r.query.Signature!);
    for (const signature of signatures) expect(text).not.toContain(signature);
  });
});

describe('status mapping', () => {
  it('maps task and file states, kinds and missing fields', () => {
    const status = toRecordingStatus(
      {
        Status: 3,
        RecordFiles: [
          { FileId: 'a.mp4', MediaTrackType: 1, Status: 4, OutputFileFormat: 'aac' },
          { FileId: 'b.jpg', OutputFileFormat: 'jpg', Status: 5 },
          { FileUrl: 'https://x.example/dir/c.flv?sig=1', MediaTrackType: 2, Status: 3 },
          { FileId: 'd.mp3', OutputFileFormat: 'mp3', Status: 2 },
        ],
      },
      {},
    );
    expect(status.state).toBe('stopped');
    expect(status.files.map((f) => [f.name, f.kind, f.upload])).toEqual([
      ['a.mp4', 'audio', 'backed-up'],
      ['b.jpg', 'snapshot', 'failed'],
      ['c.flv', 'video', 'uploaded'],
      ['d.mp3', 'audio', 'pending'],
    ]);
    expect(toRecordingStatus({ Status: 9 }, {}).state).toBe('unknown');
    expect(toRecordingStatus({ Status: 4, RecordFiles: null }, {})).toMatchObject({
      state: 'failed',
      files: [],
    });
  });
});
