import type { Clock, Configuration } from '@tributary/core';
import type { JobClient, StreamGraph } from '@tributary/runtime';

export interface JobSubmission {
  readonly graph: StreamGraph;
  readonly config: Configuration;
  readonly name: string;
  /** 0 for the program's first execute(), 1 for its second, ... */
  readonly jobIndex: number;
  readonly clock: Clock | undefined;
}

export type JobSubmitter = (job: JobSubmission) => JobClient;

let submitter: JobSubmitter | undefined;

/**
 * Where execute() sends a job. Unset: run on this thread. The CLI installs a submitter that runs subtasks on
 * worker threads; inside a worker the host installs one that runs that worker's share.
 */
export function setJobSubmitter(s: JobSubmitter | undefined): void {
  submitter = s;
}

export function getJobSubmitter(): JobSubmitter | undefined {
  return submitter;
}
