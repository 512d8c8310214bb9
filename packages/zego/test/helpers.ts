import type { StartRecordingRequest } from '@unirec/core';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { type ZegoProviderConfig, createZegoProvider } from '../src/index.js';
import { FAKE_APP_ID, FAKE_SERVER_SECRET, md5 } from './zego-fake.js';

export const STORAGE_ACCESS_KEY = 'AKIAZEGOTESTACCESS01';
export const STORAGE_SECRET_KEY = 'zegoStorageSecretKey/0123456789abcdefXYZ';

/** No real network in any test: only loopback may be reached. */
export function noNetwork(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

export function zegoProvider(baseUrl: string, extra: Partial<ZegoProviderConfig> = {}) {
  return createZegoProvider({
    appId: FAKE_APP_ID,
    serverSecret: FAKE_SERVER_SECRET,
    baseUrl,
    maxRetries: 2,
    ...extra,
  });
}

/** The neutral request also used for Agora: a composite 2-participant grid stored to S3 us-east-1. */
export function sharedCompositeRequest(): StartRecordingRequest {
  return {
    room: 'demo-room',
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: { preset: 'grid' },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    storage: {
      vendor: 's3',
      region: 'us-east-1',
      bucket: 'unirec-recordings',
      accessKey: STORAGE_ACCESS_KEY,
      secretKey: STORAGE_SECRET_KEY,
      prefix: ['recordings', 'demo'],
    },
  };
}

export function compositeRegionsRequest(): StartRecordingRequest {
  return {
    room: 'room-1',
    mode: 'composite',
    participants: { include: ['conformance-1', 'conformance-2'] },
    layout: {
      regions: [
        { participant: 'conformance-1', x: 0, y: 0, width: 0.5, height: 1 },
        { participant: 'conformance-2', x: 0.5, y: 0, width: 0.5, height: 1 },
      ],
    },
    video: { width: 1280, height: 720 },
    storage: {
      vendor: 's3',
      region: 'us-east-1',
      bucket: 'b',
      accessKey: STORAGE_ACCESS_KEY,
      secretKey: STORAGE_SECRET_KEY,
    },
  };
}

export function individualRequest(): StartRecordingRequest {
  return {
    room: 'room-1',
    mode: 'individual',
    participants: { include: ['conformance-1', 'conformance-2'] },
    storage: {
      vendor: 'aliyun-oss',
      region: 'oss-cn-hangzhou',
      bucket: 'b',
      accessKey: STORAGE_ACCESS_KEY,
      secretKey: STORAGE_SECRET_KEY,
    },
  };
}

/** Recomputes the Signature v2.0 of a recorded query with node:crypto (independent of the adapter). */
export function isValidSignature(
  query: Record<string, string>,
  secret = FAKE_SERVER_SECRET,
  appId = FAKE_APP_ID,
): boolean {
  return (
    query.AppId === String(appId) &&
    query.SignatureVersion === '2.0' &&
    /^[0-9a-f]{16}$/.test(query.SignatureNonce ?? '') &&
    /^\d+$/.test(query.Timestamp ?? '') &&
    Math.abs(Number(query.Timestamp) - Date.now() / 1000) <= 600 &&
    query.Signature === md5(`${query.AppId}${query.SignatureNonce}${secret}${query.Timestamp}`)
  );
}
