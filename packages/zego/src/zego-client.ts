import {
  type AdapterCallContext,
  type RawResponse,
  type Schema,
  type Transport,
  createVendorTransport,
} from '@unirec/core/adapter';
import { ZEGO_QPS } from './zego-capabilities.js';
import { type ZegoProviderConfig, zegoHost } from './zego-config.js';
import { zegoResponses } from './zego-error.js';
import { zegoEnvelopeSchema } from './zego-schemas.js';
import { createZegoSigner } from './zego-signature.js';

/**
 * Thin ZEGO client: every action is `POST /?Action=<Action>&AppId&SignatureNonce&Timestamp&
 * SignatureVersion&Signature` with a JSON body (seed 002; the vendor notes (docs/vendors/sources.md) "Requests"), over the one core
 * transport of the provider. The query is a function, so every attempt (retries included) is signed
 * afresh. The server secret lives only in the signer's closure and the transport's redactor.
 */

export type ZegoAction =
  | 'StartRecord'
  | 'StopRecord'
  | 'UpdateLayout'
  | 'DescribeRecordStatus'
  | 'DescribeTasks'
  | 'PauseRecord'
  | 'ResumeRecord'
  | 'TakeSnapshot';

export interface ZegoReply<T> {
  /** ZEGO's Code (0, or an accepted code such as "task already ended") */
  code: number;
  data: T;
  /** `byThisCall`: an accepted code met on a retry after an earlier attempt of this call was sent */
  byThisCall: boolean;
  envelope: unknown;
}

export interface ZegoCallOptions<T> {
  /** the neutral (or extra) operation name used in errors and logs */
  operation: string;
  ctx: AdapterCallContext;
  /** schema of the whole successful body (zego-schemas.ts, built once); omitted: the envelope, Data unchecked */
  responseSchema?: Schema<{ Data: T }>;
  /** a ZEGO code that is an expected answer of this call (StopRecord: task already ended) */
  acceptCode?: number;
  /** request-scoped secrets to scrub (storage keys in StartRecord) */
  secrets?: Array<string | undefined>;
  /** the request creates a recording: once sent, an abort does not cancel it */
  commits?: boolean;
}

export class ZegoClient {
  readonly #transport: Transport;
  readonly #sign: ReturnType<typeof createZegoSigner>;

  constructor(config: ZegoProviderConfig) {
    this.#sign = createZegoSigner(config.appId, config.serverSecret);
    this.#transport = createVendorTransport(config, {
      vendor: 'zego',
      baseUrls: [zegoHost(config.region)],
      // the vendor notes (docs/vendors/sources.md): QPS per Action and AppId
      budget: (request) => ({
        key: `zego:${config.appId}:${request.rateLimitKey}`,
        requestsPerSecond:
          ZEGO_QPS.perAction[request.rateLimitKey as keyof typeof ZEGO_QPS.perAction] ?? ZEGO_QPS.default,
      }),
      secrets: [config.serverSecret],
    });
  }

  call<T>(
    action: ZegoAction,
    body: Record<string, unknown>,
    options: ZegoCallOptions<T>,
  ): Promise<ZegoReply<T>> {
    const { ctx } = options;
    return this.#transport.send(
      {
        operation: options.operation,
        method: 'POST',
        path: '/',
        // Action first, like the documented URLs; the rest re-signed on every attempt.
        query: () => ({ Action: action, ...this.#sign() }),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body,
        rateLimitKey: action,
        timeoutMs: ctx.timeoutMs,
        maxRetries: ctx.maxRetries,
        signal: ctx.signal,
        commits: options.commits,
        secrets: options.secrets,
      },
      (raw: RawResponse, context) =>
        zegoResponses.read<{ Data: T }, ZegoReply<T>>(raw, context, {
          operation: options.operation,
          schema: options.responseSchema ?? (zegoEnvelopeSchema as unknown as Schema<{ Data: T }>),
          map: (body) => ({ code: 0, data: body.Data, byThisCall: false, envelope: raw.data }),
          expected: (env) =>
            options.acceptCode !== undefined && env.code === options.acceptCode
              ? {
                  code: env.code,
                  data: undefined as T,
                  byThisCall: context.earlierAttemptMayHaveActed,
                  envelope: raw.data,
                }
              : undefined,
        }),
    );
  }
}
