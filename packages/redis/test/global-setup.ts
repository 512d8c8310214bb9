import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { type TestRedisServer, startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a throwaway server with a password (redis://:<password>@127.0.0.1:<port>) */
    redisUrl: string;
    redisPassword: string;
    /** a one-node Redis Cluster (no password): every slot on one node, CROSSSLOT enforced */
    redisClusterUrl: string;
  }
}

/**
 * Starts the Redis servers of this package's tests (never the system one on 6379) and stops them
 * after the run. The multi-process tests load the BUILT package, so dist must be there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const src = fileURLToPath(new URL('../src', import.meta.url));
  if (!existsSync(dist)) {
    throw new Error(
      '@unirec/redis is not built: run `pnpm --filter @unirec/redis build` (scripts/test.sh does)',
    );
  }
  const newestSource = Math.max(
    ...readdirSync(src, { recursive: true }).map((file) => statSync(join(src, String(file))).mtimeMs),
  );
  if (newestSource > statSync(dist).mtimeMs) {
    console.warn('@unirec/redis: src is newer than dist; the worker-process tests use dist (rebuild first)');
  }
  const password = `pw-${Math.random().toString(36).slice(2)}:/@%`;
  const servers: TestRedisServer[] = [];
  try {
    const main = await startRedisServer({ password });
    servers.push(main);
    const cluster = await startRedisServer({ cluster: true });
    servers.push(cluster);
    project.provide('redisUrl', main.url);
    project.provide('redisPassword', password);
    project.provide('redisClusterUrl', cluster.url);
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
