import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway redis-server for tests and the benchmark: loopback only, a free port (never 6379 unless
 * the OS hands it out), no persistence, its own temp directory. `scripts/ensure-redis.sh` installs
 * the binary.
 */
export interface TestRedisServer {
  port: number;
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  /** SIGKILL: the server disappears at once, as in a crash */
  kill(): Promise<void>;
  /** starts it again on the same port (after kill) */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestRedisServerOptions {
  password?: string;
  /** cluster mode with this one node owning every slot: CROSSSLOT rules apply as on a real cluster */
  cluster?: boolean;
}

export async function startRedisServer(options: TestRedisServerOptions = {}): Promise<TestRedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'unirec-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--logfile',
    '',
  ];
  if (options.password) args.push('--requirepass', options.password);
  if (options.cluster) {
    // announce-ip: without it a lone node reports an empty host in CLUSTER SLOTS and clients cannot follow it
    args.push('--cluster-enabled', 'yes', '--cluster-announce-ip', '127.0.0.1');
    args.push('--cluster-config-file', join(dir, 'nodes.conf'));
  }

  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const failed = new Promise<never>((_, reject) => {
      child!.once('error', (e) =>
        reject(new Error(`redis-server did not start (${e.message}); run scripts/ensure-redis.sh`)),
      );
      child!.once('exit', (code) =>
        reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
      );
    });
    failed.catch(() => {});
    await Promise.race([waitForPing(port, options.password), failed]);
  };
  await launch();
  if (options.cluster) {
    if (options.password) throw new Error('the test cluster runs without a password');
    await claimAllSlots(port);
  }

  const exited = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    kill: async () => {
      child?.kill('SIGKILL');
      await exited();
    },
    restart: launch,
    stop: async () => {
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 3_000);
      await exited();
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** One RESP command over a fresh socket; resolves with the raw reply text. */
export function rawCommand(port: number, parts: string[], timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no reply'));
    }, timeoutMs);
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.endsWith('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.write(`*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`);
  });
}

async function waitForPing(port: number, password: string | undefined): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const reply = await rawCommand(port, password ? ['AUTH', password] : ['PING'], 200);
      if (reply.startsWith('+')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer within 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function claimAllSlots(port: number): Promise<void> {
  const added = await rawCommand(port, ['CLUSTER', 'ADDSLOTSRANGE', '0', '16383']);
  if (!added.startsWith('+OK')) throw new Error(`CLUSTER ADDSLOTSRANGE failed: ${added}`);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const info = await rawCommand(port, ['CLUSTER', 'INFO'], 500).catch(() => '');
    if (info.includes('cluster_state:ok')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the one-node cluster did not reach cluster_state:ok');
}
