import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../fixtures/large-keyed-state-job.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tributary-lmdb-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = 200_000;
const BLOB = 2000; // ~400 MB of keyed state in total, four times the heap limit below

function run(backend: string, keys: number, heapMb?: number) {
  const args = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const r = spawnSync(process.execPath, [...args, script, backend, String(keys), String(BLOB), dir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('state larger than the JavaScript heap', () => {
  // Each key is seen twice; the job reports each key once, after verifying its stored blob.
  const expectedSum = (KEYS * (KEYS - 1)) / 2;

  it('lmdb keeps ~400 MB of keyed state with a 96 MB heap and gets every key right', () => {
    const r = run('lmdb', KEYS, 96);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out).toMatchObject({ keys: KEYS, checked: KEYS, bad: 0, sum: expectedSum, lmdbLoaded: true });
    expect(out.heapUsedMb).toBeLessThan(96);
  }, 120_000);

  it('the heap backend runs out of memory on the same job at the same heap size', () => {
    const r = run('hashmap', KEYS, 96);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/JavaScript heap out of memory/);
  }, 120_000);

  it('a heap-backend job never loads the native lmdb module', () => {
    const r = run('hashmap', 1000);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({
      checked: 1000,
      bad: 0,
      sum: (1000 * 999) / 2,
      lmdbLoaded: false,
    });
  });
});
