import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryCoordinator } from './memory-coordinator.js';

// The shared contract runs in packages/conformance (runCoordinatorConformance); these are the parts
// only the memory coordinator has.
describe('createMemoryCoordinator', () => {
  it('keeps the process alive while an acquire waits for its slot', () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `const { createMemoryCoordinator } = await import(${JSON.stringify(dist)});
      const c = createMemoryCoordinator();
      await c.acquire('k', { requestsPerSecond: 4 }); await c.acquire('k', { requestsPerSecond: 4 });
      console.log('second request sent');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.stdout).toContain('second request sent');
  });

  it('keeps memory bounded: expired results and claims and idle budgets are swept', async () => {
    let now = 0;
    const c = createMemoryCoordinator({ now: () => now });
    for (let i = 0; i < 500; i++) {
      await c.claim(`claim-${i}`, 1_000);
      await c.once(`once-${i}`, 1_000, async () => i);
    }
    await c.acquire('budget', { requestsPerSecond: 100 });
    expect(c.stats()).toMatchObject({ claims: 500, results: 500, buckets: 1 });
    now = 1_500;
    expect(c.stats()).toEqual({ buckets: 0, results: 0, claims: 0, sessions: 0 });
    // Expired means expired even before a sweep ran: the claim is free again.
    now = 3_000;
    expect(await c.claim('claim-1', 1_000)).toBe(true);
    await c.close();
  });

  it('uses the newest limit a caller gives for a key', async () => {
    const c = createMemoryCoordinator();
    await c.acquire('k', { requestsPerSecond: 0.5 });
    const started = performance.now();
    // At 0.5/s the next slot would be 2 s away; at 50/s it is 20 ms away.
    await c.acquire('k', { requestsPerSecond: 50 });
    expect(performance.now() - started).toBeLessThan(500);
    await c.close();
  });

  it('lists sessions registered after the iteration started only on the next listing (a snapshot)', async () => {
    const c = createMemoryCoordinator();
    const entry = { vendor: 'agora' as const, room: 'r', sessionId: 's', startedAt: new Date() };
    await c.sessions.add({ ...entry, handle: 'h1' });
    const seen: string[] = [];
    for await (const s of c.sessions.list()) {
      seen.push(s.handle);
      await c.sessions.remove(s.handle);
      await c.sessions.add({ ...entry, handle: 'h2' });
    }
    expect(seen).toEqual(['h1']);
    expect(c.stats().sessions).toBe(1);
    await c.close();
  });
});
