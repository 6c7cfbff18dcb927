import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('restart strategy with worker threads', () => {
  it('a failure in a worker restarts the job from the latest checkpoint with exactly-once file output', () => {
    const base = mkdtempSync(join(tmpdir(), 'trib-restart-'));
    dirs.push(base);
    const out = join(base, 'out');
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'packages/cli/dist/bin.js'),
        'run',
        join(root, 'tests/e2e/fixtures/fail-once-job.ts'),
        '-p',
        '2',
        '--checkpoint-dir',
        join(base, 'chk'),
        '--checkpoint-interval',
        '100 ms',
        '--set',
        'restart-strategy.type=fixed-delay',
        '--set',
        'restart-strategy.fixed-delay.delay=50 ms',
        '-q',
      ],
      { encoding: 'utf8', env: { ...process.env, FAIL_OUT: out }, timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ restarts: 1 });
    const lines = readdirSync(out)
      .filter((f) => !f.startsWith('.'))
      .flatMap((f) =>
        readFileSync(join(out, f), 'utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
    const counts = new Map<number, number>();
    const expected: string[] = [];
    for (let x = 0; x < 8000; x++) {
      const c = (counts.get(x % 7) ?? 0) + 1;
      counts.set(x % 7, c);
      expected.push(`${x}:${c}`);
    }
    expect(lines.sort()).toEqual(expected.sort());
  }, 90_000);
});
