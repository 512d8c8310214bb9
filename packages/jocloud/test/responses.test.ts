import { describe, expect, it } from 'vitest';
import {
  joCloudApplyRecordSchema,
  joCloudCallbackSchema,
  joCloudQueryRecordSchema,
  joCloudStartRecordSchema,
  joCloudStopRecordSchema,
  toRecordingFiles,
  toRecordingResult,
  toRecordingState,
  toRecordingStatus,
  joCloudSentLayout,
} from './internals.js';
import { RESULT_CALLBACK } from './fixtures.js';

/** seed 003 answers, verbatim. */
const APPLY = {
  code: 0,
  message: 'success',
  resid: '1d3fe093f9b9dbfa2d34e22cb34a12496ed6b057896358131208a0d981eb-ba11073100006be2',
  traceId: '23116613407505472693518435',
};
const START = {
  code: 0,
  message: 'success',
  recordid: 'ba1107310000565164da34f816f842da94d',
  traceId: '82719231231166134075054726935',
};
const STOP = {
  code: 0,
  message: 'success',
  recordid: 'ba1107310000565164da34f816f842da94d',
  traceId: '214325255213407589332213',
};
const QUERY = {
  code: 0,
  message: 'success',
  recordid: 'ba1107310000565164da34f816f842da94d',
  data: {
    recordid: 'ba1107310000565164da34f816f842da94d',
    appid: 10034,
    roomid: 'abcabc',
    status: 0,
    createtime: 1608084987733,
    starttime: 0,
  },
  traceId: '82719231231166134075054726935',
};
describe('response schemas accept the seed’s answers and refuse what lacks the ids', () => {
  it('applyrecord, startrecord, stoprecord, queryrecord', () => {
    expect(joCloudApplyRecordSchema.parse(APPLY).resid).toBe(APPLY.resid);
    expect(joCloudStartRecordSchema.parse(START).recordid).toBe(START.recordid);
    expect(joCloudStopRecordSchema.parse(STOP).recordid).toBe(STOP.recordid);
    expect(joCloudQueryRecordSchema.parse(QUERY).data.status).toBe(0);
    expect(joCloudApplyRecordSchema.safeParse({ code: 0, message: 'success' }).success).toBe(false);
    expect(joCloudStartRecordSchema.safeParse({ code: 0, recordid: '' }).success).toBe(false);
    expect(joCloudQueryRecordSchema.safeParse({ ...QUERY, data: { status: 'started' } }).success).toBe(false);
    expect(joCloudStopRecordSchema.safeParse({ code: '0' }).data?.code).toBe(0);
    expect(joCloudStopRecordSchema.safeParse({ code: Number.POSITIVE_INFINITY }).success).toBe(false);
  });

  it('the callback example parses; extra fields are kept', () => {
    const parsed = joCloudCallbackSchema.parse({ ...RESULT_CALLBACK, extra: true });
    expect(parsed.context.duration).toBe(9000);
    expect((parsed as Record<string, unknown>).extra).toBe(true);
  });
});

describe('queryrecord → RecordingStatus', () => {
  it('status 0 (init) → starting; createtime → createdAt; starttime 0 → no startedAt', () => {
    const status = toRecordingStatus(joCloudQueryRecordSchema.parse(QUERY));
    expect(status).toMatchObject({ state: 'starting', vendorState: 0, files: [] });
    expect(status.createdAt).toEqual(new Date(1608084987733));
    expect(status.startedAt).toBeUndefined();
    expect(status.raw).toEqual(QUERY);
  });

  it('status 1 ("task starting": the task has started) → recording, with startedAt', () => {
    const status = toRecordingStatus(
      joCloudQueryRecordSchema.parse({
        ...QUERY,
        data: { ...QUERY.data, status: 1, starttime: 1608084989000 },
      }),
    );
    expect(status.state).toBe('recording');
    expect(status.startedAt).toEqual(new Date(1608084989000));
  });

  it('any other status → unknown, the number kept in vendorState', () => {
    for (const code of [2, -1, 99]) expect(toRecordingState(code)).toBe('unknown');
    expect(toRecordingState(undefined)).toBe('unknown');
    const status = toRecordingStatus(
      joCloudQueryRecordSchema.parse({ ...QUERY, data: { ...QUERY.data, status: 7 } }),
    );
    expect(status).toMatchObject({ state: 'unknown', vendorState: 7 });
  });

  it('file addresses, when an answer lists them, become files', () => {
    const status = toRecordingStatus(
      joCloudQueryRecordSchema.parse({
        ...QUERY,
        data: { ...QUERY.data, fileaddress: ['https://b.oss.test/rec/a.m3u8', 'rec/b.mp4'] },
      }),
    );
    expect(status.files).toEqual([
      { name: 'rec/a.m3u8', kind: 'index', url: 'https://b.oss.test/rec/a.m3u8' },
      { name: 'rec/b.mp4', kind: 'audio+video' },
    ]);
  });

  it('out-of-range times are dropped, never an Invalid Date', () => {
    const status = toRecordingStatus(
      joCloudQueryRecordSchema.parse({ ...QUERY, data: { ...QUERY.data, createtime: 9e15, starttime: -5 } }),
    );
    expect(status.createdAt).toBeUndefined();
    expect(status.startedAt).toBeUndefined();
  });
});

describe('stoprecord → RecordingResult', () => {
  it('the answer names no files: upload unknown (files come with the msgtype 2 callback)', () => {
    const stop = joCloudStopRecordSchema.parse(STOP);
    expect(toRecordingResult(stop, false)).toEqual({
      files: [],
      upload: 'unknown',
      alreadyStopped: false,
      raw: stop,
    });
    expect(toRecordingResult(undefined, true)).toMatchObject({
      alreadyStopped: true,
      raw: undefined,
    });
  });
});

describe('callback context → RecordingFile', () => {
  it('the example: the m3u8 playlist, ms duration, start time; uid "0" (mixed) names nobody', () => {
    // the example's placeholder address has no path: the name is the whole address
    expect(toRecordingFiles(joCloudCallbackSchema.parse(RESULT_CALLBACK).context)).toEqual([
      {
        name: 'http://xxxxx.m3u8',
        kind: 'index',
        url: 'http://xxxxx.m3u8',
        startedAt: new Date(1595929495000),
        durationMs: 9000,
        upload: 'uploaded',
      },
    ]);
  });

  it('a single-user task names the participant; the object key is the name', () => {
    const context = joCloudCallbackSchema.parse({
      ...RESULT_CALLBACK,
      context: {
        ...RESULT_CALLBACK.context,
        uid: ['10266666'],
        fileaddress: 'https://bkt.oss-cn-hangzhou.aliyuncs.com/test1/test2/rec%20a.m3u8',
      },
    }).context;
    expect(toRecordingFiles(context)[0]).toMatchObject({
      name: 'test1/test2/rec a.m3u8',
      participant: '10266666',
    });
  });

  it('no file address → no file', () => {
    const { fileaddress: _none, ...context } = RESULT_CALLBACK.context;
    expect(toRecordingFiles(joCloudCallbackSchema.parse({ ...RESULT_CALLBACK, context }).context)).toEqual(
      [],
    );
  });
});

describe('the layout a start body asks for (descriptor.sentLayout)', () => {
  it('input rectangles in pixels, roomid:uid for another room, the background colour; audio inputs left out', () => {
    const body = {
      roomid: 'abcabc',
      mixconfig: {
        input: [
          { uid: '1', roomid: 'abcabc', streamtype: 0, layoutX: 0, layoutY: 0, layoutW: 400, layoutH: 600 },
          { uid: '2', roomid: 'efdefd', streamtype: 0, layoutX: 400, layoutY: 0, layoutW: 400, layoutH: 600 },
          { uid: '3', roomid: 'abcabc', streamtype: 2 },
        ],
        output: { streamtype: 0, background: { color: '1E1E2E' } },
      },
    };
    expect(joCloudSentLayout(body)).toEqual({
      units: 'pixel',
      regions: [
        { participant: '1', x: 0, y: 0, width: 400, height: 600 },
        { participant: 'efdefd:2', x: 400, y: 0, width: 400, height: 600 },
      ],
      background: '1E1E2E',
    });
  });

  it('a template, an individual body or garbage: no layout', () => {
    for (const body of [
      { mixconfig: { templateid: 3, output: {} } },
      { uid: '7' },
      null,
      'x',
      { mixconfig: { input: 'no' } },
    ]) {
      expect(joCloudSentLayout(body)).toBeUndefined();
    }
  });
});
