import { randomUUID } from 'node:crypto';
import { type ActiveSession, ConflictError, ValidationError, isErrorKind } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import type { CoordinatorTestContext } from './coordinator-suite.js';

/** once, claim and the session registry: the shared state part of the Coordinator contract. */
export function describeCoordinatorState(context: CoordinatorTestContext): void {
  describeOnce(context);
  describeClaim(context);
  describeSessions(context);
}

function describeOnce(context: CoordinatorTestContext): void {
  describe('once', () => {
    it('runs the task once for concurrent callers, who all get its result', async () => {
      const c = context.coordinator();
      const key = context.key('once-shared');
      let runs = 0;
      const task = async () => {
        runs++;
        await sleep(60);
        return { sid: `sid-${runs}` };
      };
      const results = await Promise.all(Array.from({ length: 5 }, () => c.once(key, 5_000, task)));
      expect(runs).toBe(1);
      for (const result of results) expect(result).toEqual({ sid: 'sid-1' });
    });

    it('gives later callers the stored result while it is fresh, and runs again once it expired', async () => {
      const c = context.coordinator();
      const key = context.key('once-ttl');
      let runs = 0;
      const task = async () => ++runs;
      expect(await c.once(key, 300, task)).toBe(1);
      expect(await c.once(key, 300, task)).toBe(1);
      expect(runs).toBe(1);
      await sleep(450);
      expect(await c.once(key, 300, task)).toBe(2);
      expect(runs).toBe(2);
    });

    it('keeps keys apart', async () => {
      const c = context.coordinator();
      const [a, b] = [context.key('once-a'), context.key('once-b')];
      expect(await c.once(a, 5_000, async () => 'a')).toBe('a');
      expect(await c.once(b, 5_000, async () => 'b')).toBe('b');
    });

    it('forgets a failure: every waiter of the failed run gets it, the next caller runs the task again', async () => {
      const c = context.coordinator();
      const key = context.key('once-fail');
      const message = `already started ${randomUUID()}`;
      let runs = 0;
      const failing = async (): Promise<string> => {
        runs++;
        await sleep(50);
        throw new ConflictError(message, { vendor: 'agora', operation: 'start' });
      };
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, () =>
          c.once(key, 5_000, failing).then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      expect(runs).toBe(1);
      for (const error of outcomes) {
        expect(isErrorKind(error, 'conflict')).toBe(true);
        expect((error as Error).message).toBe(message);
      }
      expect(await c.once(key, 5_000, async () => 'second try')).toBe('second try');
      expect(runs).toBe(1);
    });

    it('hands out JSON copies: a Date comes back as its ISO string, undefined members are dropped', async () => {
      const c = context.coordinator();
      const key = context.key('once-json');
      const value = {
        at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
        n: 1.5,
        gone: undefined,
        list: [1, 'x', null],
      };
      const expected = { at: '2026-01-02T03:04:05.000Z', n: 1.5, list: [1, 'x', null] };
      const first = await c.once(key, 5_000, async () => value);
      expect(first).toEqual(expected);
      expect(Object.keys(first)).not.toContain('gone');
      // Each caller gets its own copy: changing one changes nothing for the next caller.
      (first as unknown as { n: number }).n = 99;
      expect(await c.once(key, 5_000, async () => value)).toEqual(expected);
      expect(await c.once(context.key('once-undefined'), 5_000, async () => undefined)).toBeUndefined();
    });

    it('refuses a result JSON cannot hold with a ValidationError, and stores nothing', async () => {
      const c = context.coordinator();
      const key = context.key('once-bigint');
      const error = await c.once(key, 5_000, async () => 10n).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('result');
      expect(await c.once(key, 5_000, async () => 'ok')).toBe('ok');
    });

    it('refuses a bad ttl, key or task with a ValidationError naming the field', async () => {
      const c = context.coordinator();
      const cases: Array<[() => Promise<unknown>, string]> = [
        [() => c.once(context.key('bad'), 0, async () => 1), 'ttlMs'],
        [() => c.once(context.key('bad'), Number.NaN, async () => 1), 'ttlMs'],
        [() => c.once('', 1_000, async () => 1), 'key'],
        [() => c.once(context.key('bad'), 1_000, 'run' as unknown as () => Promise<number>), 'task'],
      ];
      for (const [call, path] of cases) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]?.path).toBe(path);
      }
    });
  });
}

function describeClaim(context: CoordinatorTestContext): void {
  describe('claim', () => {
    it('is true for the first claim of a key only', async () => {
      const c = context.coordinator();
      const key = context.key('claim');
      expect(await c.claim(key, 5_000)).toBe(true);
      expect(await c.claim(key, 5_000)).toBe(false);
      expect(await c.claim(key, 5_000)).toBe(false);
      expect(await c.claim(context.key('claim-other'), 5_000)).toBe(true);
    });

    it('gives exactly one true among concurrent claims', async () => {
      const c = context.coordinator();
      const key = context.key('claim-race');
      const results = await Promise.all(Array.from({ length: 10 }, () => c.claim(key, 5_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('can be claimed again once the ttl has passed', async () => {
      const c = context.coordinator();
      const key = context.key('claim-ttl');
      expect(await c.claim(key, 150)).toBe(true);
      expect(await c.claim(key, 150)).toBe(false);
      await sleep(250);
      expect(await c.claim(key, 150)).toBe(true);
    });

    it('refuses a bad ttl with a ValidationError', async () => {
      const error = await context
        .coordinator()
        .claim(context.key('bad'), -5)
        .catch((e: unknown) => e);
      expect((error as ValidationError).issues[0]?.path).toBe('ttlMs');
    });
  });
}

function describeSessions(context: CoordinatorTestContext): void {
  const listed = async (handles: string[]): Promise<ActiveSession[]> => {
    const found: ActiveSession[] = [];
    for await (const entry of context.coordinator().sessions.list()) {
      if (handles.includes(entry.handle)) found.push(entry);
    }
    return found.sort((a, b) => a.handle.localeCompare(b.handle));
  };

  describe('sessions', () => {
    it('round-trips add → list → remove, Dates included', async () => {
      const c = context.coordinator();
      const id = randomUUID();
      const a: ActiveSession = {
        handle: `ur1.agora.a-${id}`,
        vendor: 'agora',
        room: 'room-a',
        sessionId: 'sid-a',
        startedAt: new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 123)),
        deadline: new Date(Date.UTC(2026, 5, 1, 14, 0, 0, 456)),
      };
      const b: ActiveSession = {
        handle: `ur1.zego.b-${id}`,
        vendor: 'zego',
        room: 'room-b',
        sessionId: 'task-b',
        startedAt: new Date(Date.UTC(2026, 5, 1, 13, 0, 0)),
      };
      await c.sessions.add(a);
      await c.sessions.add(b);
      const both = await listed([a.handle, b.handle]);
      expect(both).toEqual([a, b]);
      expect(both[0]!.startedAt).toBeInstanceOf(Date);
      expect(both[0]!.deadline).toBeInstanceOf(Date);
      expect(both[0]!.deadline!.getTime()).toBe(a.deadline!.getTime());
      expect('deadline' in both[1]!).toBe(false);

      await c.sessions.remove(a.handle);
      expect(await listed([a.handle, b.handle])).toEqual([b]);
      // Removing an unknown handle is not an error: stop paths call it without knowing.
      await expect(c.sessions.remove(`ur1.agora.unknown-${id}`)).resolves.toBeUndefined();
      await c.sessions.remove(b.handle);
      expect(await listed([a.handle, b.handle])).toEqual([]);
    });

    it('keeps one entry per handle: adding again replaces it', async () => {
      const c = context.coordinator();
      const handle = `ur1.agora.same-${randomUUID()}`;
      const entry: ActiveSession = {
        handle,
        vendor: 'agora',
        room: 'r',
        sessionId: 's1',
        startedAt: new Date(),
      };
      await c.sessions.add(entry);
      await c.sessions.add({ ...entry, sessionId: 's2' });
      const found = await listed([handle]);
      expect(found).toHaveLength(1);
      expect(found[0]!.sessionId).toBe('s2');
      await c.sessions.remove(handle);
    });

    it('takes handles as long as real ones (Agora handles carry a ~200-character resourceId)', async () => {
      const c = context.coordinator();
      const handle = `ur1.agora.${'x'.repeat(1_500)}-${randomUUID()}`;
      await c.sessions.add({ handle, vendor: 'agora', room: 'r', sessionId: 's', startedAt: new Date() });
      expect(await listed([handle])).toHaveLength(1);
      await c.sessions.remove(handle);
      expect(await listed([handle])).toEqual([]);
      const tooLong = await c.sessions.remove('h'.repeat(5_000)).catch((e: unknown) => e);
      expect((tooLong as ValidationError).issues[0]?.path).toBe('handle');
    });

    it('stores a copy: changing the entry after add changes nothing', async () => {
      const c = context.coordinator();
      const handle = `ur1.agora.copy-${randomUUID()}`;
      const entry: ActiveSession = {
        handle,
        vendor: 'agora',
        room: 'r',
        sessionId: 's',
        startedAt: new Date(1_000),
      };
      await c.sessions.add(entry);
      entry.room = 'changed';
      entry.startedAt.setTime(2_000);
      const [found] = await listed([handle]);
      expect(found!.room).toBe('r');
      expect(found!.startedAt.getTime()).toBe(1_000);
      await c.sessions.remove(handle);
    });

    it('refuses an invalid entry with a ValidationError naming the field', async () => {
      const c = context.coordinator();
      const base = { handle: `ur1.agora.bad-${randomUUID()}`, vendor: 'agora', room: 'r', sessionId: 's' };
      const cases: Array<[unknown, string]> = [
        [{ ...base, startedAt: '2026-01-01' }, 'startedAt'],
        [{ ...base, startedAt: new Date(Number.NaN) }, 'startedAt'],
        [{ ...base, vendor: 'acme', startedAt: new Date() }, 'vendor'],
        [{ ...base, handle: '', startedAt: new Date() }, 'handle'],
        [{ ...base, startedAt: new Date(), deadline: 5 }, 'deadline'],
      ];
      for (const [entry, path] of cases) {
        const error = await c.sessions.add(entry as ActiveSession).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
      }
      expect(await listed([base.handle])).toEqual([]);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
