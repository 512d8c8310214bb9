import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { NetworkError, type RecordingError, TimeoutError, VendorError, isRecordingError } from '../errors.js';
import type { Vendor } from '../types.js';
import type { RateLimiter } from './rate-limiter.js';
import { Redactor } from './redact.js';
import type { Hooks, Interpretation, Logger, RawResponse, TransportRequest } from './types.js';

export interface TransportOptions {
  vendor: Vendor;
  /**
   * Hosts in fallback order. Attempts start on the first; a network failure or a timeout moves the
   * next attempt to the next host (Agora's documented domain fallback). One entry: no fallback.
   */
  baseUrls: string[];
  timeoutMs: number;
  maxRetries: number;
  rateLimiter?: RateLimiter | undefined;
  logger?: Logger | undefined;
  hooks?: Hooks | undefined;
  /** secret values scrubbed from every log line, hook payload and error */
  secrets: Array<string | undefined>;
  /** backoff: delay = min(maxDelayMs, baseDelayMs × 2^(attempt−1)) with ±50 % jitter */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** header carrying the vendor's request id, if any (lower-case) */
  requestIdHeader?: string;
  /** sleep, replaceable in tests */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One axios instance per provider. Sends a request, lets the adapter interpret the response,
 * and retries (exponential backoff with jitter) when the resulting error says `retryable`:
 * network errors, timeouts, 5xx and the vendor's "try again" codes; never 4xx validation errors.
 */
export class Transport {
  readonly redactor: Redactor;
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private hostIndex = 0;

  constructor(private readonly options: TransportOptions) {
    if (options.baseUrls.length === 0) throw new RangeError('at least one base URL is needed');
    this.redactor = new Redactor(options.secrets);
    this.sleep = options.sleep ?? defaultSleep;
    this.http = axios.create({
      // Status and body are read by the adapter; axios must neither throw on 4xx/5xx nor parse JSON.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      proxy: false,
    });
    // Credentials must not hide in axios's own error objects either: see toTransportError.
    Object.defineProperty(this, 'http', { enumerable: false });
  }

  get baseUrl(): string {
    return this.options.baseUrls[this.hostIndex % this.options.baseUrls.length]!;
  }

  async send<T>(
    request: TransportRequest,
    interpret: (response: RawResponse) => Interpretation<T>,
  ): Promise<T> {
    const { vendor } = this.options;
    const maxRetries = request.maxRetries ?? this.options.maxRetries;
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const redactor = request.secrets ? this.redactor.with(request.secrets) : this.redactor;
    let hostIndex = this.hostIndex;

    for (let attempt = 1; ; attempt++) {
      const baseUrl = this.options.baseUrls[hostIndex % this.options.baseUrls.length]!;
      const query = typeof request.query === 'function' ? request.query() : request.query;
      const headers = typeof request.headers === 'function' ? request.headers() : (request.headers ?? {});
      const url = buildUrl(baseUrl, request.path, query);
      const info = {
        vendor,
        operation: request.operation,
        method: request.method,
        url: redactor.url(url),
        headers: redactor.value(headers),
        body: redactor.value(request.body),
        attempt,
      };

      if (this.options.rateLimiter) {
        await this.options.rateLimiter.acquire(request.rateLimitKey ?? 'default', {
          priority: request.priority,
          signal: request.signal,
        });
      }
      this.options.logger?.debug?.(`unirec ${vendor} ${request.operation} →`, { ...info });
      await this.options.hooks?.onRequest?.(info);

      const started = performance.now();
      let error: RecordingError;
      let networkFailure = false;
      try {
        const response = await this.http.request({
          url,
          method: request.method,
          headers,
          data: request.body === undefined ? undefined : JSON.stringify(request.body),
          timeout: timeoutMs,
          signal: request.signal,
        });
        const raw = toRawResponse(response);
        const durationMs = performance.now() - started;
        const requestId = this.options.requestIdHeader
          ? raw.headers[this.options.requestIdHeader]
          : undefined;
        const responseInfo = {
          ...info,
          status: raw.status,
          requestId,
          durationMs,
          responseBody: redactor.value(raw.data ?? raw.text),
        };
        this.options.logger?.debug?.(`unirec ${vendor} ${request.operation} ← ${raw.status}`, responseInfo);
        await this.options.hooks?.onResponse?.(responseInfo);
        const result = interpret(raw);
        if (result.ok) {
          this.hostIndex = hostIndex;
          return result.value;
        }
        error = result.error;
      } catch (caught) {
        if (request.signal?.aborted) throw caught;
        error = isRecordingError(caught)
          ? caught
          : this.toTransportError(caught, request.operation, timeoutMs, redactor);
        networkFailure = error instanceof NetworkError || error instanceof TimeoutError;
      }

      if (!error.retryable || attempt > maxRetries) {
        this.options.logger?.warn?.(
          `unirec ${vendor} ${request.operation} failed: ${redactor.string(error.message)}`,
          {
            kind: error.kind,
            vendorCode: error.vendorCode,
            httpStatus: error.httpStatus,
            requestId: error.requestId,
            attempt,
          },
        );
        throw error;
      }
      if (networkFailure) hostIndex++;
      const delayMs = this.backoff(attempt, error.retryAfterMs);
      const nextBaseUrl = this.options.baseUrls[hostIndex % this.options.baseUrls.length]!;
      this.options.logger?.info?.(`unirec ${vendor} ${request.operation} retry ${attempt} in ${delayMs} ms`, {
        kind: error.kind,
        vendorCode: error.vendorCode,
        httpStatus: error.httpStatus,
        nextBaseUrl,
      });
      await this.options.hooks?.onRetry?.({
        vendor,
        operation: request.operation,
        attempt,
        delayMs,
        error,
        nextBaseUrl,
      });
      await this.sleep(delayMs, request.signal);
    }
  }

  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const base = this.options.baseDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 8_000;
    const exponential = Math.min(max, base * 2 ** (attempt - 1));
    const jittered = exponential * (0.5 + Math.random() * 0.5);
    return Math.round(Math.max(jittered, retryAfterMs ?? 0));
  }

  private toTransportError(
    caught: unknown,
    operation: string,
    timeoutMs: number,
    redactor: Redactor,
  ): RecordingError {
    const vendor = this.options.vendor;
    const code = (caught as { code?: string })?.code;
    const message = redactor.string(caught instanceof Error ? caught.message : String(caught));
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
      return new TimeoutError(`${vendor} ${operation} timed out after ${timeoutMs} ms`, {
        vendor,
        operation,
      });
    }
    return new NetworkError(`${vendor} ${operation} failed on the network: ${code ?? message}`, {
      vendor,
      operation,
    });
  }
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, string | number>): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  if (query) for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  return url.toString();
}

function toRawResponse(response: AxiosResponse): RawResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers ?? {})) {
    if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  const text =
    typeof response.data === 'string' ? response.data : response.data == null ? '' : String(response.data);
  if (text.trim() === '')
    return { status: response.status, headers, data: undefined, text, malformed: false };
  try {
    return { status: response.status, headers, data: JSON.parse(text), text, malformed: false };
  } catch {
    return { status: response.status, headers, data: undefined, text, malformed: true };
  }
}

/** The common reading of a response no adapter understands (malformed body, unknown shape). */
export function malformedResponseError(
  vendor: Vendor,
  operation: string,
  raw: RawResponse,
  requestId?: string,
): VendorError {
  return new VendorError(`${vendor} ${operation}: the response was not valid JSON (HTTP ${raw.status})`, {
    vendor,
    operation,
    httpStatus: raw.status,
    requestId,
    // Gateways answer garbage on transient faults; starts are idempotent, so trying again is safe.
    retryable: true,
  });
}
