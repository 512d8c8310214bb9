import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('spaces requests at the configured rate', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 50 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire('k')));
    // the first goes at once, then one every 20 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('keeps separate buckets per key, with per-key rates', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, perKey: { fast: 1000 } });
    await limiter.acquire('slow');
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire('fast')));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('serves higher priority first', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 100 });
    const order: string[] = [];
    await limiter.acquire('k');
    const waits = [
      limiter.acquire('k').then(() => order.push('a')),
      limiter.acquire('k').then(() => order.push('b')),
      limiter.acquire('k', { priority: 1 }).then(() => order.push('start')),
    ];
    await Promise.all(waits);
    expect(order).toEqual(['start', 'a', 'b']);
  });

  it('keeps the process alive while a request waits for its token', () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `const { createMemoryCoordinator } = await import(${JSON.stringify(dist)});
      const coordinator = createMemoryCoordinator();
      await coordinator.acquire('k', { requestsPerSecond: 5 }); await coordinator.acquire('k', { requestsPerSecond: 5 });
      console.log('second request sent');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.stdout).toContain('second request sent');
  });

  it('stops waiting when aborted', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire('default', { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});

describe('Redactor', () => {
  it('redacts sensitive keys and known secrets anywhere', () => {
    const r = new Redactor(['s3cr3t-value']);
    expect(
      r.value({
        Authorization: 'Basic x',
        nested: [{ secretKey: 'k', text: 'has s3cr3t-value inside' }],
        token: '',
        n: 1,
      }),
    ).toEqual({
      Authorization: '[REDACTED]',
      nested: [{ secretKey: '[REDACTED]', text: 'has [REDACTED] inside' }],
      token: '',
      n: 1,
    });
    expect(r.url('https://x.test/?AppId=1&Signature=abc&SignatureNonce=12')).toBe(
      'https://x.test/?AppId=1&Signature=%5BREDACTED%5D&SignatureNonce=12',
    );
  });
});
