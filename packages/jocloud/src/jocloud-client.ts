import {
  type AdapterCallContext,
  type InterpretContext,
  type Interpretation,
  type RawResponse,
  type Transport,
  base64Utf8,
  createVendorTransport,
} from '@unirec/core/adapter';
import type { JoCloudMixConfig } from './convert-to-jocloud-mix-config.js';
import type { JoCloudStartRecordBody } from './convert-to-jocloud-start-record.js';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { type JoCloudProviderConfig, joCloudBaseUrl } from './jocloud-config.js';
import { JOCLOUD_RECORDID_UNKNOWN, joCloudResponses } from './jocloud-error.js';
import {
  type JoCloudQueryRecordResponse,
  joCloudApplyRecordSchema,
  joCloudQueryRecordSchema,
  joCloudStartRecordSchema,
  joCloudStopRecordSchema,
} from './jocloud-schemas.js';
import { createJoCloudTraceIdGenerator } from './jocloud-trace-id.js';

/** The ids every call after startrecord needs (from the session handle). */
export interface JoCloudTaskIds {
  resid: string;
  roomid: string;
  recordid: string;
}

export type JoCloudStopOutcome =
  | { kind: 'stopped'; response: unknown }
  /** 4013: the task is over (or unknown); `byThisCall` when an earlier attempt of this stop may have stopped it */
  | { kind: 'already-stopped'; response: unknown; byThisCall: boolean };

/** Error and log names: the neutral call, and applyrecord (the first request of a start). */
type Operation = 'applyrecord' | 'start' | 'updateLayout' | 'query' | 'stop';

/**
 * Thin: one method per JOCloud endpoint (seed 003; methods after the vendor notes (docs/vendors/sources.md)), over the core transport.
 * Every request goes to `/app/{appid}/v1/recordoss/{reqUri}?traceId=…` with a fresh traceId per
 * attempt (the seed: "for tracing each API call"), and carries `AppID` and `Token: Basic
 * base64(restfulId:restfulSecret)`. Credentials live only in the private header object and the
 * transport's redactor.
 */
export class JoCloudClient {
  readonly #transport: Transport;
  readonly #headers: Record<string, string>;
  readonly #prefix: string;
  readonly #appId: number;
  readonly #traceId: () => string;

  constructor(config: JoCloudProviderConfig) {
    const credentials = base64Utf8(`${config.restfulId}:${config.restfulSecret}`);
    const token = `Basic ${credentials}`;
    this.#appId = config.appId;
    this.#headers = {
      'Content-Type': 'application/json;charset=UTF-8',
      AppID: String(config.appId),
      Token: token,
    };
    this.#prefix = `/app/${config.appId}/v1/recordoss`;
    this.#traceId = createJoCloudTraceIdGenerator();
    // Seed 003: "Each AppID is limited to 10 requests per second" (queryrecord: per recordid; one
    // budget for all keeps both).
    const budget = { key: `jocloud:${config.appId}`, requestsPerSecond: JOCLOUD_LIMITS.requestsPerSecond };
    this.#transport = createVendorTransport(config, {
      vendor: 'jocloud',
      baseUrls: [joCloudBaseUrl(config.site)],
      budget: () => budget,
      secrets: [config.restfulSecret, credentials, token],
    });
  }

  /** GET, no body → a resid valid five minutes. */
  applyrecord(ctx: AdapterCallContext, secrets: string[]): Promise<{ resid: string }> {
    return this.#send('applyrecord', 'GET', '/applyrecord', undefined, ctx, { secrets }, (raw, c) =>
      joCloudResponses.read(raw, c, {
        operation: 'applyrecord',
        schema: joCloudApplyRecordSchema,
        map: ({ resid }) => ({ resid }),
      }),
    );
  }

  /** Creates the recording: once sent, an abort does not cancel it (the provider stops what it started). */
  startrecord(
    body: JoCloudStartRecordBody,
    ctx: AdapterCallContext,
    secrets: string[],
  ): Promise<{ recordid: string }> {
    return this.#send('start', 'POST', '/startrecord', body, ctx, { secrets, commits: true }, (raw, c) =>
      joCloudResponses.read(raw, c, {
        operation: 'start',
        schema: joCloudStartRecordSchema,
        map: ({ recordid }) => ({ recordid }),
      }),
    );
  }

  /** The full mixconfig (JOCloud replaces it whole). */
  updatemixrecord(
    ids: JoCloudTaskIds,
    mixconfig: JoCloudMixConfig,
    ctx: AdapterCallContext,
  ): Promise<unknown> {
    const body = {
      resid: ids.resid,
      appid: this.#appId,
      roomid: ids.roomid,
      recordid: ids.recordid,
      mixconfig,
    };
    return this.#send('updateLayout', 'POST', '/updatemixrecord', body, ctx, {}, (raw, c) =>
      joCloudResponses.read(raw, c, { operation: 'updateLayout', schema: joCloudStopRecordSchema }),
    );
  }

  /** GET with path parameters (the vendor notes (docs/vendors/sources.md): unconfirmed method). */
  queryrecord(
    ids: Omit<JoCloudTaskIds, 'resid'>,
    ctx: AdapterCallContext,
  ): Promise<JoCloudQueryRecordResponse> {
    const path = `/queryrecord/${encodeURIComponent(ids.roomid)}/${encodeURIComponent(ids.recordid)}`;
    return this.#send('query', 'GET', path, undefined, ctx, {}, (raw, c) =>
      joCloudResponses.read(raw, c, { operation: 'query', schema: joCloudQueryRecordSchema }),
    );
  }

  /** 4013 is an expected answer: JOCloud forgets a task once it stops. */
  stoprecord(ids: JoCloudTaskIds, ctx: AdapterCallContext): Promise<JoCloudStopOutcome> {
    const body = { appid: this.#appId, resid: ids.resid, roomid: ids.roomid, recordid: ids.recordid };
    return this.#send('stop', 'POST', '/stoprecord', body, ctx, {}, (raw, c) =>
      joCloudResponses.read<unknown, JoCloudStopOutcome>(raw, c, {
        operation: 'stop',
        schema: joCloudStopRecordSchema,
        map: () => ({ kind: 'stopped', response: raw.data }),
        expected: (envelope) =>
          envelope.code === JOCLOUD_RECORDID_UNKNOWN
            ? { kind: 'already-stopped', response: raw.data, byThisCall: c.earlierAttemptMayHaveActed }
            : undefined,
      }),
    );
  }

  #send<T>(
    operation: Operation,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    ctx: AdapterCallContext,
    extra: { secrets?: string[]; commits?: boolean },
    interpret: (raw: RawResponse, context: InterpretContext) => Interpretation<T>,
  ): Promise<T> {
    return this.#transport.send(
      {
        operation,
        method,
        path: this.#prefix + path,
        query: () => ({ traceId: this.#traceId() }),
        headers: this.#headers,
        body,
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
