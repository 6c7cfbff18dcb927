// Runtime micro-benchmarks at parallelism 1 and 2: events/s (steady state, after deployment) and peak RSS.
// Usage: npm run bench:runtime [-- --records N --only map-filter,window-count,keyed-state --runs 3]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const runs = Number(arg('runs', 3));
const only = arg('only', 'map-filter,window-count,keyed-state').split(',');
const cases = [
  { name: 'map-filter', file: 'map-filter.ts', records: Number(arg('records', 50_000_000)) },
  { name: 'window-count', file: 'window-count.ts', records: Number(arg('records', 20_000_000)) },
  {
    name: 'keyed-state',
    file: 'keyed-state.ts',
    records: Number(arg('records', 10_000_000)),
    env: { BENCH_KEYS: '1000000' },
  },
].filter((c) => only.includes(c.name));

const results = [];
for (const c of cases) {
  for (const p of [1, 2]) {
    const samples = [];
    for (let r = 0; r < runs; r++) {
      const out = spawnSync(
        process.execPath,
        [join(root, 'packages/cli/dist/bin.js'), 'run', join(import.meta.dirname, c.file), '-p', String(p), '-q'],
        {
          env: { ...process.env, BENCH_RECORDS: String(c.records), ...(c.env ?? {}) },
          encoding: 'utf8',
        },
      );
      const line = out.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      if (out.status !== 0 || !line) {
        console.error(`${c.name} p=${p} failed:\n${out.stderr}`);
        process.exit(1);
      }
      samples.push(JSON.parse(line));
    }
    const best = samples.reduce((a, b) => (a.runningMs <= b.runningMs ? a : b));
    const eps = (c.records / best.runningMs) * 1000;
    results.push({
      bench: c.name,
      parallelism: p,
      records: c.records,
      runningMs: best.runningMs,
      eventsPerSec: Math.round(eps),
      eventsPerSecPerCore: Math.round(eps / p),
      peakRssMb: Math.round(Math.max(...samples.map((s) => s.maxRssMb))),
    });
  }
}
const table = [
  '| benchmark | p | records | time (s) | events/s | events/s per core | p2/p1 | peak RSS (MB) |',
  '|---|---|---|---|---|---|---|---|',
];
for (const r of results) {
  const p1 = results.find((x) => x.bench === r.bench && x.parallelism === 1);
  const speedup = r.parallelism === 2 && p1 ? (r.eventsPerSec / p1.eventsPerSec).toFixed(2) : '';
  table.push(
    `| ${r.bench} | ${r.parallelism} | ${r.records.toLocaleString('en-US')} | ${(r.runningMs / 1000).toFixed(2)} | ${r.eventsPerSec.toLocaleString('en-US')} | ${r.eventsPerSecPerCore.toLocaleString('en-US')} | ${speedup} | ${r.peakRssMb} |`,
  );
}
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, best of ${runs} runs`);
console.log(table.join('\n'));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/runtime.json'),
  JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
);
