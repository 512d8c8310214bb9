import {
  type RecordingProvider,
  type RequestInfo,
  type StartRecordingRequest,
  ValidationError,
  waitForState,
} from '@unirec/core';
import { DEFAULT_SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '@unirec/simulator';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/registry.js';
import { AVAILABLE_VENDORS, type RecordingProviderConfig, createRecordingProvider } from '../src/index.js';

/**
 * One application script and one neutral request, unchanged, run on every vendor by config alone,
 * against the simulator (real HTTP on loopback, vendor auth and schemas checked by the simulator).
 */
const REQUEST: StartRecordingRequest = {
  room: 'same-script-room',
  mode: 'composite',
  participants: { include: ['2001', '2002', '2003'] },
  layout: { preset: 'grid', background: { color: '#102030' } },
  video: { width: 1280, height: 720, fps: 15 },
  // Alibaba OSS: the storage all three vendors write to.
  storage: {
    vendor: 'aliyun-oss',
    region: 'cn-hangzhou',
    bucket: 'bucket-1',
    accessKey: 'access-key-1',
    secretKey: 'secret-key-1',
  },
};

async function applicationScript(provider: RecordingProvider) {
  const session = await provider.start(REQUEST);
  const running = await waitForState(provider, session, 'recording', { intervalMs: 100, timeoutMs: 10_000 });
  const layout = await provider.updateLayout(session.handle, { preset: 'speaker', focus: '2002' });
  const status = await provider.query(session.handle);
  const result = await provider.stop(session.handle);
  const again = await provider.stop(session.handle);
  return { session, running, layout, status, result, again };
}

let simulator: Simulator;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
  nock.enableNetConnect();
});

const startBodies: Record<string, unknown> = {};

function configFor(vendor: (typeof AVAILABLE_VENDORS)[number]): RecordingProviderConfig {
  return {
    vendor,
    ...DEFAULT_SIMULATOR_CREDENTIALS[vendor],
    baseUrl: simulator.url,
    hooks: {
      onRequest: (info: RequestInfo) => {
        if (info.operation === 'start' && info.attempt === 1) startBodies[vendor] ??= info.body;
      },
    },
  } as unknown as RecordingProviderConfig;
}

describe('one application, every vendor, by config alone', () => {
  it('has all three adapters', () => {
    expect([...AVAILABLE_VENDORS].sort()).toEqual(['agora', 'jocloud', 'zego']);
  });

  for (const vendor of AVAILABLE_VENDORS) {
    it(`records the same neutral request on ${vendor}`, async () => {
      const provider = await createRecordingProvider(configFor(vendor));
      expect(provider.vendor).toBe(vendor);
      const run = await applicationScript(provider);
      expect(run.session.vendor).toBe(vendor);
      expect(run.session.warnings).toEqual([]);
      expect(run.running.state).toBe('recording');
      expect(run.status.state).toBe('recording');
      expect(run.result.alreadyStopped).toBe(false);
      expect(run.again.alreadyStopped).toBe(true);
      expect(simulator.activeRecordings(vendor)).toEqual([]);
      const vendorRequests = simulator.requests.filter((r) => r.vendor === vendor);
      expect(vendorRequests.length).toBeGreaterThanOrEqual(5);
      expect(
        vendorRequests.every((r) => r.status < 400 || r.operation === 'stop' || r.operation === 'stoprecord'),
      ).toBe(true);
    });
  }

  it('every vendor received identical pixel edges and colours', () => {
    const canvas = REQUEST.video!;
    const edges = AVAILABLE_VENDORS.map((vendor) => {
      const sent = ADAPTERS[vendor]!.sentLayout(startBodies[vendor])!;
      expect(sent, vendor).toBeDefined();
      const toPixels = (value: number, size: number) =>
        sent.units === 'fraction' ? Math.round(value * size) : value;
      const regions = sent.regions.map((r) => ({
        participant: r.participant,
        left: toPixels(r.x, canvas.width),
        top: toPixels(r.y, canvas.height),
        right: toPixels(r.x + r.width, canvas.width),
        bottom: toPixels(r.y + r.height, canvas.height),
      }));
      const colour = sent.background
        ?.replace(/^#|^0x/i, '')
        .slice(0, 6)
        .toUpperCase();
      return { vendor, regions, colour };
    });
    for (const other of edges.slice(1)) {
      expect(other.regions, `${other.vendor} vs ${edges[0]!.vendor}`).toEqual(edges[0]!.regions);
      expect(other.colour, other.vendor).toBe('102030');
    }
    expect(edges[0]!.colour).toBe('102030');
  });

  it('rejects an unknown vendor and a missing secret with a ValidationError naming the field', async () => {
    await expect(createRecordingProvider({ vendor: 'twilio' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    const { customerSecret: _omit, ...noSecret } = DEFAULT_SIMULATOR_CREDENTIALS.agora;
    await expect(createRecordingProvider({ vendor: 'agora', ...noSecret } as never)).rejects.toThrow(
      /customerSecret/,
    );
  });
});
