/**
 * What each emulated vendor answers to the retry a client sends after losing a response, and what
 * `sim.sessions()` / `sim.activeRecordings()` show meanwhile: the facts an adapter's "no orphan, no
 * duplicate" logic and the tests of it build on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock, Simulator } from '../src/index.js';
import { SEED_000_EXAMPLES, SEED_001_START_EXAMPLES } from './fixtures-agora.js';
import { agoraClient, clone, jocloudCall, startManual, zegoCall } from './helpers.js';
import { JOCLOUD_SEED_START, JOCLOUD_SEED_STOP, zegoMixedBody } from './helpers/vendor-context.js';

let sim: Simulator;
let clock: ManualClock;
beforeEach(async () => {
  ({ sim, clock } = await startManual({
    rateLimits: false,
    timings: { recordingMs: 500, uploadMs: 200, endedRetentionMs: 60_000 },
    // the JOCloud document examples use AppID 10034
    credentials: { jocloud: { appId: 10034 } },
  }));
});
afterEach(() => sim.close());

/** The next request of `operation` is processed but its answer is lost; the call rejects. */
async function lose<T>(operation: string, call: () => Promise<T>) {
  sim.injectFault({ operation, kind: 'lost-response' });
  await expect(call()).rejects.toThrow();
  return sim.requests.at(-1)?.response as any;
}

describe('Agora', () => {
  const body = (): any => clone(SEED_001_START_EXAMPLES.composite.body);

  it('start repeated on the same resource → code 7, HTTP 201, no sid; one recording runs', async () => {
    const api = agoraClient(sim);
    const b = body();
    const { resourceId } = (await api.acquire(b.cname, b.uid)).json;
    const lost = await lose('start', () => api.start(resourceId, 'mix', b));
    const retry = await api.start(resourceId, 'mix', b);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual({
      cname: b.cname,
      uid: b.uid,
      resourceId,
      code: 7,
      reason: expect.any(String),
    });
    const running = sim.activeRecordings('agora');
    expect(running).toHaveLength(1);
    expect(running[0]?.ids).toEqual({
      appId: sim.credentials.agora.appId,
      resourceId,
      sid: lost.sid,
      cname: b.cname,
      uid: b.uid,
      mode: 'mix',
    });
  });

  it('stop repeated after a lost stop → 49 while remembered, 404 afterwards; query after stop → 404', async () => {
    const api = agoraClient(sim);
    const b = body();
    const { resourceId } = (await api.acquire(b.cname, b.uid)).json;
    const { sid } = (await api.start(resourceId, 'mix', b)).json;
    clock.advance(1_000);
    const lost = await lose('stop', () => api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop));
    expect(lost.serverResponse.fileList.length).toBeGreaterThan(0); // what the client never saw
    const again = await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop);
    expect([again.status, again.json.code]).toEqual([400, 49]);
    const q = await api.query(resourceId, sid, 'mix');
    expect([q.status, q.json.code]).toEqual([404, 404]);
    expect(sim.activeRecordings()).toEqual([]);
    sim.advance?.(60_000);
    const forgotten = await api.stop(resourceId, sid, 'mix', SEED_000_EXAMPLES.stop);
    expect([forgotten.status, forgotten.json.code]).toEqual([404, 404]);
    expect(sim.sessions()).toEqual([]);
  });
});

describe('ZEGO', () => {
  it('StartRecord repeated with the same ClientTaskId → the existing TaskId; one task runs', async () => {
    const payload = zegoMixedBody({ input: { ClientTaskId: 'job-42' } });
    const lost = await lose('StartRecord', () => zegoCall(sim, 'StartRecord', payload));
    const retry = await zegoCall(sim, 'StartRecord', payload);
    expect(retry.json).toMatchObject({ Code: 0, Data: { TaskId: lost.Data.TaskId } });
    expect(sim.activeRecordings('zego')).toMatchObject([
      {
        vendor: 'zego',
        id: lost.Data.TaskId,
        ids: {
          AppId: sim.credentials.zego.appId,
          TaskId: lost.Data.TaskId,
          RoomId: 'room-1',
          ClientTaskId: 'job-42',
        },
        state: 'starting',
        vendorStatus: 1,
      },
    ]);
  });

  it('StopRecord repeated → 300001001; DescribeRecordStatus after the stop still lists the files', async () => {
    const { TaskId } = (await zegoCall(sim, 'StartRecord', zegoMixedBody())).json.Data;
    clock.advance(5_000);
    await lose('StopRecord', () => zegoCall(sim, 'StopRecord', { TaskId }));
    expect((await zegoCall(sim, 'StopRecord', { TaskId })).json.Code).toBe(300001001);
    const status = (await zegoCall(sim, 'DescribeRecordStatus', { TaskId })).json;
    expect(status).toMatchObject({ Code: 0, Data: { Status: 3, RecordEndTimestamp: clock.now() } });
    expect(status.Data.RecordFiles.length).toBeGreaterThan(0);
    expect(status.Data.RecordFiles.every((f: any) => f.Status === 2)).toBe(true); // uploading
    sim.advance?.(200);
    const uploaded = (await zegoCall(sim, 'DescribeRecordStatus', { TaskId })).json.Data.RecordFiles;
    expect(uploaded.every((f: any) => f.Status === 3)).toBe(true);
    sim.advance?.(60_000);
    expect((await zegoCall(sim, 'DescribeRecordStatus', { TaskId })).json.Code).toBe(300001000);
  });
});

describe('JOCloud', () => {
  it('startrecord repeated with the same resid → 4011 without the recordid; only the simulator can name it', async () => {
    const resid = (await jocloudCall(sim, 'GET', 'applyrecord')).json.resid;
    const payload = { ...JOCLOUD_SEED_START, resid };
    const lost = await lose('startrecord', () => jocloudCall(sim, 'POST', 'startrecord', payload));
    const retry = await jocloudCall(sim, 'POST', 'startrecord', payload);
    expect(retry.status).toBe(404);
    expect(retry.json).toEqual({
      code: 4011,
      message: 'Recording task already exists',
      traceId: expect.any(String),
    });
    expect(retry.text).not.toContain(lost.recordid);
    expect(sim.activeRecordings('jocloud')).toMatchObject([
      { id: lost.recordid, ids: { appid: 10034, resid, recordid: lost.recordid, roomid: 'abcabc' } },
    ]);
  });

  it('stoprecord repeated after a lost stop → 4013, as is queryrecord', async () => {
    const resid = (await jocloudCall(sim, 'GET', 'applyrecord')).json.resid;
    const { recordid } = (await jocloudCall(sim, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid }))
      .json;
    const stop = { ...JOCLOUD_SEED_STOP, resid, recordid };
    await lose('stoprecord', () => jocloudCall(sim, 'POST', 'stoprecord', stop));
    expect((await jocloudCall(sim, 'POST', 'stoprecord', stop)).json.code).toBe(4013);
    expect((await jocloudCall(sim, 'GET', `queryrecord/abcabc/${recordid}`)).json.code).toBe(4013);
    expect(sim.activeRecordings()).toEqual([]);
  });
});

describe('sessions(filter) and activeRecordings()', () => {
  it('lists every vendor with its ids and state; filters by vendor, state, active and room', async () => {
    const api = agoraClient(sim);
    const b = clone(SEED_001_START_EXAMPLES.composite.body) as any;
    const { resourceId } = (await api.acquire(b.cname, b.uid)).json;
    const { sid } = (await api.start(resourceId, 'mix', b)).json;
    const zego1 = (await zegoCall(sim, 'StartRecord', zegoMixedBody())).json.Data.TaskId;
    const zego2 = (await zegoCall(sim, 'StartRecord', zegoMixedBody())).json.Data.TaskId;
    const resid = (await jocloudCall(sim, 'GET', 'applyrecord')).json.resid;
    const { recordid } = (await jocloudCall(sim, 'POST', 'startrecord', { ...JOCLOUD_SEED_START, resid }))
      .json;
    sim.advance?.(500);
    await zegoCall(sim, 'StopRecord', { TaskId: zego2 });

    expect(sim.sessions().map((s) => [s.vendor, s.id, s.state, s.active])).toEqual([
      ['agora', sid, 'recording', true],
      ['zego', zego1, 'recording', true],
      ['zego', zego2, 'stopped', false],
      ['jocloud', recordid, 'recording', true],
    ]);
    expect(sim.activeRecordings().map((s) => s.id)).toEqual([sid, zego1, recordid]);
    expect(sim.activeRecordings('zego').map((s) => s.id)).toEqual([zego1]);
    expect(sim.sessions({ active: false }).map((s) => s.id)).toEqual([zego2]);
    expect(sim.sessions({ state: ['stopped', 'failed'] }).map((s) => s.id)).toEqual([zego2]);
    expect(sim.sessions({ vendor: 'zego', state: 'recording' }).map((s) => s.id)).toEqual([zego1]);
    expect(sim.sessions({ room: 'room-1' }).map((s) => s.id)).toEqual([zego1, zego2]);
    // a duplicate check: two active recordings of one room would show up here
    const perRoom = new Map<string, number>();
    for (const s of sim.activeRecordings())
      perRoom.set(`${s.vendor}:${s.room}`, (perRoom.get(`${s.vendor}:${s.room}`) ?? 0) + 1);
    expect([...perRoom.values()].every((n) => n === 1)).toBe(true);
  });

  it('reflects time-driven changes without a request in between (it ticks first)', async () => {
    const api = agoraClient(sim);
    const b = clone(SEED_001_START_EXAMPLES.composite.body) as any;
    const { resourceId } = (await api.acquire(b.cname, b.uid, { resourceExpiredHour: 1 })).json;
    await api.start(resourceId, 'mix', b);
    clock.advance(3_600_000); // the clock alone, no tick
    expect(sim.activeRecordings()).toEqual([]);
    expect(sim.sessions()).toMatchObject([
      { vendor: 'agora', state: 'exited', active: false, vendorStatus: 8 },
    ]);
  });
});
