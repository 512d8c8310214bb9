import { describe, expect, it } from 'vitest';
import { fileListToFiles, toRecordingResult, toRecordingState, toRecordingStatus } from './internals.js';

describe('serverResponse.status → neutral state (the vendor notes (docs/vendors/sources.md) status table)', () => {
  it.each([
    [0, 'starting'],
    [1, 'starting'],
    [2, 'starting'],
    [3, 'starting'],
    [4, 'recording'],
    [5, 'recording'],
    [6, 'stopping'],
    [7, 'stopped'],
    [8, 'stopped'],
    [20, 'failed'],
    [99, 'unknown'],
  ] as const)('status %i → %s', (status, state) => {
    const result = toRecordingStatus({ serverResponse: { status } });
    expect(result.state).toBe(state);
    expect(result.vendorState).toBe(status);
  });

  it('no serverResponse → unknown', () => {
    expect(toRecordingStatus({}).state).toBe('unknown');
  });

  it.each([
    [{ state: 'init' }, 'starting'],
    [{ state: 'inProgress' }, 'recording'],
    [{ state: 'inProgress', onhold: true }, 'paused'],
    [{ state: 'exit' }, 'stopped'],
  ] as const)('web recorder payload %j (status 5) → %s', (payload, state) => {
    const serverResponse = {
      status: 5,
      extensionServiceState: [{ serviceName: 'web_recorder_service', payload }],
    };
    expect(toRecordingState(serverResponse)).toBe(state);
  });

  it('a terminal session status wins over the web recorder payload', () => {
    const serverResponse = {
      status: 20,
      extensionServiceState: [{ serviceName: 'web_recorder_service', payload: { state: 'inProgress' } }],
    };
    expect(toRecordingState(serverResponse)).toBe('failed');
  });
});

describe('fileList → RecordingFile[]', () => {
  it('string mode: the m3u8 index, started at sliceStartTime', () => {
    const status = toRecordingStatus({
      serverResponse: {
        status: 5,
        fileListMode: 'string',
        fileList: 'sid_cname.m3u8',
        sliceStartTime: 1_700_000_000_000,
      },
    });
    expect(status.files).toEqual([
      { name: 'sid_cname.m3u8', kind: 'index', startedAt: new Date(1_700_000_000_000) },
    ]);
  });

  it('json mode: kind from trackType, participant from uid, the mixed file has none', () => {
    const files = fileListToFiles(
      [
        {
          fileName: 'a.m3u8',
          trackType: 'audio',
          uid: '123',
          mixedAllUser: false,
          isPlayable: true,
          sliceStartTime: 1_700_000_000_000,
        },
        {
          fileName: 'v.m3u8',
          trackType: 'video',
          uid: '123',
          mixedAllUser: false,
          isPlayable: true,
          sliceStartTime: 1_700_000_000_000,
        },
        {
          fileName: 'mix.mp4',
          trackType: 'audio_and_video',
          uid: '0',
          mixedAllUser: true,
          isPlayable: true,
          sliceStartTime: 1_700_000_000_000,
        },
      ],
      undefined,
    );
    expect(files).toEqual([
      { name: 'a.m3u8', kind: 'audio', participant: '123', startedAt: new Date(1_700_000_000_000) },
      { name: 'v.m3u8', kind: 'video', participant: '123', startedAt: new Date(1_700_000_000_000) },
      { name: 'mix.mp4', kind: 'audio+video', startedAt: new Date(1_700_000_000_000) },
    ]);
  });

  it('sliceStartTime in seconds (as seed 000 documents it) is read as seconds', () => {
    const [file] = fileListToFiles([{ fileName: 'x.mp4', sliceStartTime: 1_700_000_000 }], undefined);
    expect(file!.startedAt).toEqual(new Date(1_700_000_000_000));
  });

  it('web payload files (spelt `filename`) without trackType: kind from the extension', () => {
    const status = toRecordingStatus({
      serverResponse: {
        status: 5,
        extensionServiceState: [
          {
            serviceName: 'web_recorder_service',
            payload: {
              fileList: [{ filename: 'w.m3u8', sliceStartTime: 0 }, { filename: 'w_0.mp4' }],
              state: 'inProgress',
            },
          },
        ],
      },
    });
    expect(status.files).toEqual([
      { name: 'w.m3u8', kind: 'index' },
      { name: 'w_0.mp4', kind: 'audio+video' },
    ]);
  });

  it('empty and nameless entries are skipped', () => {
    expect(fileListToFiles('', 5)).toEqual([]);
    expect(fileListToFiles([{ trackType: 'audio' }], undefined)).toEqual([]);
  });
});

describe('stop response → RecordingResult', () => {
  it.each([
    ['uploaded', 'uploaded'],
    ['backuped', 'backed-up'],
    ['unknown', 'unknown'],
  ] as const)('uploadingStatus %s → %s', (uploadingStatus, upload) => {
    const result = toRecordingResult({
      serverResponse: { fileListMode: 'string', fileList: 'x.m3u8', uploadingStatus },
    });
    expect(result.upload).toBe(upload);
    expect(result.files).toHaveLength(1);
    expect(result.alreadyStopped).toBe(false);
  });

  it('web mode: upload_service status and the web recorder files', () => {
    const result = toRecordingResult({
      serverResponse: {
        extensionServiceState: [
          { serviceName: 'upload_service', payload: { uploadingStatus: 'backuped' } },
          {
            serviceName: 'web_recorder_service',
            payload: {
              fileList: [{ filename: 'w_0.mp4', sliceStartTime: 1_700_000_000_000 }],
              state: 'exit',
            },
          },
        ],
      },
    });
    expect(result.upload).toBe('backed-up');
    expect(result.files).toEqual([
      { name: 'w_0.mp4', kind: 'audio+video', startedAt: new Date(1_700_000_000_000) },
    ]);
  });

  it('no upload status (e.g. snapshots only) → unknown', () => {
    expect(toRecordingResult({ serverResponse: {} }).upload).toBe('unknown');
  });
});
