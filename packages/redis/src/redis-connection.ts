import {
  AuthenticationError,
  NetworkError,
  type RecordingError,
  Redactor,
  TimeoutError,
  VendorError,
  coordinatorClosedError,
  isRecordingError,
} from '@unirec/core/adapter';
import type { LuaScript } from './redis-scripts.js';

/**
 * What the coordinator needs of a Redis client: an ioredis `Redis` or `Cluster` (v5 or v6) fits.
 * Typed by shape, not by class, so an app's own ioredis copy is accepted.
 */
export interface RedisClientLike {
  /** ioredis connection status: 'wait' | 'connecting' | 'connect' | 'ready' | 'reconnecting' | 'close' | 'end' … */
  readonly status: string;
  call(command: string, args: Array<string | number>): Promise<unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
  connect?(): Promise<unknown>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/**
 * One client and the rules every round trip follows: it waits for the connection only while one is
 * being made, fails fast with NetworkError while Redis is known to be unreachable, never takes longer
 * than `timeoutMs` (TimeoutError), and turns every failure into a unirec error whose message names
 * Redis and never holds the URL or its password.
 */
export class RedisConnection {
  readonly #client: RedisClientLike;
  readonly #owned: boolean;
  readonly #timeoutMs: number;
  readonly #where: string;
  readonly #redactor: Redactor;
  /** set by a connection error, cleared when the connection is ready again */
  #lastError: Error | undefined;
  #closed = false;
  /** the one wait for the connection that every call made meanwhile shares */
  #connecting: { promise: Promise<void>; cancel: () => void } | undefined;
  readonly #onError = (error: Error) => {
    this.#lastError = error;
  };
  readonly #onReady = () => {
    this.#lastError = undefined;
  };

  constructor(
    client: RedisClientLike,
    options: { owned: boolean; timeoutMs: number; where: string; secrets: string[] },
  ) {
    this.#client = client;
    this.#owned = options.owned;
    this.#timeoutMs = options.timeoutMs;
    this.#where = options.where;
    this.#redactor = new Redactor(options.secrets);
    client.on('error', this.#onError);
    client.on('ready', this.#onReady);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs one command within `timeoutMs` (connection wait included). */
  async command(operation: string, command: string, args: Array<string | number>): Promise<unknown> {
    const deadline = performance.now() + this.#timeoutMs;
    await this.#ready(operation, deadline);
    return this.#withDeadline(operation, deadline, this.#client.call(command, args));
  }

  /** Runs a script by its SHA-1, loading it with EVAL when the server does not have it yet. */
  async script(
    operation: string,
    script: LuaScript,
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    const deadline = performance.now() + this.#timeoutMs;
    await this.#ready(operation, deadline);
    const rest = [keys.length, ...keys, ...args];
    const client = this.#client;
    const run = async () => {
      try {
        return await client.call('EVALSHA', [script.sha1, ...rest]);
      } catch (error) {
        // First use on this server (or after a restart / SCRIPT FLUSH): send the source once.
        if (!isNoScript(error)) throw error;
        return client.call('EVAL', [script.source, ...rest]);
      }
    };
    return this.#withDeadline(operation, deadline, run());
  }

  /** Quits the client if this connection created it; an app's own client is left connected. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connecting?.cancel();
    this.#client.off('error', this.#onError);
    this.#client.off('ready', this.#onReady);
    if (!this.#owned) return;
    // Swallow errors: a client that cannot say goodbye is dropped instead.
    this.#client.on('error', () => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quit = this.#client.quit().then(
      () => true,
      () => false,
    );
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.#timeoutMs);
    });
    const polite = await Promise.race([quit, timedOut]);
    clearTimeout(timer);
    if (!polite) this.#client.disconnect();
  }

  /** Maps anything thrown by a round trip to a unirec error naming Redis (and never the URL). */
  toError(operation: string, error: unknown): RecordingError {
    if (isRecordingError(error)) return error;
    if (this.#closed) return coordinatorClosedError(operation);
    const raw = error instanceof Error ? error : new Error(String(error));
    const detail = this.#redactor.string(firstLine(raw.message));
    const cause = new Error(detail);
    cause.name = raw.name;
    const code = (raw as { code?: unknown }).code;
    if (raw.name === 'ReplyError') {
      if (/^(NOAUTH|WRONGPASS|NOPERM)/.test(detail)) {
        return new AuthenticationError(
          `Redis ${this.#where} refused the credentials (${detail.split(' ')[0]})`,
          {
            operation,
            cause,
          },
        );
      }
      const retryable = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY)/.test(detail);
      return new VendorError(`Redis ${this.#where} answered an error: ${detail}`, {
        operation,
        cause,
        retryable,
      });
    }
    const why =
      typeof code === 'string'
        ? code
        : raw.name === 'MaxRetriesPerRequestError' || /connection is closed/i.test(detail)
          ? 'the connection was lost'
          : detail;
    return new NetworkError(`Redis ${this.#where} is unreachable (${why})`, { operation, cause });
  }

  async #ready(operation: string, deadline: number): Promise<void> {
    if (this.#closed) throw coordinatorClosedError(operation);
    const client = this.#client;
    if (client.status === 'ready') return;
    if (client.status === 'end') {
      throw new NetworkError(`Redis ${this.#where} is unreachable (the client connection has ended)`, {
        operation,
      });
    }
    if (this.#lastError) throw this.toError(operation, this.#lastError);
    if (client.status === 'wait' && client.connect) client.connect().catch(() => {});
    // A connection is being made: wait for it (one shared wait, however many calls), but no longer
    // than the deadline, and give up at its first error (later calls fail fast until it is ready).
    this.#connecting ??= this.#waitForConnection();
    const connecting = this.#connecting;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.#timeoutError(operation, 'to connect')),
        Math.max(0, deadline - performance.now()),
      );
    });
    try {
      await Promise.race([connecting.promise, late]);
    } catch (error) {
      throw this.toError(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  #waitForConnection(): { promise: Promise<void>; cancel: () => void } {
    const client = this.#client;
    let cancel = () => {};
    const promise = new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        client.off('ready', onReady);
        client.off('error', onError);
        if (this.#connecting?.promise === promise) this.#connecting = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => done();
      const onError = (error: Error) => done(error);
      cancel = () => done(new Error('closed'));
      client.on('ready', onReady);
      client.on('error', onError);
    });
    promise.catch(() => {});
    return { promise, cancel: () => cancel() };
  }

  async #withDeadline<T>(operation: string, deadline: number, work: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.#timeoutError(operation, 'to answer')),
        Math.max(0, deadline - performance.now()),
      );
    });
    try {
      return await Promise.race([work, late]);
    } catch (error) {
      throw this.toError(operation, error);
    } finally {
      clearTimeout(timer);
      // The losing promise must not become an unhandled rejection.
      work.catch(() => {});
    }
  }

  #timeoutError(operation: string, what: string): TimeoutError {
    return new TimeoutError(`Redis ${this.#where} took longer than ${this.#timeoutMs} ms ${what}`, {
      operation,
    });
  }

  /** Never shows the client (its options hold the password). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `RedisConnection { ${this.#where}, owned: ${this.#owned}, closed: ${this.#closed} }`;
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
