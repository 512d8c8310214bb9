import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '@unirec/simulator';
import { expect } from 'vitest';
import { ADAPTERS } from '../src/registry.js';

/**
 * Helpers of the tests that drive the BUILT CLI (dist/cli.js) in child processes against a simulator
 * in the test process: spawns are asynchronous, so the simulator keeps answering while a command runs.
 */
export const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(PACKAGE, 'dist', 'cli.js');
/** Per test: a test spawns a few CLI processes of ~1 s each, several times that on a loaded machine. */
export const SPAWN_TIMEOUT_MS = 60_000;
export const HANDLE = /^ur2\.[a-z]+\.[A-Za-z0-9_-]+$/;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ReturnType<typeof spawn>, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += String(c)));
    child.stderr!.on('data', (c) => (stderr += String(c)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI in `cwd` (an empty directory: no unirec.config.json of the repository gets in). */
export function runCli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

/** Runs a bash line (pipefail) with $CLI set to `node dist/cli.js`. */
export function runShell(cwd: string, line: string, env: Record<string, string> = {}): Promise<Run> {
  const child = spawn('bash', ['-o', 'pipefail', '-c', line], {
    cwd,
    env: { PATH: process.env.PATH ?? '', CLI: `${process.execPath} ${CLI}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

/** Minimal XML well-formedness: every tag closed in order, one root, no stray '&' or '<'. */
export function assertWellFormedSvg(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  const text = svg.replace(/<\?xml[^>]*\?>/, '');
  for (const match of text.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  // what is left between tags is text: no raw '<' and only entity '&'s
  const between = text.replace(/<[^>]*>/g, '');
  expect(between).not.toMatch(/</);
  expect(between.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/&/);
}

export function simulatorCredentials(vendor: string): Record<string, unknown> {
  return (DEFAULT_SIMULATOR_CREDENTIALS as unknown as Record<string, Record<string, unknown>>)[vendor] ?? {};
}

/** The simulator's credentials of a vendor as the UNIREC_* variables its descriptor declares. */
export function credentialEnv(vendor: string): Record<string, string> {
  const credentials = simulatorCredentials(vendor);
  const env: Record<string, string> = {};
  for (const [field, spec] of Object.entries(ADAPTERS[vendor as keyof typeof ADAPTERS]!.fields)) {
    if (credentials[field] !== undefined) env[spec.env] = String(credentials[field]);
  }
  return env;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
