import { type Configuration, CoreOptions, ProgramError } from '@tributary/core';
import { describePartitioner } from '../partition/partitioner.js';
import type { StreamEdge, StreamGraph, StreamNode } from './stream-graph.js';

/** A chain of operators that runs as one task; `nodes[0]` is the head. */
export interface JobVertex {
  readonly id: number;
  readonly name: string;
  readonly nodes: StreamNode[];
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Network edges into the head. */
  readonly inputs: StreamEdge[];
  /** Network edges leaving any operator of the chain. */
  readonly outputs: StreamEdge[];
}

export interface JobGraph {
  readonly name: string;
  readonly vertices: JobVertex[];
  /** stream node id -> vertex */
  readonly vertexOfNode: Map<number, JobVertex>;
  /** resolved parallelism per stream node */
  readonly parallelismOf: Map<number, number>;
  readonly bounded: boolean;
}

/** Resolves parallelism, validates the program and chains operators (Flink's StreamingJobGraphGenerator). */
export function buildJobGraph(graph: StreamGraph, config: Configuration, name: string): JobGraph {
  const order = graph.topologicalOrder();
  if (order.length !== graph.nodes.size) throw new ProgramError('The program graph has a cycle');
  if (order.length === 0)
    throw new ProgramError('No operators defined in the program: add a source and a sink before execute()');
  const defaultP = config.get(CoreOptions.DEFAULT_PARALLELISM);
  const jobMaxP = config.get(CoreOptions.MAX_PARALLELISM);
  const chainingEnabled = config.get(CoreOptions.OPERATOR_CHAINING);

  const parallelismOf = new Map<number, number>();
  for (const n of order) {
    let p = n.parallelism ?? defaultP;
    const srcMax = n.source?.maxParallelism;
    if (srcMax !== undefined && p > srcMax) {
      if (n.parallelism !== undefined) {
        throw new ProgramError(`Source '${n.name}' supports parallelism at most ${srcMax}, but ${p} was set`);
      }
      p = srcMax;
    }
    const maxP = n.maxParallelism ?? jobMaxP;
    if (p > maxP) {
      throw new ProgramError(`Operator '${n.name}' has parallelism ${p} above its max parallelism ${maxP}`);
    }
    parallelismOf.set(n.id, p);
  }

  for (const n of order) validateNode(graph, n, parallelismOf);

  const vertexOfNode = new Map<number, JobVertex>();
  const vertices: JobVertex[] = [];
  const chainable = (e: StreamEdge): boolean => {
    const up = graph.node(e.sourceId);
    const down = graph.node(e.targetId);
    return (
      chainingEnabled &&
      e.partitioner.type === 'forward' &&
      e.sideOutputTag === undefined &&
      down.inEdges.length === 1 &&
      down.kind === 'one-input' &&
      down.chaining === 'always' &&
      up.chaining !== 'never' &&
      parallelismOf.get(up.id) === parallelismOf.get(down.id) &&
      (down.maxParallelism ?? jobMaxP) === (up.maxParallelism ?? jobMaxP)
    );
  };
  for (const n of order) {
    if (vertexOfNode.has(n.id)) continue;
    const chain: StreamNode[] = [];
    const stack = [n];
    while (stack.length > 0) {
      const cur = stack.shift()!;
      chain.push(cur);
      for (const e of cur.outEdges) if (chainable(e)) stack.push(graph.node(e.targetId));
    }
    const members = new Set(chain.map((c) => c.id));
    const v: JobVertex = {
      id: vertices.length,
      name: chain.map((c) => c.name).join(' -> '),
      nodes: chain,
      parallelism: parallelismOf.get(n.id)!,
      maxParallelism: n.maxParallelism ?? jobMaxP,
      inputs: n.inEdges,
      outputs: chain.flatMap((c) => c.outEdges.filter((e) => !(members.has(e.targetId) && chainable(e)))),
    };
    vertices.push(v);
    for (const c of chain) vertexOfNode.set(c.id, v);
  }
  const bounded = graph.sources().every((s) => s.source?.boundedness === 'bounded');
  return { name, vertices, vertexOfNode, parallelismOf, bounded };
}

function validateNode(graph: StreamGraph, n: StreamNode, parallelismOf: Map<number, number>): void {
  for (const e of n.inEdges) {
    const up = graph.node(e.sourceId);
    const pu = parallelismOf.get(up.id)!;
    const pd = parallelismOf.get(n.id)!;
    if (e.partitioner.type === 'forward' && pu !== pd) {
      if (e.explicit) {
        throw new ProgramError(
          `Forward partitioning does not allow a change of parallelism: '${up.name}' (${pu}) -> '${n.name}' (${pd}). ` +
            'Use rebalance() or rescale(), or give both operators the same parallelism.',
        );
      }
      e.partitioner = { type: 'rebalance' };
    }
  }
  if (n.requiresKeyedInput !== undefined && n.keySelectors[0] === undefined) {
    throw new ProgramError(
      `${n.requiresKeyedInput} (operator '${n.name}') needs a keyed stream: call keyBy(...) first.`,
    );
  }
  if (n.requiresWatermarks !== undefined && !hasWatermarksUpstream(graph, n, new Set())) {
    throw new ProgramError(
      `Operator '${n.name}' uses ${n.requiresWatermarks}, but no watermarks reach it. Give the source a WatermarkStrategy ` +
        '(fromSource(source, strategy, name)) or call assignTimestampsAndWatermarks(...) upstream; ' +
        'or use processing-time windows instead.',
    );
  }
}

function hasWatermarksUpstream(graph: StreamGraph, n: StreamNode, seen: Set<number>): boolean {
  if (n.assignsWatermarks) return true;
  if (seen.has(n.id)) return false;
  seen.add(n.id);
  if (n.inEdges.length === 0) return false;
  return n.inEdges.every((e) => hasWatermarksUpstream(graph, graph.node(e.sourceId), seen));
}

/** Human-readable plan (vertices, chains, edges), printed by `tributary run --plan` and in errors. */
export function describeJobGraph(jg: JobGraph): string {
  const lines: string[] = [`Job '${jg.name}' (${jg.bounded ? 'bounded' : 'unbounded'})`];
  for (const v of jg.vertices) {
    lines.push(`  [${v.id}] ${v.name}  parallelism=${v.parallelism}`);
    for (const e of v.outputs) {
      const target = jg.vertexOfNode.get(e.targetId)!;
      const tag = e.sideOutputTag ? ` side-output '${e.sideOutputTag}'` : '';
      lines.push(`      -> [${target.id}] ${describePartitioner(e.partitioner)}${tag}`);
    }
  }
  return lines.join('\n');
}
