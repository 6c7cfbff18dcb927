import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { SystemClock } from '@tributary/core';
import { setGlobalConfiguration, setJobSubmitter } from '@tributary/datastream';
import { JobClient, runWorkerShare, serializeError, type WorkerInit } from '@tributary/runtime';

/**
 * Entry of a worker thread: loads the same program as the main thread and, when the program executes the job
 * this worker was started for, runs this worker's share of its subtasks instead of submitting it.
 */
const init = workerData as WorkerInit;
const parent = parentPort!;
setGlobalConfiguration(init.globalConfig);
setJobSubmitter((job) => {
  const client = new JobClient(job.name);
  if (job.jobIndex === init.jobIndex) {
    runWorkerShare(job.graph, job.config, job.name, init, parent, job.clock ?? new SystemClock()).catch((e) =>
      parent.postMessage({ type: 'failed', error: serializeError(e) }),
    );
  } else if (job.jobIndex < init.jobIndex) {
    // Jobs before this one already ran; let the program move on to the job this worker serves.
    client.complete({ jobName: job.name, status: 'FINISHED', durationMs: 0, operators: {}, restarts: 0 });
  }
  // Never completes for the served job: code after execute() must run only in the main thread.
  return client;
});
try {
  if (/\.[cm]?tsx?$/.test(init.programFile)) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  await import(pathToFileURL(init.programFile).href);
} catch (e) {
  parent.postMessage({ type: 'failed', error: serializeError(e) });
}
