import fc from 'fast-check';
import { type Hostile, hostileKey, hostileValue, setOwn } from './hostile-values.js';

/**
 * The mutation engine of the property tests: a mutation picks a node of a JSON-like tree by index
 * (modulo the nodes the tree has when it applies, so one recipe works on any tree) and replaces it,
 * deletes it, or adds a key beside it. Start requests, handle JSON and webhook bodies share it.
 */

export type Key = string | number;

/** A change of any node, picked by index among the nodes of the request at the time it applies. */
export type Mutation =
  | { op: 'set'; at: number; value: Hostile }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: Hostile };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at: fc.nat(),
      key: hostileKey,
      value: hostileValue,
    }),
  },
);

const MAX_WALK_DEPTH = 8;
const MAX_WALK_CHILDREN = 40;

function isContainer(value: unknown): value is Record<Key, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Every node path of the request (bounded: deep or huge values are not walked). */
export function nodePaths(root: unknown): Key[][] {
  const out: Key[][] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: Key[]): void => {
    if (!isContainer(node) || seen.has(node) || path.length >= MAX_WALK_DEPTH) return;
    if (
      !Array.isArray(node) &&
      Object.getPrototypeOf(node) !== Object.prototype &&
      Object.getPrototypeOf(node) !== null
    )
      return;
    seen.add(node);
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys.slice(0, MAX_WALK_CHILDREN)) {
      out.push([...path, key]);
      walk((node as Record<Key, unknown>)[key], [...path, key]);
    }
  };
  walk(root, []);
  return out;
}

function containerPaths(root: unknown): Key[][] {
  return [[], ...nodePaths(root)].filter((path) => isPlainContainer(valueAt(root, path)));
}

export function isPlainContainer(value: unknown): value is Record<Key, unknown> {
  return isContainer(value) && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
}

export function valueAt(root: unknown, path: Key[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<Key, unknown>)[key];
  }
  return node;
}

export const pathText = (path: Key[]) =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .slice(1) || '(root)';

/** Applies one mutation to `root` (changed in place where it can be); returns the new root and what changed. */
export function applyMutation(root: unknown, m: Mutation): { root: unknown; text: string } {
  if (m.op === 'add') {
    const targets = containerPaths(root);
    if (targets.length === 0) return { root, text: 'add (no object left)' };
    const path = targets[m.at % targets.length]!;
    const node = valueAt(root, path) as Record<Key, unknown>;
    if (Array.isArray(node)) node.push(m.value.value());
    else setOwn(node as Record<string, unknown>, m.key, m.value.value());
    return {
      root,
      text: `add ${pathText([...path, Array.isArray(node) ? node.length - 1 : m.key])} = ${m.value.label}`,
    };
  }
  const paths = nodePaths(root);
  if (paths.length === 0) {
    return m.op === 'set'
      ? { root: m.value.value(), text: `set (root) = ${m.value.label}` }
      : { root, text: 'delete (nothing left)' };
  }
  const path = paths[m.at % paths.length]!;
  const parent = valueAt(root, path.slice(0, -1)) as Record<Key, unknown>;
  const key = path.at(-1)!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return { root, text: `delete ${pathText(path)}` };
  }
  if (Array.isArray(parent)) parent[key as number] = m.value.value();
  else setOwn(parent as Record<string, unknown>, String(key), m.value.value());
  return { root, text: `set ${pathText(path)} = ${m.value.label}` };
}

/** Sets `path` to `value`, creating (or replacing with) objects on the way. */
export function setPath(root: Record<Key, unknown>, path: Key[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isPlainContainer(node[key])) setOwn(node as Record<string, unknown>, String(key), {});
    node = node[key] as Record<Key, unknown>;
  }
  setOwn(node as Record<string, unknown>, String(path.at(-1)), value);
}
