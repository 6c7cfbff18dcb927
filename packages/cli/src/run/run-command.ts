import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Configuration, CoreOptions } from '@tributary/core';
import { setGlobalConfiguration, setJobSubmitter } from '@tributary/datastream';
import { buildJobGraph, type JobClient, runInProcess, runOnWorkers } from '@tributary/runtime';
import { attachProgress } from './progress-reporter.js';

export interface RunOptions {
  readonly settings: Record<string, unknown>;
  readonly quiet: boolean;
  readonly plan: boolean;
}

/**
 * Runs a DataStream program file. Jobs it executes run on worker threads (one per parallel slot) when their
 * parallelism is above 1, else on this thread. Resolves to the process exit code.
 */
export async function runProgram(file: string, o: RunOptions): Promise<number> {
  const programFile = resolve(file);
  setGlobalConfiguration(o.settings);
  const jobs: JobClient[] = [];
  const log = (line: string) => {
    if (!o.quiet) process.stderr.write(`${line}\n`);
  };
  setJobSubmitter((job) => {
    const jg = buildJobGraph(job.graph, job.config, job.name);
    if (o.plan) process.stderr.write(`${describePlan(jg)}\n`);
    const mode = job.config.get(CoreOptions.WORKER_THREADS);
    const maxP = Math.max(...jg.vertices.map((v) => v.parallelism));
    const useWorkers = mode === 'true' || (mode === 'auto' && maxP > 1);
    const client = useWorkers
      ? runOnWorkers(job.graph, job.config, job.name, {
          workerScript: new URL('../worker/worker-main.js', import.meta.url),
          programFile,
          jobIndex: job.jobIndex,
          globalConfig: o.settings,
        })
      : runInProcess(job.graph, job.config, job.name, { clock: job.clock });
    log(
      `[${job.name}] submitted: ${jg.vertices.length} tasks, parallelism ${maxP}${useWorkers ? ` on ${maxP} worker threads` : ''}`,
    );
    attachProgress(client, log);
    jobs.push(client);
    return client;
  });
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('Interrupted: cancelling running jobs (Ctrl-C again to exit at once)');
    for (const j of jobs) void j.cancel();
  };
  process.on('SIGINT', onSigint);
  try {
    if (/\.[cm]?tsx?$/.test(programFile)) {
      const { register } = await import('tsx/esm/api');
      register();
    }
    await import(pathToFileURL(programFile).href);
    const results = await Promise.allSettled(jobs.map((j) => j.result()));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) {
      process.stderr.write(`Job failed: ${describeError(failed.reason)}\n`);
      return interrupted ? 130 : 1;
    }
    return 0;
  } catch (e) {
    process.stderr.write(`${interrupted ? 'Canceled' : 'Program failed'}: ${describeError(e)}\n`);
    return interrupted ? 130 : 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function describePlan(jg: ReturnType<typeof buildJobGraph>): string {
  return jg.vertices.map((v) => `  [${v.id}] ${v.name} (parallelism ${v.parallelism})`).join('\n');
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message.includes('Caused by') ? e.message : (e.stack ?? e.message);
  return String(e);
}

export { Configuration };
