import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const fixture = join(root, 'tests/e2e/fixtures/crash-job.ts');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runOnce(
  out: string,
  chk: string,
  parallelism: number,
  rows: number,
  killAfterMs: number | undefined,
  extra: string[] = [],
) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'run',
        fixture,
        '-p',
        String(parallelism),
        '--checkpoint-dir',
        chk,
        '--checkpoint-interval',
        '100 ms',
        '--restore',
        'latest',
        '-q',
        ...extra,
      ],
      { env: { ...process.env, CRASH_OUT: out, CRASH_ROWS: String(rows) }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, stderr });
    });
  });
}

/** Lines of committed (visible) part files; in-progress and pending files are hidden (start with '.'). */
function committedLines(dir: string): string[] {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.startsWith('.'))
        lines.push(
          ...readFileSync(p, 'utf8')
            .split('\n')
            .filter((l) => l !== ''),
        );
    }
  };
  walk(dir);
  return lines;
}

function expected(rows: number): string[] {
  const counts = new Map<number, number>();
  const out: string[] = [];
  for (let x = 0; x < rows; x++) {
    const c = (counts.get(x % 13) ?? 0) + 1;
    counts.set(x % 13, c);
    out.push(`${x}:${c}`);
  }
  return out.sort();
}

describe('kill -9 of the whole process', () => {
  const jobs = Number(process.env.CRASH_JOBS ?? 4);
  const killsPerJob = Number(process.env.CRASH_KILLS ?? 5);
  for (let j = 0; j < jobs; j++) {
    const parallelism = (j % 2) + 1;
    // Every other pair of jobs keeps its state in lmdb with incremental checkpoints.
    const extra =
      j % 4 >= 2 ? ['--set', 'state.backend.type=lmdb', '--set', 'execution.checkpointing.incremental=true'] : [];
    it(`job ${j} (parallelism ${parallelism}${extra.length ? ', lmdb incremental' : ''}) killed ${killsPerJob} times resumes with exactly-once output`, async () => {
      const base = mkdtempSync(join(tmpdir(), 'trib-crash-'));
      dirs.push(base);
      const out = join(base, 'out');
      const chk = join(base, 'chk');
      const rows = 12000;
      let kills = 0;
      for (let round = 0; round < killsPerJob + 20; round++) {
        const killAt = kills < killsPerJob ? 300 + Math.floor(Math.random() * 900) : undefined;
        const r = await runOnce(out, chk, parallelism, rows, killAt, extra);
        if (r.signal === 'SIGKILL') {
          kills++;
          continue;
        }
        expect(r.code, r.stderr).toBe(0);
        break;
      }
      expect(kills).toBeGreaterThan(0);
      expect(committedLines(out).sort()).toEqual(expected(rows));
      // Running the finished job again from its latest (final) checkpoint adds nothing.
      const again = await runOnce(out, chk, parallelism, rows, undefined, extra);
      expect(again.code, again.stderr).toBe(0);
      expect(committedLines(out).sort()).toEqual(expected(rows));
    }, 120_000);
  }
});
