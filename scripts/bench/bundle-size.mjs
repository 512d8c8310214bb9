// Size of each provider package bundled with everything it loads (its dependencies included),
// minified and gzipped, as an application bundler would ship it (esbuild, platform node, ESM).
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../packages/unirec/', import.meta.url));

export async function bundleSize(spec) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { minKb: bytes.length / 1024, gzKb: gzipSync(bytes, { level: 9 }).length / 1024 };
}
