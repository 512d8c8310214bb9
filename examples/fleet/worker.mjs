// One app server of the fleet. It makes ONE coordinator on the shared Redis and hands it to every
// provider it creates: the rate budget of each vendor account, idempotent starts and the registry of
// running sessions are then shared with every other app server on that Redis (and prefix).
// fleet.mjs forks it and sends it jobs over the IPC channel; it answers each with { id, result }.
import {
  createAgoraProvider,
  createRedisCoordinator,
  createZegoProvider,
  reapExpiredSessions,
} from './unirec.mjs';

// From the parent: the Redis URL, the key prefix, the vendor host (the simulator) and credentials.
// An app reads these from its own configuration; env keeps them out of the process list.
const { env } = process;
const config = JSON.parse(env.UNIREC_FLEET_EXAMPLE);

const coordinator = createRedisCoordinator({ url: config.redisUrl }, { prefix: config.prefix });
const providers = {
  agora: createAgoraProvider({ ...config.agora, baseUrl: config.vendorUrl, coordinator }),
  zego: createZegoProvider({ ...config.zego, baseUrl: config.vendorUrl, coordinator }),
};

const brief = (error) => ({ kind: error?.kind ?? 'unknown', message: String(error?.message ?? error) });

const jobs = {
  /** all starts at once; each answer is a session or an error, never a throw */
  async start({ vendor, requests }) {
    return Promise.all(
      requests.map((request) =>
        providers[vendor].start(request).then(
          (session) => ({ room: session.room, handle: session.handle, sessionId: session.sessionId }),
          (error) => ({ room: request.room, error: brief(error) }),
        ),
      ),
    );
  },
  async stop({ vendor, handles }) {
    return Promise.all(
      handles.map((handle) =>
        providers[vendor].stop(handle).then(
          (result) => ({ handle, alreadyStopped: result.alreadyStopped }),
          (error) => ({ handle, error: brief(error) }),
        ),
      ),
    );
  },
  /** what an app runs on a timer: stop every registered session past its deadline, whoever started it */
  async reap({ nowMs }) {
    const { stopped, failed } = await reapExpiredSessions({ coordinator, providers, now: nowMs });
    return {
      stopped: stopped.map(({ session }) => ({
        vendor: session.vendor,
        room: session.room,
        handle: session.handle,
      })),
      failed: failed.map(({ session, error }) => ({ room: session.room, error: brief(error) })),
    };
  },
  async exit() {
    await coordinator.close();
    setImmediate(() => process.disconnect());
    return 'closed';
  },
};

process.on('message', async (job) => {
  try {
    process.send({ id: job.id, result: await jobs[job.kind](job) });
  } catch (error) {
    process.send({ id: job.id, error: brief(error) });
  }
});
// Connect before saying ready, so the first job does not pay for it.
await coordinator.claim(`ready:${process.pid}:${Date.now()}`, 1_000);
process.send({ ready: true });
