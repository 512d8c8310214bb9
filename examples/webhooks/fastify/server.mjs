// Recording callbacks of Agora (NCS), ZEGOCLOUD and JOCloud with Fastify 5. Run `node server.mjs`
// (environment in README.md); one JSON line per callback on stdout.
import Fastify from 'fastify';
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

// ---- Fastify -------------------------------------------------------------------------------------

// No request logger: Fastify's would write each request URL, and JOCloud's token is in its query. If
// you turn it on, give it a `req` serializer that drops the query string.
// A sender that never finishes its body is cut off after requestTimeout (Node's default is 300 s).
const app = Fastify({ bodyLimit: MAX_BODY_BYTES, requestTimeout: 30_000, logger: false });

// In their own plugin (encapsulated), the webhook routes get the body as a Buffer whatever its
// Content-Type: a signature is over the exact bytes, which the default JSON parser would replace with
// an object. The rest of the app keeps Fastify's parsers.
app.register(async (webhooks) => {
  webhooks.removeAllContentTypeParsers();
  webhooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  for (const [path, vendor] of routes) {
    webhooks.post(path, (request, reply) => {
      // request.url: path and query as received.
      const event = verify(vendor, request.body, request.headers, request.url);
      if (!event) {
        reply.code(401).send();
        return;
      }
      // Answer first: Agora resends what is not answered 200 within 10 s, ZEGO retries twice 5 s apart.
      reply.code(200).send('ok');
      afterAnswer(event);
    });
  }
});

try {
  const url = await app.listen({ port: Number(env.PORT ?? 3000), host: env.HOST ?? '127.0.0.1' });
  log({ listening: url, routes: [...routes.keys()] });
} catch (error) {
  console.error(`listen: ${error.message}`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => drainAndExit(() => app.close()));
}
