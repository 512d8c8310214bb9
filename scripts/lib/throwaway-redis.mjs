// A throwaway redis-server (the fleet example, the benchmarks): loopback only, a free port, no persistence, its own
// temporary directory, stopped at the end. `scripts/ensure-redis.sh` installs the binary (Debian).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** true once the server answers PING with PONG */
const pong = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(200, () => socket.destroy());
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
    socket.on('data', (reply) => {
      socket.end();
      resolve(String(reply).startsWith('+PONG'));
    });
    socket.write('PING\r\n');
  });

export async function startThrowawayRedis() {
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
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const failed = new Promise((_, reject) => {
    child.once('error', () =>
      reject(
        new Error(
          'redis-server not found: run scripts/ensure-redis.sh, or set REDIS_URL to a Redis of yours',
        ),
      ),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  failed.catch(() => {});
  const deadline = Date.now() + 10_000;
  try {
    while (!(await Promise.race([pong(port), failed]))) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (error) {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    where: `a throwaway redis-server on 127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      cleanUp();
    },
  };
}
