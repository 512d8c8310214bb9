import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgoraProvider, createAgoraWebhookReceiver } from '@unirec/agora';
import {
  type RecordingEvent,
  type RecordingProvider,
  WebhookVerificationError,
  waitForState,
} from '@unirec/core';
import { type Simulator, startSimulator } from '@unirec/simulator';
import { createZegoProvider, createZegoWebhookReceiver } from '@unirec/zego';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The simulator signs callbacks the way each vendor documents; the receivers must verify and
 * normalise them, over real HTTP on loopback.
 */
const AGORA_SECRET = 'ncs-secret-for-the-e2e-test';
const ZEGO_SECRET = 'zego-callback-secret-e2e';

interface Delivery {
  body: string;
  headers: IncomingHttpHeaders;
}

let sim: Simulator;
let server: Server;
const received: Record<'agora' | 'zego', Delivery[]> = { agora: [], zego: [] };

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const vendor = req.url === '/agora' ? 'agora' : 'zego';
      received[vendor].push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sim = await startSimulator({
    // recording from the first moment, so a quick stop still has files to upload and notify
    timings: { recordingMs: 0 },
    callbacks: {
      agora: { url: `${base}/agora`, secret: AGORA_SECRET },
      zego: { url: `${base}/zego`, secret: ZEGO_SECRET },
    },
  });
});

afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => server.close(() => r()));
  nock.enableNetConnect();
});

async function lifecycle(provider: RecordingProvider, room: string): Promise<void> {
  const session = await provider.start({
    room,
    mode: 'composite',
    participants: { include: ['3001', '3002'] },
    layout: { preset: 'grid' },
    storage: { vendor: 's3', region: 'us-east-1', bucket: 'b', accessKey: 'ak-e2e', secretKey: 'sk-e2e' },
  });
  await waitForState(provider, session, 'recording', { intervalMs: 100, timeoutMs: 10_000 });
  await provider.stop(session);
  await new Promise((r) => setTimeout(r, 600));
  await sim.webhooksIdle();
}

describe('simulator webhooks → receivers', () => {
  it('Agora NCS: every delivery verifies, and the lifecycle normalises to neutral events', async () => {
    await lifecycle(createAgoraProvider({ ...sim.credentials.agora, baseUrl: sim.url }), 'webhook-agora');
    expect(received.agora.length).toBeGreaterThanOrEqual(3);
    const receiver = createAgoraWebhookReceiver({ secret: AGORA_SECRET });
    const events: RecordingEvent[] = received.agora.map((d) => receiver.receive(d.body, d.headers as never));
    const types = events.map((e) => e.type);
    expect(types).toContain('recording.started');
    expect(types).toContain('recording.file_uploaded');
    expect(types).toContain('recording.stopped');
    expect(events.every((e) => e.vendor === 'agora' && e.room === 'webhook-agora' && e.eventId)).toBe(true);
    expect(events.find((e) => e.type === 'recording.file_uploaded')!.files!.length).toBeGreaterThan(0);

    const wrong = createAgoraWebhookReceiver({ secret: 'another-secret' });
    expect(() => wrong.receive(received.agora[0]!.body, received.agora[0]!.headers as never)).toThrow(
      WebhookVerificationError,
    );
    const tampered = received.agora[0]!.body.replace('webhook-agora', 'webhook-agorb');
    expect(() => receiver.receive(tampered, received.agora[0]!.headers as never)).toThrow(
      WebhookVerificationError,
    );
  });

  it('ZEGO callbacks: every delivery verifies, and the lifecycle normalises to neutral events', async () => {
    await lifecycle(createZegoProvider({ ...sim.credentials.zego, baseUrl: sim.url }), 'webhook-zego');
    expect(received.zego.length).toBeGreaterThanOrEqual(2);
    const receiver = createZegoWebhookReceiver({ callbackSecret: ZEGO_SECRET });
    const events = received.zego.map((d) => receiver.receive(d.body, d.headers as never));
    const types = events.map((e) => e.type);
    expect(types).toContain('recording.file_uploaded');
    expect(types).toContain('recording.stopped');
    expect(events.every((e) => e.vendor === 'zego' && e.room === 'webhook-zego')).toBe(true);

    const wrong = createZegoWebhookReceiver({ callbackSecret: 'nope' });
    expect(() => wrong.receive(received.zego[0]!.body, received.zego[0]!.headers as never)).toThrow(
      WebhookVerificationError,
    );
  });
});
