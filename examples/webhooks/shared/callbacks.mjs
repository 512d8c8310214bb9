// The part every example server shares: the receivers from the environment, verification, and the
// work done after answering (de-duplication, matching to stored handles, ZEGO confirmation). Each
// server (node-http, express, fastify) only gets the raw body to `verify` and answers.
import { readFileSync } from 'node:fs';
import { createAgoraWebhookReceiver } from '@unirec/agora';
import { createMemoryCoordinator, dedupeEvent, describeHandle, isErrorKind } from '@unirec/core';
import { createJoCloudWebhookReceiver } from '@unirec/jocloud';
import { createZegoProvider, createZegoWebhookReceiver } from '@unirec/zego';

export const env = process.env;
/** The receivers' own default; the server stops buffering at the same size. */
export const MAX_BODY_BYTES = 1024 * 1024;

// ---- configuration (the same in every example) -------------------------------------------------

// One process: in memory. A fleet shares createRedisCoordinator() from @unirec/redis, so a callback
// resent to another instance is still recognised as a duplicate.
export const coordinator = createMemoryCoordinator();
const receivers = {};
let zego;
try {
  if (env.UNIREC_AGORA_WEBHOOK_SECRET) {
    receivers.agora = createAgoraWebhookReceiver({
      secret: env.UNIREC_AGORA_WEBHOOK_SECRET,
      maxBodyBytes: MAX_BODY_BYTES,
    });
  }
  if (env.UNIREC_ZEGO_CALLBACK_SECRET) {
    receivers.zego = createZegoWebhookReceiver({
      callbackSecret: env.UNIREC_ZEGO_CALLBACK_SECRET,
      maxBodyBytes: MAX_BODY_BYTES,
    });
    // ZEGO's signature does not cover the body: a file event is confirmed with ZEGO's API before use.
    zego = createZegoProvider({
      appId: Number(env.UNIREC_ZEGO_APP_ID),
      serverSecret: env.UNIREC_ZEGO_SERVER_SECRET,
      coordinator,
      ...(env.UNIREC_BASE_URL ? { baseUrl: env.UNIREC_BASE_URL } : {}),
    });
  }
  if (env.UNIREC_JOCLOUD_WEBHOOK_TOKEN) {
    receivers.jocloud = createJoCloudWebhookReceiver({
      token: env.UNIREC_JOCLOUD_WEBHOOK_TOKEN,
      maxBodyBytes: MAX_BODY_BYTES,
      ...(env.UNIREC_JOCLOUD_APP_ID ? { appId: Number(env.UNIREC_JOCLOUD_APP_ID) } : {}),
    });
  }
} catch (error) {
  console.error(`configuration: ${error.message}`);
  process.exit(1);
}
export const routes = new Map(Object.keys(receivers).map((vendor) => [`/webhooks/${vendor}`, vendor]));
if (routes.size === 0) {
  console.error(
    'set at least one of UNIREC_AGORA_WEBHOOK_SECRET, UNIREC_ZEGO_CALLBACK_SECRET, UNIREC_JOCLOUD_WEBHOOK_TOKEN',
  );
  process.exit(1);
}

// ---- verify, answer, then work (the same in every example) --------------------------------------

/** One JSON line per callback. Never log the request URL: JOCloud's token is in its query. */
export function log(line) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}

/** The verified event, or undefined (the reason goes to the log, never to the sender). */
export function verify(vendor, rawBody, headers, requestUrl) {
  try {
    return receivers[vendor].receive(rawBody, headers, requestUrl);
  } catch (error) {
    if (!isErrorKind(error, 'webhook_verification')) throw error;
    log({ webhook: 'refused', vendor, reason: error.message });
    return undefined;
  }
}

/**
 * Stand-in for your database: HANDLES_FILE holds the `session.handle` of every recording this app
 * started, one per line. An app that stores only handles finds the recording of an event with
 * describeHandle; one that also stores `session.sessionId` in a column looks it up by that instead.
 */
function findRecording(event) {
  if (!env.HANDLES_FILE || !event.sessionId) return undefined;
  let lines;
  try {
    lines = readFileSync(env.HANDLES_FILE, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  for (const line of lines) {
    const handle = line.trim();
    if (!handle) continue;
    let stored;
    try {
      stored = describeHandle(handle);
    } catch {
      continue; // not a unirec handle
    }
    const sameRoom = event.room === undefined || event.room === stored.room;
    if (stored.vendor === event.vendor && stored.sessionId === event.sessionId && sameRoom) return handle;
  }
  return undefined;
}

/** What the app does with an event of one of its recordings (here: says it). */
function actionFor(event) {
  if (event.type === 'recording.file_uploaded') return 'store files';
  if (event.type === 'recording.stopped' || event.type === 'recording.failed') return 'mark ended';
  if (event.type === 'recording.started') return 'mark recording';
  return 'none';
}

async function handleEvent(event) {
  const { vendor, eventId } = event;
  // Vendors deliver at least once (a lost answer, a slow one): a redelivery is dropped here.
  if (!(await dedupeEvent(coordinator, event))) return log({ webhook: 'duplicate', vendor, eventId });
  const handle = findRecording(event);
  if (!handle) {
    return log({ webhook: 'unmatched', vendor, eventId, type: event.type, sessionId: event.sessionId });
  }
  let confirmed = event;
  if (vendor === 'zego' && event.files) {
    try {
      confirmed = await zego.confirmEvent(event); // ZEGO's own state and files replace the callback's
    } catch (error) {
      if (!isErrorKind(error, 'webhook_verification')) throw error;
      return log({ webhook: 'unconfirmed', vendor, eventId, reason: error.message });
    }
  }
  log({
    webhook: 'handled',
    vendor,
    eventId,
    type: confirmed.type,
    state: confirmed.state,
    room: confirmed.room,
    sessionId: confirmed.sessionId,
    handle,
    confirmed: confirmed !== event,
    files: confirmed.files?.map((file) => file.url ?? file.name),
    action: actionFor(confirmed),
  });
}

/** Runs the work after the answer has gone out, and keeps track of it for a clean shutdown. */
export const inFlight = new Set();
export function afterAnswer(event) {
  const work = handleEvent(event).catch((error) =>
    log({ webhook: 'failed', vendor: event.vendor, eventId: event.eventId, reason: error.message }),
  );
  inFlight.add(work);
  work.finally(() => inFlight.delete(work));
}

/** Stops after the work already answered for has finished: the vendor will not send it again. */
export function drainAndExit(close) {
  close();
  Promise.allSettled([...inFlight])
    .then(() => coordinator.close())
    .finally(() => process.exit(0));
}
