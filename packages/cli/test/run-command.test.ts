import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const fixture = (f: string) => join(import.meta.dirname, 'fixtures', f);

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function finalTotals(stdout: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(?:\d+> )?(even|odd) (\d+)$/.exec(line.trim());
    if (m) totals[m[1]!] = Math.max(totals[m[1]!] ?? 0, Number(m[2]));
  }
  return totals;
}

describe('tributary run', () => {
  const n = 100000;
  let even = 0;
  let odd = 0;
  for (let x = 1; x <= n; x++) {
    if (x % 2 === 0) even += x;
    else odd += x;
  }

  it('runs a TypeScript program at parallelism 1 and prints progress to stderr', () => {
    const r = run(['run', fixture('sum-job.ts')], { SUM_N: String(n) });
    expect(r.status, r.stderr).toBe(0);
    expect(finalTotals(r.stdout)).toEqual({ even, odd });
    expect(r.stderr).toMatch(/\[sum-job\] FINISHED in/);
  });

  it('runs parallel subtasks on worker threads with the same results (BATCH: one line per key)', () => {
    const r = run(['run', fixture('sum-job.ts'), '-p', '2', '--set', 'execution.runtime-mode=BATCH', '-q'], {
      SUM_N: String(n),
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(finalTotals(r.stdout)).toEqual({ even, odd });
    expect(lines.every((l) => /^[12]> /.test(l))).toBe(true);
  });

  it('rejects an unknown --set key with the closest valid one (exit 2)', () => {
    const r = run(['run', fixture('sum-job.ts'), '--set', 'parallelism.defualt=2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown configuration key 'parallelism.defualt'. Did you mean 'parallelism.default'?");
  });

  it('rejects a bad value naming the key (exit 2)', () => {
    const r = run(['run', fixture('sum-job.ts'), '--set', 'execution.runtime-mode=FAST']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Option 'execution.runtime-mode' expects one of STREAMING, BATCH, AUTOMATIC");
  });

  for (const p of ['1', '2']) {
    it(`a failing user function exits 1 naming operator and subtask (parallelism ${p})`, () => {
      const r = run(['run', fixture('failing-job.mjs'), '-p', p, '-q']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Operator 'Guard' \(subtask \d\/\d\) failed: seven is not allowed/);
      expect(r.stderr).toContain('failing-job.mjs');
    });
  }

  it('fails clearly for a missing program file', () => {
    const r = run(['run', fixture('does-not-exist.ts'), '-q']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does-not-exist\.ts/);
  });
});
