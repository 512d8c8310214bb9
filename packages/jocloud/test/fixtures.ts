import { type StartRecordingRequest, type StorageConfig, isRecordingError } from '@unirec/core';
import { expect } from 'vitest';
import { type StartPlan, toJoCloudStartRecord } from './internals.js';

export const APP_ID = 10034;
export const ACCESS_KEY = 'LTAI5tJoCloudTestAccessKey01';
export const SECRET_KEY = 'joCloudStorageSecret/0123456789abcdefXYZ';

/** Alibaba OSS storage with an https endpoint (the form core's neutral schema accepts). */
export function ossStorage(extra: Partial<StorageConfig> = {}): StorageConfig {
  return {
    vendor: 'aliyun-oss',
    endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
    bucket: 'unirec-recordings',
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    ...extra,
  };
}

/** A composite two-user recording this vendor accepts. */
export function compositeRequest(extra: Partial<StartRecordingRequest> = {}): StartRecordingRequest {
  return {
    room: 'class7',
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: { preset: 'grid' },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    storage: ossStorage(),
    ...extra,
  };
}

/** The neutral pipeline a provider runs: core's schema and capability checks, then the JOCloud mapping. */
export function plan(request: unknown, strict = false): StartPlan {
  return toJoCloudStartRecord(request, { appId: APP_ID, strict });
}

/** Runs `fn` and fails the test when it throws anything but a unirec error. */
export function onlyUnirecErrors(fn: () => unknown, label: string): unknown {
  try {
    return fn();
  } catch (error) {
    expect(isRecordingError(error), `${label}: ${String(error)}`).toBe(true);
    return error;
  }
}

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got a result');
}

/** Field paths named by a ValidationError. */
export function issuePaths(error: unknown): string[] {
  return ((error as { issues?: Array<{ path: string }> }).issues ?? []).map((i) => i.path);
}

/** docs.jocloud.com api_callback example (msgtype 2). */
export const RESULT_CALLBACK = {
  msgid: 'RECORD-ec0b460a0000b5794f66e14d5ab7d4ab9c166-17394cfdc6f',
  product: 1,
  msgtype: 2,
  notifytime: 1595929517000,
  context: {
    msgname: 'recordtask_m3u8_info',
    appid: 123123,
    roomid: 'abcabc',
    uid: ['0'],
    recordid: 'ec0b460a0000b5794f66e14d5ab7d4ab9c166',
    filetype: 'm3u8',
    duration: 9000,
    fileaddress: 'http://xxxxx.m3u8',
    starttime: 1595929495000,
  },
};

/** The conformance suite's requests: a regions layout of two users, Alibaba OSS by region. */
export function conformanceComposite(): StartRecordingRequest {
  return {
    room: 'conformance-room',
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: {
      regions: [
        { participant: '1001', x: 0, y: 0, width: 0.5, height: 1 },
        { participant: '1002', x: 0.5, y: 0, width: 0.5, height: 1, zIndex: 1 },
      ],
    },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    storage: {
      vendor: 'aliyun-oss',
      region: 'cn-hangzhou',
      bucket: 'unirec-recordings',
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
    },
  };
}

export function conformanceIndividual(): StartRecordingRequest {
  return {
    room: 'conformance-room',
    mode: 'individual',
    participants: { include: ['1001'] },
    storage: {
      vendor: 'aliyun-oss',
      region: 'cn-hangzhou',
      bucket: 'unirec-recordings',
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
    },
  };
}
