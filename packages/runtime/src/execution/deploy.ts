import type { Clock, Configuration } from '@tributary/core';
import { CoreOptions } from '@tributary/core';
import { checkpointingEnabled } from '../checkpoint/checkpoint-options.js';
import type { JobGraph, JobVertex } from '../graph/job-graph.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { createChannelSelector } from '../partition/channel-selector.js';
import type { InputChannel, OutputChannel } from './channel.js';
import { type ChannelSpec, type EdgePlan, inputChannelsOf, planChannels } from './execution-plan.js';
import { InputGate } from './input-gate.js';
import { RecordWriter } from './record-writer.js';
import { StreamTask, type TaskServices } from './stream-task.js';
import type { TaskExecutor } from './task-executor.js';

export interface DeployOptions {
  readonly jobGraph: JobGraph;
  readonly config: Configuration;
  readonly clock: Clock;
  readonly batchMode: boolean;
  readonly attempt: number;
  readonly executor: TaskExecutor;
  /** Whether subtask s of v runs on this executor. */
  readonly isLocal: (v: JobVertex, subtask: number) => boolean;
  /** Output end of a channel whose sender is local. */
  readonly outputChannel: (spec: ChannelSpec) => OutputChannel;
  /** Input end of a channel whose receiver is local. */
  readonly inputChannel: (spec: ChannelSpec) => InputChannel;
  readonly restored: (v: JobVertex, subtask: number) => Record<string, OperatorSnapshot> | undefined;
  readonly acknowledgeCheckpoint: TaskServices['acknowledgeCheckpoint'];
  readonly declineCheckpoint: TaskServices['declineCheckpoint'];
  readonly taskFinished: TaskServices['taskFinished'];
}

/** Creates the tasks of this executor with their gates and writers (not yet opened). */
export function deployTasks(o: DeployOptions): StreamTask[] {
  const plan = planChannels(o.jobGraph);
  const bufferSize = o.config.get(CoreOptions.BUFFER_RECORDS);
  const services: TaskServices = {
    config: o.config,
    clock: o.clock,
    batchMode: o.batchMode,
    processingTime: o.executor.processingTime,
    wake: o.executor.wake,
    fail: o.executor.fail,
    acknowledgeCheckpoint: o.acknowledgeCheckpoint,
    declineCheckpoint: o.declineCheckpoint,
    taskFinished: o.taskFinished,
    takeFinalSnapshots: checkpointingEnabled(o.config, o.batchMode),
  };
  const tasks: StreamTask[] = [];
  for (const v of o.jobGraph.vertices) {
    for (let s = 0; s < v.parallelism; s++) {
      if (!o.isLocal(v, s)) continue;
      const inputs = inputChannelsOf(plan, v, s);
      const gate =
        inputs.length === 0
          ? undefined
          : new InputGate(
              inputs.map((i) => ({
                channel: o.inputChannel(i.spec),
                inputIndex: i.inputIndex,
                watermark: Number.NEGATIVE_INFINITY,
                idle: false,
                finished: false,
                blocked: false,
              })),
            );
      const writersOf = (edge: EdgePlan['edge']): RecordWriter => {
        const ep = plan.edges.find((p) => p.edge === edge)!;
        const specs = ep.writerChannels[s]!;
        const selector = createChannelSelector(ep.edge.partitioner, specs.length, s, ep.target.maxParallelism);
        return new RecordWriter(
          specs.map((c) => o.outputChannel(c)),
          selector,
          bufferSize,
        );
      };
      tasks.push(new StreamTask(v, s, o.attempt, gate, writersOf, o.restored(v, s), services));
    }
  }
  return tasks;
}
