import { defineConfig } from 'tsup';

// zod comes from @unirec/core/adapter (`z`): core's one bundled, tree-shaken copy serves every vendor.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
