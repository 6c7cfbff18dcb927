import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Configuration } from '@tributary/core';
import type { JobGraph } from '../graph/job-graph.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { CollectRegistry } from '../sink/collect-sink.js';
import type { Deployment, DeploymentListener, DeploymentOutcome, RestoreAssignment } from './deployment.js';
import { deserializeError, type WorkerInit, type WorkerToCoordinator } from './worker-protocol.js';
import { planFingerprint, slotOfSubtask } from './worker-share.js';

export interface WorkerJobOptions {
  /** Module run by each worker: loads the program and hands the job to runWorkerShare. */
  readonly workerScript: URL;
  readonly programFile: string;
  readonly jobIndex: number;
  readonly globalConfig: Record<string, unknown>;
}

/**
 * One attempt on worker threads, one per slot (slot i hosts subtask i of every vertex). The program file is
 * loaded again in each worker to rebuild operators and their functions; this thread wires the peer ports,
 * relays checkpoint messages, collected results and metrics.
 */
export class WorkerDeployment implements Deployment {
  readonly outcome: Promise<DeploymentOutcome>;
  private readonly workers: Worker[] = [];
  private resolveOutcome!: (o: DeploymentOutcome) => void;
  private ended = false;
  private finalCommitRequested = false;
  private resolveFinalCommit: (() => void) | undefined;
  private canceling = false;

  constructor(
    jg: JobGraph,
    config: Configuration,
    attempt: number,
    restore: RestoreAssignment | undefined,
    listener: DeploymentListener,
    o: WorkerJobOptions,
  ) {
    this.outcome = new Promise((r) => (this.resolveOutcome = r));
    const numWorkers = Math.max(...jg.vertices.map((v) => v.parallelism));
    const peers: Record<number, MessagePort>[] = Array.from({ length: numWorkers }, () => ({}));
    for (let i = 0; i < numWorkers; i++) {
      for (let j = i + 1; j < numWorkers; j++) {
        const { port1, port2 } = new MessageChannel();
        peers[i]![j] = port1;
        peers[j]![i] = port2;
      }
    }
    const running = new Set<number>();
    const allFinished = new Set<number>();
    const committed = new Set<number>();
    const finished = new Set<number>();
    const latest = new Map<number, import('../metrics/operator-metrics.js').TaskMetricsSnapshot[]>();
    const reportMetrics = () => listener.metrics([...latest.values()].flat());
    const onMessage = (slot: number, m: WorkerToCoordinator) => {
      switch (m.type) {
        case 'running':
          running.add(slot);
          if (running.size === numWorkers) listener.running();
          break;
        case 'metrics':
          latest.set(slot, m.tasks);
          reportMetrics();
          break;
        case 'finished':
          latest.set(slot, m.tasks);
          reportMetrics();
          finished.add(slot);
          if (finished.size === numWorkers) this.end(this.canceling ? { kind: 'canceled' } : { kind: 'finished' });
          break;
        case 'canceled':
          finished.add(slot);
          if (finished.size === numWorkers) this.end({ kind: 'canceled' });
          break;
        case 'failed':
          this.end({ kind: 'failed', error: deserializeError(m.error) });
          break;
        case 'collect':
          CollectRegistry.lookup(m.id)?.push(m.values);
          break;
        case 'collect-end':
          CollectRegistry.lookup(m.id)?.end(m.subtask);
          break;
        case 'task-finished':
          listener.taskFinished(m.vertex, m.subtask, m.snapshots);
          break;
        case 'all-finished':
          allFinished.add(slot);
          if (allFinished.size === numWorkers) {
            listener.allFinished().then(
              () => {
                if (!this.finalCommitRequested) for (const w of this.workers) w.postMessage({ type: 'release' });
              },
              (e) => this.end({ kind: 'failed', error: e }),
            );
          }
          break;
        case 'final-committed':
          committed.add(slot);
          if (committed.size === numWorkers) this.resolveFinalCommit?.();
          break;
        case 'ack':
          listener.acknowledge(m.id, m.vertex, m.subtask, m.snapshots);
          break;
        case 'decline':
          listener.decline(m.id, deserializeError(m.error));
          break;
      }
    };
    const fingerprint = planFingerprint(jg);
    for (let slot = 0; slot < numWorkers; slot++) {
      const mine: Record<string, Record<string, OperatorSnapshot>> = {};
      for (const [key, value] of restore ?? []) {
        const subtask = Number(key.split(':')[1]);
        if (slotOfSubtask(subtask, numWorkers) === slot) mine[key] = value;
      }
      const init: WorkerInit = {
        programFile: o.programFile,
        jobIndex: o.jobIndex,
        slot,
        numWorkers,
        attempt,
        config: config.toRecord(),
        fingerprint,
        peers: peers[slot]!,
        globalConfig: o.globalConfig,
        restore: restore ? mine : undefined,
      };
      const w = new Worker(o.workerScript, {
        workerData: init,
        transferList: Object.values(peers[slot]!) as unknown as ArrayBuffer[],
      });
      w.on('message', (m: WorkerToCoordinator) => onMessage(slot, m));
      w.on('error', (e) => this.end({ kind: 'failed', error: e }));
      w.on('exit', (code) => {
        if (!this.ended && !finished.has(slot)) {
          this.end({
            kind: 'failed',
            error: new Error(`Worker thread of slot ${slot} exited (code ${code}) before the job ended`),
          });
        }
      });
      this.workers.push(w);
    }
  }

  private end(o: DeploymentOutcome): void {
    if (this.ended) return;
    this.ended = true;
    Promise.all(this.workers.map((w) => w.terminate())).finally(() => this.resolveOutcome(o));
  }

  triggerCheckpoint(id: number, timestamp: number, savepoint: boolean, drain: boolean): void {
    for (const w of this.workers) w.postMessage({ type: 'trigger', id, timestamp, savepoint, drain });
  }

  finalCommit(): Promise<void> {
    this.finalCommitRequested = true;
    const done = new Promise<void>((r) => (this.resolveFinalCommit = r));
    for (const w of this.workers) w.postMessage({ type: 'final-commit' });
    return Promise.race([done, this.outcome.then(() => {})]);
  }

  notifyCheckpointComplete(id: number): void {
    for (const w of this.workers) w.postMessage({ type: 'notify', id });
  }

  cancel(): void {
    this.canceling = true;
    for (const w of this.workers) w.postMessage({ type: 'cancel' });
    setTimeout(() => this.end({ kind: 'canceled' }), 5000).unref();
  }
}
