// Recording callbacks of Agora (NCS), ZEGOCLOUD and JOCloud with Express 5. Run `node server.mjs`
// (environment in README.md); one JSON line per callback on stdout.
import express from 'express';
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

// ---- Express -------------------------------------------------------------------------------------

const app = express();
app.disable('x-powered-by');

// The webhook routes get the body as bytes (a Buffer), whatever its Content-Type: a signature is over
// the exact bytes, which express.json() would replace with an object. Mount express.json() for the
// rest of your app after these routes or on its own paths, never in front of them.
const rawBody = express.raw({ type: '*/*', limit: MAX_BODY_BYTES });
for (const [path, vendor] of routes) {
  app.post(path, rawBody, (req, res) => {
    // originalUrl: path and query as received (req.url loses the mount path inside a Router).
    const event = verify(vendor, req.body, req.headers, req.originalUrl);
    if (!event) {
      res.sendStatus(401);
      return;
    }
    // Answer first: Agora resends what is not answered 200 within 10 s, ZEGO retries twice 5 s apart.
    res.sendStatus(200);
    afterAnswer(event);
  });
}
app.use(express.json());

// Body errors (413 too large, 400 aborted) answer their status and nothing else: no stack trace.
app.use((error, _req, res, _next) => {
  res.sendStatus(Number.isInteger(error.status) && error.status >= 400 ? error.status : 500);
});

const server = app.listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', (error) => {
  if (error) {
    console.error(`listen: ${error.message}`);
    process.exit(1);
  }
  const { address, port } = server.address();
  log({ listening: `http://${address}:${port}`, routes: [...routes.keys()] });
});
// A sender that never finishes its body is cut off (the default is 300 s).
server.requestTimeout = 30_000;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => drainAndExit(() => server.close()));
}
