import { ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from './helpers.js';
import type { SuiteContext } from './types.js';

/** Re-encodes a handle's JSON after `edit` (what an attacker with database access can do). */
function editHandle(handle: string, edit: (json: Record<string, any>) => void): string {
  const [version, vendor, data] = handle.split('.');
  const json = JSON.parse(Buffer.from(data!, 'base64url').toString('utf8')) as Record<string, any>;
  edit(json);
  return `${version}.${vendor}.${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
}

export function describeHandles(ctx: SuiteContext): void {
  const { options } = ctx;
  describe('handles', () => {
    it('a handle works in a fresh provider instance (stored in a database, used by another process)', async () => {
      const session = await ctx.provider().start(options.compositeRequest());
      const stored = JSON.parse(JSON.stringify({ handle: session.handle })) as { handle: string };
      expect(['starting', 'recording']).toContain((await ctx.provider().query(stored.handle)).state);
      expect((await ctx.provider().stop(stored.handle)).alreadyStopped).toBe(false);
    });

    it('rejects a corrupt handle, a handle of another vendor and a non-handle before any request', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      const other = ctx.vendor === 'agora' ? 'zego' : 'agora';
      const foreign = session.handle.replace(`.${ctx.vendor}.`, `.${other}.`);
      const before = ctx.backend().requests().length;
      for (const bad of [
        foreign,
        `${session.handle.slice(0, -6)}!!`,
        'garbage',
        '',
        session.handle.slice(0, 12),
        'ur2.x'.repeat(5000),
        42,
        null,
      ]) {
        const error = await rejectionOf(p.query(bad as never));
        expect(error, `handle '${String(bad).slice(0, 20)}'`).toBeInstanceOf(ValidationError);
      }
      expect(await rejectionOf(p.stop({ ...session, handle: foreign }))).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(p.updateLayout(foreign, { preset: 'grid' }))).toBeInstanceOf(ValidationError);
      expect(ctx.backend().requests().length).toBe(before);
    });

    it('validates an edited handle as strictly as a start request: garbage never reaches the vendor', async () => {
      const p = ctx.provider();
      const session = await p.start(options.compositeRequest());
      const before = ctx.backend().requests().length;
      const edits: Array<[string, (json: Record<string, any>) => void]> = [
        ['a 10 KB room', (j) => (j.r = 'r'.repeat(10_000))],
        ['a control character in the room', (j) => (j.r = 'room\n1')],
        ['an unknown mode', (j) => (j.m = 'mixed')],
        ['a 100 KB session id', (j) => (j.s = 's'.repeat(100_000))],
        ['a session id with spaces', (j) => (j.s = 'a b')],
        ['an unknown vendor field', (j) => (j.d.extra = 1)],
      ];
      for (const key of Object.keys(
        JSON.parse(Buffer.from(session.handle.split('.')[2]!, 'base64url').toString()).d,
      )) {
        edits.push([`d.${key} as a 100 KB string`, (j) => (j.d[key] = 'x'.repeat(100_000))]);
        edits.push([`d.${key} as an object`, (j) => (j.d[key] = { nested: true })]);
        edits.push([`d.${key} as a huge number`, (j) => (j.d[key] = 4294967296)]);
      }
      for (const [name, edit] of edits) {
        const edited = editHandle(session.handle, edit);
        for (const call of [
          () => p.query(edited),
          () => p.stop(edited),
          () => p.updateLayout(edited, { preset: 'grid' }),
        ]) {
          expect(await rejectionOf(call()), name).toBeInstanceOf(ValidationError);
        }
      }
      expect(ctx.backend().requests().length).toBe(before);
    });
  });
}
