import type { StartRecordingRequest } from '@unirec/core';
import nock from 'nock';
import { type AgoraProviderConfig, createAgoraProvider } from '../src/index.js';
import { AgoraFake } from './agora-fake.js';

/** Shared test data: credentials and requests whose every secret must stay hidden. */
export const CREDENTIALS = {
  appId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  customerId: 'cust-7f3a9e',
  customerSecret: 'agora-customer-secret-5d8c1b',
};
export const STORAGE_KEYS = { accessKey: 'AKIAUNIRECACCESS0042', secretKey: 'storage-secret-key-9Qx7w2' };
export const RTC_TOKEN = '007eJxTYLIr-rtc-token-unirec';
export const SECRETS = [
  CREDENTIALS.customerSecret,
  STORAGE_KEYS.accessKey,
  STORAGE_KEYS.secretKey,
  RTC_TOKEN,
];

export function storage(overrides: Record<string, unknown> = {}): StartRecordingRequest['storage'] {
  return {
    vendor: 's3',
    region: 'us-east-1',
    bucket: 'recordings',
    ...STORAGE_KEYS,
    prefix: ['unirec', 'tests'],
    ...overrides,
  } as never;
}

export function compositeRequest(): StartRecordingRequest {
  return {
    room: 'conformance-room',
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: {
      regions: [
        { participant: '1001', x: 0, y: 0, width: 0.5, height: 1 },
        { participant: '1002', x: 0.5, y: 0, width: 0.5, height: 1 },
      ],
    },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    output: { formats: ['hls', 'mp4'] },
    storage: storage(),
    token: RTC_TOKEN,
  };
}

export function individualRequest(): StartRecordingRequest {
  return {
    room: 'conformance-room',
    mode: 'individual',
    participants: { include: ['1001'] },
    storage: storage(),
    token: RTC_TOKEN,
  };
}

export function webRequest(): StartRecordingRequest {
  return { room: 'web-room', mode: 'web', web: { url: 'https://example.com/board' }, storage: storage() };
}

export function newFake(): AgoraFake {
  return new AgoraFake(CREDENTIALS);
}

export function provider(fake: AgoraFake, extra: Partial<AgoraProviderConfig> = {}) {
  return createAgoraProvider({ ...CREDENTIALS, baseUrl: fake.baseUrl, ...extra });
}

/** Every test file that uses the network: no real connections, loopback only. */
export function offline(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
}
