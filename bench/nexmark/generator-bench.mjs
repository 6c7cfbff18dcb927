// Nexmark generator throughput on one core: events/s of the bare generator and of the source reader (batches
// through ReaderOutput), not rate limited. Usage: npm run build && node bench/nexmark/generator-bench.mjs [--events N] [--runs R]
import {
  GeneratorConfig,
  NexmarkEventGenerator,
  NexmarkSource,
  resolveNexmarkConfig,
} from '../../packages/connectors/dist/index.js';
import { OperatorMetrics } from '../../packages/runtime/dist/index.js';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const events = arg('events', 10_000_000);
const runs = arg('runs', 3);

function bare() {
  const gc = new GeneratorConfig(resolveNexmarkConfig({ 'events.num': events }), 1);
  const gen = new NexmarkEventGenerator(gc);
  const [range] = gc.split(1);
  let bytes = 0;
  const t0 = performance.now();
  for (let k = 0; k < events; k++) {
    const e = gen.event(range.firstEventId, k);
    bytes += e.event_type; // keep the event alive
  }
  return { ms: performance.now() - t0, check: bytes };
}

function reader() {
  const source = new NexmarkSource({ 'events.num': events });
  const r = source.createReader({
    subtaskIndex: 0,
    parallelism: 1,
    operatorName: 'nexmark',
    metrics: new OperatorMetrics(),
    batchSize: 1024,
    requestRun: () => {},
  });
  r.addSplits(source.createSplits(1));
  let count = 0;
  const out = { collect: () => void count++ };
  const t0 = performance.now();
  while (r.pollNext(out) !== 2);
  return { ms: performance.now() - t0, check: count };
}

const results = {};
for (const [name, fn] of [
  ['generator', bare],
  ['source-reader', reader],
]) {
  const rates = [];
  for (let i = 0; i < runs; i++) {
    const { ms } = fn();
    rates.push(events / (ms / 1000));
  }
  rates.sort((a, b) => a - b);
  results[name] = {
    events,
    runs,
    medianEventsPerSec: Math.round(rates[Math.floor(rates.length / 2)]),
    best: Math.round(rates.at(-1)),
  };
  console.log(
    `${name.padEnd(14)} ${(results[name].medianEventsPerSec / 1e6).toFixed(2)} M events/s (median of ${runs}, best ${(results[name].best / 1e6).toFixed(2)} M)`,
  );
}
console.log(JSON.stringify({ node: process.version, ...results }));
