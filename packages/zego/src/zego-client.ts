import { type CallOptions, type Transport, createVendorTransport } from '@unirec/core';
import type { z } from 'zod';
import { ZEGO_QPS } from './zego-capabilities.js';
import { type ZegoProviderConfig, zegoHost } from './zego-config.js';
import { type ZegoReply, interpretZego } from './zego-error.js';
import { createZegoSigner } from './zego-signature.js';

/**
 * Thin ZEGO client: every action is `POST /?Action=<Action>&AppId&SignatureNonce&Timestamp&
 * SignatureVersion&Signature` with a JSON body (seed 002; VENDORS.md "Requests"), over the one core
 * transport of the provider. The query is a function, so every attempt (retries included) is signed
 * afresh. The server secret lives only in the signer's closure and the transport's redactor, both
 * held in private fields.
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

export interface ZegoCallOptions<T> {
  /** the neutral (or extra) operation name used in errors and logs */
  operation: string;
  call?: CallOptions | undefined;
  dataSchema?: z.ZodType<T>;
  /** ZEGO codes that are an expected answer of this call (StopRecord: task already ended) */
  acceptCodes?: number[];
  /** request-scoped secrets to scrub (storage keys in StartRecord) */
  secrets?: Array<string | undefined>;
}

export class ZegoClient {
  readonly #transport: Transport;
  readonly #sign: ReturnType<typeof createZegoSigner>;

  constructor(config: ZegoProviderConfig) {
    this.#sign = createZegoSigner(config.appId, config.serverSecret);
    this.#transport = createVendorTransport(config, {
      vendor: 'zego',
      baseUrls: [zegoHost(config.region)],
      requestsPerSecond: ZEGO_QPS.default,
      perKey: { ...ZEGO_QPS.perAction },
      secrets: [config.serverSecret],
    });
  }

  /** Scrubs the server secret (and any extra secrets) from text. */
  redact(text: string, extra: Array<string | undefined> = []): string {
    return extra.length > 0
      ? this.#transport.redactor.with(extra).string(text)
      : this.#transport.redactor.string(text);
  }

  call<T>(
    action: ZegoAction,
    body: Record<string, unknown>,
    options: ZegoCallOptions<T>,
  ): Promise<ZegoReply<T>> {
    const secrets = options.secrets ?? [];
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
        timeoutMs: options.call?.timeoutMs,
        maxRetries: options.call?.maxRetries,
        signal: options.call?.signal,
        secrets,
      },
      (raw) =>
        interpretZego(
          raw,
          {
            operation: options.operation,
            action,
            redact: (text) => this.redact(text, secrets),
            acceptCodes: options.acceptCodes,
          },
          options.dataSchema,
        ),
    );
  }
}
