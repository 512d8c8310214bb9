// Recording callbacks of Agora (NCS), ZEGOCLOUD and JOCloud with node:http alone: no framework, no
// body parser. Run `node server.mjs` (environment in README.md); one JSON line per callback on stdout.
import { createServer } from 'node:http';
import {
  MAX_BODY_BYTES,
  afterAnswer,
  drainAndExit,
  env,
  log,
  routes,
  verify,
} from 'unirec-example-webhooks-shared';

// Receivers, verification and the work after the answer: ../shared/callbacks.mjs (the same in every example).

// ---- node:http -----------------------------------------------------------------------------------

const server = createServer((req, res) => {
  const vendor = routes.get((req.url ?? '').split('?')[0]);
  if (req.method !== 'POST' || vendor === undefined) {
    res.writeHead(404).end();
    return;
  }
  // The exact bytes: signatures are computed over them. Past the cap the rest is drained, not kept.
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const event = verify(vendor, Buffer.concat(chunks), req.headers, req.url);
    if (!event) {
      res.writeHead(401).end();
      return;
    }
    // Answer first: Agora resends what is not answered 200 within 10 s, ZEGO retries twice 5 s apart.
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    afterAnswer(event);
  });
});
// A sender that never finishes its body is cut off (the default is 300 s).
server.requestTimeout = 30_000;

server.listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  log({ listening: `http://${address}:${port}`, routes: [...routes.keys()] });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => drainAndExit(() => server.close()));
}
