import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackDelivery {
  /** the request target as received (path and query, undecoded) */
  url: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface CallbackReceiver {
  /** loopback URL to configure as the callback URL */
  url: string;
  /** every delivery, in arrival order (clear with `received.length = 0`) */
  received: CallbackDelivery[];
  close(): Promise<void>;
}

/** A loopback HTTP server that records the webhooks the simulator delivers and answers 200. */
export async function startCallbackReceiver(path = '/'): Promise<CallbackReceiver> {
  const received: CallbackDelivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
