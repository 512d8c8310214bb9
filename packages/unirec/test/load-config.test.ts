import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/load-config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'unirec-config-'));
  writeFileSync(
    join(dir, 'unirec.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return dir;
}

const SECRET = 'agora-customer-secret-value';

describe('loadConfig', () => {
  it('reads the file and takes secrets from the environment', () => {
    const cwd = dirWith({
      vendor: 'agora',
      timeoutMs: 5000,
      agora: { appId: 'app', customerId: 'cid' },
      zego: { appId: 7 },
    });
    const config = loadConfig({ cwd, env: { UNIREC_AGORA_CUSTOMER_SECRET: SECRET } });
    expect(config).toMatchObject({
      vendor: 'agora',
      appId: 'app',
      customerId: 'cid',
      customerSecret: SECRET,
      timeoutMs: 5000,
    });
  });

  it('switches vendor by environment alone', () => {
    const cwd = dirWith({ vendor: 'agora', agora: { appId: 'app', customerId: 'cid' }, zego: { appId: 7 } });
    const config = loadConfig({
      cwd,
      env: { UNIREC_VENDOR: 'zego', UNIREC_ZEGO_SERVER_SECRET: 'f'.repeat(32) },
    });
    expect(config).toMatchObject({ vendor: 'zego', appId: 7, serverSecret: 'f'.repeat(32) });
  });

  it('works from the environment only, with numbers parsed', () => {
    const config = loadConfig({
      cwd: tmpdir(),
      env: {
        UNIREC_VENDOR: 'zego',
        UNIREC_ZEGO_APP_ID: '123',
        UNIREC_ZEGO_SERVER_SECRET: 'a'.repeat(32),
        UNIREC_MAX_RETRIES: '1',
      },
    });
    expect(config).toMatchObject({ vendor: 'zego', appId: 123, maxRetries: 1 });
  });

  it('keeps secrets out of inspect and JSON', () => {
    const cwd = dirWith({ vendor: 'agora', agora: { appId: 'app', customerId: 'cid' } });
    const config = loadConfig({ cwd, env: { UNIREC_AGORA_CUSTOMER_SECRET: SECRET } });
    expect(inspect(config)).not.toContain(SECRET);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect({ ...config }).toMatchObject({ customerSecret: SECRET });
  });

  it('rejects, with one clear message: secrets in the file, no vendor, unknown vendor, missing secret, bad JSON, missing file', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [
        () => loadConfig({ cwd: dirWith({ vendor: 'agora', agora: { customerSecret: SECRET } }), env: {} }),
        /agora.customerSecret.*environment only/,
      ],
      [() => loadConfig({ cwd: tmpdir(), env: {} }), /no vendor configured/],
      [() => loadConfig({ cwd: tmpdir(), env: { UNIREC_VENDOR: 'twilio' } }), /unknown vendor 'twilio'/],
      [
        () => loadConfig({ cwd: dirWith({ vendor: 'agora', agora: { appId: 'a' } }), env: {} }),
        /UNIREC_AGORA_CUSTOMER_SECRET is not set/,
      ],
      [() => loadConfig({ cwd: dirWith('{ not json'), env: {} }), /not valid JSON/],
      [() => loadConfig({ file: 'nope.json', cwd: tmpdir(), env: {} }), /does not exist/],
      [() => loadConfig({ cwd: dirWith({ vendor: 'agora', colour: 1 }), env: {} }), /colour/],
    ];
    for (const [run, message] of cases) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error, String(message)).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
