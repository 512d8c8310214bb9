import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isManualClock, systemClock } from './clock.js';
import { mergeCredentials, normalizeTimings, type Simulator, type SimulatorOptions } from './config.js';
import { AFTER_VENDOR_FAULTS, FaultRegistry, MALFORMED_JSON_BODY, type SimFault } from './faults.js';
import { bodyForLog, queryRecord, readBody, writeResponse } from './http-util.js';
import { RateLimiter } from './rate-limit.js';
import type {
  SimCallbacks,
  SimContext,
  SimRequest,
  SimRequestLog,
  SimResponse,
  SimSessionFilter,
  SimSessionView,
  SimTimings,
  SimVendor,
  VendorEmulator,
} from './types.js';
import { createEmulators } from './vendors/index.js';
import { WebhookDispatcher } from './webhooks.js';

export {
  DEFAULT_SIM_TIMINGS,
  DEFAULT_SIMULATOR_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
} from './config.js';

const clientGone = (req: http.IncomingMessage, res: http.ServerResponse): boolean =>
  res.destroyed || req.socket.destroyed;

function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, ...(headers ? { headers } : {}) };
}

/**
 * One node:http server on loopback in front of the vendor emulators: body cap, request log, fault
 * injection, ticking of time-driven state, webhook delivery. Never throws on bad input.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? systemClock;
  const credentials = mergeCredentials(options.credentials);
  const timings: SimTimings = normalizeTimings(options.timings);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const logLimit = options.requestLogLimit ?? 5_000;
  const callbacks: SimCallbacks = { ...options.callbacks };
  const emulators = options.emulators ?? createEmulators();
  const faults = new FaultRegistry();
  const limiter = new RateLimiter(clock, options.rateLimits ?? {});
  const dispatcher = new WebhookDispatcher();
  const requests: SimRequestLog[] = [];
  const waiters = new Set<() => void>();
  let closing = false;

  const ctx: SimContext = {
    clock,
    credentials,
    callbacks,
    timings,
    allow: (key, perSecond) => limiter.allow(key, perSecond),
    emitWebhook: (hook) => dispatcher.emit(hook),
  };

  const tickAll = (): void => {
    for (const emulator of emulators) tickOne(emulator);
  };
  const tickOne = (emulator: VendorEmulator): void => {
    try {
      emulator.tick?.(ctx);
    } catch {
      // A faulty emulator tick must not take the server down; its next request will show the problem.
    }
  };

  const listSessions = (filter: SimSessionFilter = {}): SimSessionView[] => {
    tickAll();
    const states = filter.state === undefined ? undefined : new Set([filter.state].flat());
    return emulators
      .filter((e) => filter.vendor === undefined || e.vendor === filter.vendor)
      .flatMap((e) => {
        try {
          return e.sessions();
        } catch {
          return [];
        }
      })
      .filter(
        (s) =>
          (filter.vendor === undefined || s.vendor === filter.vendor) &&
          (states === undefined || states.has(s.state)) &&
          (filter.active === undefined || s.active === filter.active) &&
          (filter.room === undefined || s.room === filter.room),
      );
  };

  const record = (entry: SimRequestLog): void => {
    requests.push(entry);
    if (requests.length > logLimit) requests.splice(0, requests.length - logLimit);
  };

  /**
   * Sleep that `close()` cuts short, and that ends early when `res`'s client goes away, so hung and
   * delayed requests never keep the process alive. `ms` undefined: until one of those happens.
   */
  const wait = (ms: number | undefined, res?: http.ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      const done = () => {
        waiters.delete(done);
        if (timer) clearTimeout(timer);
        res?.off('close', done);
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      waiters.add(done);
      res?.once('close', done);
    });

  const findEmulator = (req: SimRequest): VendorEmulator | undefined =>
    emulators.find((e) => {
      try {
        return e.matches(req);
      } catch {
        return false;
      }
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const rawPath = req.url ?? '/';
    let url: URL;
    try {
      // A fixed origin: a path like '//host/x' must stay a path, never become a host.
      url = new URL(`http://simulator.local${rawPath.startsWith('/') ? rawPath : `/${rawPath}`}`);
    } catch {
      writeResponse(res, json(400, { message: 'invalid request target' }));
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: SimRequest['headers'] = { ...req.headers };
    const logBase = { method, path: url.pathname, query: queryRecord(url), headers };

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      const response = json(
        413,
        { message: `request body over ${maxBodyBytes} bytes` },
        { connection: 'close' },
      );
      writeResponse(res, response);
      req.resume();
      record({
        ...logBase,
        vendor: 'unknown',
        operation: 'unknown',
        body: undefined,
        status: 413,
        response: response.body,
        at: clock.now(),
      });
      return;
    }
    let rawBody: Buffer;
    try {
      const read = await readBody(req, maxBodyBytes);
      if (read.tooLarge) {
        const response = json(413, { message: `request body over ${maxBodyBytes} bytes` });
        writeResponse(res, response);
        record({
          ...logBase,
          vendor: 'unknown',
          operation: 'unknown',
          body: undefined,
          status: 413,
          response: response.body,
          at: clock.now(),
        });
        return;
      }
      rawBody = read.body;
    } catch {
      return; // the client went away mid-body: nobody to answer
    }

    const simReq: SimRequest = { method, url, headers, rawBody };
    const emulator = findEmulator(simReq);
    const vendor: SimVendor | 'unknown' = emulator?.vendor ?? 'unknown';
    let operation = 'unknown';
    if (emulator) {
      try {
        operation = emulator.operationOf(simReq);
      } catch {
        operation = 'unknown';
      }
    }
    const logEntry = (status: number, response: unknown): SimRequestLog => ({
      ...logBase,
      vendor,
      operation,
      body: bodyForLog(rawBody),
      status,
      response,
      at: clock.now(),
    });

    const fault = faults.take(vendor, operation);
    const faultLog = (status: number, response: unknown): SimRequestLog => ({
      ...logEntry(status, response),
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (fault && !AFTER_VENDOR_FAULTS.has(fault.kind)) {
      const answered = await applyFaultBeforeVendor(fault, emulator, simReq, req, res, faultLog);
      if (answered) return;
    }

    let response: SimResponse;
    if (!emulator) {
      response = json(404, { message: `no simulated vendor API at ${method} ${url.pathname}` });
    } else {
      try {
        tickOne(emulator);
        response = await emulator.handle(simReq, ctx);
      } catch {
        response = json(500, { message: 'simulator internal error' });
      }
    }
    record(faultLog(response.status, response.body));
    if (fault?.kind === 'lost-response') {
      // The vendor acted; only its answer is lost on the way back.
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'late-response') {
      await wait(fault.delayMs, res);
      if (closing || clientGone(req, res)) {
        res.destroy();
        return;
      }
    }
    writeResponse(res, response);
  };

  /**
   * The faults that strike before the emulator sees the request. Returns true when the request has been
   * answered (or dropped); false when it should now be handled normally (`hang` with `delayMs`).
   */
  const applyFaultBeforeVendor = async (
    fault: SimFault,
    emulator: VendorEmulator | undefined,
    simReq: SimRequest,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    log: (status: number, response: unknown) => SimRequestLog,
  ): Promise<boolean> => {
    switch (fault.kind) {
      case 'reset':
        record(log(0, '<connection reset>'));
        req.socket.destroy();
        return true;
      case 'hang':
        if (fault.delayMs === undefined) {
          record(log(0, '<no answer>'));
          // Hold the request until the client gives up (socket closes) or the simulator closes.
          await wait(undefined, res);
          if (!res.writableEnded) res.destroy();
          return true;
        }
        await wait(fault.delayMs, res);
        // A client that gave up meanwhile never reached the vendor: nothing is processed.
        if (closing || clientGone(req, res)) {
          res.destroy();
          return true;
        }
        return false; // then answer normally: a slow vendor
      case 'http-5xx': {
        const status = fault.status ?? 503;
        const response = json(status, { message: `simulated HTTP ${status}` });
        writeResponse(res, response);
        record(log(status, response.body));
        return true;
      }
      case 'malformed-json':
        writeResponse(res, {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: MALFORMED_JSON_BODY,
        });
        record(log(200, MALFORMED_JSON_BODY));
        return true;
      case 'vendor-error': {
        let response: SimResponse;
        try {
          response = emulator
            ? emulator.errorResponse(fault.vendorCode ?? 0, simReq)
            : json(500, { message: `simulated vendor error ${String(fault.vendorCode)}` });
        } catch {
          response = json(500, { message: 'simulator could not build the vendor error' });
        }
        writeResponse(res, response);
        record(log(response.status, response.body));
        return true;
      }
      default:
        return false;
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) writeResponse(res, json(500, { message: 'simulator internal error' }));
    });
  });
  // Slow or stuck clients must not pin connections forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  tickAll(); // emulators learn the clock before the first request or test call
  const ticker = setInterval(tickAll, options.tickIntervalMs ?? 100);
  ticker.unref();

  const manual = isManualClock(clock) ? clock : undefined;

  const simulator: Simulator = {
    url: `http://${urlHost}:${port}`,
    port,
    credentials,
    clock,
    timings,
    requests,
    webhooks: dispatcher.log,
    clearRequests: () => {
      requests.length = 0;
    },
    sessions: (filter) => listSessions(filter),
    activeRecordings: (vendor) => listSessions({ ...(vendor ? { vendor } : {}), active: true }),
    injectFault: (fault) => faults.add(fault),
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    reset: () => {
      for (const e of emulators) e.reset();
      faults.clear();
      limiter.reset();
      requests.length = 0;
      dispatcher.log.length = 0;
    },
    tick: tickAll,
    webhooksIdle: () => dispatcher.idle(),
    close: async () => {
      if (closing) return;
      closing = true;
      clearInterval(ticker);
      for (const w of [...waiters]) w();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, dispatcher.close()]);
    },
  };
  if (manual) {
    simulator.advance = (ms: number) => {
      manual.advance(ms);
      tickAll();
    };
  }
  return simulator;
}
