import { defineConfig } from 'tsup';

// zod (zod/mini) and crypto-js's MD5 are bundled and tree-shaken: only the parts unirec uses are
// shipped, and loading @unirec/core reads a few files instead of zod's hundreds (cold import time).
// Three entries: the application API, the adapter toolkit, and MD5 (loaded only by vendors needing it).
export default defineConfig({
  entry: { index: 'src/index.ts', adapter: 'src/adapter/index.ts', md5: 'src/crypto-md5.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  noExternal: ['zod', 'crypto-js'],
});
