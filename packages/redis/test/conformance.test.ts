import { randomUUID } from 'node:crypto';
import { runCoordinatorConformance } from '@unirec/conformance';
import { Cluster } from 'ioredis';
import { inject } from 'vitest';
import { createRedisCoordinator } from '../src/index.js';

// Every coordinator of a test gets its own prefix: tests share one server but no keys.
runCoordinatorConformance({
  name: 'redis (url)',
  create: () => createRedisCoordinator({ url: inject('redisUrl') }, { prefix: `t-${randomUUID()}` }),
  timingSlackMs: 60,
});

// The same contract through an app's ioredis Cluster client, on a cluster that enforces CROSSSLOT:
// proves every script keeps its keys in one hash slot.
runCoordinatorConformance({
  name: 'redis (cluster client)',
  create: () => {
    const url = new URL(inject('redisClusterUrl'));
    const client = new Cluster([{ host: url.hostname, port: Number(url.port) }], {
      enableOfflineQueue: false,
      redisOptions: { maxRetriesPerRequest: 0 },
    });
    const coordinator = createRedisCoordinator({ client }, { prefix: `t-${randomUUID()}` });
    const close = coordinator.close.bind(coordinator);
    // The app owns its client: the coordinator leaves it open, so the test quits it.
    coordinator.close = async () => {
      await close();
      await client.quit().catch(() => client.disconnect());
    };
    return coordinator;
  },
  timingSlackMs: 60,
});
