import {
  type RecordingProvider,
  type StartRecordingRequest,
  UnsupportedFeatureError,
  ValidationError,
  waitForState,
} from '@unirec/core';
import { DEFAULT_SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '@unirec/simulator';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABLE_VENDORS, type RecordingProviderConfig, createRecordingProvider } from '../src/index.js';

/**
 * One application script, unchanged, run on every available vendor by config alone, against the
 * simulator (real HTTP on loopback, vendor auth and schemas checked by the simulator).
 */
async function applicationScript(provider: RecordingProvider) {
  const request: StartRecordingRequest = {
    room: 'same-script-room',
    mode: 'composite',
    participants: { include: ['2001', '2002', '2003'] },
    layout: { preset: 'grid', background: { color: '#000000' } },
    video: { width: 1280, height: 720, fps: 15 },
    storage: { vendor: 's3', region: 'us-east-1', bucket: 'bucket-1', accessKey: 'access-key-1', secretKey: 'secret-key-1' },
  };
  const session = await provider.start(request);
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
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
  nock.enableNetConnect();
});

function configFor(vendor: (typeof AVAILABLE_VENDORS)[number]): RecordingProviderConfig {
  return { vendor, ...DEFAULT_SIMULATOR_CREDENTIALS[vendor], baseUrl: simulator.url } as unknown as RecordingProviderConfig;
}

describe('createRecordingProvider', () => {
  for (const vendor of AVAILABLE_VENDORS) {
    it(`runs the same application script on ${vendor}`, async () => {
      const provider = await createRecordingProvider(configFor(vendor));
      expect(provider.vendor).toBe(vendor);
      const run = await applicationScript(provider);
      expect(run.session.vendor).toBe(vendor);
      expect(run.running.state).toBe('recording');
      expect(run.status.state).toBe('recording');
      expect(run.result.alreadyStopped).toBe(false);
      expect(run.result.files.length).toBeGreaterThan(0);
      expect(run.again.alreadyStopped).toBe(true);
      const vendorRequests = simulator.requests.filter((r) => r.vendor === vendor);
      expect(vendorRequests.length).toBeGreaterThanOrEqual(5);
      expect(vendorRequests.every((r) => r.status < 500)).toBe(true);
    });
  }

  it('rejects an unknown vendor and a missing secret with a ValidationError naming the field', async () => {
    await expect(createRecordingProvider({ vendor: 'twilio' } as never)).rejects.toThrow(/vendor/);
    await expect(createRecordingProvider({ vendor: 'twilio' } as never)).rejects.toBeInstanceOf(ValidationError);
    const { customerSecret: _omit, ...noSecret } = DEFAULT_SIMULATOR_CREDENTIALS.agora;
    await expect(createRecordingProvider({ vendor: 'agora', ...noSecret } as never)).rejects.toThrow(/customerSecret/);
  });

  it('says plainly that JOCloud has no adapter in this version', async () => {
    await expect(createRecordingProvider({ vendor: 'jocloud', ...DEFAULT_SIMULATOR_CREDENTIALS.jocloud } as never)).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
  });
});
