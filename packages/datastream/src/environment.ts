import { type Clock, Configuration, CoreOptions, ProgramError } from '@tributary/core';
import {
  buildJobGraph,
  CollectQueue,
  CollectRegistry,
  describeJobGraph,
  type JobClient,
  type NodeKind,
  runInProcess,
  type Source,
  SourceOperator,
  type StreamEdge,
  StreamGraph,
  type StreamNode,
  type StreamOperator,
  type WatermarkStrategy,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import { StreamClasses } from './registry.js';
import { AsyncIterableSource } from './sources/async-iterable-source.js';
import { CollectionSource } from './sources/collection-source.js';
import { NumberSequenceSource } from './sources/sequence-source.js';
import type { OperatorInput } from './stream-ref.js';
import { getJobSubmitter } from './submitter.js';

export type RuntimeMode = 'STREAMING' | 'BATCH' | 'AUTOMATIC';

let collectCounter = 0;

/**
 * Entry point of a DataStream program: holds configuration and the graph the program builds; execute() runs it.
 */
export class StreamExecutionEnvironment {
  readonly config: Configuration;
  private graph = new StreamGraph();
  private clock: Clock | undefined;
  private jobCounter = 0;

  constructor(config?: Configuration | Record<string, unknown>) {
    this.config = config instanceof Configuration ? new Configuration(config) : new Configuration(config ?? {});
  }

  static create(config?: Configuration | Record<string, unknown>): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(config ?? globalConfig());
  }

  /** As in Flink: the environment of the context the program runs in (CLI settings apply). */
  static getExecutionEnvironment(config?: Record<string, unknown>): StreamExecutionEnvironment {
    const env = new StreamExecutionEnvironment(globalConfig());
    for (const [k, v] of Object.entries(config ?? {})) env.config.setString(k, v);
    return env;
  }

  setParallelism(p: number): this {
    this.config.set(CoreOptions.DEFAULT_PARALLELISM, p);
    return this;
  }

  getParallelism(): number {
    return this.config.get(CoreOptions.DEFAULT_PARALLELISM);
  }

  setMaxParallelism(p: number): this {
    this.config.set(CoreOptions.MAX_PARALLELISM, p);
    return this;
  }

  setRuntimeMode(mode: RuntimeMode): this {
    this.config.set(CoreOptions.RUNTIME_MODE, mode);
    return this;
  }

  setStateBackend(type: 'hashmap' | 'lmdb'): this {
    this.config.set(CoreOptions.STATE_BACKEND, type);
    return this;
  }

  /** Processing-time clock (tests use a ManualClock). */
  setClock(clock: Clock): this {
    this.clock = clock;
    return this;
  }

  getClock(): Clock | undefined {
    return this.clock;
  }

  fromElements<T>(...elements: T[]): DataStream<T> {
    return this.fromCollection(elements);
  }

  fromCollection<T>(
    items: Iterable<T>,
    options: { timestamps?: (item: T, index: number) => number } = {},
  ): DataStream<T> {
    return this.fromSource(new CollectionSource([...items], options.timestamps), undefined, 'Collection Source');
  }

  fromSequence(from: number, to: number): DataStream<number> {
    return this.fromSource(new NumberSequenceSource(from, to), undefined, 'Sequence Source');
  }

  fromAsyncIterable<T>(
    iterable: AsyncIterable<T> | Iterable<T>,
    options: { bounded?: boolean; name?: string } = {},
  ): DataStream<T> {
    const source = new AsyncIterableSource(iterable, options.bounded ? 'bounded' : 'unbounded');
    return this.fromSource(source, undefined, options.name ?? 'Async Iterable Source');
  }

  fromSource<T>(source: Source<T>, watermarks: WatermarkStrategy<T> | undefined, name: string): DataStream<T> {
    const batch = this.config.get(CoreOptions.BUFFER_RECORDS);
    const node = this.graph.addNode({
      name,
      uid: undefined,
      parallelism: undefined,
      maxParallelism: undefined,
      kind: 'source',
      createOperator: () => new SourceOperator(source, watermarks, batch),
      source: source as Source<unknown>,
      watermarkStrategy: watermarks as WatermarkStrategy<unknown> | undefined,
      assignsWatermarks: watermarks !== undefined,
    });
    return new StreamClasses.dataStream!<T>(this, [{ nodeId: node.id }]);
  }

  /** @internal Adds an operator fed by the given inputs. */
  addOperator(spec: {
    name: string;
    kind: Exclude<NodeKind, 'source'>;
    createOperator: () => StreamOperator;
    inputs: OperatorInput[];
    requiresWatermarks?: string;
    requiresKeyedInput?: string;
    assignsWatermarks?: boolean;
    chaining?: StreamNode['chaining'];
  }): StreamNode {
    const node = this.graph.addNode({
      name: spec.name,
      uid: undefined,
      parallelism: undefined,
      maxParallelism: undefined,
      kind: spec.kind,
      createOperator: spec.createOperator,
      keySelectors: [spec.inputs[0]?.keySelector, spec.inputs[1]?.keySelector],
      requiresWatermarks: spec.requiresWatermarks,
      requiresKeyedInput: spec.requiresKeyedInput,
      assignsWatermarks: spec.assignsWatermarks,
      chaining: spec.chaining ?? 'always',
    });
    spec.inputs.forEach((input, inputIndex) => {
      for (const ref of input.refs) {
        const edge: StreamEdge = {
          sourceId: ref.nodeId,
          targetId: node.id,
          partitioner: ref.partitioner ?? { type: 'forward' },
          explicit: ref.partitioner !== undefined,
          sideOutputTag: ref.sideTag,
          inputIndex: inputIndex as 0 | 1,
        };
        this.graph.addEdge(edge);
      }
    });
    return node;
  }

  /** @internal */
  node(id: number): StreamNode {
    return this.graph.node(id);
  }

  /** The plan as text: chained tasks, parallelism and partitioning of each edge. */
  explain(name = 'job'): string {
    return describeJobGraph(buildJobGraph(this.graph, this.config, name));
  }

  /**
   * Runs the program built so far. The returned handle is awaitable (the job's result) and offers status,
   * metrics and cancel(). The graph is cleared so the environment can build the next job.
   */
  execute(jobName?: string): JobClient {
    const name = jobName || this.config.get(CoreOptions.PIPELINE_NAME) || 'Tributary Job';
    const graph = this.graph;
    if (graph.nodes.size === 0) {
      throw new ProgramError('No operators defined in the program: add a source and a sink before execute().');
    }
    const hasSink = [...graph.nodes.values()].some((n) => n.outEdges.length === 0 && n.kind !== 'source');
    if (!hasSink) {
      throw new ProgramError(
        'The program has no sink: add print(), sinkTo(...) or executeAndCollect() before execute().',
      );
    }
    this.graph = new StreamGraph();
    const index = this.jobCounter++;
    const submitter = getJobSubmitter();
    if (submitter) return submitter({ graph, config: this.config, name, jobIndex: index, clock: this.clock });
    return runInProcess(graph, this.config, name, { clock: this.clock });
  }

  /** @internal registers a collect queue for executeAndCollect */
  createCollectQueue<T>(): { id: string; queue: CollectQueue<T> } {
    const id = `collect-${process.pid}-${collectCounter++}`;
    // The collect sink runs with parallelism 1, so one end-of-input ends the queue.
    const queue = new CollectQueue<T>(() => 1);
    CollectRegistry.register(id, queue);
    return { id, queue };
  }
}

let cliConfig: Record<string, unknown> = {};

/** The CLI (`tributary run --set k=v --parallelism n`) sets defaults that every environment starts from. */
export function setGlobalConfiguration(config: Record<string, unknown>): void {
  cliConfig = { ...config };
}

function globalConfig(): Configuration {
  return new Configuration(cliConfig);
}
