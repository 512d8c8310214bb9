import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@unirec/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, AVAILABLE_VENDORS } from '../src/registry.js';
import {
  CLI,
  HANDLE,
  PACKAGE,
  credentialEnv,
  freePort,
  runCli,
  runShell,
  simulatorCredentials,
  SPAWN_TIMEOUT_MS,
} from './cli-helpers.js';

/** The friction new users met with the CLI (scripts, handles, errors, the simulator), through the built CLI. */

let simulator: Simulator;
let workdir: string;
const cli = (args: string[], env: Record<string, string> = {}, cwd = workdir) => runCli(cwd, args, env);

beforeAll(async () => {
  simulator = await startSimulator({ rateLimits: false });
  workdir = mkdtempSync(join(tmpdir(), 'unirec-cli-'));
});

afterAll(async () => {
  await simulator?.close();
});

describe.concurrent('unirec CLI: scripts and handles', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('h=$(unirec start …) holds the handle alone; query and stop need no --vendor; a --vendor against the handle is a usage error', async () => {
    const vendor = AVAILABLE_VENDORS[0]!;
    const other = AVAILABLE_VENDORS.find((v) => v !== vendor) ?? 'jocloud';
    const url = simulator.url;
    const run = await runShell(
      workdir,
      [
        `h=$($CLI start --simulator ${url} --vendor ${vendor} --room friction-h --layout grid --participants 1001,1002) || exit 1`,
        `printf 'handle=%s\\n' "$h"`,
        `$CLI query "$h" --simulator ${url} --vendor ${other}; echo "contradiction exit $?"`,
        `$CLI query "$h" --simulator ${url} && $CLI stop "$h" --simulator ${url}`,
      ].join('\n'),
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^handle=ur2\.[a-z]+\.[A-Za-z0-9_-]+$/);
    expect(lines[0]!.split('.')[1]).toBe(vendor);
    expect(lines[1]).toBe('contradiction exit 2');
    expect(run.stderr).toContain(`--vendor ${other} contradicts the handle, which belongs to ${vendor}`);
    expect(lines[2]).toMatch(/^state: recording/);
    expect(run.stdout).toMatch(/^stopped$/m);
    // the progress line of start went to stderr
    expect(run.stderr).toMatch(
      new RegExp(`^started ${vendor} composite recording of room 'friction-h'`, 'm'),
    );
  });

  it('--version prints the package version; start --help prints its flags, the vendor-field flags included', async () => {
    const version = (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string })
      .version;
    const [run, help] = await Promise.all([cli(['--version']), cli(['start', '--help'])]);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: unirec start/);
    expect(help.stdout).toContain('h=$(unirec start');
    for (const adapter of Object.values(ADAPTERS)) {
      for (const spec of Object.values(adapter!.fields)) {
        if (spec.secret) expect(help.stdout).toContain(spec.env);
        else if (spec.flag) expect(help.stdout).toContain(`${spec.flag} V`);
      }
    }
  });
});

describe.concurrent('unirec CLI: errors name the flag and the variable', {
  timeout: SPAWN_TIMEOUT_MS,
}, () => {
  it('a missing credential names its flag and environment variable (secrets only from the environment)', async () => {
    const vendor = AVAILABLE_VENDORS[0]!;
    const fields = Object.entries(ADAPTERS[vendor]!.fields);
    const env: Record<string, string> = {};
    for (const [, spec] of fields) if (spec.secret) env[spec.env] = 'not-a-real-secret';
    const run = await cli(['start', '--vendor', vendor, '--room', 'x'], env);
    expect(run.code).toBe(3);
    const required = fields.filter(([, spec]) => spec.required && !spec.secret);
    expect(required.length).toBeGreaterThan(0);
    for (const [field, spec] of required)
      expect(run.stderr).toContain(`${field} (${spec.flag} or ${spec.env}) is required`);
    expect(run.stderr).not.toContain('not-a-real-secret');
  });

  it('vendor-field flags set the config: a start with flags alone (secrets from the environment) reaches the vendor', async () => {
    const vendor = AVAILABLE_VENDORS[0]!;
    const credentials = simulatorCredentials(vendor);
    const env: Record<string, string> = {
      UNIREC_STORAGE_ACCESS_KEY: 'ak-friction',
      UNIREC_STORAGE_SECRET_KEY: 'sk-friction',
    };
    const flags: string[] = [];
    for (const [field, spec] of Object.entries(ADAPTERS[vendor]!.fields)) {
      if (credentials[field] === undefined) continue;
      if (spec.secret) env[spec.env] = String(credentials[field]);
      else flags.push(spec.flag!, String(credentials[field]));
    }
    expect(flags.length).toBeGreaterThan(0);
    const run = await cli(
      [
        'start',
        '--vendor',
        vendor,
        '--base-url',
        simulator.url,
        '--room',
        `flags-${vendor}`,
        '--storage-vendor',
        'aliyun-oss',
        '--region',
        'cn-hangzhou',
        '--bucket',
        'friction',
        ...flags,
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(HANDLE);
  });

  it('request fields name the start flag; storage keys name their variables', async () => {
    const vendor = AVAILABLE_VENDORS[0]!;
    const run = await cli(
      [
        'start',
        '--vendor',
        vendor,
        '--base-url',
        simulator.url,
        '--room',
        'x',
        '--storage-vendor',
        's3',
        '--region',
        'us-east-1',
      ],
      credentialEnv(vendor),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('storage.bucket (--bucket) is required');
    expect(run.stderr).toContain('storage.accessKey (UNIREC_STORAGE_ACCESS_KEY) is required');
    expect(run.stderr).toContain('storage.secretKey (UNIREC_STORAGE_SECRET_KEY) is required');
  });

  it('the config file may hold storage (keys from the environment only)', async () => {
    const vendor = AVAILABLE_VENDORS[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'unirec-config-storage-'));
    const bucket = `file-bucket-${Date.now()}`;
    writeFileSync(
      join(dir, 'unirec.config.json'),
      JSON.stringify({ vendor, storage: { vendor: 'aliyun-oss', region: 'cn-hangzhou', bucket } }),
    );
    const run = await cli(
      ['start', '--simulator', simulator.url, '--room', 'file-storage'],
      { UNIREC_STORAGE_ACCESS_KEY: 'ak-file', UNIREC_STORAGE_SECRET_KEY: 'sk-file' },
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('.')[1]).toBe(vendor);
    const sent = simulator.requests.filter((r) => JSON.stringify(r.body ?? '').includes(bucket));
    expect(sent.length).toBeGreaterThan(0);
    expect(JSON.stringify(sent.map((r) => r.body))).toContain('ak-file');

    writeFileSync(
      join(dir, 'with-key.json'),
      JSON.stringify({
        vendor,
        storage: { vendor: 's3', region: 'us-east-1', bucket: 'b', secretKey: 'sk-in-file' },
      }),
    );
    const refused = await cli(
      ['start', '--simulator', simulator.url, '--room', 'x', '--config', 'with-key.json'],
      {},
      dir,
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('storage.secretKey');
    expect(refused.stderr).toContain('UNIREC_STORAGE_SECRET_KEY');
    expect(refused.stderr).not.toContain('sk-in-file');
  });

  it('--layout with --layout-file is a usage error (exit 2), before anything is sent', async () => {
    const file = join(workdir, 'layout.json');
    writeFileSync(file, JSON.stringify({ preset: 'grid' }));
    const run = await cli([
      'start',
      '--simulator',
      simulator.url,
      '--vendor',
      AVAILABLE_VENDORS[0]!,
      '--room',
      'layout-conflict',
      '--layout',
      'grid',
      '--layout-file',
      file,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('either --layout or --layout-file');
    const preview = await cli(['layout', 'preview', '--layout', 'grid', '--layout-file', file]);
    expect(preview.code).toBe(2);
    expect(simulator.requests.some((r) => JSON.stringify(r.body ?? '').includes('layout-conflict'))).toBe(
      false,
    );
  });
});

describe.concurrent('unirec simulator', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('a port in use: one clear line, exit 2', async () => {
    const run = await cli(['simulator', '--port', String(simulator.port)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${simulator.port} on 127.0.0.1 is already in use`);
    expect(run.stderr).not.toContain('unexpected');
  });

  it('simulator --host 0.0.0.0 prints a loopback URL the other commands accept', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'simulator', '--host', '0.0.0.0', '--port', String(port)], {
      cwd: workdir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (c) => {
          buffer += String(c);
          if (buffer.includes('Ctrl+C')) resolve(buffer);
        });
        child.once('close', (code) => reject(new Error(`simulator exited with ${code}: ${buffer}`)));
      });
      expect(text).toContain(`listening on all interfaces (0.0.0.0) on port ${port}`);
      const url = /use it: unirec start --simulator (\S+)/.exec(text)![1]!;
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const start = await cli([
        'start',
        '--simulator',
        url,
        '--vendor',
        AVAILABLE_VENDORS[0]!,
        '--room',
        'all-interfaces',
      ]);
      expect(start.code, start.stderr).toBe(0);
      expect(start.stdout.trim()).toMatch(HANDLE);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
