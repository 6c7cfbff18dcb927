import { type Clock, type Configuration, CoreOptions } from '@tributary/core';
import { LocalChannel } from '../execution/channel.js';
import { deployTasks } from '../execution/deploy.js';
import type { StreamTask } from '../execution/stream-task.js';
import { TaskExecutor } from '../execution/task-executor.js';
import type { JobGraph } from '../graph/job-graph.js';
import { FINAL_CHECKPOINT_ID } from '../sink/sink.js';
import {
  type Deployment,
  type DeploymentListener,
  type DeploymentOutcome,
  type RestoreAssignment,
  restoreKey,
} from './deployment.js';

/** Runs every subtask of an attempt on this thread, connected by local channels. */
export class InProcessDeployment implements Deployment {
  readonly outcome: Promise<DeploymentOutcome>;
  private readonly executor: TaskExecutor;
  private tasks: StreamTask[] = [];
  private canceled = false;

  constructor(
    jg: JobGraph,
    config: Configuration,
    clock: Clock,
    batchMode: boolean,
    attempt: number,
    restore: RestoreAssignment | undefined,
    private readonly listener: DeploymentListener,
  ) {
    this.executor = new TaskExecutor(clock, () => {});
    const executor = this.executor;
    const channels = new Map<number, LocalChannel>();
    const capacity = config.get(CoreOptions.BUFFERS_PER_CHANNEL);
    const channel = (id: number) => {
      let c = channels.get(id);
      if (!c) {
        c = new LocalChannel(capacity, executor.wake);
        channels.set(id, c);
      }
      return c;
    };
    this.tasks = deployTasks({
      jobGraph: jg,
      config,
      clock,
      batchMode,
      attempt,
      executor,
      isLocal: () => true,
      outputChannel: (s) => channel(s.id),
      inputChannel: (s) => channel(s.id),
      restored: (v, s) => restore?.get(restoreKey(v.id, s)),
      acknowledgeCheckpoint: (id, task, snapshots) =>
        listener.acknowledge(id, task.vertex.id, task.subtaskIndex, snapshots),
      declineCheckpoint: (id, _task, reason) => listener.decline(id, reason),
      taskFinished: (task, snaps) => listener.taskFinished(task.vertex.id, task.subtaskIndex, snaps),
    });
    for (const t of this.tasks) executor.add(t);
    this.outcome = this.run(config);
  }

  private async run(config: Configuration): Promise<DeploymentOutcome> {
    const interval = config.get(CoreOptions.METRICS_INTERVAL);
    let last = performance.now();
    const report = () => {
      const now = performance.now();
      this.listener.metrics(this.tasks.map((t) => t.metricsSnapshot(now - last)));
      last = now;
    };
    const reporter = setInterval(report, interval);
    reporter.unref();
    try {
      try {
        for (const t of this.tasks) await t.open();
      } catch (e) {
        this.executor.fail(e);
      }
      if (!this.executor.failed && !this.canceled) {
        this.listener.running();
        await this.executor.run();
        if (!this.executor.failed && !this.canceled) {
          try {
            await this.listener.allFinished();
          } catch (e) {
            this.executor.fail(e);
          }
        }
      }
    } finally {
      clearInterval(reporter);
      for (const t of this.tasks) await t.close();
      report();
    }
    if (this.executor.failed) return { kind: 'failed', error: this.executor.error };
    if (this.canceled) return { kind: 'canceled' };
    return { kind: 'finished' };
  }

  triggerCheckpoint(checkpointId: number, timestamp: number, savepoint: boolean, drain: boolean): void {
    this.executor.enqueue(() => {
      for (const t of this.tasks) if (t.isSource) t.triggerCheckpoint(checkpointId, timestamp, savepoint, drain);
    });
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.executor.enqueue(() => {
      for (const t of this.tasks) {
        t.notifyCheckpointComplete(checkpointId).catch((e) => this.executor.fail(e));
      }
    });
  }

  async finalCommit(): Promise<void> {
    for (const t of this.tasks) await t.notifyCheckpointComplete(FINAL_CHECKPOINT_ID);
  }

  cancel(): void {
    this.canceled = true;
    this.executor.stop();
  }
}
