import type { StartRecordingRequest } from '@unirec/core';
import {
  type SimRequestLog,
  type SimSessionView,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '@unirec/simulator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type AgoraProviderConfig, createAgoraProvider } from './internals.js';

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

/**
 * One @unirec/simulator per test file (the emulated Agora API, with these test credentials), reset
 * after every test. Recordings are running at once (`recordingMs: 0`), so query and stop see files.
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({
      credentials: { agora: CREDENTIALS },
      timings: { recordingMs: 0 },
      ...options,
    });
  });
  afterEach(() => sim?.reset());
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('the simulator is not running (useSimulator in a describe / file scope)');
    return sim;
  };
}

/** A provider against the simulator. */
export function provider(sim: Simulator, extra: Partial<AgoraProviderConfig> = {}) {
  return createAgoraProvider({ ...sim.credentials.agora, baseUrl: sim.url, ...extra });
}

/** The Agora requests the simulator received, in arrival order. */
export function agoraRequests(sim: Simulator): SimRequestLog[] {
  return sim.requests.filter((r) => r.vendor === 'agora');
}

export type AgoraRecordingView = Extract<SimSessionView, { vendor: 'agora' }>;

/** The recordings the emulated Agora is running now, with Agora's ids (appId, resourceId, sid, cname, uid, mode). */
export function runningAgora(sim: Simulator): AgoraRecordingView[] {
  return sim.activeRecordings('agora') as AgoraRecordingView[];
}

/** The JSON body of a logged request (the simulator logs parsed JSON). */
export function bodyOf(entry: SimRequestLog | undefined): any {
  return entry?.body as any;
}

/** The JSON inside a `ur2.agora.…` handle: `{ r, m, s, d }`. */
export function decodeHandle(handle: string): { r: string; m: string; s: string; d: Record<string, any> } {
  return JSON.parse(Buffer.from(handle.split('.')[2]!, 'base64url').toString('utf8'));
}

/** A `ur2.agora.…` handle holding exactly `payload` (for edited-handle tests). */
export function encodeHandle(payload: unknown): string {
  return `ur2.agora.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
}

/** Every test file that uses the network: no real connections, loopback only. */
export function offline(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
