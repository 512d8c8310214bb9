import {
  type CallOptions,
  type Interpretation,
  type RawResponse,
  type Transport,
  VendorError,
  base64Utf8,
  createVendorTransport,
  malformedResponseError,
} from '@unirec/core';
import type { z } from 'zod';
import { AGORA_LIMITS } from './agora-capabilities.js';
import type { AgoraArea, AgoraProviderConfig } from './agora-config.js';
import { type AgoraOperation, agoraCode, agoraError, isAgoraSuccess } from './agora-error.js';
import {
  type AgoraQueryResponse,
  type AgoraStopResponse,
  agoraAcquireResponseSchema,
  agoraErrorBodySchema,
  agoraQueryResponseSchema,
  agoraStartResponseSchema,
  agoraStopResponseSchema,
  agoraUpdateResponseSchema,
} from './agora-schemas.js';
import type { AgoraMode, AgoraRequestBody } from './convert-to-agora-start-request.js';

/**
 * Hosts in fallback order. The core transport moves to the next entry after a network failure or
 * timeout, so the order is the fallback: the primary regional host, the same region on the other
 * suffix (agora.io ↔ sd-rtn.com), then the neighbouring region on both suffixes.
 *
 * Order as in Agora's own REST clients: AgoraIO-Community/agora-rest-client-nodejs
 * src/agora/domain/domain.ts (DomainPool: per area two region prefixes and the suffixes agora.io
 * then sd-rtn.com, sd-rtn.com first for CN; nextRegion() after a failed attempt) and
 * agora-rest-client-go agora/domain/domain.go (RegionDomain, same lists). For CN the Node client
 * names api-cn-north-1 / api-cn-east-2 while the Go client and VENDORS.md name api-cn-east-1 /
 * api-cn-north-1: the Go client's list is used. Without an area: the global host, current docs'
 * api.sd-rtn.com first (seed 000 "Base URL"), then the older api.agora.io.
 */
export const AGORA_DOMAINS: Readonly<
  Record<AgoraArea, { regions: [string, string]; suffixes: [string, string] }>
> = {
  us: { regions: ['api-us-west-1', 'api-us-east-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  eu: { regions: ['api-eu-west-1', 'api-eu-central-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  ap: { regions: ['api-ap-southeast-1', 'api-ap-northeast-1'], suffixes: ['agora.io', 'sd-rtn.com'] },
  cn: { regions: ['api-cn-east-1', 'api-cn-north-1'], suffixes: ['sd-rtn.com', 'agora.io'] },
};
export const AGORA_GLOBAL_HOSTS = ['https://api.sd-rtn.com', 'https://api.agora.io'];

export function agoraBaseUrls(area: AgoraArea | undefined): string[] {
  if (!area) return [...AGORA_GLOBAL_HOSTS];
  const { regions, suffixes } = AGORA_DOMAINS[area];
  return regions.flatMap((region) => suffixes.map((suffix) => `https://${region}.${suffix}`));
}

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
  | { kind: 'already-stopped'; response: unknown }
  | { kind: 'nothing-recorded'; response: unknown };

/** Thin: one method per Agora endpoint (VENDORS.md "Endpoints"), over the core transport. */
export class AgoraClient {
  readonly #transport: Transport;
  readonly #headers: Record<string, string>;
  readonly #prefix: string;

  constructor(config: AgoraProviderConfig) {
    const credentials = base64Utf8(`${config.customerId}:${config.customerSecret}`);
    const authorization = `Basic ${credentials}`;
    this.#headers = { Authorization: authorization, 'Content-Type': 'application/json;charset=utf-8' };
    this.#prefix = `/v1/apps/${encodeURIComponent(config.appId)}/cloud_recording`;
    this.#transport = createVendorTransport(config, {
      vendor: 'agora',
      baseUrls: agoraBaseUrls(config.area),
      requestsPerSecond: AGORA_LIMITS.requestsPerSecond,
      secrets: [config.customerSecret, credentials, authorization],
      requestIdHeader: 'x-request-id',
    });
  }

  acquire(body: AgoraRequestBody, options: CallOptions, secrets: string[]): Promise<{ resourceId: string }> {
    return this.#send('acquire', 'POST', '/acquire', body, options, secrets, (raw) =>
      this.#parse('acquire', agoraAcquireResponseSchema, raw, secrets),
    );
  }

  /** priority 1: Agora wants start within 2 s of acquire, so it never waits behind other calls. */
  start(
    mode: AgoraMode,
    resourceId: string,
    body: AgoraRequestBody,
    options: CallOptions,
    secrets: string[],
  ): Promise<{ sid: string }> {
    const path = `/resourceid/${encodeURIComponent(resourceId)}/mode/${mode}/start`;
    return this.#send(
      'start',
      'POST',
      path,
      body,
      options,
      secrets,
      (raw) => {
        // Code 7: this resource already started a recording (an earlier attempt got through). That is
        // the start we asked for: success when Agora says which sid it is.
        if (agoraCode(raw) === 7) {
          const sid = agoraErrorBodySchema.safeParse(raw.data).data?.sid;
          if (sid) return { ok: true, value: { sid } };
        }
        return this.#parse('start', agoraStartResponseSchema, raw, secrets);
      },
      1,
    );
  }

  update(
    ids: AgoraSessionIds,
    clientRequest: Record<string, unknown>,
    options: CallOptions,
  ): Promise<unknown> {
    return this.#send(
      'update',
      'POST',
      `${this.#session(ids)}/update`,
      this.#body(ids, clientRequest),
      options,
      [],
      (raw) => this.#parse('update', agoraUpdateResponseSchema, raw),
    );
  }

  updateLayout(
    ids: AgoraSessionIds,
    clientRequest: Record<string, unknown>,
    options: CallOptions,
  ): Promise<unknown> {
    return this.#send(
      'updateLayout',
      'POST',
      `${this.#session(ids)}/updateLayout`,
      this.#body(ids, clientRequest),
      options,
      [],
      (raw) => this.#parse('updateLayout', agoraUpdateResponseSchema, raw),
    );
  }

  /** GET, no body (VENDORS.md). */
  query(ids: AgoraSessionIds, options: CallOptions): Promise<AgoraQueryResponse> {
    return this.#send('query', 'GET', `${this.#session(ids)}/query`, undefined, options, [], (raw) =>
      this.#parse('query', agoraQueryResponseSchema, raw),
    );
  }

  /** Synchronous stop (async_stop false): the answer lists the uploaded files. Idempotent. */
  stop(ids: AgoraSessionIds, options: CallOptions): Promise<AgoraStopOutcome> {
    const body = this.#body(ids, { async_stop: false });
    return this.#send(
      'stop',
      'POST',
      `${this.#session(ids)}/stop`,
      body,
      options,
      [],
      (raw): Interpretation<AgoraStopOutcome> => {
        const code = agoraCode(raw);
        // 49: already exiting (repeat stop, idle timeout); 404: the worker is gone, the session is over.
        if (code === 49 || code === 404 || (code === undefined && raw.status === 404)) {
          return { ok: true, value: { kind: 'already-stopped', response: raw.data } };
        }
        if (code === 435) return { ok: true, value: { kind: 'nothing-recorded', response: raw.data } };
        const parsed = this.#parse('stop', agoraStopResponseSchema, raw);
        return parsed.ok ? { ok: true, value: { kind: 'stopped', response: parsed.value } } : parsed;
      },
    );
  }

  #session(ids: AgoraSessionIds): string {
    return `/resourceid/${encodeURIComponent(ids.resourceId)}/sid/${encodeURIComponent(ids.sid)}/mode/${ids.mode}`;
  }

  #body(ids: AgoraSessionIds, clientRequest: Record<string, unknown>): AgoraRequestBody {
    return { cname: ids.cname, uid: ids.uid, clientRequest };
  }

  #send<T>(
    operation: AgoraOperation,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: CallOptions,
    secrets: string[],
    interpret: (raw: RawResponse) => Interpretation<T>,
    priority = 0,
  ): Promise<T> {
    return this.#transport.send(
      {
        operation,
        method,
        path: this.#prefix + path,
        headers: this.#headers,
        body,
        priority,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
        signal: options.signal,
        secrets,
      },
      interpret,
    );
  }

  #parse<S extends z.ZodType>(
    operation: AgoraOperation,
    schema: S,
    raw: RawResponse,
    secrets: string[] = [],
  ): Interpretation<z.output<S>> {
    const requestId = raw.headers['x-request-id'];
    const redactor = this.#transport.redactor.with(secrets);
    const scrub = (text: string) => redactor.string(text);
    if (!isAgoraSuccess(raw)) return { ok: false, error: agoraError(raw, { operation, scrub }) };
    if (raw.malformed)
      return { ok: false, error: malformedResponseError('agora', operation, raw, requestId) };
    const parsed = schema.safeParse(raw.data);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
      return {
        ok: false,
        error: new VendorError(
          `Agora ${operation}: unexpected response shape (${fields}) (HTTP ${raw.status})`,
          {
            vendor: 'agora',
            operation,
            httpStatus: raw.status,
            requestId,
          },
        ),
      };
    }
    return { ok: true, value: parsed.data };
  }
}
