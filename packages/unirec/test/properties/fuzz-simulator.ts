import { type RecordingProvider, type Vendor, createMemoryCoordinator } from '@unirec/core';
import { type Simulator, startSimulator } from '@unirec/simulator';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { adapterOf } from './fuzz-env.js';

/**
 * The simulator of a property file (rate limits off, a request log long enough for a property,
 * loopback only): started before the file's tests, closed after them. Returns its getter.
 */
export function fuzzSimulator(): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
    sim = await startSimulator({ rateLimits: false, timings: { recordingMs: 0 }, requestLogLimit: 100_000 });
  });
  afterAll(async () => {
    await sim?.close();
    nock.enableNetConnect();
  });
  return () => {
    if (!sim) throw new Error('the fuzz simulator runs only inside the tests of its file');
    return sim;
  };
}

export function fuzzCredentials(sim: Simulator, vendor: Vendor): Record<string, unknown> {
  return (sim.credentials as unknown as Record<Vendor, Record<string, unknown>>)[vendor]!;
}

/** A provider of the properties: no retries, no rate limit, its own coordinator. */
export function fuzzProvider(sim: Simulator, vendor: Vendor): RecordingProvider {
  return adapterOf(vendor).createProvider({
    ...fuzzCredentials(sim, vendor),
    baseUrl: sim.url,
    rateLimit: false,
    maxRetries: 0,
    timeoutMs: 10_000,
    coordinator: createMemoryCoordinator(),
  });
}
