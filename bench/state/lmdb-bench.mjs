// Keyed state backend micro-benchmark: value-state writes, random reads and read-modify-write over many keys,
// for the lmdb backend (write-back batching on and off) and the heap backend. Prints one JSON line per case.
// Usage: npm run build && node bench/state/lmdb-bench.mjs [--keys 500000] [--value-bytes 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@tributary/core';
import { HeapKeyedStateBackend, LmdbKeyedStateBackend, StateDescriptors } from '@tributary/runtime';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const KEYS = arg('keys', 500_000);
const VALUE_BYTES = arg('value-bytes', 100);
const range = { start: 0, end: 127 };
const dir = mkdtempSync(join(tmpdir(), 'tributary-state-bench-'));

const cases = [
  ['heap', () => new HeapKeyedStateBackend(range, 128, new SystemClock())],
  ['lmdb (write-back batches of 4096)', () => new LmdbKeyedStateBackend(range, 128, new SystemClock(), join(dir, 'a'))],
  [
    'lmdb (write-back batches of 32768)',
    () => new LmdbKeyedStateBackend(range, 128, new SystemClock(), join(dir, 'c'), { writeBatchSize: 32768 }),
  ],
  [
    'lmdb (write-through)',
    () => new LmdbKeyedStateBackend(range, 128, new SystemClock(), join(dir, 'b'), { writeBatchSize: 0 }),
  ],
];

const payload = 'x'.repeat(VALUE_BYTES);
const timed = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
// A fixed pseudo-random permutation walk so reads are random but reproducible.
const perm = (i) => (i * 2654435761) % KEYS;

for (const [name, make] of cases) {
  const b = make();
  const v = b.getOrCreateState(StateDescriptors.value('v'));
  const writeMs = timed(() => {
    for (let i = 0; i < KEYS; i++) {
      b.setCurrentKey(i);
      v.update({ n: i, p: payload });
    }
    b.snapshot !== undefined && b.entryCount(); // lmdb: flushes the write-back cache
  });
  let check = 0;
  const readMs = timed(() => {
    for (let i = 0; i < KEYS; i++) {
      b.setCurrentKey(perm(i));
      check += v.value().n;
    }
  });
  const rmwMs = timed(() => {
    for (let i = 0; i < KEYS; i++) {
      b.setCurrentKey(perm(i));
      const x = v.value();
      x.n++;
      v.update(x);
    }
    b.entryCount();
  });
  const expected = (KEYS * (KEYS - 1)) / 2;
  if (check !== expected) throw new Error(`${name}: read sum ${check}, expected ${expected}`);
  console.log(
    JSON.stringify({
      backend: name,
      keys: KEYS,
      valueBytes: VALUE_BYTES,
      writesPerSec: Math.round((KEYS / writeMs) * 1000),
      randomReadsPerSec: Math.round((KEYS / readMs) * 1000),
      readModifyWritesPerSec: Math.round((KEYS / rmwMs) * 1000),
    }),
  );
  await b.dispose();
}
rmSync(dir, { recursive: true, force: true });
