import type { JobGraph, JobVertex } from '../graph/job-graph.js';
import type { StreamEdge } from '../graph/stream-graph.js';

/** One physical channel: from subtask `from` of the edge's source vertex to subtask `to` of its target vertex. */
export interface ChannelSpec {
  readonly id: number;
  readonly edgeIndex: number;
  readonly from: number;
  readonly to: number;
}

export interface EdgePlan {
  readonly index: number;
  readonly edge: StreamEdge;
  readonly source: JobVertex;
  readonly target: JobVertex;
  /** writers[u] = channels of upstream subtask u, ordered by downstream subtask */
  readonly writerChannels: ChannelSpec[][];
}

/** Targets of upstream subtask u under rescale: a contiguous subset, as in Flink. */
function rescaleTargets(u: number, pu: number, pd: number): number[] {
  if (pu >= pd) return [Math.floor((u * pd) / pu)];
  const start = Math.floor((u * pd) / pu);
  const end = Math.floor(((u + 1) * pd) / pu);
  const out: number[] = [];
  for (let d = start; d < end; d++) out.push(d);
  return out;
}

/** Expands a job graph's network edges into physical channels. */
export function planChannels(jg: JobGraph): { edges: EdgePlan[]; channels: ChannelSpec[] } {
  const edges: EdgePlan[] = [];
  const channels: ChannelSpec[] = [];
  for (const v of jg.vertices) {
    for (const e of v.outputs) {
      const target = jg.vertexOfNode.get(e.targetId)!;
      const index = edges.length;
      const pu = v.parallelism;
      const pd = target.parallelism;
      const writerChannels: ChannelSpec[][] = [];
      for (let u = 0; u < pu; u++) {
        let targets: number[];
        if (e.partitioner.type === 'forward') targets = [u];
        else if (e.partitioner.type === 'rescale') targets = rescaleTargets(u, pu, pd);
        // Global connects to every downstream subtask (its selector always picks channel 0): the others still need
        // watermarks and end of input, or they would wait forever for input that has no channel.
        else targets = Array.from({ length: pd }, (_, d) => d);
        const list: ChannelSpec[] = [];
        for (const d of targets) {
          const c: ChannelSpec = { id: channels.length, edgeIndex: index, from: u, to: d };
          channels.push(c);
          list.push(c);
        }
        writerChannels.push(list);
      }
      edges.push({ index, edge: e, source: v, target, writerChannels });
    }
  }
  return { edges, channels };
}

/** Channels arriving at subtask d of vertex v, in gate order, with the input index they feed. */
export function inputChannelsOf(
  plan: { edges: EdgePlan[] },
  v: JobVertex,
  d: number,
): { spec: ChannelSpec; inputIndex: 0 | 1 }[] {
  const out: { spec: ChannelSpec; inputIndex: 0 | 1 }[] = [];
  for (const ep of plan.edges) {
    if (ep.target !== v) continue;
    for (const list of ep.writerChannels)
      for (const c of list) if (c.to === d) out.push({ spec: c, inputIndex: ep.edge.inputIndex });
  }
  return out;
}
