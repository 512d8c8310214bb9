// A throwaway redis-server (the @unirec/redis tests, the fleet example, the benchmarks): loopback only, a free
// port (never 6379 unless the OS hands it out), no persistence, its own temporary directory, stopped at the end.
// `scripts/ensure-redis.sh` installs the binary (Debian). Types: throwaway-redis.d.mts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
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
export function rawCommand(port, parts, timeoutMs = 1_000) {
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

export async function startThrowawayRedis(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'unirec-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  args.push('--dir', dir, '--daemonize', 'no', '--logfile', '');
  if (options.password) args.push('--requirepass', options.password);
  if (options.cluster) {
    if (options.password) throw new Error('the throwaway cluster runs without a password');
    // announce-ip: without it a lone node reports an empty host in CLUSTER SLOTS and clients cannot follow it
    args.push('--cluster-enabled', 'yes', '--cluster-announce-ip', '127.0.0.1');
    args.push('--cluster-config-file', join(dir, 'nodes.conf'));
  }
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });

  let child;
  const launch = async () => {
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const started = child;
    const failed = new Promise((_, reject) => {
      started.once('error', () =>
        reject(
          new Error(
            'redis-server not found: run scripts/ensure-redis.sh, or set REDIS_URL to a Redis of yours',
          ),
        ),
      );
      started.once('exit', (code) =>
        reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
      );
    });
    failed.catch(() => {});
    try {
      await Promise.race([waitForPing(port, options.password), failed]);
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    }
  };
  try {
    await launch();
    if (options.cluster) await claimAllSlots(port);
  } catch (error) {
    cleanUp();
    throw error;
  }

  const exited = () =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    where: `a throwaway redis-server on 127.0.0.1:${port}`,
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
      cleanUp();
    },
  };
}

async function waitForPing(port, password) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const reply = await rawCommand(port, password ? ['AUTH', password] : ['PING'], 200);
      if (reply.startsWith('+')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function claimAllSlots(port) {
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
