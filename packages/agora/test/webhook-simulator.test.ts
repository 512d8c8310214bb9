import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordingEvent } from '@unirec/core';
import { WebhookVerificationError } from '@unirec/core';
import { type Simulator, startSimulator } from '@unirec/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, compositeRequest, offline } from './fixtures.js';
import { createAgoraProvider, createAgoraWebhookReceiver } from './internals.js';

/**
 * NCS notifications signed by the simulator (its own HMAC code, written from the vendor notes (docs/vendors/sources.md)), received
 * raw by a local HTTP server and verified by createAgoraWebhookReceiver: the signature format is
 * checked against an implementation this package did not write.
 */
offline();
const NCS_SECRET = 'sim-ncs-secret-4f1b';
const received: Array<{ body: Buffer; headers: IncomingHttpHeaders }> = [];
let server: Server;
let sim: Simulator;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sim = await startSimulator({
    credentials: { agora: CREDENTIALS },
    timings: { recordingMs: 0, uploadMs: 0 },
    callbacks: { agora: { url: `http://127.0.0.1:${port}/ncs`, secret: NCS_SECRET } },
  });
});

afterAll(async () => {
  await sim?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for webhooks');
    await new Promise((r) => setTimeout(r, 25));
    sim.tick();
  }
  await sim.webhooksIdle();
}

describe('NCS notifications from the simulator', () => {
  it('a recording’s lifecycle: every notice verifies and normalises; a tampered one does not', async () => {
    const p = createAgoraProvider({ ...CREDENTIALS, baseUrl: sim.url });
    const session = await p.start(compositeRequest());
    await p.stop(session);
    const eventTypes = () =>
      received.map((r) => (JSON.parse(r.body.toString('utf8')) as { eventType: number }).eventType);
    await until(() => eventTypes().includes(11));

    const receiver = createAgoraWebhookReceiver({ secret: NCS_SECRET });
    const events: RecordingEvent[] = received.map((r) => receiver.receive(r.body, r.headers));
    for (const event of events) {
      expect(event).toMatchObject({
        vendor: 'agora',
        room: 'conformance-room',
        sessionId: session.sessionId,
      });
    }
    const types = events.map((e) => e.type);
    expect(types).toContain('recording.started');
    expect(types).toContain('recording.file_uploaded');
    expect(events.find((e) => e.vendorEvent === 11)?.type).toBe('recording.stopped');
    expect(events.find((e) => e.type === 'recording.file_uploaded')!.files!.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);

    const [first] = received;
    const tampered = Buffer.from(
      first!.body.toString('utf8').replace('conformance-room', 'conformance-roon'),
    );
    expect(() => receiver.receive(tampered, first!.headers)).toThrow(WebhookVerificationError);
    expect(() =>
      createAgoraWebhookReceiver({ secret: 'another-secret' }).receive(first!.body, first!.headers),
    ).toThrow(WebhookVerificationError);
  });
});
