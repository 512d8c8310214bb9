import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Runs the servers of examples/webhooks as their users do (`node server.mjs` with the environment
 * their README names) and reads the JSON lines they print.
 */

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/webhooks/', import.meta.url));

/** One line a server printed: `{ webhook: 'handled' | 'duplicate' | 'refused' | …, vendor, eventId, … }`. */
export interface ServerLine {
  webhook?: string;
  vendor?: string;
  eventId?: string;
  type?: string;
  handle?: string;
  confirmed?: boolean;
  files?: string[];
  reason?: string;
  listening?: string;
  /** a line that was not JSON (the examples print none) */
  unparsable?: string;
  [key: string]: unknown;
}

export interface ExampleServer {
  readonly url: string;
  readonly lines: ServerLine[];
  /** everything the process wrote, stdout and stderr */
  output(): string;
  waitFor(predicate: (lines: ServerLine[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM; resolves with the exit code */
  stop(): Promise<number | null>;
}

/** A port nobody listens on right now (the example server takes it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startExample(name: string, env: Record<string, string>): Promise<ExampleServer> {
  const cwd = `${EXAMPLES_DIR}${name}`;
  if (!existsSync(`${cwd}/node_modules`)) {
    throw new Error(
      `${cwd} has no node_modules: run pnpm install at the repository root (examples are workspace packages)`,
    );
  }
  // A clean environment: only what the README names, so nothing of the test runner leaks in.
  const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: ServerLine[] = [];
  let output = '';
  let pending = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    output += chunk;
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (text.trim() === '') continue;
      try {
        lines.push(JSON.parse(text) as ServerLine);
      } catch {
        lines.push({ unparsable: text });
      }
    }
  });
  child.stderr!.on('data', (chunk: string) => {
    output += chunk;
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
  });

  const waitFor = async (predicate: (l: ServerLine[]) => boolean, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(lines)) {
      if (exitCode !== undefined)
        throw new Error(`${name} server exited (${exitCode}) before ${what}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`${name} server: timed out waiting for ${what}:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  try {
    await waitFor((l) => l.some((line) => line.listening), 'it to listen');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = lines.find((line) => line.listening)!.listening!;
  return {
    url,
    lines,
    output: () => output,
    waitFor,
    async stop() {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** POST exactly these bytes and headers (no keep-alive, nothing added but Content-Length). */
export function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** NCS headers for `body` (hex HMAC-SHA1 and HMAC-SHA256 of the bytes, as Agora signs). */
export function agoraSignatureHeaders(secret: string, body: string): Record<string, string> {
  return {
    'agora-signature': createHmac('sha1', secret).update(body, 'utf8').digest('hex'),
    'agora-signature-v2': createHmac('sha256', secret).update(body, 'utf8').digest('hex'),
  };
}

/** ZEGO's callback signature: sha1 of the sorted [secret, timestamp, nonce], concatenated. */
export function zegoSignature(secret: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([secret, timestamp, nonce].sort().join('')).digest('hex');
}

export interface Forgery {
  what: string;
  vendor: 'agora' | 'zego' | 'jocloud';
  url: string;
  body: string;
  headers: Record<string, string>;
  /** what the receiver's WebhookVerificationError says (the server logs it; the sender never sees it) */
  reason: string;
}

/**
 * Callbacks a receiver must refuse: wrong secret, edited body, no signature, stale time (Agora, ZEGO);
 * no token, a wrong one, two, a misnamed one, a body that is not JOCloud's (JOCloud). They name the
 * real sessions, so only the verification stands between them and the server's work.
 */
export function forgedCallbacks(input: {
  base: string;
  secrets: { agora: string; zego: string; jocloud: string };
  agora: { room: string; sessionId: string };
  zego: { room: string; sessionId: string; appId: number };
  /** a genuine JOCloud callback body, given a new msgid */
  jocloudBody: string;
}): Forgery[] {
  const { base, secrets } = input;
  const json = { 'content-type': 'application/json' };
  const agora = `${base}/webhooks/agora`;
  const zego = `${base}/webhooks/zego`;
  const jo = `${base}/webhooks/jocloud`;

  const notice = (notifyMs: number) =>
    JSON.stringify({
      noticeId: randomUUID(),
      productId: 3,
      eventType: 31,
      notifyMs,
      payload: {
        cname: input.agora.room,
        uid: '1',
        sid: input.agora.sessionId,
        sequence: 50,
        details: { fileList: 'evil.m3u8' },
      },
    });
  const fresh = notice(Date.now());
  const stale = notice(Date.now() - 3_600_000);
  const signed = (secret: string, body: string) => ({ ...json, ...agoraSignatureHeaders(secret, body) });

  const now = String(Math.floor(Date.now() / 1000));
  const zegoBody = (secret: string, timestamp: string) =>
    JSON.stringify({
      app_id: input.zego.appId,
      task_id: input.zego.sessionId,
      room_id: input.zego.room,
      event_type: 5,
      message: 'forged',
      nonce: '424242',
      timestamp,
      signature: zegoSignature(secret, timestamp, '424242'),
      sequence: 99,
      detail: {},
    });
  const hourAgo = String(Number(now) - 3600);
  const joBody = JSON.stringify({ ...JSON.parse(input.jocloudBody), msgid: `RECORD-forged-${Date.now()}` });
  const token = secrets.jocloud;

  return [
    {
      what: 'agora: another secret',
      vendor: 'agora',
      url: agora,
      body: fresh,
      headers: signed('another-secret', fresh),
      reason: 'signature does not match',
    },
    {
      what: 'agora: body edited after signing',
      vendor: 'agora',
      url: agora,
      body: fresh.replace('evil', 'eviL'),
      headers: signed(secrets.agora, fresh),
      reason: 'signature does not match',
    },
    {
      what: 'agora: no signature',
      vendor: 'agora',
      url: agora,
      body: fresh,
      headers: json,
      reason: 'no Agora-Signature-V2 or Agora-Signature header',
    },
    {
      what: 'agora: an hour old',
      vendor: 'agora',
      url: agora,
      body: stale,
      headers: signed(secrets.agora, stale),
      reason: 'outside the 300 s window',
    },
    {
      what: 'zego: another secret',
      vendor: 'zego',
      url: zego,
      body: zegoBody('another-secret', now),
      headers: json,
      reason: 'signature does not match',
    },
    {
      what: 'zego: an hour old',
      vendor: 'zego',
      url: zego,
      body: zegoBody(secrets.zego, hourAgo),
      headers: json,
      reason: 'outside the 300 s window',
    },
    {
      what: 'jocloud: no token',
      vendor: 'jocloud',
      url: jo,
      body: joBody,
      headers: json,
      reason: 'carries no token',
    },
    {
      what: 'jocloud: wrong token',
      vendor: 'jocloud',
      url: `${jo}?token=${token.slice(0, -1)}x`,
      body: joBody,
      headers: json,
      reason: 'token does not match',
    },
    {
      what: 'jocloud: two tokens',
      vendor: 'jocloud',
      url: `${jo}?token=${token}&token=${token}`,
      body: joBody,
      headers: json,
      reason: 'more than one token',
    },
    {
      what: 'jocloud: token under another name',
      vendor: 'jocloud',
      url: `${jo}?secret=${token}`,
      body: joBody,
      headers: json,
      reason: 'carries no token',
    },
    {
      what: 'jocloud: right token, not a JOCloud body',
      vendor: 'jocloud',
      url: `${jo}?token=${token}`,
      body: '{"hello":"world"}',
      headers: json,
      reason: 'not a JOCloud callback',
    },
  ];
}
