import { createServer } from 'node:http';
import type { RecordingEvent } from '@unirec/core';
import { isRecordingError } from '@unirec/core/adapter';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Simulator, startSimulator } from '@unirec/simulator';
import {
  createJoCloudProvider,
  createJoCloudWebhookReceiver,
  type JoCloudProviderConfig,
} from './internals.js';

/** Shared by the provider tests: a simulator with fast timings, and views of its JOCloud log. */
export async function jocloudSimulator() {
  const sim: Simulator = await startSimulator({
    timings: { startingMs: 0, readyMs: 300, recordingMs: 300, uploadMs: 50 },
  });
  const requests = () => sim.requests.filter((r) => r.vendor === 'jocloud');
  return {
    sim,
    requests,
    operations: () => requests().map((r) => `${r.method} ${r.operation} ${r.status}`),
    provider: (extra: Partial<JoCloudProviderConfig> = {}) =>
      createJoCloudProvider({ ...sim.credentials.jocloud, baseUrl: sim.url, ...extra }),
    fault: (operation: string, vendorCode: number, times = 1) =>
      sim.injectFault({ vendor: 'jocloud', operation, kind: 'vendor-error', vendorCode, times }),
  };
}

/**
 * The simulator of a test file: started before its tests, reset before each, closed after them. The
 * returned functions read the running one.
 */
export function useJoCloudSimulator() {
  let t: Awaited<ReturnType<typeof jocloudSimulator>> | undefined;
  const current = () => {
    if (!t) throw new Error('the JOCloud simulator runs only inside the tests of its file');
    return t;
  };
  beforeAll(async () => {
    t = await jocloudSimulator();
  });
  afterAll(() => t?.sim.close());
  beforeEach(() => current().sim.reset());
  return {
    sim: () => current().sim,
    provider: (extra: Partial<JoCloudProviderConfig> = {}) => current().provider(extra),
    requests: () => current().requests(),
    operations: () => current().operations(),
    fault: (operation: string, vendorCode: number, times = 1) =>
      current().fault(operation, vendorCode, times),
  };
}

export const decodeHandle = (handle: string) =>
  JSON.parse(Buffer.from(handle.split('.')[2]!, 'base64url').toString('utf8'));

export const TOKEN = 'cb-token-0123456789abcdef';

/** A loopback endpoint for the simulator's callbacks, verified by the package's receiver. */
export async function callbackServer() {
  const receiver = createJoCloudWebhookReceiver({ token: TOKEN });
  const events: RecordingEvent[] = [];
  const state = { rejected: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        try {
          events.push(receiver.receive(Buffer.concat(chunks), req.headers, req.url));
          res.end('ok');
        } catch (error) {
          if (!isRecordingError(error)) throw error;
          state.rejected++;
          res.statusCode = 401;
          res.end();
        }
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/jocloud/callback?token=${TOKEN}`,
    get rejected() {
      return state.rejected;
    },
    async next(match: (e: (typeof events)[number]) => boolean) {
      for (let waited = 0; waited < 5_000; waited += 25) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('no matching callback arrived');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
