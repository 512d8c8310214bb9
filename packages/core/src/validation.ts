import { ValidationError, type ValidationIssue } from './errors.js';
import type { Vendor } from './types.js';

/** Anything with zod's safeParse (zod/mini and classic schemas alike). */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } };
}

/** The fields of a zod issue this module reads. */
export interface ZodIssueLike {
  code?: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: unknown;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  keys?: string[];
  values?: unknown[];
  format?: string;
}

/** Formats a path the way the user wrote it: `layout.regions[3].x`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  let out = prefix ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export interface ParseContext {
  what: string;
  vendor?: Vendor | undefined;
  operation?: string | undefined;
  pathPrefix?: string | undefined;
}

/**
 * Parses `value` with `schema`; on failure throws one ValidationError whose message lists every
 * issue as "<path>: <rule>". Messages name rules and limits, never the input value (a secret could
 * be one), except where a check says what it got for a number.
 */
export function parseOrThrow<T>(schema: Schema<T>, value: unknown, context: ParseContext): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = [];
  for (const issue of result.error.issues) issues.push(...describeIssue(issue, value, context.pathPrefix));
  throw validationError(context.what, issues, context);
}

/** zod issue → neutral issues with a message that says the rule (zod/mini has no default texts). */
export function describeIssue(issue: ZodIssueLike, input: unknown, prefix?: string): ValidationIssue[] {
  const path = formatPath(issue.path, prefix);
  if (issue.code === 'unrecognized_keys') {
    return (issue.keys ?? []).map((key) => ({
      path: formatPath([...issue.path, key], prefix),
      message: 'is not a known field (misspelt, or not part of this object)',
    }));
  }
  // A message given by the schema ("bucket must be …") wins over the generic ones below.
  if (issue.message && issue.message !== 'Invalid input') return [{ path, message: issue.message }];
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          path,
          message:
            valueAt(input, issue.path) === undefined
              ? 'is required'
              : `must be ${article(String(issue.expected))}`,
        },
      ];
    case 'too_small':
      return [{ path, message: bound('at least', issue.origin, issue.minimum, issue.inclusive, '>') }];
    case 'too_big':
      return [{ path, message: bound('at most', issue.origin, issue.maximum, issue.inclusive, '<') }];
    case 'invalid_value':
      return [
        { path, message: `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}` },
      ];
    case 'invalid_format':
      return [{ path, message: `must be a valid ${issue.format ?? 'value'}` }];
    default:
      return [{ path, message: 'is not valid' }];
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function bound(
  words: string,
  origin: string | undefined,
  limit: unknown,
  inclusive: boolean | undefined,
  op: string,
) {
  if (origin === 'string') return `must be ${words} ${String(limit)} characters`;
  if (origin === 'array' || origin === 'set')
    return `must have ${words} ${String(limit)} item${limit === 1 ? '' : 's'}`;
  return `must be ${inclusive === false ? op : `${op}=`.replace('>=', '≥').replace('<=', '≤')} ${String(limit)}`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Every string of a request or config, keys included, must be well-formed Unicode: a lone surrogate
 * breaks UTF-8 encoding (signatures, hashes, JSON bodies) further down. Walks plain data only,
 * depth-limited and cycle-safe.
 */
export function findMalformedString(value: unknown, prefix?: string): ValidationIssue | undefined {
  const seen = new Set<object>();
  const walk = (v: unknown, path: PropertyKey[], depth: number): ValidationIssue | undefined => {
    if (typeof v === 'string') {
      return (v as unknown as { isWellFormed(): boolean }).isWellFormed()
        ? undefined
        : { path: formatPath(path, prefix), message: 'must be well-formed Unicode (no lone surrogate)' };
    }
    if (v === null || typeof v !== 'object' || depth > 32 || seen.has(v)) return undefined;
    if (
      !Array.isArray(v) &&
      Object.getPrototypeOf(v) !== Object.prototype &&
      Object.getPrototypeOf(v) !== null
    )
      return undefined;
    seen.add(v);
    for (const [key, item] of Object.entries(v)) {
      const index = Array.isArray(v) ? Number(key) : key;
      if (!(key as unknown as { isWellFormed(): boolean }).isWellFormed()) {
        return {
          path: formatPath(path, prefix),
          message: 'field names must be well-formed Unicode (no lone surrogate)',
        };
      }
      const found = walk(item, [...path, index], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, [], 0);
}

/**
 * Raw values that go into a JSON body as given (vendorOptions) must be JSON: no bigint, function,
 * symbol, non-finite number or cycle, nothing deeper than 32 levels, plain objects and arrays only,
 * and every string and key well-formed Unicode (typed fields are checked by their schemas).
 */
export function findNonJsonValue(value: unknown, prefix: string): ValidationIssue | undefined {
  const found = nonJsonValueAt(value);
  return found && { path: formatPath(found.path, prefix), message: found.message };
}

/** {@link findNonJsonValue} with the path as keys (for a schema's issue). */
export function nonJsonValueAt(value: unknown): { path: PropertyKey[]; message: string } | undefined {
  const stack = new Set<object>();
  const walk = (
    v: unknown,
    path: PropertyKey[],
    depth: number,
  ): { path: PropertyKey[]; message: string } | undefined => {
    if (typeof v === 'string') {
      return (v as unknown as { isWellFormed(): boolean }).isWellFormed()
        ? undefined
        : { path, message: 'must be well-formed Unicode (no lone surrogate)' };
    }
    if (v === null || v === undefined || typeof v === 'boolean') return undefined;
    if (typeof v === 'number')
      return Number.isFinite(v) ? undefined : { path, message: 'must be a finite number' };
    if (typeof v !== 'object') return { path, message: `must be a JSON value, not a ${typeof v}` };
    if (depth > 32) return { path, message: 'nests deeper than 32 levels' };
    if (stack.has(v)) return { path, message: 'refers to itself (a cycle cannot be sent as JSON)' };
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      return { path, message: 'must be a plain JSON object or array' };
    }
    stack.add(v);
    for (const [key, item] of Object.entries(v)) {
      if (!(key as unknown as { isWellFormed(): boolean }).isWellFormed()) {
        return { path, message: 'field names must be well-formed Unicode (no lone surrogate)' };
      }
      const found = walk(item, [...path, Array.isArray(v) ? Number(key) : key], depth + 1);
      if (found) return found;
    }
    stack.delete(v);
    return undefined;
  };
  return walk(value, [], 0);
}

export function validationError(
  what: string,
  issues: ValidationIssue[],
  context: { vendor?: Vendor | undefined; operation?: string | undefined } = {},
): ValidationError {
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ValidationError(`Invalid ${what}: ${list}`, issues, {
    vendor: context.vendor,
    operation: context.operation,
  });
}

/** Collects vendor-limit issues in an adapter and throws them together. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  /** A vendor range, with the numbers in the message: `<what> must be in [min, max], … got <value>`. */
  checkRange(
    path: string,
    value: number | undefined,
    [min, max]: readonly [number, number],
    what: string,
  ): void {
    if (value !== undefined && !(value >= min && value <= max)) {
      this.add(path, `${what} must be in [${min}, ${max}], i.e. between ${min} and ${max}, got ${value}`);
    }
  }
  throwIfAny(
    what: string,
    context: { vendor?: Vendor | undefined; operation?: string | undefined } = {},
  ): void {
    if (this.issues.length > 0) throw validationError(what, this.issues, context);
  }
}
