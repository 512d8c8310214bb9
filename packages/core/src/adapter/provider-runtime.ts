import * as z from 'zod/mini';
import { raceAbort, throwIfAborted } from '../abort.js';
import { checkCapabilities, checkLayoutCapabilities, roomMaxBytes } from '../capabilities.js';
import { defaultCoordinator } from '../coordination/default.js';
import type { Coordinator } from '../coordination/types.js';
import { sha256Hex } from '../crypto.js';
import {
  NotFoundError,
  type RecordingError,
  UnsupportedFeatureError,
  VendorError,
  isRecordingError,
} from '../errors.js';
import { type HandleParts, decodeHandle, encodeHandle, handleOf } from '../handle.js';
import { isPlainObject } from '../merge.js';
import {
  layoutInputSchema,
  startRecordingRequestSchema,
  maxRetriesSchema,
  timeoutMsSchema,
} from '../schemas.js';
import { isSensitiveKey } from '../transport/redact.js';
import type { Logger } from '../transport/types.js';
import type {
  CallOptions,
  Capabilities,
  LayoutInput,
  LayoutUpdateResult,
  RecordingResult,
  RecordingSession,
  RecordingStatus,
  SessionRef,
  StartRecordingRequest,
  Vendor,
} from '../types.js';
import { type Schema, parseOrThrow, validationError } from '../validation.js';
import { WarningCollector } from '../warnings.js';

/**
 * The provider skeleton, once. A vendor adapter supplies only what is vendor-specific (its handle
 * data, and one function per operation that maps, sends and normalises); this runtime does the
 * rest in one order for every vendor:
 *
 *   start:        options → schema → capabilities → [idempotency] → adapter.start → session → registry
 *   updateLayout: options → handle → account → layout supported? → schema → capabilities → adapter
 *   query / stop: options → handle → account → adapter (stop: registry removal)
 *
 * Aborting a call rejects it with AbortError at once. A start whose creating request was already
 * sent is not cancelled at the vendor: it completes in the background and is stopped, so an abort
 * never leaves a recording running.
 */

export interface AdapterCallContext {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

export interface AdapterStartContext extends AdapterCallContext {
  warnings: WarningCollector;
  /** secrets of this request (storage keys, token, secret-looking vendorOptions values) to scrub */
  secrets: string[];
}

export interface AdapterLayoutContext extends AdapterCallContext {
  warnings: WarningCollector;
}

/** What an adapter's start returns: the vendor's id of the recording and the handle's vendor data. */
export interface StartedRecording<D> {
  sessionId: string;
  data: D;
}

export type AdapterSession<D> = HandleParts<D>;

export interface VendorAdapter<D> {
  vendor: Vendor;
  capabilities: Capabilities;
  /** the vendor data of a handle, as strict as the start request that made it */
  handleSchema: Schema<D>;
  /** the vendor account (Agora App ID, ZEGO AppId, JOCloud appid): keys idempotent starts */
  account: string;
  /** a message when the handle belongs to another account of this vendor */
  foreignAccount?(data: D): string | undefined;
  start(request: StartRecordingRequest, ctx: AdapterStartContext): Promise<StartedRecording<D>>;
  /** why this session has no layout to update (undefined: it has one) */
  layoutUnsupported?(session: AdapterSession<D>): string | undefined;
  updateLayout(session: AdapterSession<D>, layout: LayoutInput, ctx: AdapterLayoutContext): Promise<unknown>;
  query(session: AdapterSession<D>, ctx: AdapterCallContext): Promise<RecordingStatus>;
  stop(session: AdapterSession<D>, ctx: AdapterCallContext): Promise<RecordingResult>;
}

/** The provider config's common fields (a parsed provider config can be passed as it is). */
export interface RuntimeOptions {
  strict?: boolean | undefined;
  /** default: the process-wide memory coordinator */
  coordinator?: Coordinator | undefined;
  logger?: Logger | undefined;
  /** part of the idempotency key, so a simulator and the real vendor never share a start */
  baseUrl?: string | undefined;
}

const encoder = new TextEncoder();

/** How many validated handles a provider keeps (a handle is re-validated once it has been dropped). */
const VALIDATED_HANDLES = 1_000;

/** How long a start with an idempotencyKey is remembered (the design (docs/architecture.md): retried starts are safe). */
export const IDEMPOTENT_START_TTL_MS = 24 * 60 * 60 * 1000;

const callOptionsSchema = z.strictObject({
  timeoutMs: z.optional(timeoutMsSchema),
  maxRetries: z.optional(maxRetriesSchema),
  signal: z.optional(
    z.custom<AbortSignal>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as AbortSignal).aborted === 'boolean' &&
        typeof (v as AbortSignal).addEventListener === 'function',
      { error: 'signal must be an AbortSignal' },
    ),
  ),
});

export interface ProviderRuntime {
  start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession>;
  updateLayout(session: SessionRef, layout: LayoutInput, options?: CallOptions): Promise<LayoutUpdateResult>;
  query(session: SessionRef, options?: CallOptions): Promise<RecordingStatus>;
  stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult>;
  /** validated handle parts, for the vendor extras of a provider class */
  session<D>(ref: SessionRef, operation: string): AdapterSession<D>;
  /** validated call options */
  callContext(options: CallOptions | undefined, operation: string): AdapterCallContext;
  /** runs a vendor extra with the same guarantees (typed errors only, AbortError on abort) */
  run<T>(operation: string, options: AdapterCallContext, work: () => Promise<T>): Promise<T>;
  /** a handle for changed parts of a session (a vendor extra that changes what later calls need) */
  encode<D extends object>(parts: HandleParts<D>): string;
  /**
   * A session for vendor ids obtained elsewhere (a webhook event of a recording a start lost),
   * validated like any handle: `sessionFromIds` of a provider class.
   */
  sessionFromParts<D extends object>(parts: HandleParts<D>, operation: string): RecordingSession;
}

export function createProviderRuntime<D extends object>(
  adapter: VendorAdapter<D>,
  options: RuntimeOptions,
): ProviderRuntime {
  const { vendor, capabilities } = adapter;
  // Only these fields are kept: the rest of a provider config (its secrets) stays with the client.
  const { strict = false, coordinator = defaultCoordinator(), logger, baseUrl } = options;

  const callContext = (callOptions: CallOptions | undefined, operation: string): AdapterCallContext => {
    if (callOptions === undefined || callOptions === null) return {};
    const parsed = parseOrThrow(callOptionsSchema, callOptions, {
      what: 'call options',
      vendor,
      operation,
      pathPrefix: 'options',
    });
    return { signal: callOptions.signal, timeoutMs: parsed.timeoutMs, maxRetries: parsed.maxRetries };
  };

  /**
   * Handles this provider already validated (or made), by their string: a handle is immutable, so
   * the second query of a session decodes nothing. Bounded; the parts are frozen.
   */
  const validated = new Map<string, AdapterSession<D>>();
  const remember = (handle: string, parts: AdapterSession<D>): AdapterSession<D> => {
    if (validated.size >= VALIDATED_HANDLES) validated.delete(validated.keys().next().value!);
    Object.freeze(parts.data);
    validated.set(handle, Object.freeze(parts));
    return parts;
  };

  /** A handle is checked as strictly as the start request that made it (room and mode included). */
  const decode = (ref: SessionRef, operation: string): AdapterSession<D> => {
    const handle = handleOf(ref);
    const known = typeof handle === 'string' ? validated.get(handle) : undefined;
    if (known) return known;
    const parts = decodeHandle(vendor, handle, adapter.handleSchema);
    const issues: Array<{ path: string; message: string }> = [];
    if (!capabilities.modes.includes(parts.mode))
      issues.push({ path: 'session.handle.mode', message: `${vendor} has no mode '${parts.mode}'` });
    const bytes = encoder.encode(parts.room).length;
    const maxBytes = roomMaxBytes(capabilities, parts.mode);
    if (bytes > maxBytes)
      issues.push({
        path: 'session.handle.room',
        message: `must be at most ${maxBytes} bytes, got ${bytes}`,
      });
    if (capabilities.room.pattern && !capabilities.room.pattern.test(parts.room)) {
      issues.push({
        path: 'session.handle.room',
        message: capabilities.room.rule ?? 'is not a room id of this vendor',
      });
    }
    const foreign = adapter.foreignAccount?.(parts.data);
    if (foreign) issues.push({ path: 'session.handle', message: foreign });
    if (issues.length > 0) throw validationError(`session for ${operation}`, issues, { vendor, operation });
    return remember(handle as string, parts);
  };

  /** Nothing but a unirec error leaves a call. */
  const typed = (error: unknown, operation: string): RecordingError => {
    if (isRecordingError(error)) return error;
    return new VendorError(
      `${vendor} ${operation} failed unexpectedly (${error instanceof Error ? error.name : typeof error})`,
      {
        vendor,
        operation,
        cause: error,
      },
    );
  };

  const run = async <T>(operation: string, ctx: AdapterCallContext, work: () => Promise<T>): Promise<T> => {
    try {
      throwIfAborted(ctx.signal, { vendor, operation });
      return await raceAbort(work(), ctx.signal, { vendor, operation });
    } catch (error) {
      throw typed(error, operation);
    }
  };

  /**
   * Awaited before start resolves, so a process that dies right after a start still leaves the session
   * for the reaper; a registry failure is logged, never thrown (the recording runs and is returned).
   */
  const register = (session: RecordingSession, request: StartRecordingRequest): Promise<void> => {
    const maxSec =
      request.output?.maxDurationSec ?? request.web?.maxDurationSec ?? capabilities.defaultMaxDurationSec;
    const entry = {
      handle: session.handle,
      vendor,
      room: session.room,
      sessionId: session.sessionId,
      startedAt: session.startedAt,
      deadline: new Date(session.startedAt.getTime() + maxSec * 1000),
    };
    return coordinator.sessions.add(entry).catch((error: unknown) => {
      logger?.error?.(
        `unirec ${vendor}: could not register session ${session.sessionId} with the coordinator`,
        {
          kind: isRecordingError(error) ? error.kind : 'unknown',
        },
      );
    });
  };

  const unregister = (handle: string): void => {
    coordinator.sessions.remove(handle).catch(() => {
      logger?.warn?.(`unirec ${vendor}: could not remove a stopped session from the coordinator's registry`);
    });
  };

  /** A start its caller gave up on (abort) that the vendor still carried out: stop it. */
  const compensate = (pending: Promise<RecordingSession>): void => {
    pending.then(
      (session) => {
        logger?.warn?.(
          `unirec ${vendor} start: aborted after the vendor began recording; stopping ${session.sessionId}`,
        );
        runtime.stop(session.handle).catch((error: unknown) => {
          logger?.error?.(
            `unirec ${vendor} start: could not stop recording ${session.sessionId} after an abort`,
            {
              kind: isRecordingError(error) ? error.kind : 'unknown',
            },
          );
        });
      },
      (error: unknown) => {
        if (isRecordingError(error) && error.unconfirmedRecording) {
          logger?.error?.(`unirec ${vendor} start: aborted; a recording may be running`, {
            unconfirmedRecording: error.unconfirmedRecording,
          });
        }
      },
    );
  };

  const startOnce = async (
    request: StartRecordingRequest,
    ctx: AdapterCallContext,
  ): Promise<RecordingSession> => {
    const warnings = new WarningCollector(strict, vendor, 'start');
    const secrets = requestSecrets(request);
    const pending = (async (): Promise<RecordingSession> => {
      const started = await adapter.start(request, { ...ctx, warnings, secrets });
      const startedAt = new Date();
      const parts = {
        room: request.room,
        mode: request.mode,
        sessionId: started.sessionId,
        data: started.data,
      };
      const handle = encodeHandle(vendor, parts);
      // The session's later calls need not decode what was just made (the data as a decode would give it).
      remember(handle, { ...parts, data: JSON.parse(JSON.stringify(started.data)) as D });
      const session: RecordingSession = {
        vendor,
        room: request.room,
        mode: request.mode,
        startedAt,
        sessionId: started.sessionId,
        handle,
        warnings: warnings.warnings,
      };
      await register(session, request);
      return session;
    })();
    try {
      return await raceAbort(pending, ctx.signal, { vendor, operation: 'start' });
    } catch (error) {
      if (ctx.signal?.aborted) compensate(pending);
      throw error;
    }
  };

  /** Waiters of one idempotent start in this process: its signal aborts when every waiter's has. */
  const sharedStarts = new Map<string, { controller: AbortController; waiting: number }>();
  const shareAbort = (key: string, signal: AbortSignal | undefined) => {
    let entry = sharedStarts.get(key);
    if (!entry) {
      entry = { controller: new AbortController(), waiting: 0 };
      sharedStarts.set(key, entry);
    }
    const current = entry;
    current.waiting++;
    let counted = true;
    const leave = () => {
      if (!counted) return;
      counted = false;
      current.waiting--;
      if (current.waiting === 0 && sharedStarts.get(key) === current) sharedStarts.delete(key);
    };
    const onAbort = () => {
      leave();
      if (current.waiting === 0) current.controller.abort(signal?.reason);
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    return {
      signal: signal ? current.controller.signal : undefined,
      release: () => {
        signal?.removeEventListener('abort', onAbort);
        leave();
      },
    };
  };

  const runtime: ProviderRuntime = {
    async start(request, callOptions) {
      try {
        const ctx = callContext(callOptions, 'start');
        throwIfAborted(ctx.signal, { vendor, operation: 'start' });
        const req = parseOrThrow(startRecordingRequestSchema, request, {
          what: 'start request',
          vendor,
          operation: 'start',
        });
        checkCapabilities(capabilities, req, { vendor, operation: 'start' });
        if (req.idempotencyKey === undefined) return await startOnce(req, ctx);
        const key = `start:${vendor}:${adapter.account}:${sha256Hex(`${baseUrl ?? ''}\n${req.room}`).slice(0, 32)}:${req.idempotencyKey}`;
        // One start serves every caller of the key in this process: it is abandoned (and what it started
        // stopped) only when all of them have aborted, never because one did.
        const shared = shareAbort(key, ctx.signal);
        try {
          const stored = await raceAbort(
            coordinator.once(key, IDEMPOTENT_START_TTL_MS, () =>
              startOnce(req, { ...ctx, signal: shared.signal }),
            ),
            ctx.signal,
            { vendor, operation: 'start' },
          );
          return reviveSession(stored);
        } finally {
          shared.release();
        }
      } catch (error) {
        throw typed(error, 'start');
      }
    },

    async updateLayout(ref, layout, callOptions) {
      try {
        const ctx = callContext(callOptions, 'updateLayout');
        const session = decode(ref, 'updateLayout');
        const reason = adapter.layoutUnsupported?.(session);
        if (reason)
          throw new UnsupportedFeatureError(reason, 'updateLayout', { vendor, operation: 'updateLayout' });
        const parsed = parseOrThrow(layoutInputSchema, layout, {
          what: 'layout',
          vendor,
          operation: 'updateLayout',
          pathPrefix: 'layout',
        });
        checkLayoutCapabilities(capabilities, parsed, { vendor, operation: 'updateLayout' });
        const warnings = new WarningCollector(strict, vendor, 'updateLayout');
        const raw = await run('updateLayout', ctx, () =>
          adapter.updateLayout(session, parsed, { ...ctx, warnings }),
        );
        return { warnings: warnings.warnings, raw };
      } catch (error) {
        throw typed(error, 'updateLayout');
      }
    },

    async query(ref, callOptions) {
      try {
        const ctx = callContext(callOptions, 'query');
        const session = decode(ref, 'query');
        return await run('query', ctx, () => adapter.query(session, ctx));
      } catch (error) {
        throw typed(error, 'query');
      }
    },

    async stop(ref, callOptions) {
      try {
        const ctx = callContext(callOptions, 'stop');
        const session = decode(ref, 'stop');
        const handle = handleOf(ref) as string;
        try {
          const result = await run('stop', ctx, () => adapter.stop(session, ctx));
          unregister(handle);
          return result;
        } catch (error) {
          if (error instanceof NotFoundError) unregister(handle);
          throw error;
        }
      } catch (error) {
        throw typed(error, 'stop');
      }
    },

    session<T>(ref: SessionRef, operation: string) {
      return decode(ref, operation) as unknown as AdapterSession<T>;
    },
    callContext,
    run,
    encode(parts) {
      return encodeHandle(vendor, parts);
    },
    sessionFromParts(parts, operation) {
      const handle = encodeHandle(vendor, parts);
      decode(handle, operation);
      const { room, mode, sessionId } = parts;
      return { vendor, room, mode, startedAt: new Date(), sessionId, handle, warnings: [] };
    },
  };
  return runtime;
}

/** A session that came back from the coordinator as JSON: Dates are strings there. */
function reviveSession(stored: RecordingSession): RecordingSession {
  return { ...stored, startedAt: new Date(stored.startedAt), warnings: [...(stored.warnings ?? [])] };
}

/** Every secret a start request carries: storage keys, the RTC token, secret-looking vendorOptions. */
export function requestSecrets(request: StartRecordingRequest): string[] {
  const out = [request.storage.accessKey, request.storage.secretKey];
  if (request.token) out.push(request.token);
  // Under a secret-looking key every string is a secret, however deep ({ credentials: { ak, sk } }).
  const walk = (value: unknown, depth: number, secret: boolean): void => {
    if (depth > 16) return;
    if (typeof value === 'string') {
      if (secret) out.push(value);
    } else if (Array.isArray(value)) {
      value.forEach((v) => {
        walk(v, depth + 1, secret);
      });
    } else if (isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) walk(v, depth + 1, secret || isSensitiveKey(key));
    }
  };
  walk(request.vendorOptions, 0, false);
  return out;
}
