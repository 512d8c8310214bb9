import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, VendorError, isErrorKind } from '../errors.js';
import type { RecordingEvent, RecordingProvider, RecordingResult, Vendor } from '../types.js';
import { createMemoryCoordinator } from './memory-coordinator.js';
import { dedupeEvent, reapExpiredSessions } from './reap.js';
import type { ActiveSession, Coordinator } from './types.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function fakeProvider(vendor: Vendor, fail: Record<string, unknown> = {}) {
  const stopped: string[] = [];
  const provider = {
    vendor,
    capabilities: {} as RecordingProvider['capabilities'],
    start: async () => {
      throw new Error('not used');
    },
    updateLayout: async () => {
      throw new Error('not used');
    },
    query: async () => {
      throw new Error('not used');
    },
    stop: async (handle: unknown): Promise<RecordingResult> => {
      const h = String(handle);
      if (h in fail) throw fail[h];
      stopped.push(h);
      return { files: [], upload: 'uploaded', alreadyStopped: false, raw: { handle: h } };
    },
  } as RecordingProvider;
  return { provider, stopped };
}

function session(handle: string, vendor: Vendor, deadline?: number): ActiveSession {
  const entry: ActiveSession = {
    handle,
    vendor,
    room: 'r',
    sessionId: `sid-${handle}`,
    startedAt: new Date(NOW - 3_600_000),
  };
  if (deadline !== undefined) entry.deadline = new Date(deadline);
  return entry;
}

async function registered(c: Coordinator): Promise<string[]> {
  const handles: string[] = [];
  for await (const s of c.sessions.list()) handles.push(s.handle);
  return handles.sort();
}

describe('reapExpiredSessions', () => {
  it('stops and unregisters exactly the sessions whose deadline is at or before now', async () => {
    const c = createMemoryCoordinator();
    const agora = fakeProvider('agora');
    await c.sessions.add(session('past', 'agora', NOW - 1));
    await c.sessions.add(session('exactly-now', 'agora', NOW));
    await c.sessions.add(session('future', 'agora', NOW + 1));
    await c.sessions.add(session('no-deadline', 'agora'));
    const result = await reapExpiredSessions({
      coordinator: c,
      providers: [agora.provider],
      now: new Date(NOW),
    });
    expect(agora.stopped.sort()).toEqual(['exactly-now', 'past']);
    expect(result.stopped.map((s) => s.session.handle).sort()).toEqual(['exactly-now', 'past']);
    expect(result.stopped[0]!.result.upload).toBe('uploaded');
    expect(result.failed).toEqual([]);
    expect(await registered(c)).toEqual(['future', 'no-deadline']);
  });

  it('goes on after a failed stop, reports it with its error and keeps the session for the next run', async () => {
    const c = createMemoryCoordinator();
    const notFound = new NotFoundError('gone', { vendor: 'zego' });
    const zego = fakeProvider('zego', { z1: notFound, z2: new TypeError('socket hang up') });
    const agora = fakeProvider('agora');
    for (const h of ['z1', 'z2', 'z3']) await c.sessions.add(session(h, 'zego', NOW - 1));
    await c.sessions.add(session('a1', 'agora', NOW - 1));
    await c.sessions.add(session('j1', 'jocloud', NOW - 1));
    const result = await reapExpiredSessions({
      coordinator: c,
      providers: { zego: zego.provider, agora: agora.provider, jocloud: undefined },
      now: NOW,
    });
    expect(result.stopped.map((s) => s.session.handle).sort()).toEqual(['a1', 'z3']);
    const failed = Object.fromEntries(result.failed.map((f) => [f.session.handle, f.error]));
    expect(failed.z1).toBe(notFound);
    expect(failed.z2).toBeInstanceOf(VendorError);
    expect(failed.z2!.message).toContain('TypeError');
    expect(failed.j1).toBeInstanceOf(ValidationError);
    expect(failed.j1!.message).toContain("no provider for vendor 'jocloud'");
    expect(await registered(c)).toEqual(['j1', 'z1', 'z2']);
  });

  it('stops nothing and returns empty lists when no deadline has passed', async () => {
    const c = createMemoryCoordinator();
    const agora = fakeProvider('agora');
    await c.sessions.add(session('later', 'agora', NOW + 60_000));
    expect(await reapExpiredSessions({ coordinator: c, providers: [agora.provider], now: NOW })).toEqual({
      stopped: [],
      failed: [],
    });
    expect(agora.stopped).toEqual([]);
  });

  it('refuses bad input with a ValidationError naming the field, before stopping anything', async () => {
    const c = createMemoryCoordinator();
    const agora = fakeProvider('agora');
    await c.sessions.add(session('past', 'agora', NOW - 1));
    const cases: Array<[unknown, string]> = [
      [{ coordinator: undefined, providers: [] }, 'coordinator'],
      [{ coordinator: c, providers: 'agora' }, 'providers'],
      [{ coordinator: c, providers: [agora.provider, fakeProvider('agora').provider] }, 'providers[1]'],
      [{ coordinator: c, providers: { zego: agora.provider } }, 'providers.zego'],
      [{ coordinator: c, providers: [{ vendor: 'agora' }] }, 'providers[0]'],
      [{ coordinator: c, providers: [], now: new Date(Number.NaN) }, 'now'],
    ];
    for (const [options, path] of cases) {
      const error = await reapExpiredSessions(options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
    expect(agora.stopped).toEqual([]);
  });
});

describe('dedupeEvent', () => {
  const event = (vendor: Vendor, eventId?: string): RecordingEvent => {
    const e: RecordingEvent = { vendor, type: 'recording.stopped', occurredAt: new Date(), raw: {} };
    if (eventId !== undefined) e.eventId = eventId;
    return e;
  };

  it('is true the first time an event id is seen, false for redeliveries, per vendor', async () => {
    const c = createMemoryCoordinator();
    expect(await dedupeEvent(c, event('agora', 'n-1'))).toBe(true);
    expect(await dedupeEvent(c, event('agora', 'n-1'))).toBe(false);
    expect(await dedupeEvent(c, event('zego', 'n-1'))).toBe(true);
    expect(await dedupeEvent(c, event('agora', 'n-2'))).toBe(true);
    const long = 'x'.repeat(5_000);
    expect(await dedupeEvent(c, event('agora', long))).toBe(true);
    expect(await dedupeEvent(c, event('agora', long))).toBe(false);
    expect(await dedupeEvent(c, event('agora', `${long}y`))).toBe(true);
  });

  it('is always true for an event without an id (nothing identifies a redelivery)', async () => {
    const c = createMemoryCoordinator();
    expect(await dedupeEvent(c, event('jocloud'))).toBe(true);
    expect(await dedupeEvent(c, event('jocloud'))).toBe(true);
  });

  it('forgets an id after ttlMs', async () => {
    let now = 0;
    const c = createMemoryCoordinator({ now: () => now });
    expect(await dedupeEvent(c, event('agora', 'n'), 1_000)).toBe(true);
    now = 999;
    expect(await dedupeEvent(c, event('agora', 'n'), 1_000)).toBe(false);
    now = 2_000;
    expect(await dedupeEvent(c, event('agora', 'n'), 1_000)).toBe(true);
  });

  it('refuses a bad event or ttl with a ValidationError', async () => {
    const c = createMemoryCoordinator();
    for (const [args, path] of [
      [[c, { ...event('agora', 'x'), vendor: 'acme' }], 'event.vendor'],
      [[c, event('agora', 'x'), 0], 'ttlMs'],
      [[c, { ...event('agora'), eventId: 42 }], 'event.eventId'],
    ] as Array<[unknown[], string]>) {
      const error = await (dedupeEvent as (...a: unknown[]) => Promise<boolean>)(...args).catch(
        (e: unknown) => e,
      );
      expect(isErrorKind(error, 'validation')).toBe(true);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
  });
});
