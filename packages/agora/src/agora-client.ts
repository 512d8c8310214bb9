import type { CallOptions } from '@unirec/core';
import {
  type AdapterCallContext,
  type InterpretContext,
  type Interpretation,
  type RawResponse,
  type Transport,
  base64Utf8,
  createVendorTransport,
  stringField,
} from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';
import { type AgoraProviderConfig, agoraBaseUrls } from './agora-config.js';
import {
  AGORA_ALREADY_EXITING,
  AGORA_ALREADY_STARTED,
  AGORA_NOTHING_RECORDED,
  agoraResponses,
} from './agora-error.js';
import {
  type AgoraQueryResponse,
  type AgoraStopResponse,
  agoraAcquireResponseSchema,
  agoraQueryResponseSchema,
  agoraStartResponseSchema,
  agoraStopResponseSchema,
  agoraUpdateResponseSchema,
} from './agora-schemas.js';
import type { AgoraMode, AgoraRequestBody } from './convert-to-agora-start-request.js';

/** The ids every call after acquire needs (from the session handle). */
export interface AgoraSessionIds {
  resourceId: string;
  sid: string;
  cname: string;
  uid: string;
  mode: AgoraMode;
}

export type AgoraStopOutcome =
  | { kind: 'stopped'; response: AgoraStopResponse }
  /** code 49 / 404: the task had already ended; `byThisCall` when an earlier attempt of this stop was sent */
  | { kind: 'already-stopped'; response: unknown; byThisCall: boolean }
  | { kind: 'nothing-recorded'; response: unknown };

/** `{ sid }` of a start, or the repeated-start answer (code 7) without one. */
export type AgoraStartOutcome =
  | { sid: string }
  | { alreadyStarted: true; requestId: string | undefined; httpStatus: number };

/**
 * Thin: one method per Agora endpoint (the vendor notes (docs/vendors/sources.md) "Endpoints"; seed 000), over the core transport.
 * Credentials live only in the private header object and the transport's redactor.
 */
export class AgoraClient {
  readonly #transport: Transport;
  readonly #headers: Record<string, string>;
  readonly #prefix: string;

  constructor(config: AgoraProviderConfig) {
    const credentials = base64Utf8(`${config.customerId}:${config.customerSecret}`);
    const authorization = `Basic ${credentials}`;
    this.#headers = { Authorization: authorization, 'Content-Type': 'application/json;charset=utf-8' };
    this.#prefix = `/v1/apps/${encodeURIComponent(config.appId)}/cloud_recording`;
    const budget = { key: `agora:${config.appId}`, requestsPerSecond: AGORA_LIMITS.requestsPerSecond };
    this.#transport = createVendorTransport(config, {
      vendor: 'agora',
      baseUrls: agoraBaseUrls(config.area),
      budget: () => budget,
      secrets: [config.customerSecret, credentials, authorization],
      requestIdHeader: 'x-request-id',
    });
  }

  acquire(
    body: AgoraRequestBody,
    ctx: AdapterCallContext,
    secrets: string[],
  ): Promise<{ resourceId: string }> {
    return this.#send('acquire', 'POST', '/acquire', body, ctx, { secrets }, (raw, c) =>
      agoraResponses.read(raw, c, { operation: 'acquire', schema: agoraAcquireResponseSchema }),
    );
  }

  /**
   * Creates the recording: once sent, an abort does not cancel it (the provider stops what it
   * started). Priority 1: Agora wants start within 2 s of acquire, so it never waits behind other
   * calls of the App ID's budget.
   */
  start(
    mode: AgoraMode,
    resourceId: string,
    body: AgoraRequestBody,
    ctx: AdapterCallContext,
    secrets: string[],
  ): Promise<AgoraStartOutcome> {
    const path = `/resourceid/${encodeURIComponent(resourceId)}/mode/${mode}/start`;
    return this.#send('start', 'POST', path, body, ctx, { secrets, priority: 1, commits: true }, (raw, c) =>
      agoraResponses.read<{ sid: string }, AgoraStartOutcome>(raw, c, {
        operation: 'start',
        schema: agoraStartResponseSchema,
        map: ({ sid }) => ({ sid }),
        // Code 7: this resource already started a recording (an earlier attempt got through). With
        // a sid it is the start we asked for; without one Agora gives no way to reach it.
        expected: (envelope) => {
          if (envelope.code !== AGORA_ALREADY_STARTED) return undefined;
          const sid = stringField(raw.data, 'sid');
          return sid && /^[A-Za-z0-9_.~-]{1,512}$/.test(sid)
            ? { sid }
            : { alreadyStarted: true, requestId: envelope.requestId, httpStatus: raw.status };
        },
      }),
    );
  }

  update(
    ids: AgoraSessionIds,
    clientRequest: Record<string, unknown>,
    ctx: AdapterCallContext,
  ): Promise<unknown> {
    return this.#send(
      'update',
      'POST',
      `${this.#session(ids)}/update`,
      this.#body(ids, clientRequest),
      ctx,
      {},
      (raw, c) => agoraResponses.read(raw, c, { operation: 'update', schema: agoraUpdateResponseSchema }),
    );
  }

  updateLayout(
    ids: AgoraSessionIds,
    clientRequest: Record<string, unknown>,
    ctx: AdapterCallContext,
  ): Promise<unknown> {
    const path = `${this.#session(ids)}/updateLayout`;
    return this.#send('updateLayout', 'POST', path, this.#body(ids, clientRequest), ctx, {}, (raw, c) =>
      agoraResponses.read(raw, c, { operation: 'updateLayout', schema: agoraUpdateResponseSchema }),
    );
  }

  /** GET, no body (the vendor notes (docs/vendors/sources.md)). */
  query(ids: AgoraSessionIds, ctx: AdapterCallContext): Promise<AgoraQueryResponse> {
    return this.#send('query', 'GET', `${this.#session(ids)}/query`, undefined, ctx, {}, (raw, c) =>
      agoraResponses.read(raw, c, { operation: 'query', schema: agoraQueryResponseSchema }),
    );
  }

  /** Synchronous stop (async_stop false): the answer lists the uploaded files. Idempotent. */
  stop(ids: AgoraSessionIds, ctx: AdapterCallContext): Promise<AgoraStopOutcome> {
    const body = this.#body(ids, { async_stop: false });
    return this.#send('stop', 'POST', `${this.#session(ids)}/stop`, body, ctx, {}, (raw, c) =>
      agoraResponses.read<AgoraStopResponse, AgoraStopOutcome>(raw, c, {
        operation: 'stop',
        schema: agoraStopResponseSchema,
        map: (response) => ({ kind: 'stopped', response }),
        // 49: already exiting (repeat stop, idle timeout); 404: the worker is gone, the session is over.
        expected: (envelope, response) => {
          if (
            envelope.code === AGORA_ALREADY_EXITING ||
            envelope.code === 404 ||
            (envelope.code === undefined && response.status === 404)
          ) {
            return {
              kind: 'already-stopped',
              response: response.data,
              byThisCall: c.earlierAttemptMayHaveActed,
            };
          }
          if (envelope.code === AGORA_NOTHING_RECORDED)
            return { kind: 'nothing-recorded', response: response.data };
          return undefined;
        },
      }),
    );
  }

  #session(ids: AgoraSessionIds): string {
    return `/resourceid/${encodeURIComponent(ids.resourceId)}/sid/${encodeURIComponent(ids.sid)}/mode/${ids.mode}`;
  }

  #body(ids: AgoraSessionIds, clientRequest: Record<string, unknown>): AgoraRequestBody {
    return { cname: ids.cname, uid: ids.uid, clientRequest };
  }

  #send<T>(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    ctx: CallOptions | AdapterCallContext,
    extra: { secrets?: string[]; priority?: number; commits?: boolean },
    interpret: (raw: RawResponse, context: InterpretContext) => Interpretation<T>,
  ): Promise<T> {
    return this.#transport.send(
      {
        operation,
        method,
        path: this.#prefix + path,
        headers: this.#headers,
        body,
        priority: extra.priority,
        commits: extra.commits,
        timeoutMs: ctx.timeoutMs,
        maxRetries: ctx.maxRetries,
        signal: ctx.signal,
        secrets: extra.secrets,
      },
      interpret,
    );
  }
}
