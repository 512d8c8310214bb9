import fc from 'fast-check';
import { describeValue } from './fuzz-env.js';
import { Hostile, hostileLeaf, hostileValue } from './hostile-values.js';
import {
  type Mutation,
  applyMutation,
  mutationArb,
  nodePaths,
  pathText,
  setPath,
  valueAt,
} from './mutations.js';

/**
 * Handles for the property tests, generated as recipes applied at run time to the handles of real
 * sessions (`ur2.<vendor>.<base64url JSON {r, m, s, d}>`): random strings, truncations, base64 of
 * random JSON, JSON edits of a real handle (any field replaced with a hostile value, deleted, or an
 * extra key added, `__proto__` included), small tweaks that keep a field's type, re-encodings, and
 * values that are not strings at all. A few recipes are the real handle unchanged.
 */

export type Operation = 'query' | 'stop' | 'updateLayout';

export type HandleRecipe =
  | { kind: 'unmodified'; base: number; asSession: boolean }
  | { kind: 'random-string'; text: Hostile }
  | { kind: 'truncated'; base: number; cut: number; keepEnd: boolean }
  | { kind: 'random-json'; tag: string; version: string; json: Hostile }
  | { kind: 'json-edit'; base: number; mutations: Mutation[] }
  | {
      kind: 'tweak';
      base: number;
      at: number;
      how: 'append' | 'drop-last' | 'alnum' | 'plus-one' | 'minus-one' | 'zero' | 'as-string' | 'as-number';
    }
  | {
      kind: 'reencoded';
      base: number;
      how: 'base64' | 'padded' | 'upper' | 'spaces' | 'other-vendor' | 'version' | 'doubled';
    }
  | { kind: 'not-a-string'; value: Hostile; inSession: boolean };

export interface HandleCase {
  recipe: HandleRecipe;
  operation: Operation;
  /** the layout given to updateLayout: undefined is the session's own valid one */
  layout: Hostile | undefined;
}

const wrap = (value: unknown) => new Hostile(describeValue(value), () => value);

export function handleCaseArb(
  vendors: readonly string[],
  layouts: fc.Arbitrary<unknown>,
): fc.Arbitrary<HandleCase> {
  const base = fc.nat();
  const recipe: fc.Arbitrary<HandleRecipe> = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('unmodified' as const), base, asSession: fc.boolean() }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('random-string' as const),
        text: fc.oneof(
          fc.string({ unit: 'binary', maxLength: 64 }).map(wrap),
          fc.stringMatching(/^ur\d\.[a-z]{1,8}\.[A-Za-z0-9_-]{0,120}$/).map(wrap),
          fc
            .constantFrom(
              '',
              'ur2',
              'ur2.',
              'ur2..',
              `ur2.${vendors[0]}.`,
              `ur2.${vendors[0]}.e30`,
              'x'.repeat(9000),
            )
            .map(wrap),
          hostileLeaf.filter((h) => typeof h.value() === 'string'),
        ),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('truncated' as const),
        base,
        cut: fc.nat(),
        keepEnd: fc.boolean(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('random-json' as const),
        tag: fc.constantFrom(...vendors, 'agora', 'zego', 'jocloud', 'twilio'),
        version: fc.constantFrom('ur2', 'ur1', 'ur3', 'ur02'),
        json: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map(wrap),
          fc
            .record(
              {
                r: fc.jsonValue(),
                m: fc.constantFrom('composite', 'individual', 'web', 'x'),
                s: fc.jsonValue(),
                d: fc.object({ maxDepth: 2 }),
              },
              { requiredKeys: [] },
            )
            .map(wrap),
        ),
      }),
    },
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('json-edit' as const),
        base,
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('tweak' as const),
        base,
        at: fc.nat(),
        how: fc.constantFrom(
          'append',
          'drop-last',
          'alnum',
          'plus-one',
          'minus-one',
          'zero',
          'as-string',
          'as-number',
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('reencoded' as const),
        base,
        how: fc.constantFrom('base64', 'padded', 'upper', 'spaces', 'other-vendor', 'version', 'doubled'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('not-a-string' as const),
        value: hostileValue,
        inSession: fc.boolean(),
      }),
    },
  );
  const layout = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: layouts.map(wrap) },
    { weight: 1, arbitrary: hostileValue },
  );
  return fc.record({
    recipe,
    operation: fc.constantFrom<Operation>('query', 'stop', 'updateLayout'),
    layout,
  });
}

export interface LiveSession {
  vendor: string;
  handle: string;
  session: object;
}

function decodeJson(handle: string): Record<string, unknown> {
  const data = handle.split('.')[2]!;
  return JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function encodeJson(prefix: string, json: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(json);
  } catch {
    text = undefined;
  }
  return `${prefix}.${Buffer.from(text ?? 'not json', 'utf8').toString('base64url')}`;
}

/** Steps the last character of a string: digits and letters stay digits and letters. */
function stepLast(text: string, by: 1 | -1): string {
  if (text === '') return by === 1 ? '1' : '';
  const last = text.at(-1)!;
  const ring = /[0-9]/.test(last)
    ? '0123456789'
    : /[a-z]/.test(last)
      ? 'abcdefghijklmnopqrstuvwxyz'
      : /[A-Z]/.test(last)
        ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        : undefined;
  if (!ring) return `${text}1`;
  const next = ring[(ring.indexOf(last) + by + ring.length) % ring.length]!;
  return `${text.slice(0, -1)}${next}`;
}

/** A small change of one field that always changes it (a string stays a string unless the tweak says). */
function tweak(value: unknown, how: Extract<HandleRecipe, { kind: 'tweak' }>['how']): unknown {
  if (typeof value === 'number') {
    const byHow = {
      append: value * 10,
      'drop-last': Math.trunc(value / 10),
      alnum: value + 0.5,
      'plus-one': value + 1,
      'minus-one': value - 1,
      zero: value === 0 ? 1 : 0,
      'as-string': String(value),
      'as-number': -value,
    };
    return byHow[how];
  }
  const text = String(value);
  const byHow = {
    append: `${text}x`,
    'drop-last': text.slice(0, -1),
    alnum: text.replace(/[A-Za-z0-9]/g, (c) => (c === 'a' ? 'b' : 'a')),
    'plus-one': stepLast(text, 1),
    'minus-one': stepLast(text, -1),
    zero: text === '0' ? '1' : '0',
    'as-string': `${text} `,
    'as-number': Number(text),
  };
  return byHow[how];
}

export interface BuiltHandle {
  ref: unknown;
  /** the real handle (or session) of live[base], unchanged or edited back to itself: the call must work */
  unmodified: boolean;
  /** index into `live` of the session the recipe started from */
  base: number;
  /** the recipe in words, for failure messages */
  text: string;
}

/** Applies a recipe to the handles of the live sessions. */
export function buildHandle(recipe: HandleRecipe, live: readonly LiveSession[]): BuiltHandle {
  const base = 'base' in recipe ? recipe.base % live.length : 0;
  const built = build(recipe, live);
  const real = live[base]!;
  const unmodified = built.ref === real.handle || built.ref === real.session;
  return {
    ref: built.ref,
    unmodified,
    base,
    text: unmodified && recipe.kind !== 'unmodified' ? `${built.text} (= the real handle)` : built.text,
  };
}

function build(recipe: HandleRecipe, live: readonly LiveSession[]): { ref: unknown; text: string } {
  const pick = (i: number) => live[i % live.length]!;
  switch (recipe.kind) {
    case 'unmodified': {
      const s = pick(recipe.base);
      return {
        ref: recipe.asSession ? s.session : s.handle,
        text: `the real handle${recipe.asSession ? ' (as the session object)' : ''}`,
      };
    }
    case 'random-string':
      return { ref: recipe.text.value(), text: `the string ${recipe.text.label}` };
    case 'truncated': {
      const h = pick(recipe.base).handle;
      const cut = recipe.cut % h.length;
      return {
        ref: recipe.keepEnd ? h.slice(cut) : h.slice(0, cut),
        text: `the real handle cut at ${cut}${recipe.keepEnd ? ' (end kept)' : ''}`,
      };
    }
    case 'random-json':
      return {
        ref: encodeJson(`${recipe.version}.${recipe.tag}`, recipe.json.value()),
        text: `${recipe.version}.${recipe.tag}.<${recipe.json.label}>`,
      };
    case 'json-edit': {
      const h = pick(recipe.base).handle;
      let json: unknown = decodeJson(h);
      const texts: string[] = [];
      for (const m of recipe.mutations) {
        const r = applyMutation(json, m);
        json = r.root;
        texts.push(r.text);
      }
      return {
        ref: encodeJson(h.split('.').slice(0, 2).join('.'), json),
        text: `JSON edit: ${texts.join('; ')}`,
      };
    }
    case 'tweak': {
      const h = pick(recipe.base).handle;
      const json = decodeJson(h);
      const leaves = nodePaths(json).filter((p) => {
        const v = valueAt(json, p);
        return typeof v === 'string' || typeof v === 'number';
      });
      const path = leaves[recipe.at % leaves.length]!;
      const before = valueAt(json, path);
      const after = tweak(before, recipe.how);
      setPath(json, path, after);
      return {
        ref: encodeJson(h.split('.').slice(0, 2).join('.'), json),
        text: `tweak ${pathText(path)} ${describeValue(before, 40)} → ${describeValue(after, 40)} (${recipe.how})`,
      };
    }
    case 'reencoded': {
      const h = pick(recipe.base).handle;
      const [version, tag, data] = h.split('.') as [string, string, string];
      const other = tag === 'agora' ? 'zego' : 'agora';
      const forms: Record<typeof recipe.how, string> = {
        base64: `${version}.${tag}.${Buffer.from(data, 'base64url').toString('base64')}`,
        padded: `${h}==`,
        upper: h.toUpperCase(),
        spaces: ` ${h} `,
        'other-vendor': `${version}.${other}.${data}`,
        version: `ur1.${tag}.${data}`,
        doubled: `${h}${data}`,
      };
      return { ref: forms[recipe.how], text: `the real handle re-encoded (${recipe.how})` };
    }
    case 'not-a-string': {
      const value = recipe.value.value();
      return recipe.inSession
        ? {
            ref: { ...pick(0).session, handle: value },
            text: `a session whose handle is ${recipe.value.label}`,
          }
        : { ref: value, text: `the value ${recipe.value.label}` };
    }
  }
}
