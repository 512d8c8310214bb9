// The example runs from a clone of the repository after `pnpm install && pnpm build`, with nothing
// else installed, so it imports the workspace's built packages by path. In your app these are
// the package names: '@unirec/redis', '@unirec/agora', '@unirec/zego', '@unirec/core'
// (and '@unirec/simulator' in tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['core', 'agora', 'zego', 'redis', 'simulator'];
const missing = PACKAGES.filter(
  (name) => !existsSync(fileURLToPath(new URL(`../../packages/${name}/dist/index.js`, import.meta.url))),
);
if (missing.length > 0) {
  console.error(
    `examples/fleet: build the packages first (${missing.map((n) => `@unirec/${n}`).join(', ')} not built):\n` +
      '  pnpm install && pnpm build        # at the repository root',
  );
  process.exit(1);
}

// Loaded after the check above (static imports would fail first, with a less helpful message).
const dist = (name) => import(`../../packages/${name}/dist/index.js`);
export const { createRedisCoordinator } = await dist('redis');
export const { createAgoraProvider } = await dist('agora');
export const { createZegoProvider } = await dist('zego');
export const { reapExpiredSessions } = await dist('core');
export const { startSimulator } = await dist('simulator');
