import { inspect } from 'node:util';
import { ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import {
  ZEGO_DEFAULT_HOST,
  createZegoProvider,
  createZegoSigner,
  zegoHost,
  zegoSignature,
} from './internals.js';
import { md5 } from './helpers.js';

describe('Signature v2.0', () => {
  it('reproduces the official vector (the vendor notes (docs/vendors/sources.md): appId 12345, nonce 4fd24687296dd9f3, ts 1615186943)', () => {
    expect(zegoSignature(12345, '4fd24687296dd9f3', '9193cc662a4c0ec135ec71fb57194b38', 1615186943)).toBe(
      '43e5cfcca828314675f91b001390566a',
    );
  });

  it('signs AppId + SignatureNonce + ServerSecret + Timestamp (cross-checked with node:crypto)', () => {
    const sign = createZegoSigner(987654321, 'abcdefabcdefabcdefabcdefabcdef12', () => 1_700_000_000_999);
    const p = sign();
    expect(p.AppId).toBe(987654321);
    expect(p.Timestamp).toBe(1_700_000_000); // seconds, truncated
    expect(p.SignatureVersion).toBe('2.0');
    expect(p.SignatureNonce).toMatch(/^[0-9a-f]{16}$/);
    expect(p.Signature).toBe(md5(`987654321${p.SignatureNonce}abcdefabcdefabcdefabcdefabcdef121700000000`));
  });

  it('uses a fresh nonce for every request', () => {
    const sign = createZegoSigner(1, '0123456789abcdef0123456789abcdef');
    const nonces = new Set(Array.from({ length: 50 }, () => sign().SignatureNonce));
    expect(nonces.size).toBe(50);
  });
});

describe('config', () => {
  const secret = '0123456789ABCDEF0123456789abcdef';

  it('accepts a valid config and hides the secret from inspect and JSON', () => {
    const p = createZegoProvider({ appId: 1, serverSecret: secret });
    expect(p.vendor).toBe('zego');
    expect(inspect(p, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(p)).not.toContain(secret);
  });

  it.each([
    ['serverSecret', { appId: 1 }],
    ['serverSecret', { appId: 1, serverSecret: `${secret}0` }],
    ['serverSecret', { appId: 1, serverSecret: 'g'.repeat(32) }],
    ['appId', { serverSecret: secret }],
    ['appId', { appId: 0, serverSecret: secret }],
    ['appId', { appId: 1.5, serverSecret: secret }],
    ['appId', { appId: 4294967296, serverSecret: secret }],
    ['region', { appId: 1, serverSecret: secret, region: 'eu' }],
    ['baseUrl', { appId: 1, serverSecret: secret, baseUrl: 'http://example.com' }],
  ])('rejects a bad %s at construction without echoing the secret', (field, config) => {
    let error: unknown;
    try {
      createZegoProvider(config as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(field);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field);
    expect(JSON.stringify(error) + String(error)).not.toContain(`${secret}0`);
  });

  it('uses the regional host when a region is given', () => {
    expect(zegoHost(undefined)).toBe(ZEGO_DEFAULT_HOST);
    expect(zegoHost('sgp')).toBe('https://cloudrecord-api-sgp.zego.im');
    expect(ZEGO_DEFAULT_HOST).toBe('https://cloudrecord-api.zego.im');
  });
});
