import { describe, expect, it } from 'vitest';
import { createZegoEmulator, type ZegoEmulatorOptions } from '../src/vendors/zego.js';
import { zegoCallbackSignature } from '../src/vendors/zego-auth.js';
import { fakeContext, ZEGO_SEED_EXAMPLES, zego, zegoMixedBody } from './helpers/vendor-context.js';

const SECRET = 'callback-secret';
const HOOK = 'http://127.0.0.1:9/zego';

function setup(options: ZegoEmulatorOptions = {}) {
  const ctx = fakeContext({ callbacks: { zego: { url: HOOK, secret: SECRET } } });
  const emulator = createZegoEmulator({ startDelayMs: 1000, ...options });
  const call = (action: string, payload: unknown = {}) => zego(emulator, ctx, action, payload);
  const events = () => ctx.webhooks.map((w) => JSON.parse(w.body));
  return { ctx, emulator, call, events };
}

async function started(options: ZegoEmulatorOptions = {}, payload: unknown = zegoMixedBody()) {
  const s = setup(options);
  const res = await s.call('StartRecord', payload);
  expect(res.Code).toBe(0);
  return { ...s, taskId: res.Data.TaskId as string };
}

describe('ZEGO lifecycle', () => {
  it('Status 1 → 2 with the clock, files growing, then 3 with uploaded files after StopRecord', async () => {
    const { ctx, call, taskId, events } = await started();
    const t0 = ctx.clock.now();
    let st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data).toMatchObject({
      RoomId: 'room-1',
      RecordMode: 2,
      StreamType: 3,
      Status: 1,
      RecordBeginTimestamp: t0,
      RecordEndTimestamp: 0,
    });
    expect(st.Data.RecordFiles).toBeUndefined();

    ctx.advance(1000 + 10_000);
    st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data.Status).toBe(2);
    const [file] = st.Data.RecordFiles;
    expect(file).toMatchObject({
      UserId: 'mix-out',
      UserName: 'mix-out',
      StreamId: 'mix-out',
      OutputFileFormat: 'mp4',
      Duration: 10_000,
      FileSize: Math.round((10 * (1_500_000 + 48_000)) / 8),
      ResolutionWidth: 1280,
      ResolutionHeight: 720,
      MediaTrackType: 3,
      BeginTimestamp: t0 + 1000,
      Status: 1,
      VideoId: '',
    });
    expect(file.FileId).toMatch(new RegExp(`^${taskId}_room-1_mix-out_VA_20250101120001000\\.mp4$`));
    expect(file.FileUrl).toBe(`https://b.s3.us-east-1.amazonaws.com/record/${file.FileId}`);

    ctx.advance(5000);
    st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data.RecordFiles[0].Duration).toBe(15_000);

    expect((await call('StopRecord', { TaskId: taskId })).Code).toBe(0);
    ctx.advance(60_000);
    st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data).toMatchObject({ Status: 3, RecordEndTimestamp: t0 + 16_000 });
    expect(st.Data.RecordFiles[0]).toMatchObject({ Duration: 15_000, Status: 3 });

    expect(events().map((e) => e.event_type)).toEqual([7, 1, 5]);
  });

  it('callbacks carry the documented fields and a valid signature; event 1 has snake_case file_info', async () => {
    const { ctx, call, taskId, events } = await started();
    ctx.advance(3000);
    await call('StopRecord', { TaskId: taskId });
    expect(ctx.webhooks.every((w) => w.url === HOOK)).toBe(true);
    const all = events();
    all.forEach((e, i) => {
      expect(Object.keys(e).sort()).toEqual(
        [
          'app_id',
          'detail',
          'event_type',
          'message',
          'nonce',
          'room_id',
          'sequence',
          'signature',
          'task_id',
          'timestamp',
        ].sort(),
      );
      expect(e).toMatchObject({ app_id: 1234567890, task_id: taskId, room_id: 'room-1', sequence: i });
      expect(typeof e.nonce).toBe('string');
      expect(e.timestamp).toBe(String(Math.floor(ctx.clock.now() / 1000)));
      expect(e.signature).toBe(zegoCallbackSignature(SECRET, e.timestamp, e.nonce));
    });
    const upload = all[1];
    expect(upload.detail.upload_status).toBe(1);
    expect(upload.detail.file_info[0]).toMatchObject({
      user_id: 'mix-out',
      stream_id: 'mix-out',
      output_file_format: 'mp4',
      duration: 2000,
      media_track_type: 3,
      resolution_width: 1280,
      status: 3,
    });
    expect(upload.detail.file_info[0].file_id).toMatch(/\.mp4$/);
  });

  it('with uploadDelayMs files stay "uploading" (2) and events 1 and 5 wait for the upload', async () => {
    const { ctx, emulator, call, taskId, events } = await started({ uploadDelayMs: 5000 });
    ctx.advance(2000);
    await call('StopRecord', { TaskId: taskId });
    expect(events().map((e) => e.event_type)).toEqual([7]);
    expect((await call('DescribeRecordStatus', { TaskId: taskId })).Data.RecordFiles[0].Status).toBe(2);
    ctx.advance(5000);
    emulator.tick?.(ctx);
    expect(events().map((e) => e.event_type)).toEqual([7, 1, 5]);
    expect((await call('DescribeRecordStatus', { TaskId: taskId })).Data.RecordFiles[0].Status).toBe(3);
  });

  it('uses ctx.timings when no option is given', async () => {
    const ctx = fakeContext();
    ctx.timings = {
      startingMs: 0,
      readyMs: 0,
      recordingMs: 250,
      sliceMs: 1000,
      uploadMs: 0,
      endedRetentionMs: 1000,
    };
    const emulator = createZegoEmulator();
    const { Data } = await zego(emulator, ctx, 'StartRecord', zegoMixedBody());
    ctx.advance(249);
    expect((await zego(emulator, ctx, 'DescribeRecordStatus', Data)).Data.Status).toBe(1);
    ctx.advance(1);
    expect((await zego(emulator, ctx, 'DescribeRecordStatus', Data)).Data.Status).toBe(2);
    await zego(emulator, ctx, 'StopRecord', Data);
    ctx.advance(1001);
    expect((await zego(emulator, ctx, 'DescribeRecordStatus', Data)).Code).toBe(300001000);
  });

  it('StopRecord twice → 300001001; unknown TaskId → 300001000', async () => {
    const { call, taskId } = await started();
    expect((await call('StopRecord', { TaskId: taskId })).Code).toBe(0);
    expect((await call('StopRecord', { TaskId: taskId })).Code).toBe(300001001);
    expect((await call('StopRecord', { TaskId: 'XXXXXXXXXXXXXXXX' })).Code).toBe(300001000);
    expect((await call('DescribeRecordStatus', { TaskId: 'nope' })).Code).toBe(300001000);
    expect((await call('StopRecord', {})).Code).toBe(300000004);
  });

  it('ClientTaskId is an idempotency key while the task lives', async () => {
    const payload = zegoMixedBody({ input: { ClientTaskId: 'job-7' } });
    const { call, taskId } = await started({}, payload);
    expect((await call('StartRecord', payload)).Data.TaskId).toBe(taskId);
    await call('StopRecord', { TaskId: taskId });
    expect((await call('StartRecord', payload)).Data.TaskId).not.toBe(taskId);
  });

  it('PauseRecord / ResumeRecord on a mixed task: Status 5, frozen duration, events 201/202, 300001004', async () => {
    const { ctx, call, taskId, events } = await started();
    ctx.advance(2000);
    expect((await call('PauseRecord', { TaskId: taskId })).Code).toBe(0);
    ctx.advance(10_000);
    let st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data.Status).toBe(5);
    expect(st.Data.RecordFiles[0].Duration).toBe(1000);
    expect((await call('ResumeRecord', { TaskId: taskId })).Code).toBe(0);
    ctx.advance(500);
    st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data).toMatchObject({ Status: 2, RecordFiles: [{ Duration: 1500 }] });
    expect((await call('ResumeRecord', { TaskId: taskId })).Code).toBe(300001004);
    expect(events().map((e) => e.event_type)).toEqual([201, 202]);
  });

  it('PauseRecord, TakeSnapshot and UpdateLayout refuse single-stream tasks', async () => {
    const { call, taskId } = await started({}, ZEGO_SEED_EXAMPLES['OSS / S3 / COS / Kodo / OBS / EOS']);
    for (const action of ['PauseRecord', 'ResumeRecord', 'TakeSnapshot', 'UpdateLayout']) {
      const res = await call(action, { TaskId: taskId });
      expect(res.Code, action).toBe(300000004);
      expect(res.Message).toMatch(/stream-mixing tasks/);
    }
  });

  it('UpdateLayout: only TaskId, MixMode, MixInputList, MixMaxResolutionStreamId; layout checked against the canvas', async () => {
    const { ctx, call, taskId } = await started({ unknownFields: 'ignore' });
    const list = [
      { StreamId: 'xxxx', ViewType: 1, Top: 0, Left: 0, Bottom: 720, Right: 540, Layer: 1 },
      { StreamId: '', ViewType: 1, Top: 0, Left: 540, Bottom: 360, Right: 1080, Layer: 1 },
      { StreamId: '', ViewType: 1, Top: 360, Left: 540, Bottom: 720, Right: 1080, Layer: 1 },
    ];
    // the docs_all UpdateLayout example
    expect((await call('UpdateLayout', { TaskId: taskId, MixMode: 1, MixInputList: list })).Code).toBe(0);
    expect(
      (await call('UpdateLayout', { TaskId: taskId, MixMode: 4, MixMaxResolutionStreamId: 's1' })).Code,
    ).toBe(0);
    const extra = await call('UpdateLayout', { TaskId: taskId, MixMode: 2, MixOutputBackgroundColor: 0 });
    expect(extra).toMatchObject({ Code: 300000004 });
    expect(extra.Message).toMatch(/MixOutputBackgroundColor is not a documented field/);
    const outside = await call('UpdateLayout', {
      TaskId: taskId,
      MixMode: 1,
      MixInputList: [{ ...list[0], Right: 1300 }],
    });
    expect(outside.Message).toMatch(/MixInputList\[0\]\.Right must not exceed the canvas width 1280/);
    expect((await call('UpdateLayout', { TaskId: taskId, MixMode: 1 })).Message).toMatch(
      /MixInputList is required when MixMode is 1/,
    );
    ctx.advance(1);
    await call('StopRecord', { TaskId: taskId });
    expect((await call('UpdateLayout', { TaskId: taskId, MixMode: 2 })).Code).toBe(300001001);
  });

  it('TakeSnapshot needs a recording task and reports the JPG through event 1', async () => {
    const { ctx, call, taskId, events } = await started();
    expect((await call('TakeSnapshot', { TaskId: taskId })).Message).toMatch(/in progress/);
    ctx.advance(1000);
    expect((await call('TakeSnapshot', { TaskId: taskId })).Code).toBe(0);
    const [e] = events();
    expect(e.event_type).toBe(1);
    expect(e.detail.file_info[0]).toMatchObject({
      output_file_format: 'jpg',
      media_track_type: 2,
      status: 3,
    });
  });

  it('UpdateWhiteboard needs a task started with HasWhiteboard', async () => {
    const { call, taskId } = await started();
    expect((await call('UpdateWhiteboard', { TaskId: taskId, WhiteboardId: 'wb1' })).Code).toBe(300000004);
    const wb = zegoMixedBody({
      input: { HasWhiteboard: true, Whiteboard: [{ HorizontalRatio: 16, VerticalRatio: 9 }] },
    });
    const id = (await call('StartRecord', wb)).Data.TaskId;
    expect((await call('UpdateWhiteboard', { TaskId: id })).Message).toMatch(/WhiteboardId is required/);
    expect((await call('UpdateWhiteboard', { TaskId: id, WhiteboardId: 'wb1' })).Code).toBe(0);
  });

  it('MaxRecordTime ends the task abnormally: Status 4, event 2 (quit_reason 4) then 1', async () => {
    const { ctx, call, taskId, events } = await started({}, zegoMixedBody({ input: { MaxRecordTime: 300 } }));
    ctx.advance(300_000);
    const st = await call('DescribeRecordStatus', { TaskId: taskId });
    expect(st.Data).toMatchObject({ Status: 4, RecordEndTimestamp: ctx.clock.now() });
    expect(events().map((e) => [e.event_type, e.detail.quit_reason])).toEqual([
      [2, 4],
      [1, undefined],
    ]);
    expect((await call('StopRecord', { TaskId: taskId })).Code).toBe(300001001);
  });

  it('failSession: Status 4 with events 2 then 1; sessions() and reset()', async () => {
    const { ctx, emulator, call, taskId, events } = await started();
    ctx.advance(2000);
    expect(emulator.sessions()).toMatchObject([
      { vendor: 'zego', id: taskId, room: 'room-1', state: 'recording' },
    ]);
    expect(emulator.failSession(taskId, ctx, 2)).toBe(true);
    expect(emulator.failSession(taskId, ctx)).toBe(false);
    expect((await call('DescribeRecordStatus', { TaskId: taskId })).Data.Status).toBe(4);
    expect(events().map((e) => e.event_type)).toEqual([2, 1]);
    expect(emulator.sessions()[0]).toMatchObject({ state: 'failed', stoppedAt: ctx.clock.now() });
    emulator.reset();
    expect(emulator.sessions()).toEqual([]);
  });

  it('no callbacks when ctx.callbacks.zego is not set; RecordOutputParams.CallbackUrl wins when it is', async () => {
    const quiet = fakeContext();
    const emulator = createZegoEmulator();
    const { Data } = await zego(emulator, quiet, 'StartRecord', zegoMixedBody());
    await zego(emulator, quiet, 'StopRecord', Data);
    expect(quiet.webhooks).toEqual([]);
    const { ctx, call, taskId } = await started(
      {},
      zegoMixedBody({ output: { CallbackUrl: 'http://127.0.0.1:1/own' } }),
    );
    await call('StopRecord', { TaskId: taskId });
    expect(ctx.webhooks.map((w) => w.url)).toEqual(Array(3).fill('http://127.0.0.1:1/own'));
  });
});

describe('ZEGO RecordFiles shapes', () => {
  const filesOf = async (payload: unknown) => {
    const { ctx, call, taskId } = await started({}, payload);
    ctx.advance(5000);
    return (await call('DescribeRecordStatus', { TaskId: taskId })).Data.RecordFiles as any[] | undefined;
  };

  it('mixed StreamType 4: separate aac audio and mp4 video files', async () => {
    const files = await filesOf(zegoMixedBody({ input: { StreamType: 4 } }));
    expect(files?.map((f) => [f.OutputFileFormat, f.MediaTrackType, f.FileId.split('_')[3]])).toEqual([
      ['aac', 1, 'A'],
      ['mp4', 2, 'V'],
    ]);
  });

  it('single-stream: one file per listed stream, named TaskId_RoomId_UserId_StreamId_Type_UTC', async () => {
    const payload: any = structuredClone(ZEGO_SEED_EXAMPLES['OSS / S3 / COS / Kodo / OBS / EOS']);
    payload.RecordInputParams.RecordStreamList = [{ StreamId: 'a' }, { StreamId: 'b' }];
    const files = await filesOf(payload);
    expect(files?.map((f) => f.StreamId)).toEqual(['a', 'b']);
    expect(files?.[0].FileId).toMatch(/^[A-Za-z0-9-]{16}_xxxx_a_a_VA_\d{17}\.mp4$/);
    expect(files?.[0].FileUrl).toMatch(/^https:\/\/xxxx\.oss-xxxx\.aliyuncs\.com\/record\//);
  });

  it('Alibaba VOD: no FileUrl, a VideoId; hls → .m3u8; jpg → no RecordFiles', async () => {
    const [vod] = (await filesOf(ZEGO_SEED_EXAMPLES['Alibaba VOD'])) ?? [];
    expect(vod?.FileUrl).toBeUndefined();
    expect(vod?.VideoId).toMatch(/^[0-9a-f]{32}$/);
    const [hls] = (await filesOf(zegoMixedBody({ output: { OutputFileFormat: 'hls' } }))) ?? [];
    expect(hls?.FileId).toMatch(/\.m3u8$/);
    expect(
      await filesOf(zegoMixedBody({ output: { OutputFileFormat: 'jpg', SnapshotInterval: 5 } })),
    ).toBeUndefined();
  });
});

describe('ZEGO DescribeTasks', () => {
  it('filters by Status and RoomId, pages newest first, checks the 3-day window', async () => {
    const { ctx, call } = setup();
    const t0 = ctx.clock.now();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const payload = zegoMixedBody();
      payload.RoomId = i < 4 ? 'r1' : 'r2';
      ids.push((await call('StartRecord', payload)).Data.TaskId);
      ctx.advance(1000);
    }
    await call('StopRecord', { TaskId: ids[0] });
    const q = { Status: 2, RoomId: 'r1', StartTime: t0, EndTime: t0 + 60_000, PageOffset: 1, PageSize: 2 };
    const page1 = await call('DescribeTasks', q);
    expect(page1.Data).toMatchObject({ PageOffset: 1, PageSize: 2, TotalCount: 3 });
    expect(page1.Data.TaskidList.map((t: any) => t.TaskId)).toEqual([ids[3], ids[2]]);
    expect(page1.Data.TaskidList[0]).toEqual({
      RecordBeginTimestamp: t0 + 3000,
      TaskId: ids[3],
      RoomId: 'r1',
      Status: 2,
    });
    const page2 = await call('DescribeTasks', { ...q, PageOffset: 2 });
    expect(page2.Data.TaskidList.map((t: any) => t.TaskId)).toEqual([ids[1]]);
    const ended = await call('DescribeTasks', {
      Status: 3,
      StartTime: t0,
      EndTime: t0 + 60_000,
      PageOffset: 0,
    });
    expect(ended.Data).toMatchObject({
      PageOffset: 1,
      PageSize: 50,
      TotalCount: 1,
      TaskidList: [{ TaskId: ids[0], Status: 3 }],
    });

    const day = 24 * 3600 * 1000;
    const bad = [
      [{ ...q, PageSize: 51 }, /PageSize must be between 1 and 50/],
      [{ ...q, Status: 1 }, /Status must be one of 2, 3/],
      [{ ...q, EndTime: t0 }, /EndTime must be greater than StartTime/],
      [{ ...q, EndTime: t0 + 3 * day + 1 }, /must not exceed 3 days/],
      [
        { ...q, StartTime: ctx.clock.now() - 3 * day - 1, EndTime: ctx.clock.now() - 3 * day + 1000 },
        /StartTime must not be earlier than 3 days/,
      ],
      [{ Status: 2 }, /StartTime is required/],
    ] as const;
    for (const [payload, message] of bad) {
      const res = await call('DescribeTasks', payload);
      expect(res.Code).toBe(300000004);
      expect(res.Message).toMatch(message);
    }
  });
});
