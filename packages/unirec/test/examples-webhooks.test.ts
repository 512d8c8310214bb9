import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgoraProvider, createAgoraWebhookReceiver } from '@unirec/agora';
import {
  type RecordingEvent,
  type RecordingProvider,
  type RecordingSession,
  type StartRecordingRequest,
  WebhookVerificationError,
  isRecordingError,
} from '@unirec/core';
import { createJoCloudProvider, createJoCloudWebhookReceiver } from '@unirec/jocloud';
import {
  type SimWebhookDelivery,
  type Simulator,
  createManualClock,
  startSimulator,
} from '@unirec/simulator';
import { createZegoProvider, createZegoWebhookReceiver } from '@unirec/zego';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExampleServer,
  type ServerLine,
  agoraSignatureHeaders,
  forgedCallbacks,
  freePort,
  post,
  startExample,
} from './examples-webhooks-helpers.js';

/**
 * examples/webhooks/*: each server runs as its README says, the simulator delivers the vendors'
 * signed callbacks of a real recording lifecycle to it, and the server's own output (one JSON line per
 * callback) shows what it verified, de-duplicated, matched to a stored handle and confirmed.
 */

const EXAMPLES = ['node-http', 'express', 'fastify'] as const;
type Vendor = 'agora' | 'zego' | 'jocloud';
const VENDORS: Vendor[] = ['agora', 'zego', 'jocloud'];

const AGORA_SECRET = `ncs-${randomBytes(12).toString('hex')}`;
const ZEGO_SECRET = `zcb-${randomBytes(12).toString('hex')}`;
const JOCLOUD_TOKEN = `jo-${randomBytes(16).toString('hex')}`;
const STORAGE_SECRET = `sk-${randomBytes(12).toString('hex')}`;

const receivers = {
  agora: createAgoraWebhookReceiver({ secret: AGORA_SECRET }),
  zego: createZegoWebhookReceiver({ callbackSecret: ZEGO_SECRET }),
  jocloud: createJoCloudWebhookReceiver({ token: JOCLOUD_TOKEN }),
};

/** The event a delivery carries, read by the library itself (to know which eventIds to expect). */
function eventOf(vendor: Vendor, delivery: SimWebhookDelivery): RecordingEvent {
  const { pathname, search } = new URL(delivery.url);
  return receivers[vendor].receive(delivery.body, delivery.headers, `${pathname}${search}`);
}

function request(vendor: Vendor, room: string, callbackUrl?: string): StartRecordingRequest {
  return {
    room,
    mode: 'composite',
    participants: { include: ['3001', '3002'] },
    layout: { preset: 'grid' },
    storage: {
      vendor: 'aliyun-oss',
      region: 'cn-hangzhou',
      bucket: 'recordings',
      accessKey: 'AKexample01',
      secretKey: STORAGE_SECRET,
    },
    ...(vendor === 'jocloud' && callbackUrl ? { callbackUrl } : {}),
  };
}

const count = (lines: ServerLine[], webhook: string, eventId?: string) =>
  lines.filter((l) => l.webhook === webhook && (eventId === undefined || l.eventId === eventId)).length;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});
afterAll(() => {
  nock.enableNetConnect();
});

describe.each(EXAMPLES)('examples/webhooks/%s', (example) => {
  let sim: Simulator;
  let server: ExampleServer;
  let base: string;
  let workDir: string;
  const providers = {} as Record<Vendor, RecordingProvider>;
  const sessions = {} as Record<Vendor, RecordingSession>;
  /** delivery → its event, for every callback of the lifecycle */
  const delivered: Array<{ vendor: Vendor; delivery: SimWebhookDelivery; event: RecordingEvent }> = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'unirec-example-'));
    // The port is picked before the server takes it; another process may take it first: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      // The manual clock holds every status change until the test moves it: the handles are stored
      // before the first callback can exist.
      sim = await startSimulator({
        clock: createManualClock(),
        rateLimits: false,
        callbacks: {
          agora: { url: `${base}/webhooks/agora`, secret: AGORA_SECRET },
          zego: { url: `${base}/webhooks/zego`, secret: ZEGO_SECRET },
        },
      });
      try {
        server = await startExample(example, {
          PORT: String(port),
          HOST: '127.0.0.1',
          HANDLES_FILE: join(workDir, 'handles.txt'),
          UNIREC_AGORA_WEBHOOK_SECRET: AGORA_SECRET,
          UNIREC_ZEGO_CALLBACK_SECRET: ZEGO_SECRET,
          UNIREC_ZEGO_APP_ID: String(sim.credentials.zego.appId),
          UNIREC_ZEGO_SERVER_SECRET: sim.credentials.zego.serverSecret,
          UNIREC_JOCLOUD_WEBHOOK_TOKEN: JOCLOUD_TOKEN,
          UNIREC_JOCLOUD_APP_ID: String(sim.credentials.jocloud.appId),
          UNIREC_BASE_URL: sim.url,
        });
        break;
      } catch (error) {
        await sim.close();
        if (attempt === 3 || !String(error).includes('EADDRINUSE')) throw error;
      }
    }
    expect(server.url).toBe(base);
    providers.agora = createAgoraProvider({ ...sim.credentials.agora, baseUrl: sim.url });
    providers.zego = createZegoProvider({ ...sim.credentials.zego, baseUrl: sim.url });
    providers.jocloud = createJoCloudProvider({ ...sim.credentials.jocloud, baseUrl: sim.url });
  });

  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('verifies, de-duplicates and matches every callback of a recording lifecycle on each vendor', async () => {
    const callbackUrl = `${base}/webhooks/jocloud?token=${JOCLOUD_TOKEN}`;
    for (const vendor of VENDORS) {
      sessions[vendor] = await providers[vendor].start(
        request(vendor, `hooks-${vendor}-${example}`, callbackUrl),
      );
      appendFileSync(join(workDir, 'handles.txt'), `${sessions[vendor].handle}\n`);
    }
    sim.advance!(1_000);
    for (const vendor of VENDORS) {
      expect((await providers[vendor].query(sessions[vendor])).state, vendor).toBe('recording');
      await providers[vendor].updateLayout(sessions[vendor], { preset: 'speaker', focus: '3002' });
      await providers[vendor].stop(sessions[vendor]);
    }
    sim.advance!(1_000);
    await sim.webhooksIdle();

    for (const delivery of sim.webhooks) {
      const vendor = VENDORS.find((v) => delivery.url.includes(`/webhooks/${v}`))!;
      expect({
        url: delivery.url,
        state: delivery.state,
        status: delivery.status,
        attempts: delivery.attempts,
      }).toEqual({
        url: delivery.url,
        state: 'delivered',
        status: 200,
        attempts: 1,
      });
      delivered.push({ vendor, delivery, event: eventOf(vendor, delivery) });
    }
    // The lifecycle's landmarks reached the server from every vendor (the simulator may send more).
    const types = (vendor: Vendor) => delivered.filter((d) => d.vendor === vendor).map((d) => d.event.type);
    const landmarks = ['recording.started', 'recording.file_uploaded', 'recording.stopped'];
    expect(types('agora')).toEqual(expect.arrayContaining(landmarks));
    expect(types('zego')).toEqual(expect.arrayContaining(['recording.file_uploaded', 'recording.stopped']));
    expect(types('jocloud')).toEqual(expect.arrayContaining(landmarks));

    await server.waitFor(
      (lines) => delivered.every(({ event }) => count(lines, 'handled', event.eventId) === 1),
      'a handled line for every delivery',
    );
    for (const { vendor, event } of delivered) {
      const line = server.lines.find((l) => l.webhook === 'handled' && l.eventId === event.eventId)!;
      expect(line, `${vendor} ${event.type}`).toMatchObject({
        vendor,
        type: event.type,
        room: sessions[vendor].room,
        sessionId: sessions[vendor].sessionId,
        handle: sessions[vendor].handle,
        confirmed: vendor === 'zego' && event.files !== undefined,
      });
    }
    expect(server.lines.filter((l) => l.webhook !== 'handled' && !l.listening)).toEqual([]);

    // ZEGO's file event was confirmed: its files are the ones ZEGOCLOUD reports for the task.
    const zegoFiles = (await providers.zego.query(sessions.zego)).files ?? [];
    expect(zegoFiles.length).toBeGreaterThan(0);
    const zegoFileLine = server.lines.find(
      (l) => l.vendor === 'zego' && l.type === 'recording.file_uploaded',
    )!;
    expect(zegoFileLine.files).toEqual(zegoFiles.map((f) => f.url ?? f.name));
    const joFileLine = server.lines.find(
      (l) => l.vendor === 'jocloud' && l.type === 'recording.file_uploaded',
    )!;
    expect(joFileLine.files).toEqual([expect.stringContaining(`${sessions.jocloud.sessionId}.m3u8`)]);
    const agoraFileLine = server.lines.find(
      (l) => l.vendor === 'agora' && l.type === 'recording.file_uploaded',
    )!;
    expect(agoraFileLine.files!.length).toBeGreaterThan(0);
  });

  it('answers a redelivery 200 and drops it as a duplicate, also two copies at once', async () => {
    for (const vendor of VENDORS) {
      const first = delivered.find((d) => d.vendor === vendor)!;
      const { url, body, headers } = first.delivery;
      const answers = await Promise.all([post(url, body, headers), post(url, body, headers)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      await server.waitFor(
        (lines) => count(lines, 'duplicate', first.event.eventId) === 2,
        `two ${vendor} duplicates`,
      );
      expect(count(server.lines, 'handled', first.event.eventId)).toBe(1);
    }
  });

  it('refuses forged callbacks with 401, telling the sender nothing and its own log why', async () => {
    const jocloudDelivery = delivered.find((d) => d.vendor === 'jocloud')!.delivery;
    const forgeries = forgedCallbacks({
      base,
      secrets: { agora: AGORA_SECRET, zego: ZEGO_SECRET, jocloud: JOCLOUD_TOKEN },
      agora: sessions.agora,
      zego: { ...sessions.zego, appId: sim.credentials.zego.appId },
      jocloudBody: jocloudDelivery.body,
    });
    const before = server.lines.length;
    for (const { what, url, body, headers } of forgeries) {
      const answer = await post(url, body, headers);
      expect(answer.status, what).toBe(401);
      expect(answer.body, what).not.toMatch(/signature|token|timestamp|match|window|secret/i);
    }
    // Refusals are logged before the answer goes out, so in the order of the requests.
    await server.waitFor((lines) => lines.length >= before + forgeries.length, 'a line per forgery');
    const logged = server.lines.slice(before);
    expect(logged).toHaveLength(forgeries.length);
    forgeries.forEach(({ what, vendor, reason }, i) => {
      expect(logged[i], what).toMatchObject({
        webhook: 'refused',
        vendor,
        reason: expect.stringContaining(reason),
      });
    });
  });

  it('ZEGO: a replayed callback with a forged file address is confirmed with ZEGOCLOUD, which supplies the files', async () => {
    // ZEGO's signature covers secret, timestamp and nonce only: this edited body still verifies.
    const genuine = delivered.find((d) => d.vendor === 'zego' && d.event.type === 'recording.file_uploaded')!;
    const body = JSON.parse(genuine.delivery.body);
    body.sequence = 1_000;
    for (const file of body.detail.file_info) file.file_url = 'https://attacker.example/evil.mp4';
    const answer = await post(genuine.delivery.url, JSON.stringify(body), genuine.delivery.headers);
    expect(answer.status).toBe(200);
    const eventId = `${sessions.zego.sessionId}:1000`;
    await server.waitFor(
      (lines) => count(lines, 'handled', eventId) === 1,
      'the edited ZEGO event to be handled',
    );
    const line = server.lines.find((l) => l.webhook === 'handled' && l.eventId === eventId)!;
    expect(line.confirmed).toBe(true);
    expect(line.files).not.toContain('https://attacker.example/evil.mp4');
    expect(line.files).toEqual(server.lines.find((l) => l.eventId === genuine.event.eventId)!.files);
  });

  it('hands the receiver the exact bytes: re-formatted JSON under any Content-Type still verifies', async () => {
    const notice = {
      payload: {
        details: { msgName: 'status_update', note: 'café ✓' },
        sid: sessions.agora.sessionId,
        cname: sessions.agora.room,
      },
      notifyMs: Date.now(),
      eventType: 3,
      productId: 3,
      noticeId: '',
    };
    for (const contentType of ['application/json; charset=utf-8', 'text/plain']) {
      notice.noticeId = randomUUID();
      // Indented, keys in an odd order, non-ASCII escaped: JSON.stringify(JSON.parse(body)) differs.
      const body = JSON.stringify(notice, null, 3).replace('é', '\\u00e9');
      expect(JSON.stringify(JSON.parse(body))).not.toBe(body);
      const answer = await post(`${base}/webhooks/agora`, body, {
        'content-type': contentType,
        ...agoraSignatureHeaders(AGORA_SECRET, body),
      });
      expect(answer.status, contentType).toBe(200);
      await server.waitFor(
        (lines) => count(lines, 'handled', notice.noticeId) === 1,
        `the ${contentType} notice`,
      );
    }
  });

  it('refuses a body over 1 MiB with 413 before any verification', async () => {
    const refusedBefore = count(server.lines, 'refused');
    const answer = await post(`${base}/webhooks/agora`, Buffer.alloc(1024 * 1024 + 1, 0x20), {
      'content-type': 'application/json',
      ...agoraSignatureHeaders(AGORA_SECRET, ''),
    });
    expect(answer.status).toBe(413);
    expect(count(server.lines, 'refused')).toBe(refusedBefore);
  });

  it('keeps secrets out of its output and exits 0 on SIGTERM once its work is done', async () => {
    expect(server.lines.filter((l) => l.unparsable !== undefined)).toEqual([]);
    for (const secret of [
      JOCLOUD_TOKEN,
      AGORA_SECRET,
      ZEGO_SECRET,
      sim.credentials.zego.serverSecret,
      STORAGE_SECRET,
    ]) {
      expect(server.output()).not.toContain(secret);
    }
    expect(await server.stop()).toBe(0);
  });
});

describe('the mistake the examples avoid: a parsed body', () => {
  it('every receiver refuses parsed JSON with a message saying to pass the raw body', () => {
    const bodies: Record<Vendor, string> = {
      agora: JSON.stringify({
        noticeId: 'n',
        productId: 3,
        eventType: 40,
        notifyMs: Date.now(),
        payload: {},
      }),
      zego: JSON.stringify({ task_id: 't', event_type: 5, nonce: '1', timestamp: '1', signature: 'x' }),
      jocloud: JSON.stringify({ msgid: 'm', product: 1, msgtype: 1, notifytime: Date.now(), context: {} }),
    };
    for (const vendor of VENDORS) {
      const receive = () =>
        receivers[vendor].receive(
          JSON.parse(bodies[vendor]) as never,
          agoraSignatureHeaders(AGORA_SECRET, bodies[vendor]),
          `/hook?token=${JOCLOUD_TOKEN}`,
        );
      expect(receive, vendor).toThrow(WebhookVerificationError);
      try {
        receive();
      } catch (error) {
        expect(isRecordingError(error) && error.message, vendor).toMatch(/raw (request )?body/);
      }
    }
  });
});
