import { defineConfig } from 'tsup';

// zod/mini is bundled and tree-shaken (see packages/core/tsup.config.ts): a cold import reads a few
// files, and only the schema code this vendor uses ships.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  noExternal: ['zod'],
});
