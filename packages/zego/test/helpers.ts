import { createHash } from 'node:crypto';
import type { StartRecordingRequest } from '@unirec/core';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  type SimRequestLog,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '@unirec/simulator';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type ZegoProviderConfig, createZegoProvider } from './internals.js';

export const STORAGE_ACCESS_KEY = 'AKIAZEGOTESTACCESS01';
export const STORAGE_SECRET_KEY = 'zegoStorageSecretKey/0123456789abcdefXYZ';
/** The simulator's ZEGO account (its defaults): what every simulator-backed provider signs with. */
export const SIM_APP_ID = DEFAULT_SIMULATOR_CREDENTIALS.zego.appId;
export const SIM_SERVER_SECRET = DEFAULT_SIMULATOR_CREDENTIALS.zego.serverSecret;

export function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

/** No real network in any test: only loopback (the simulator) may be reached. */
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

/**
 * One @unirec/simulator for the file, reset before each test. Its rate limits are off by default
 * (tests that need the 300000003 answer inject it), tasks record at once, uploads take 1 s.
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({
      rateLimits: false,
      ...options,
      timings: { recordingMs: 0, uploadMs: 1_000, ...options.timings },
    });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim?.reset());
  return () => {
    if (!sim) throw new Error('the simulator has not started');
    return sim;
  };
}

export function simProvider(sim: Simulator, extra: Partial<ZegoProviderConfig> = {}) {
  return createZegoProvider({
    ...sim.credentials.zego,
    baseUrl: sim.url,
    maxRetries: 2,
    rateLimit: false,
    ...extra,
  });
}

/** The ZEGO requests the simulator received, optionally of one Action. */
export function zegoRequests(sim: Simulator, action?: string): SimRequestLog[] {
  return sim.requests.filter((r) => r.vendor === 'zego' && (action === undefined || r.operation === action));
}

/** The JSON body of the first request of `action`. */
export function bodyOf(sim: Simulator, action: string, index = 0): Record<string, any> {
  const request = zegoRequests(sim, action)[index];
  if (!request) throw new Error(`no ${action} request reached the simulator`);
  return request.body as Record<string, any>;
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
  secret = SIM_SERVER_SECRET,
  appId = SIM_APP_ID,
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

/** The rejection of `promise` (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
