import http from 'node:http';
import type { SimWebhook } from './types.js';

/** One webhook delivery, kept for inspection (`simulator.webhooks`). */
export interface SimWebhookDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** 'pending' while attempts remain; 'refused' for non-loopback URLs (never sent) */
  state: 'pending' | 'delivered' | 'failed' | 'refused';
  attempts: number;
  /** HTTP status of the last attempt */
  status?: number;
  error?: string;
}

export interface WebhookDispatcherOptions {
  /** delays before each retry, ms (default [100, 300]: two retries) */
  retryDelaysMs?: number[];
  /** per-attempt timeout, ms */
  timeoutMs?: number;
  /** how many deliveries the log keeps */
  logLimit?: number;
}

/**
 * The path and query exactly as the URL was written (no re-encoding by the URL parser), so a receiver
 * that checks e.g. `?token=…` sees its own bytes; the fragment is never sent.
 */
export function requestTarget(url: string): string {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/s, '');
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Fire-and-forget webhook delivery with a couple of retries. Deliberately loopback-only: the simulator
 * is a local test fixture and must never send (signed) traffic to the internet.
 */
export class WebhookDispatcher {
  readonly log: SimWebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly sockets = new Set<http.ClientRequest>();
  private closed = false;
  private readonly retryDelaysMs: number[];
  private readonly timeoutMs: number;
  private readonly logLimit: number;

  constructor(options: WebhookDispatcherOptions = {}) {
    this.retryDelaysMs = options.retryDelaysMs ?? [100, 300];
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.logLimit = options.logLimit ?? 1_000;
  }

  emit(hook: SimWebhook): void {
    const delivery: SimWebhookDelivery = {
      ...hook,
      headers: { ...hook.headers },
      state: 'pending',
      attempts: 0,
    };
    this.log.push(delivery);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    let target: URL;
    try {
      target = new URL(hook.url);
    } catch {
      delivery.state = 'refused';
      delivery.error = 'invalid URL';
      return;
    }
    if (target.protocol !== 'http:' || !LOOPBACK_HOSTS.has(target.hostname)) {
      delivery.state = 'refused';
      delivery.error = 'only http:// loopback URLs are delivered';
      return;
    }
    if (this.closed) {
      delivery.state = 'failed';
      delivery.error = 'simulator closed';
      return;
    }
    const run = this.deliver(target, delivery).catch(() => undefined);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Wait (briefly) for in-flight deliveries, then abort whatever is left. */
  async close(graceMs = 1_000): Promise<void> {
    this.closed = true;
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
      if (timer) clearTimeout(timer);
    }
    // Wake sleeping retries so their loops see `closed` and finish.
    for (const [t, wake] of this.timers) {
      clearTimeout(t);
      wake();
    }
    this.timers.clear();
    for (const r of this.sockets) r.destroy();
    this.sockets.clear();
  }

  /** Resolves once every pending delivery has finished (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(target: URL, delivery: SimWebhookDelivery): Promise<void> {
    const attempts = this.retryDelaysMs.length + 1;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) {
        await this.sleep(this.retryDelaysMs[i - 1] ?? 0);
        if (this.closed) break;
      }
      delivery.attempts = i + 1;
      try {
        const status = await this.post(target, delivery);
        delivery.status = status;
        if (status >= 200 && status < 300) {
          delivery.state = 'delivered';
          delete delivery.error;
          return;
        }
        delivery.error = `HTTP ${status}`;
      } catch (err) {
        delivery.error = err instanceof Error ? err.message : String(err);
      }
    }
    delivery.state = 'failed';
  }

  private post(target: URL, delivery: SimWebhookDelivery): Promise<number> {
    return new Promise((resolve, reject) => {
      const body = Buffer.from(delivery.body, 'utf8');
      const req = http.request(
        {
          hostname: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port || 80,
          path: requestTarget(delivery.url),
          method: 'POST',
          headers: { 'content-type': 'application/json', ...delivery.headers, 'content-length': body.length },
          timeout: this.timeoutMs,
        },
        (res) => {
          res.resume(); // the answer body is irrelevant; drain it so the socket is freed
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      this.sockets.add(req);
      req.on('close', () => this.sockets.delete(req));
      req.on('timeout', () => req.destroy(new Error('webhook delivery timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }
}
