import { ConflictError, NotFoundError, UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { createMemoryCoordinator, encodeHandle } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  compositeRegionsRequest,
  individualRequest,
  isValidSignature,
  noNetwork,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import { overallUpload, toRecordingResult, toRecordingStatus } from './internals.js';

noNetwork();
const sim = useSimulator({ timings: { uploadMs: 300 } });
const clientTaskIdOf = (body: unknown) =>
  (body as { RecordInputParams: { ClientTaskId: string } }).RecordInputParams.ClientTaskId;
const clientTaskIdOfTask = (task: { ids: object }) => (task.ids as { ClientTaskId?: string }).ClientTaskId;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lifecycle against the simulator', () => {
  it('signs every request validly and freshly, and keeps one ClientTaskId across start retries', async () => {
    const p = simProvider(sim());
    sim().injectFault({ vendor: 'zego', operation: 'StartRecord', kind: 'http-5xx', status: 500 });
    const session = await p.start(compositeRegionsRequest());
    await p.updateLayout(session, { preset: 'grid' });
    await p.query(session);
    await p.pause(session);
    await p.resume(session);
    await p.takeSnapshot(session);
    await p.stop(session);
    const starts = zegoRequests(sim(), 'StartRecord');
    expect(starts).toHaveLength(2);
    const [first, second] = starts.map((r) => clientTaskIdOf(r.body));
    expect(first).toMatch(/^unirec-[0-9a-f]{24}$/);
    expect(second).toBe(first);
    expect(sim().sessions({ vendor: 'zego' }).map(clientTaskIdOfTask)).toEqual([first]);
    const requests = zegoRequests(sim());
    expect(requests.map((r) => r.operation)).toEqual([
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
    for (const r of requests) {
      expect(isValidSignature(r.query), r.operation).toBe(true);
      expect(Object.keys(r.query)[0]).toBe('Action');
      expect(r.path).toBe('/');
      expect(r.method).toBe('POST');
      if (r.fault === undefined) expect((r.response as { Code: number }).Code, r.operation).toBe(0);
    }
    expect(new Set(requests.map((r) => r.query.SignatureNonce)).size).toBe(requests.length);
    expect(sim().activeRecordings('zego')).toEqual([]);
  });

  it('a start whose answer was lost is retried with the same ClientTaskId: one task, its TaskId', async () => {
    sim().injectFault({ vendor: 'zego', operation: 'StartRecord', kind: 'lost-response' });
    const session = await simProvider(sim()).start(compositeRegionsRequest());
    const starts = zegoRequests(sim(), 'StartRecord');
    expect(starts.map((r) => r.fault)).toEqual(['lost-response', undefined]);
    expect(clientTaskIdOf(starts[1]!.body)).toBe(clientTaskIdOf(starts[0]!.body));
    const running = sim().activeRecordings('zego');
    expect(running.map((t) => t.id)).toEqual([session.sessionId]);
    expect(clientTaskIdOfTask(running[0]!)).toBe(clientTaskIdOf(starts[0]!.body));
  });

  it('uses idempotencyKey as ClientTaskId: ZEGO answers a repeated one with the same task', async () => {
    const key = `order-${Date.now()}`;
    const request = { ...compositeRegionsRequest(), idempotencyKey: key };
    // separate coordinators: both starts reach ZEGO, and ZEGO itself keeps them one task
    const a = await simProvider(sim(), { coordinator: createMemoryCoordinator() }).start(request);
    const b = await simProvider(sim(), { coordinator: createMemoryCoordinator() }).start(request);
    expect(zegoRequests(sim(), 'StartRecord').map((r) => clientTaskIdOf(r.body))).toEqual([key, key]);
    expect(b.sessionId).toBe(a.sessionId);
    expect(sim().activeRecordings('zego')).toHaveLength(1);
    // one provider: the coordinator answers the repeat without a request
    const shared = simProvider(sim(), { coordinator: createMemoryCoordinator() });
    const c = await shared.start({ ...request, idempotencyKey: `${key}-c` });
    expect((await shared.start({ ...request, idempotencyKey: `${key}-c` })).handle).toBe(c.handle);
    expect(zegoRequests(sim(), 'StartRecord')).toHaveLength(3);
  });

  it('query maps the task and its files; stop returns the files as far as known, then uploaded', async () => {
    const p = simProvider(sim());
    const session = await p.start(individualRequest());
    const status = await p.query(session);
    expect(status).toMatchObject({ state: 'recording', vendorState: 2 });
    expect(status.files.map((f) => [f.participant, f.kind, f.upload])).toEqual([
      ['conformance-1', 'audio+video', 'pending'],
      ['conformance-2', 'audio+video', 'pending'],
    ]);
    expect(status.files[0]!.name).toMatch(new RegExp(`^${session.sessionId}_room-1_conformance-1_.*\\.mp4$`));
    expect(status.files[0]!.startedAt).toBeInstanceOf(Date);
    const result = await p.stop(session);
    expect(result).toMatchObject({ alreadyStopped: false, upload: 'pending' });
    expect(result.files.map((f) => f.participant)).toEqual(['conformance-1', 'conformance-2']);
    expect(result.files[0]!.url).toMatch(/^https:\/\/b\.oss-cn-hangzhou\.aliyuncs\.com\//);
    await sleep(400);
    const later = await p.query(session);
    expect(later).toMatchObject({ state: 'stopped', vendorState: 3 });
    expect(overallUpload(later.files)).toBe('uploaded');
    const again = await p.stop(session);
    expect(again).toMatchObject({ alreadyStopped: true, upload: 'uploaded' });
    expect(zegoRequests(sim(), 'StopRecord').map((r) => (r.response as { Code: number }).Code)).toEqual([
      0, 300001001,
    ]);
  });
});

describe('stop', () => {
  it('a lost StopRecord answer: the retry meets 300001001, yet this call stopped it (alreadyStopped false)', async () => {
    const p = simProvider(sim());
    const session = await p.start(compositeRegionsRequest());
    sim().injectFault({ vendor: 'zego', operation: 'StopRecord', kind: 'lost-response' });
    const result = await p.stop(session);
    expect(result.alreadyStopped).toBe(false);
    // the files are those DescribeRecordStatus reported after the stop
    const described = zegoRequests(sim(), 'DescribeRecordStatus').at(-1)!.response as any;
    expect(described.Data.Status).toBe(3);
    expect(result.files.map((f) => [f.name, f.participant, f.url])).toEqual(
      described.Data.RecordFiles.map((f: any) => [f.FileId, f.StreamId, f.FileUrl]),
    );
    expect(result.files.map((f) => f.participant)).toEqual(['mix_room-1']);
    const stops = zegoRequests(sim(), 'StopRecord');
    expect(stops.map((r) => [r.fault, (r.response as { Code: number }).Code])).toEqual([
      ['lost-response', 0],
      [undefined, 300001001],
    ]);
    expect(sim().activeRecordings('zego')).toEqual([]);
  });

  it('an unknown TaskId → NotFoundError; a failing DescribeRecordStatus after the stop loses only the files', async () => {
    const p = simProvider(sim());
    const unknown = encodeHandle('zego', {
      room: 'room-1',
      mode: 'individual',
      sessionId: 'NoSuchTask-0001',
      data: {},
    });
    await expect(p.stop(unknown)).rejects.toBeInstanceOf(NotFoundError);
    const session = await p.start(compositeRegionsRequest());
    sim().injectFault({ vendor: 'zego', operation: 'DescribeRecordStatus', kind: 'http-5xx', times: 2 });
    const result = await p.stop(session);
    expect(result).toMatchObject({ alreadyStopped: false, files: [], upload: 'unknown' });
    expect(sim().activeRecordings('zego')).toEqual([]);
  });

  it('a stop of an ended task stays alreadyStopped: true when its first attempt was refused', async () => {
    const p = simProvider(sim());
    const session = await p.start(compositeRegionsRequest());
    expect((await p.stop(session)).alreadyStopped).toBe(false);
    sim().injectFault({
      vendor: 'zego',
      operation: 'StopRecord',
      kind: 'vendor-error',
      vendorCode: 300000003,
    });
    const again = await p.stop(session);
    expect(zegoRequests(sim(), 'StopRecord').map((r) => (r.response as { Code: number }).Code)).toEqual([
      0, 300000003, 300001001,
    ]);
    expect(again.alreadyStopped).toBe(true);
  });
});

describe('extras', () => {
  it('pause → Status 5 (paused), resume of a recording that is not paused → ConflictError', async () => {
    const p = simProvider(sim());
    const mixed = await p.start(compositeRegionsRequest());
    await expect(p.resume(mixed)).rejects.toBeInstanceOf(ConflictError);
    await p.pause(mixed);
    expect(await p.query(mixed)).toMatchObject({ state: 'paused', vendorState: 5 });
    await p.resume(mixed);
    expect((await p.query(mixed)).state).toBe('recording');
  });

  it('pause, resume and takeSnapshot refuse individual sessions before any request', async () => {
    const p = simProvider(sim());
    const single = await p.start(individualRequest());
    const before = zegoRequests(sim()).length;
    for (const call of [() => p.pause(single), () => p.resume(single), () => p.takeSnapshot(single)]) {
      await expect((async () => call())()).rejects.toBeInstanceOf(UnsupportedFeatureError);
    }
    expect(zegoRequests(sim()).length).toBe(before);
  });

  it('listTasks pages through DescribeTasks (PageOffset from 1, PageSize ≤ 50)', async () => {
    const p = simProvider(sim());
    for (let i = 0; i < 5; i++) await p.start({ ...individualRequest(), room: i < 4 ? 'busy' : 'other' });
    const from = new Date(Date.now() - 60_000);
    const tasks = [];
    for await (const task of p.listTasks({ status: 'recording', room: 'busy', from, pageSize: 2 }))
      tasks.push(task);
    expect(tasks).toHaveLength(4);
    expect(new Set(tasks.map((t) => t.taskId))).toEqual(
      new Set(
        sim()
          .activeRecordings('zego')
          .filter((t) => t.room === 'busy')
          .map((t) => t.id),
      ),
    );
    expect(
      tasks.every((t) => t.room === 'busy' && t.state === 'recording' && t.startedAt instanceof Date),
    ).toBe(true);
    const pages = zegoRequests(sim(), 'DescribeTasks').map((r) => r.body as Record<string, number>);
    expect(pages.map((b) => b.PageOffset)).toEqual([1, 2]);
    expect(pages[0]).toMatchObject({ Status: 2, RoomId: 'busy', PageSize: 2 });
    const page = await p.listTasksPage({ status: 'ended', from });
    expect(page).toMatchObject({ tasks: [], page: 1, pageSize: 50, total: 0, hasMore: false });
    const sent = zegoRequests(sim()).length;
    await expect(p.listTasksPage({ status: 'recording', from, pageSize: 51 })).rejects.toThrow(
      /pageSize must be between 1 and 50/,
    );
    const week = new Date(Date.now() - 7 * 86_400_000);
    await expect(p.listTasksPage({ status: 'recording', from: week, to: new Date() })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(zegoRequests(sim()).length).toBe(sent);
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

  it('overall upload: failed > pending > unknown > backed-up > uploaded (one failed file fails the upload)', () => {
    const files = (...states: number[]) =>
      toRecordingStatus(
        { Status: 3, RecordFiles: states.map((Status, i) => ({ FileId: `f${i}`, Status })) },
        {},
      ).files;
    expect(toRecordingResult(files(3, 3, 5), false, {}).upload).toBe('failed');
    expect(overallUpload(files(5, 2))).toBe('failed');
    expect(overallUpload(files(3, 2, 4))).toBe('pending');
    expect(overallUpload(files(3, 99, 4))).toBe('unknown');
    expect(overallUpload(files(3, 4))).toBe('backed-up');
    expect(overallUpload(files(3, 3))).toBe('uploaded');
    expect(overallUpload([])).toBe('unknown');
  });
});
