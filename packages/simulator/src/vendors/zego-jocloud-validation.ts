/**
 * zod helpers shared by the ZEGO and JOCloud emulators: field types whose messages read "<path> must be
 * …" / "<path> is required", and a parse that names every violated field. Vendor-neutral; it carries the
 * "zego-jocloud" prefix only because those two emulators own it.
 */
import { z } from 'zod';

/** 'reject': a field the documents do not name is an error (catches misspelt keys); 'ignore': dropped. */
export type UnknownFields = 'reject' | 'ignore';

export const need = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is required' : `must be ${what}`;
export const int = () => z.number({ error: need('an integer') }).int({ error: 'must be an integer' });
export const range = ([min, max]: readonly [number, number]) =>
  int()
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
export const positive = () => int().min(1, { error: 'must be greater than 0' });
export const oneOf = <T extends number>(values: [T, ...T[]]) =>
  z.literal(values, { error: need(`one of ${values.join(', ')}`) });
export const str = () => z.string({ error: need('a string') });
export const nonEmpty = () => str().min(1, { error: 'must not be empty' });
export const bool = () => z.boolean({ error: need('a boolean') });
/** "URL supports HTTP and HTTPS protocols"; an empty string means "not set". */
export const url = () =>
  str().refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v), { error: 'must be an http(s) URL' });

const pathOf = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );

function describe(issue: z.core.$ZodIssue): string {
  const at = pathOf(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `${at ? `${at}.` : ''}${k} is not a documented field`).join('; ');
  }
  if (!at) return issue.code === 'invalid_type' ? 'request body must be a JSON object' : issue.message;
  // zod's own wording (objects, arrays without a custom error) → the same phrasing as the helpers
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `${at} ${/received undefined$/.test(issue.message) ? 'is required' : `must be an ${issue.expected}`}`;
  }
  return `${at} ${issue.message}`;
}

function dropKeys(value: unknown, issues: z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(value);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let node: any = copy;
    for (const k of issue.path) node = node?.[k as any];
    if (node && typeof node === 'object') for (const k of issue.keys) delete node[k];
  }
  return copy;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; message: string };

/** safeParse that drops undocumented keys first when unknownFields is 'ignore'. */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown, unknownFields: UnknownFields): Parsed<T> {
  let value = input;
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = schema.safeParse(value);
    if (r.success) return { ok: true, data: r.data };
    const unknown = r.error.issues.filter((i) => i.code === 'unrecognized_keys');
    if (unknownFields === 'ignore' && unknown.length > 0) {
      value = dropKeys(value, unknown);
      continue;
    }
    return { ok: false, message: r.error.issues.slice(0, 5).map(describe).join('; ') };
  }
  return { ok: false, message: 'request body could not be validated' };
}
