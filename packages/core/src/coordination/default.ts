import { createMemoryCoordinator } from './memory-coordinator.js';
import type { Coordinator } from './types.js';

const KEY = Symbol.for('unirec.defaultCoordinator');

/**
 * The coordinator of every provider created without one: one per process (kept on globalThis, so
 * two copies of @unirec/core share it), so two providers of the same account share its budget.
 */
export function defaultCoordinator(): Coordinator {
  const holder = globalThis as unknown as Record<symbol, Coordinator | undefined>;
  holder[KEY] ??= createMemoryCoordinator();
  return holder[KEY];
}
