// Renders the pictures of docs/layouts.md with `unirec layout preview` (the built CLI, so the very
// renderer users run: the core layout engine's regions, drawn by packages/unirec/src/layout-preview-svg.ts).
// Build first (pnpm exec turbo run build --filter unirec...), then run: node scripts/render-layouts.mjs
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/unirec/dist/cli.js');
if (!existsSync(cli)) {
  console.error(`${cli} is missing: build first (pnpm exec turbo run build --filter unirec...)`);
  process.exit(1);
}

const names = (n, prefix) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`).join(',');

/** The neutral geometry of each preset (no vendor panels: --vendors none). */
const presets = [
  ['grid', 1],
  ['grid', 2],
  ['grid', 3],
  ['grid', 4],
  ['grid', 5],
  ['grid', 7],
  ['grid', 9],
  ['speaker', 2],
  ['speaker', 4],
  ['speaker', 7],
  ['pip', 2],
  ['pip', 4],
  ['pip', 6],
].map(([preset, n]) => ({
  out: `docs/layouts/${preset}-${n}.svg`,
  args: ['--layout', preset, '--participants', names(n, 'P'), '--focus', 'P1', '--vendors', 'none'],
}));

/** One side-by-side picture: what each vendor of the registry receives (numeric ids: Agora uids). */
const vendors = {
  out: 'docs/layouts/vendors-speaker-4.svg',
  args: ['--layout', 'speaker', '--participants', '1001,1002,1003,1004', '--focus', '1002'],
};

await Promise.all(
  [...presets, vendors].map(({ out, args }) =>
    run(process.execPath, [cli, 'layout', 'preview', ...args, '--out', join(root, out)]),
  ),
);
console.log(`rendered ${presets.length + 1} pictures to docs/layouts/`);
