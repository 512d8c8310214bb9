import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./fixtures/fleet-worker.mjs', import.meta.url));
const PROVIDER_WORKER = fileURLToPath(new URL('./fixtures/fleet-provider-worker.mjs', import.meta.url));

type Line = Record<string, unknown>;

/** A worker process of the simulated fleet (see fixtures/fleet-worker.mjs). */
export interface FleetWorker {
  child: ChildProcess;
  lines: Line[];
  ready: Promise<void>;
  /** sends a job; returns its id */
  send(job: Record<string, unknown>): string;
  /** the lines of one job */
  of(id: string): Line[];
  /** resolves with the first line that matches */
  waitFor(match: (line: Line) => boolean, timeoutMs?: number): Promise<Line>;
  exited: Promise<number | null>;
}

export function spawnWorker(config: { url: string; prefix: string; leaseMs: number }): FleetWorker {
  return spawnLineWorker([WORKER, JSON.stringify(config)]);
}

/** What fixtures/fleet-provider-worker.mjs needs: it gets it through the environment (secrets stay out of argv). */
export interface ProviderWorkerConfig {
  redisUrl: string;
  prefix: string;
  leaseMs: number;
  simUrl: string;
  agora: { appId: string; customerId: string; customerSecret: string };
  zego: { appId: number; serverSecret: string };
  webhookSecret: string;
}

/** A worker with one Redis coordinator shared by an Agora and a ZEGO provider (see its fixture). */
export function spawnProviderWorker(config: ProviderWorkerConfig): FleetWorker {
  return spawnLineWorker([PROVIDER_WORKER], { UNIREC_FLEET_WORKER: JSON.stringify(config) });
}

function spawnLineWorker(args: string[], env: Record<string, string> = {}): FleetWorker {
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: Line[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) lines.push(JSON.parse(line) as Line);
      newline = buffer.indexOf('\n');
    }
    for (const listener of [...listeners]) listener();
  });
  child.stderr!.on('data', (chunk) => {
    errors += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor: FleetWorker['waitFor'] = (match, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const fail = (why: string) => {
        listeners.delete(check);
        clearTimeout(timer);
        reject(new Error(`worker ${child.pid}: ${why}; stderr: ${errors.slice(-800)}`));
      };
      const check = () => {
        const failed = lines.find((l) => l.id === 'error');
        if (failed) return fail(`job failed: ${String(failed.error)}`);
        const found = lines.find(match);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => fail(`no matching line within ${timeoutMs} ms`), timeoutMs);
      listeners.add(check);
      exited.then(() => setTimeout(() => listeners.has(check) && fail('exited'), 50));
      check();
    });
  return {
    child,
    lines,
    ready: waitFor((l) => l.ready === true, 30_000).then(() => undefined),
    send: (job) => {
      const id = randomUUID();
      child.stdin!.write(`${JSON.stringify({ ...job, id })}\n`);
      return id;
    },
    of: (id) => lines.filter((l) => l.id === id),
    waitFor,
    exited,
  };
}

/** Sends one job to each worker at the same moment; resolves when every job is done. */
export async function runTogether(
  workers: readonly FleetWorker[],
  jobs: ReadonlyArray<Record<string, unknown>>,
  timeoutMs = 20_000,
): Promise<string[]> {
  const ids = jobs.map((job, i) => workers[i]!.send(job));
  await Promise.all(
    ids.map((id, i) => workers[i]!.waitFor((l) => l.id === id && l.done === true, timeoutMs)),
  );
  return ids;
}
