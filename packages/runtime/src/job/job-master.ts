import { setTimeout as sleep } from 'node:timers/promises';
import { type Configuration, getLogger } from '@tributary/core';
import { CheckpointCoordinator, checkpointJobDir } from '../checkpoint/checkpoint-coordinator.js';
import { CheckpointOptions } from '../checkpoint/checkpoint-options.js';
import { type LoadedSnapshot, loadLatestCheckpoint, loadSnapshot } from '../checkpoint/checkpoint-storage.js';
import { planRestore } from '../checkpoint/restore-plan.js';
import type { JobGraph } from '../graph/job-graph.js';
import { createRestartStrategy } from '../restart/restart-strategy.js';
import type { Deployment, DeploymentListener, RestoreAssignment } from './deployment.js';
import { JobClient, type JobExecutionResult } from './job-client.js';

const log = getLogger('job-master');

export type DeployFn = (
  attempt: number,
  restore: RestoreAssignment | undefined,
  listener: DeploymentListener,
) => Deployment;

/**
 * Drives a job through its attempts: deploys, runs the checkpoint coordinator, restarts after failures as the
 * restart strategy allows (restoring the latest completed checkpoint), and serves savepoint requests.
 */
export class JobMaster {
  readonly client: JobClient;
  private deployment: Deployment | undefined;
  private stopAfterSavepoint = false;
  private cancelRequested = false;
  private restarts = 0;
  private readonly operatorTotals: JobExecutionResult['operators'] = {};

  constructor(
    private readonly jg: JobGraph,
    private readonly config: Configuration,
    private readonly batchMode: boolean,
    private readonly deploy: DeployFn,
  ) {
    this.client = new JobClient(jg.name);
  }

  start(): JobClient {
    queueMicrotask(() => {
      this.run().catch((e) => {
        this.client.transition('FAILED', e);
        this.client.complete(this.result('FAILED'));
      });
    });
    return this.client;
  }

  private async initialSnapshot(jobDir: string): Promise<LoadedSnapshot | undefined> {
    const path = this.config.get(CheckpointOptions.RESTORE_PATH);
    if (!path) return undefined;
    if (path === 'latest') {
      if (!jobDir) throw new Error("Restoring 'latest' needs 'execution.checkpointing.dir'");
      const s = await loadLatestCheckpoint(jobDir);
      if (!s) log.warn(`No completed checkpoint in ${jobDir}; starting without state`);
      return s;
    }
    return loadSnapshot(path);
  }

  private async run(): Promise<void> {
    let snapshot = await this.initialSnapshot(checkpointJobDir(this.config, this.jg.name));
    // Checkpoint ids continue after the restored one, so a restored job never overwrites an older chk-<id>.
    const coordinatorWithIds = new CheckpointCoordinator(
      this.jg,
      this.config,
      (c) =>
        this.client.emit({ type: 'checkpoint', checkpointId: c.checkpointId, path: c.path, durationMs: c.durationMs }),
      snapshot ? snapshot.manifest.checkpointId + 1 : 1,
    );
    const strategy = createRestartStrategy(this.config);
    this.client.setCancelHandler(async () => {
      this.cancelRequested = true;
      this.client.transition('CANCELLING');
      this.deployment?.cancel();
    });
    this.client.setSnapshotHandler(async (r) => {
      if (this.batchMode) throw new Error('Checkpoints and savepoints are not supported in BATCH execution mode');
      const c = await coordinatorWithIds.trigger(r.kind === 'savepoint', r.dir, r.drain);
      if (r.stop) {
        this.stopAfterSavepoint = true;
        this.deployment?.cancel();
      }
      return c.path;
    });
    for (let attempt = 0; ; attempt++) {
      const restore = snapshot ? planRestore(snapshot, this.jg, this.config) : undefined;
      const listener: DeploymentListener = {
        running: () => {
          this.client.transition('RUNNING');
          if (!this.batchMode) coordinatorWithIds.startPeriodic();
        },
        taskFinished: (v, s, snaps) => coordinatorWithIds.taskFinished(v, s, snaps),
        allFinished: async () => {
          const final = await coordinatorWithIds.finalCheckpoint();
          if (final) await this.deployment?.finalCommit();
        },
        acknowledge: (id, v, s, snaps) => coordinatorWithIds.acknowledge(id, v, s, snaps),
        decline: (id, reason) => coordinatorWithIds.decline(id, reason),
        metrics: (tasks) => {
          this.client.reportMetrics({ timestamp: Date.now(), tasks });
          for (const t of tasks) {
            for (const o of t.operators) {
              const key = `${o.operator}#${t.vertex}#${o.subtask}`;
              this.perSubtask.set(key, { name: o.operator, recordsIn: o.recordsIn, recordsOut: o.recordsOut });
            }
          }
        },
      };
      const dep = this.deploy(attempt, restore, listener);
      this.deployment = dep;
      coordinatorWithIds.attach(dep);
      const outcome = await dep.outcome;
      coordinatorWithIds.stopPeriodic();
      coordinatorWithIds.detach();
      await coordinatorWithIds.idle();
      this.deployment = undefined;
      if (outcome.kind === 'finished' || (outcome.kind === 'canceled' && this.stopAfterSavepoint)) {
        this.client.complete(this.result('FINISHED'));
        return;
      }
      if (outcome.kind === 'canceled' || this.cancelRequested) {
        this.client.complete(this.result('CANCELED'));
        return;
      }
      const delay = strategy.onFailure(Date.now());
      if (delay === undefined) {
        this.client.transition('FAILED', outcome.error);
        this.client.complete(this.result('FAILED'));
        return;
      }
      log.warn(
        `Job '${this.jg.name}' failed (attempt ${attempt + 1}); restarting in ${delay} ms: ${(outcome.error as Error)?.message}`,
      );
      this.client.transition('RESTARTING', outcome.error);
      this.restarts++;
      this.accumulateTotals();
      await sleep(delay);
      if (this.cancelRequested) {
        this.client.complete(this.result('CANCELED'));
        return;
      }
      const latest = coordinatorWithIds.latestCompleted;
      if (latest) snapshot = await loadSnapshot(latest.path);
    }
  }

  private readonly perSubtask = new Map<string, { name: string; recordsIn: number; recordsOut: number }>();

  /** Counters restart with each attempt; keep the totals of finished attempts. */
  private accumulateTotals(): void {
    for (const v of this.perSubtask.values()) {
      const t = this.operatorTotals[v.name] ?? (this.operatorTotals[v.name] = { recordsIn: 0, recordsOut: 0 });
      t.recordsIn += v.recordsIn;
      t.recordsOut += v.recordsOut;
    }
    this.perSubtask.clear();
  }

  private result(status: JobExecutionResult['status']): JobExecutionResult {
    this.accumulateTotals();
    return {
      jobName: this.jg.name,
      status,
      durationMs: Date.now() - this.client.startedAt,
      operators: this.operatorTotals,
      restarts: this.restarts,
    };
  }
}
