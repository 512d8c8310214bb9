// unirec benchmarks, against the embedded simulator on loopback. Prints numbers and ratios
// measured in this run; nothing here is asserted by the unit tests.
//   (a) a full lifecycle through unirec vs the same calls hand-written with axios: median, p95, ratio
//   (b) 200 concurrent starts against each vendor's published rate limit: 429-type errors, throughput
//   (c) Agora acquire → start gap: p50 / p99 (Agora wants start within 2 s of acquire)
//   (d) cold import() of each provider package vs axios alone (fresh processes, interleaved)
//   (e) min+gz size of each provider package bundled with its dependencies (esbuild), and axios alone
//   (f) the fleet on Redis: the coordinator's overhead per request, and 4 processes against Agora's 10/s
//       (scripts/bench/fleet.mjs; skipped when redis-server is missing)
// Usage: pnpm bench [--quick]
import { createRecordingProvider } from '../../packages/unirec/dist/index.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '../../packages/simulator/dist/index.js';
import { bundleSize } from './bundle-size.mjs';
import { coldImports } from './cold-import.mjs';
import { fleetBench } from './fleet.mjs';
import {
  fmt,
  handWrittenAgora,
  handWrittenJoCloud,
  handWrittenZego,
  neutralRequest,
  percentile,
} from './lib.mjs';

const quick = process.argv.includes('--quick');
const LIFECYCLES = quick ? 20 : 100;
const CONCURRENT_STARTS = quick ? 60 : 200;
const VENDORS = ['agora', 'zego', 'jocloud'];
const HAND_WRITTEN = { agora: handWrittenAgora, zego: handWrittenZego, jocloud: handWrittenJoCloud };
const PUBLISHED_START_LIMIT = { agora: 10, zego: 50, jocloud: 10 };
// requests one start sends: Agora acquire + start, ZEGO StartRecord
const REQUESTS_PER_START = { agora: 2, zego: 1, jocloud: 2 };

async function provider(vendor, simulator, extra = {}) {
  return createRecordingProvider({
    vendor,
    ...DEFAULT_SIMULATOR_CREDENTIALS[vendor],
    baseUrl: simulator.url,
    ...extra,
  });
}

async function lifecycleBench(vendor) {
  // Rate limits off on both sides: this measures the SDK's own overhead, not the vendor's pacing.
  const simulator = await startSimulator({ rateLimits: false });
  try {
    const p = await provider(vendor, simulator, { rateLimit: false });
    const sdk = [];
    const hand = [];
    for (let i = 0; i < LIFECYCLES + 5; i++) {
      const t0 = performance.now();
      const session = await p.start(neutralRequest(`bench-sdk-${vendor}-${i}`));
      await p.updateLayout(session, {
        regions: [
          { participant: '1002', x: 0, y: 0, width: 0.5, height: 1 },
          { participant: '1001', x: 0.5, y: 0, width: 0.5, height: 1 },
        ],
      });
      await p.query(session);
      await p.stop(session);
      const t1 = performance.now();
      await HAND_WRITTEN[vendor](
        simulator.url,
        DEFAULT_SIMULATOR_CREDENTIALS[vendor],
        `bench-hand-${vendor}-${i}`,
      );
      const t2 = performance.now();
      if (i >= 5) {
        sdk.push(t1 - t0);
        hand.push(t2 - t1);
      }
    }
    const row = (name, xs) =>
      `${name.padEnd(12)} median ${fmt(percentile(xs, 50)).padStart(9)}   p95 ${fmt(percentile(xs, 95)).padStart(9)}`;
    console.log(
      `(a) ${vendor}: full lifecycle (start → updateLayout → query → stop), ${LIFECYCLES} runs each, interleaved`,
    );
    console.log(`    ${row('unirec', sdk)}`);
    console.log(`    ${row('hand axios', hand)}`);
    console.log(
      `    ratio unirec / hand-written: median ${(percentile(sdk, 50) / percentile(hand, 50)).toFixed(2)}×, p95 ${(percentile(sdk, 95) / percentile(hand, 95)).toFixed(2)}×`,
    );
  } finally {
    await simulator.close();
  }
}

async function concurrencyBench(vendor) {
  const simulator = await startSimulator();
  const gaps = [];
  try {
    const p = await provider(vendor, simulator, {
      maxRetries: 0,
      hooks: {
        onRequest: (info) => {
          if (info.operation === 'acquire') info.__t = performance.now();
        },
      },
    });
    const t0 = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: CONCURRENT_STARTS }, (_, i) =>
        p.start(neutralRequest(`bench-conc-${vendor}-${i}`)),
      ),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const rateLimited = results.filter(
      (r) => r.status === 'rejected' && r.reason?.kind === 'rate_limit',
    ).length;
    const failed = results.filter((r) => r.status === 'rejected').length;
    const vendorRateLimitAnswers = simulator.requests.filter(
      (r) =>
        r.vendor === vendor && (r.status === 429 || /rate|frequent/i.test(JSON.stringify(r.response ?? ''))),
    ).length;
    const requests = CONCURRENT_STARTS * REQUESTS_PER_START[vendor];
    const limit = PUBLISHED_START_LIMIT[vendor];
    const throughput = requests / elapsed;
    console.log(
      `(b) ${vendor}: ${CONCURRENT_STARTS} concurrent starts (${requests} vendor requests) against the ${limit}/s limit`,
    );
    console.log(
      `    vendor rate-limit answers ${vendorRateLimitAnswers} (target 0), RateLimitError ${rateLimited}, other failures ${failed - rateLimited}`,
    );
    console.log(
      `    ${elapsed.toFixed(1)} s, ${throughput.toFixed(2)} req/s = ${(throughput / limit).toFixed(3)} of the limit (target ≥ 0.9)`,
    );
    if (vendor === 'agora') {
      const log = simulator.requests.filter((r) => r.vendor === 'agora');
      const acquiredAt = new Map();
      for (const r of log) {
        if (r.operation === 'acquire' && r.response?.resourceId) acquiredAt.set(r.response.resourceId, r.at);
        if (r.operation === 'start') {
          const rid = /resourceid\/([^/]+)/.exec(r.path)?.[1];
          if (rid && acquiredAt.has(rid)) gaps.push(r.at - acquiredAt.get(rid));
        }
      }
      console.log(
        `(c) agora acquire → start gap over ${gaps.length} starts under that load: p50 ${fmt(percentile(gaps, 50))}, p99 ${fmt(percentile(gaps, 99))}, max ${fmt(Math.max(...gaps))} (Agora's window: 2000 ms)`,
      );
    }
  } finally {
    await simulator.close();
  }
}

const PACKAGES = VENDORS.map((v) => `@unirec/${v}`);

function importBench() {
  const runs = quick ? 5 : 15;
  const medians = coldImports(PACKAGES, runs);
  console.log(
    `(d) cold import(), median of ${runs} fresh processes each, interleaved (target ≤ 1.25× axios)`,
  );
  console.log(`    axios alone        ${fmt(medians.axios)}`);
  for (const spec of PACKAGES) {
    console.log(
      `    ${spec.padEnd(18)} ${fmt(medians[spec])}   ratio ${(medians[spec] / medians.axios).toFixed(2)}×`,
    );
  }
}

async function sizeBench() {
  console.log('(e) bundled with every dependency, minified + gzip (target ≤ 150 KB)');
  for (const spec of ['axios', ...PACKAGES]) {
    const { minKb, gzKb } = await bundleSize(spec);
    console.log(
      `    ${spec.padEnd(18)} ${minKb.toFixed(0).padStart(5)} KB min   ${gzKb.toFixed(1).padStart(6)} KB min+gz`,
    );
  }
}

console.log(`unirec benchmarks (${quick ? 'quick' : 'full'}), node ${process.version}`);
for (const vendor of VENDORS) await lifecycleBench(vendor);
for (const vendor of VENDORS) await concurrencyBench(vendor);
importBench();
await sizeBench();
await fleetBench({ quick });
