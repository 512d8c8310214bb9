import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The built CLI, driven as a user would: a simulator in one process, commands in others. */
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let server: ChildProcess;
let url: string;

beforeAll(async () => {
  server = spawn(process.execPath, [CLI, 'simulator', '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    server.stdout!.on('data', (chunk) => {
      buffer += String(chunk);
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    server.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    setTimeout(() => reject(new Error('simulator did not start')), 15_000);
  });
});

afterAll(() => {
  server?.kill('SIGTERM');
});

describe('unirec CLI against `unirec simulator` in another process', () => {
  for (const vendor of ['agora', 'zego']) {
    it(`start → update-layout → query → stop on ${vendor}`, async () => {
      const common = ['--simulator', url, '--vendor', vendor];
      const start = cli([
        'start',
        ...common,
        '--room',
        `cli-${vendor}`,
        '--layout',
        'grid',
        '--participants',
        '11,12',
        '--json',
      ]);
      expect(start.stderr).toBe('');
      expect(start.code).toBe(0);
      const session = JSON.parse(start.stdout) as { handle: string; vendor: string };
      expect(session.vendor).toBe(vendor);

      const human = cli(['query', session.handle, ...common]);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^state: /);

      const update = cli([
        'update-layout',
        session.handle,
        ...common,
        '--layout',
        'speaker',
        '--focus',
        '12',
      ]);
      expect(update.code).toBe(0);
      expect(update.stdout).toContain('layout updated');

      const stop = cli(['stop', session.handle, ...common, '--wait', '--wait-timeout', '10', '--json']);
      expect(stop.code).toBe(0);
      const result = JSON.parse(stop.stdout) as { files: unknown[]; alreadyStopped: boolean };
      expect(result.alreadyStopped).toBe(false);

      const again = cli(['stop', session.handle, ...common]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already stopped');
    });
  }

  it('bad input: one clear line, exit code ≠ 0, nothing started', () => {
    const before = cli(['query', 'ur1.agora.eyJ4IjoxfQ', '--simulator', url, '--vendor', 'agora']);
    expect(before.code).toBe(3);
    expect(before.stderr).toMatch(/ValidationError: Invalid session handle/);

    const unknownVendor = cli(['start', '--room', 'x', '--vendor', 'twilio'], {
      UNIREC_AGORA_CUSTOMER_SECRET: 's',
    });
    expect(unknownVendor.code).not.toBe(0);
    expect(unknownVendor.stderr).toMatch(/unknown vendor 'twilio'/);

    const missingSecret = cli(['start', '--room', 'x', '--vendor', 'agora'], {
      UNIREC_AGORA_APP_ID: 'a',
      UNIREC_AGORA_CUSTOMER_ID: 'c',
    });
    expect(missingSecret.code).toBe(3);
    expect(missingSecret.stderr).toMatch(/UNIREC_AGORA_CUSTOMER_SECRET is not set/);

    const noFile = cli([
      'start',
      '--simulator',
      url,
      '--vendor',
      'agora',
      '--request',
      '/nonexistent/request.json',
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/cannot read request file/);

    const dir = mkdtempSync(join(tmpdir(), 'unirec-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    const badFile = cli([
      'start',
      '--simulator',
      url,
      '--vendor',
      'agora',
      '--request',
      join(dir, 'bad.json'),
    ]);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toMatch(/not valid JSON/);

    const invalid = cli([
      'start',
      '--simulator',
      url,
      '--vendor',
      'agora',
      '--room',
      'x',
      '--layout',
      'mosaic',
    ]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/layout/);
    expect(invalid.stderr).toMatch(/hint: /);

    const usage = cli(['frobnicate']);
    expect(usage.code).toBe(2);
  });

  it('never prints a secret', () => {
    const secret = 'never-print-this-secret';
    const run = cli(
      [
        'start',
        '--vendor',
        'agora',
        '--room',
        'x',
        '--base-url',
        'http://127.0.0.1:9',
        '--storage-vendor',
        's3',
        '--bucket',
        'b',
        '--region',
        'us-east-1',
      ],
      {
        UNIREC_AGORA_APP_ID: 'a'.repeat(32),
        UNIREC_AGORA_CUSTOMER_ID: 'c',
        UNIREC_AGORA_CUSTOMER_SECRET: secret,
        UNIREC_STORAGE_ACCESS_KEY: 'ak-never-print',
        UNIREC_STORAGE_SECRET_KEY: 'sk-never-print',
        UNIREC_MAX_RETRIES: '0',
      },
    );
    expect(run.code).not.toBe(0);
    for (const s of [secret, 'ak-never-print', 'sk-never-print'])
      expect(run.stdout + run.stderr).not.toContain(s);
  });
});
