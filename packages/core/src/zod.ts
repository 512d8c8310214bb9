/**
 * The zod/mini functions the adapters build their schemas from, re-exported (as `z` from
 * '@unirec/core/adapter') so that one tree-shaken copy of zod serves core and every adapter: less
 * code to load and ship, and the vendor's schemas run the same (already warm) code as core's.
 */
export {
  array,
  boolean,
  catch,
  custom,
  date,
  enum,
  int,
  literal,
  looseObject,
  lt,
  maxLength,
  maximum,
  minLength,
  minimum,
  nullish,
  number,
  object,
  optional,
  pipe,
  positive,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  transform,
  union,
  unknown,
} from 'zod/mini';
import type * as zod from 'zod/mini';

/** The output type of a schema (zod's `z.infer`). */
type Infer<T extends zod.ZodMiniType> = zod.infer<T>;
export type { Infer as infer };
export type ZodMiniType<Output = unknown, Input = unknown> = zod.ZodMiniType<Output, Input>;
