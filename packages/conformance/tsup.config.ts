import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // vitest and nock must be the test run's own instances.
  external: ['vitest', 'nock', '@unirec/core', '@unirec/simulator'],
});
