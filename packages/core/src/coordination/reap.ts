import { sha256Hex } from '../crypto.js';
import { type RecordingError, ValidationError, VendorError, isRecordingError } from '../errors.js';
import {
  type RecordingEvent,
  type RecordingProvider,
  type RecordingResult,
  VENDORS,
  type Vendor,
} from '../types.js';
import { checkTtlMs, invalidArgument } from './coordinator-input.js';
import type { ActiveSession, Coordinator } from './types.js';

export interface ReapExpiredSessionsOptions {
  coordinator: Coordinator;
  /** one provider per vendor: an array, or a record by vendor (`{ agora: provider }`) */
  providers: readonly RecordingProvider[] | Partial<Record<Vendor, RecordingProvider>>;
  /** the moment to compare deadlines with (default: now) */
  now?: Date | number;
}

export interface ReapResult {
  /** sessions whose deadline had passed: stopped and removed from the registry */
  stopped: Array<{ session: ActiveSession; result: RecordingResult }>;
  /**
   * sessions past their deadline that could not be stopped or removed (no provider for their vendor,
   * stop failed, the registry refused the removal). They stay registered, so the next run tries again.
   */
  failed: Array<{ session: ActiveSession; error: RecordingError }>;
}

/** Sessions stopped at the same time: enough to finish a backlog, few enough to leave the rate budget to others. */
const STOP_CONCURRENCY = 4;

/**
 * Stops every registered session whose `deadline` is at or before `now`, removes it from the
 * registry and returns what it stopped and what failed. It never throws because one stop failed;
 * it throws only when its input is invalid or the registry cannot be listed.
 * Run it on a timer in one or in every app server: `stop` is idempotent, so two reapers that meet on
 * one session stop it once and the other sees `alreadyStopped`.
 */
export async function reapExpiredSessions(options: ReapExpiredSessionsOptions): Promise<ReapResult> {
  const operation = 'reapExpiredSessions';
  const { coordinator } = options ?? ({} as ReapExpiredSessionsOptions);
  if (!coordinator || typeof coordinator !== 'object' || !coordinator.sessions) {
    throw invalidArgument(operation, 'coordinator', 'must be a Coordinator');
  }
  const providers = providersByVendor(operation, options.providers);
  const now = nowOf(operation, options.now);

  const expired: ActiveSession[] = [];
  for await (const session of coordinator.sessions.list()) {
    if (session.deadline && session.deadline.getTime() <= now) expired.push(session);
  }

  const result: ReapResult = { stopped: [], failed: [] };
  const reapOne = async (session: ActiveSession): Promise<void> => {
    const provider = providers.get(session.vendor);
    if (!provider) {
      const error = new ValidationError(
        `${operation}: no provider for vendor '${session.vendor}' (session ${session.sessionId})`,
        [{ path: 'providers', message: `must hold a provider for vendor '${session.vendor}'` }],
        { operation, vendor: session.vendor },
      );
      result.failed.push({ session, error });
      return;
    }
    try {
      const stopped = await provider.stop(session.handle);
      await coordinator.sessions.remove(session.handle);
      result.stopped.push({ session, result: stopped });
    } catch (error) {
      result.failed.push({ session, error: asRecordingError(error, operation, session.vendor) });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < expired.length) await reapOne(expired[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(STOP_CONCURRENCY, expired.length) }, worker));
  return result;
}

/** Default time a webhook event id is remembered: vendors retry failed deliveries for hours, not days. */
const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
/** Ids longer than this are hashed, so the coordinator key stays short. */
const MAX_RAW_EVENT_ID = 200;

/**
 * True the first time an event's `eventId` is seen (per vendor) within `ttlMs`, false for every
 * redelivery: `if (await dedupeEvent(coordinator, event)) handle(event)`.
 * An event without `eventId` cannot be de-duplicated and always gives true: the vendor sent nothing
 * that identifies a redelivery, so handlers of such events must be idempotent themselves.
 */
export async function dedupeEvent(
  coordinator: Coordinator,
  event: RecordingEvent,
  ttlMs: number = DEFAULT_DEDUPE_TTL_MS,
): Promise<boolean> {
  const operation = 'dedupeEvent';
  if (!coordinator || typeof coordinator.claim !== 'function') {
    throw invalidArgument(operation, 'coordinator', 'must be a Coordinator');
  }
  if (!event || typeof event !== 'object' || !VENDORS.includes(event.vendor)) {
    throw invalidArgument(operation, 'event.vendor', `must be one of ${VENDORS.join(', ')}`);
  }
  const ttl = checkTtlMs(operation, ttlMs);
  const { eventId } = event;
  if (eventId === undefined || eventId === '') return true;
  if (typeof eventId !== 'string') throw invalidArgument(operation, 'event.eventId', 'must be a string');
  const id = eventId.length > MAX_RAW_EVENT_ID ? `sha256:${sha256Hex(eventId)}` : eventId;
  return coordinator.claim(`event:${event.vendor}:${id}`, ttl);
}

function providersByVendor(
  operation: string,
  providers: ReapExpiredSessionsOptions['providers'] | undefined,
): Map<Vendor, RecordingProvider> {
  const byVendor = new Map<Vendor, RecordingProvider>();
  if (!providers || typeof providers !== 'object') {
    throw invalidArgument(operation, 'providers', 'must be an array of providers or a record by vendor');
  }
  const entries: Array<[string, unknown]> = Array.isArray(providers)
    ? providers.map((p, i) => [`providers[${i}]`, p])
    : Object.entries(providers)
        .filter(([, p]) => p !== undefined)
        .map(([vendor, p]) => [`providers.${vendor}`, p]);
  for (const [path, candidate] of entries) {
    const provider = candidate as RecordingProvider | undefined;
    if (!provider || typeof provider.stop !== 'function' || !VENDORS.includes(provider.vendor)) {
      throw invalidArgument(operation, path, 'must be a RecordingProvider');
    }
    if (!Array.isArray(providers) && path !== `providers.${provider.vendor}`) {
      throw invalidArgument(operation, path, `is a provider of '${provider.vendor}'`);
    }
    // A session does not say which account it belongs to, so two providers of one vendor are ambiguous.
    if (byVendor.has(provider.vendor)) {
      throw invalidArgument(operation, path, `is a second provider of '${provider.vendor}' (one per vendor)`);
    }
    byVendor.set(provider.vendor, provider);
  }
  return byVendor;
}

function nowOf(operation: string, now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    throw invalidArgument(operation, 'now', 'must be a valid Date or epoch ms');
  return ms;
}

function asRecordingError(error: unknown, operation: string, vendor: Vendor): RecordingError {
  if (isRecordingError(error)) return error;
  return new VendorError(
    `${operation}: stop failed (${error instanceof Error ? error.name : typeof error})`,
    {
      operation,
      vendor,
      cause: error,
    },
  );
}
