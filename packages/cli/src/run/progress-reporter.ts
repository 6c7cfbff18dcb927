import type { JobClient, JobMetrics } from '@tributary/runtime';

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export interface Totals {
  readonly sourceOut: number;
  readonly sinkIn: number;
  readonly backPressure: number;
}

export function totals(m: JobMetrics | undefined): Totals {
  let sourceOut = 0;
  let sinkIn = 0;
  let bp = 0;
  for (const t of m?.tasks ?? []) {
    bp = Math.max(bp, t.backPressuredRatio);
    for (const o of t.operators) {
      if (o.role === 'source') sourceOut += o.recordsOut;
      if (o.role === 'sink') sinkIn += o.recordsIn;
    }
  }
  return { sourceOut, sinkIn, backPressure: bp };
}

/** Prints one status line per interval on stderr while the job runs, and a summary at the end. */
export function attachProgress(job: JobClient, write: (line: string) => void, intervalMs = 2000): void {
  let prev = totals(undefined);
  let prevAt = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const t = totals(job.metrics());
    const secs = Math.max(0.001, (now - prevAt) / 1000);
    write(
      `[${job.jobName}] ${job.status} ${((now - job.startedAt) / 1000).toFixed(1)}s | ` +
        `source out ${fmt(t.sourceOut)} (${fmt((t.sourceOut - prev.sourceOut) / secs)}/s) | ` +
        `sink in ${fmt(t.sinkIn)} (${fmt((t.sinkIn - prev.sinkIn) / secs)}/s) | ` +
        `back-pressure ${(t.backPressure * 100).toFixed(0)}%`,
    );
    prev = t;
    prevAt = now;
  }, intervalMs);
  timer.unref();
  job.on((e) => {
    if (e.type === 'checkpoint')
      write(`[${job.jobName}] checkpoint ${e.checkpointId} complete in ${e.durationMs} ms: ${e.path}`);
    if (e.type === 'status' && e.status === 'RESTARTING') {
      write(
        `[${job.jobName}] RESTARTING after: ${e.error instanceof Error ? e.error.message.split('\n')[0] : String(e.error)}`,
      );
    }
  });
  job.result().then(
    (r) => {
      clearInterval(timer);
      const t = totals(job.metrics());
      const secs = r.durationMs / 1000;
      write(
        `[${job.jobName}] FINISHED in ${secs.toFixed(2)}s | source out ${fmt(t.sourceOut)} ` +
          `(${fmt(t.sourceOut / Math.max(secs, 0.001))}/s) | sink in ${fmt(t.sinkIn)}`,
      );
    },
    () => clearInterval(timer),
  );
}
