// Cold import time of each provider package against axios alone, each in a fresh node process, runs
// interleaved so machine noise hits both sides alike. What is timed: `await import(spec)` inside the
// process (node's own start-up is the same for both and is left out).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './lib.mjs';

// A package directory that resolves every provider package and axios.
const CWD = fileURLToPath(new URL('../../packages/unirec/', import.meta.url));

function importMs(spec) {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t0));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: CWD,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`import of ${spec} failed: ${run.stderr}`);
  return Number(run.stdout);
}

/** Median cold-import time of each spec and of axios, over `runs` interleaved fresh processes. */
export function coldImports(specs, runs) {
  const times = { axios: [] };
  for (const spec of specs) times[spec] = [];
  for (let i = 0; i < runs + 2; i++) {
    for (const spec of ['axios', ...specs]) {
      const ms = importMs(spec);
      if (i >= 2) times[spec].push(ms); // the first rounds warm the file-system cache
    }
  }
  return Object.fromEntries(Object.entries(times).map(([spec, xs]) => [spec, percentile(xs, 50)]));
}
