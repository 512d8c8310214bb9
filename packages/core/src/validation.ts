import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.js';
import type { Vendor } from './types.js';

/** Formats a zod path as the user wrote it: `layout.regions[3].x`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  let out = prefix ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/**
 * Parses `value` with `schema`; on failure throws one ValidationError whose message lists every
 * issue as "<path>: <rule>". Messages never echo input values, so secrets cannot leak through them.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: { what: string; vendor?: Vendor | undefined; operation?: string; pathPrefix?: string },
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path, context.pathPrefix),
    message: issue.message,
  }));
  throw validationError(context.what, issues, context);
}

export function validationError(
  what: string,
  issues: ValidationIssue[],
  context: { vendor?: Vendor | undefined; operation?: string } = {},
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
    if (value !== undefined && (value < min || value > max)) {
      this.add(path, `${what} must be in [${min}, ${max}], i.e. between ${min} and ${max}, got ${value}`);
    }
  }
  throwIfAny(what: string, context: { vendor?: Vendor; operation?: string } = {}): void {
    if (this.issues.length > 0) throw validationError(what, this.issues, context);
  }
}
