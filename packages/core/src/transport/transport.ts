import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { abortError, sleep as abortableSleep } from '../abort.js';
import type { Coordinator } from '../coordination/types.js';
import { NetworkError, type RecordingError, TimeoutError, VendorError, isRecordingError } from '../errors.js';
import type { Vendor } from '../types.js';
import { Redactor } from './redact.js';
import type {
  Hooks,
  InterpretContext,
  Interpretation,
  Logger,
  RawResponse,
  RequestInfo,
  TransportRequest,
} from './types.js';

/** The shared budget a request draws from: `key` within the coordinator, at `requestsPerSecond`. */
export interface RateBudget {
  key: string;
  requestsPerSecond: number;
}

export interface TransportOptions {
  vendor: Vendor;
  /**
   * Hosts in fallback order. Attempts start on the first; a network failure or a timeout moves the
   * next attempt to the next host (Agora's documented domain fallback). One entry: no fallback.
   */
  baseUrls: string[];
  timeoutMs: number;
  maxRetries: number;
  /** where rate budgets live (the provider's coordinator); without it nothing is paced */
  coordinator?: Coordinator | undefined;
  /** the budget of a request (key and rate); undefined: not paced */
  budget?: ((request: TransportRequest) => RateBudget) | undefined;
  logger?: Logger | undefined;
  hooks?: Hooks | undefined;
  /** secret values scrubbed from every log line, hook payload and error */
  secrets: Array<string | undefined>;
  /** backoff: delay = min(maxDelayMs, baseDelayMs × 2^(attempt−1)) × a random factor in [0.75, 1] */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** header carrying the vendor's request id, if any (lower-case) */
  requestIdHeader?: string;
  httpAgent?: unknown;
  httpsAgent?: unknown;
  /** sleep, replaceable in tests */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Connection failures that happen before the request leaves this machine (it cannot have arrived). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_INVALID_URL',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Marks a NetworkError whose request never left this machine (connection refused, DNS). */
export const NOT_SENT = Symbol.for('unirec.transport.notSent');

/**
 * One axios instance per provider. Sends a request, lets the adapter's interpreter read the
 * response, and retries (exponential backoff with jitter, the vendor's Retry-After when longer)
 * when the resulting error says `retryable`: network errors, timeouts, 5xx and the vendor's "try
 * again" codes; never 4xx validation errors. Nothing is redacted, cloned or logged unless a logger
 * or a hook is there to see it.
 */
export class Transport {
  readonly redactor: Redactor;
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly observed: boolean;
  private hostIndex = 0;

  constructor(private readonly options: TransportOptions) {
    if (options.baseUrls.length === 0) throw new RangeError('at least one base URL is needed');
    this.redactor = new Redactor(options.secrets);
    this.sleep = options.sleep ?? ((ms, signal) => abortableSleep(ms, signal));
    this.observed = options.logger !== undefined || options.hooks !== undefined;
    this.http = axios.create({
      // Status and body are read by the interpreter; axios must neither throw on 4xx/5xx nor parse JSON.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      proxy: false,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    });
    // axios's instance holds defaults and interceptors: keep it out of util.inspect of the transport.
    Object.defineProperty(this, 'http', { enumerable: false });
    Object.defineProperty(this, 'options', { enumerable: false });
  }

  get baseUrl(): string {
    return this.options.baseUrls[this.hostIndex % this.options.baseUrls.length]!;
  }

  async send<T>(
    request: TransportRequest,
    interpret: (response: RawResponse, context: InterpretContext) => Interpretation<T>,
  ): Promise<T> {
    const { vendor } = this.options;
    const operation = request.operation;
    const maxRetries = request.maxRetries ?? this.options.maxRetries;
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    let redactor: Redactor | undefined;
    const redact = (): Redactor => {
      redactor ??= request.secrets?.length ? this.redactor.with(request.secrets) : this.redactor;
      return redactor;
    };
    const scrub = (text: string) => redact().string(text);
    const budget = this.options.coordinator && this.options.budget ? this.options.budget(request) : undefined;
    let hostIndex = this.hostIndex;
    // Once a committing request has been sent, the caller's signal no longer applies to it.
    let signal = request.signal;
    let mayHaveActed = false;
    // Serialised once, before anything is sent: a body that cannot be JSON is a bug of the caller, not a
    // network failure, and must never be retried or reported as possibly sent.
    let data: string | undefined;
    try {
      data = request.body === undefined ? undefined : JSON.stringify(request.body);
    } catch (caught) {
      const error = new VendorError(`${vendor} ${operation}: the request body cannot be sent as JSON`, {
        vendor,
        operation,
        cause: caught,
      });
      Object.defineProperty(error, NOT_SENT, { value: true });
      throw error;
    }

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal, { vendor, operation });
      if (budget) await this.acquire(budget, request, signal);
      const baseUrl = this.options.baseUrls[hostIndex % this.options.baseUrls.length]!;
      const query = typeof request.query === 'function' ? request.query() : request.query;
      const headers = typeof request.headers === 'function' ? request.headers() : (request.headers ?? {});
      const url = buildUrl(baseUrl, request.path, query);
      let info: RequestInfo | undefined;
      if (this.observed) {
        info = {
          vendor,
          operation,
          method: request.method,
          url: redact().url(url),
          headers: redact().value(headers),
          body: redact().value(request.body),
          attempt,
        };
        this.options.logger?.debug?.(`unirec ${vendor} ${operation} →`, { ...info });
        await this.callHook('onRequest', info);
      }

      const started = this.observed ? performance.now() : 0;
      const sentSignal = signal;
      if (request.commits) signal = undefined;
      let error: RecordingError;
      let networkFailure = false;
      try {
        const response = await this.http.request({
          url,
          method: request.method,
          headers,
          data,
          timeout: timeoutMs,
          signal: request.commits ? undefined : sentSignal,
        });
        const raw = toRawResponse(response);
        if (info) {
          const requestId = this.options.requestIdHeader
            ? raw.headers[this.options.requestIdHeader]
            : undefined;
          const responseInfo = {
            ...info,
            status: raw.status,
            requestId,
            durationMs: performance.now() - started,
            responseBody: redact().value(raw.data ?? raw.text),
          };
          this.options.logger?.debug?.(`unirec ${vendor} ${operation} ← ${raw.status}`, responseInfo);
          await this.callHook('onResponse', responseInfo);
        }
        let result: Interpretation<T>;
        try {
          result = interpret(raw, {
            scrub,
            attempt,
            earlierAttemptMayHaveActed: mayHaveActed,
          } satisfies InterpretContext);
        } catch (caught) {
          // A reading bug is not a network failure: the vendor answered, so the request is not sent again.
          result = {
            ok: false,
            error: new VendorError(
              `${vendor} ${operation}: the response could not be read (HTTP ${raw.status})`,
              {
                vendor,
                operation,
                httpStatus: raw.status,
                cause: caught,
              },
            ),
          };
        }
        if (result.ok) {
          this.hostIndex = hostIndex;
          return result.value;
        }
        error = result.error;
      } catch (caught) {
        if (sentSignal?.aborted && !request.commits) throw abortError(sentSignal, { vendor, operation });
        error = isRecordingError(caught)
          ? caught
          : this.toTransportError(caught, operation, timeoutMs, redact());
        networkFailure = error instanceof NetworkError || error instanceof TimeoutError;
      }

      if (!error.retryable || attempt > maxRetries) {
        this.options.logger?.warn?.(
          `unirec ${vendor} ${operation} failed: ${redact().string(error.message)}`,
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
      if (mayHaveBeenCarriedOut(error)) mayHaveActed = true;
      const delayMs = this.backoff(attempt, error.retryAfterMs);
      if (this.observed) {
        const nextBaseUrl = this.options.baseUrls[hostIndex % this.options.baseUrls.length]!;
        this.options.logger?.info?.(`unirec ${vendor} ${operation} retry ${attempt} in ${delayMs} ms`, {
          kind: error.kind,
          vendorCode: error.vendorCode,
          httpStatus: error.httpStatus,
          nextBaseUrl,
        });
        await this.callHook('onRetry', { vendor, operation, attempt, delayMs, error, nextBaseUrl });
      }
      try {
        await this.sleep(delayMs, signal);
      } catch {
        throw abortError(signal, { vendor, operation });
      }
    }
  }

  private async acquire(
    budget: RateBudget,
    request: TransportRequest,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    try {
      await this.options.coordinator!.acquire(
        budget.key,
        { requestsPerSecond: budget.requestsPerSecond },
        { signal, priority: request.priority },
      );
    } catch (caught) {
      if (signal?.aborted)
        throw abortError(signal, { vendor: this.options.vendor, operation: request.operation });
      if (isRecordingError(caught)) throw caught;
      throw new NetworkError(
        `${this.options.vendor} ${request.operation}: the rate-limit coordinator failed`,
        {
          vendor: this.options.vendor,
          operation: request.operation,
          cause: caught,
        },
      );
    }
  }

  /** A hook that throws must not break the call: its failure goes to the logger. */
  private async callHook<K extends keyof Hooks>(
    name: K,
    info: Parameters<NonNullable<Hooks[K]>>[0],
  ): Promise<void> {
    const hook = this.options.hooks?.[name] as ((i: typeof info) => void | Promise<void>) | undefined;
    if (!hook) return;
    try {
      await hook.call(this.options.hooks, info);
    } catch (error) {
      this.options.logger?.warn?.(
        `unirec hook ${name} threw: ${error instanceof Error ? error.name : 'error'}`,
      );
    }
  }

  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const base = this.options.baseDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 8_000;
    const exponential = Math.min(max, base * 2 ** (attempt - 1));
    const jittered = exponential * (0.75 + Math.random() * 0.25);
    return Math.round(Math.max(jittered, retryAfterMs ?? 0));
  }

  private toTransportError(
    caught: unknown,
    operation: string,
    timeoutMs: number,
    redactor: Redactor,
  ): RecordingError {
    const vendor = this.options.vendor;
    const code = (caught as { code?: unknown })?.code;
    const codeText = typeof code === 'string' ? code : undefined;
    const message = redactor.string(caught instanceof Error ? caught.message : String(caught));
    if (codeText === 'ECONNABORTED' || codeText === 'ETIMEDOUT' || /timeout/i.test(message)) {
      return new TimeoutError(`${vendor} ${operation} got no answer within ${timeoutMs} ms`, {
        vendor,
        operation,
      });
    }
    const error = new NetworkError(
      `${vendor} ${operation} failed on the network (${codeText ?? 'connection error'})`,
      {
        vendor,
        operation,
      },
    );
    if (codeText && NOT_SENT_CODES.has(codeText)) Object.defineProperty(error, NOT_SENT, { value: true });
    return error;
  }
}

/**
 * Whether the vendor may have carried out a request that failed this way: yes after a timeout or a
 * dropped connection once sent, an unreadable or unexpected 2xx, or a 5xx without a vendor code; no
 * after a refusal the vendor explained (a code, a 429, a 4xx).
 */
export function mayHaveBeenCarriedOut(error: RecordingError): boolean {
  if (wasNotSent(error)) return false;
  if (error.kind === 'timeout' || error.kind === 'network') return true;
  if (error.kind !== 'vendor' || error.vendorCode !== undefined) return false;
  const status = error.httpStatus;
  return status === undefined || (status >= 200 && status < 300) || status >= 500;
}

/** True when a request failed before it left this machine: the vendor cannot have acted on it. */
export function wasNotSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[NOT_SENT] === true;
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, string | number>): string {
  let url = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) + path : baseUrl + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) params.set(k, String(v));
    const search = params.toString();
    if (search) url += (url.includes('?') ? '&' : '?') + search;
  }
  return url;
}

function toRawResponse(response: AxiosResponse): RawResponse {
  // Lower-case names (interpreters look them up that way); list values (set-cookie) joined.
  const headers: Record<string, string> = {};
  const source = response.headers as Record<string, unknown> | undefined;
  if (source) {
    for (const k of Object.keys(source)) {
      const v = source[k];
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
      else if (Array.isArray(v)) headers[k.toLowerCase()] = v.join(', ');
      else if (v !== undefined && v !== null && typeof v !== 'function') headers[k.toLowerCase()] = String(v);
    }
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

/** The common reading of a response no interpreter understands (a body that is not JSON). */
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
