import type { StreamOperator } from '../operators/stream-operator.js';
import type { KeySelector, PartitionerSpec } from '../partition/partitioner.js';
import type { Source } from '../source/source.js';
import type { WatermarkStrategy } from '../watermarks/watermark-strategy.js';

export type NodeKind = 'source' | 'one-input' | 'two-input';

/** One operator of the program, before chaining. Built by the DataStream API. */
export interface StreamNode {
  readonly id: number;
  name: string;
  uid: string | undefined;
  parallelism: number | undefined;
  maxParallelism: number | undefined;
  readonly kind: NodeKind;
  /** Creates a fresh operator instance per subtask (and per restart). */
  readonly createOperator: () => StreamOperator;
  readonly source?: Source<unknown>;
  readonly watermarkStrategy?: WatermarkStrategy<unknown>;
  /** Key selectors per input (index 0 = first input); set when that input is keyed. */
  keySelectors: [KeySelector | undefined, KeySelector | undefined];
  /** 'never' keeps the operator out of chains; 'head' lets it start a chain but not join one. */
  chaining: 'always' | 'never' | 'head';
  /** Marks operators whose event-time logic needs watermarks (e.g. event-time windows). */
  requiresWatermarks?: string;
  /** Set on sources with a watermark strategy and on assignTimestampsAndWatermarks. */
  assignsWatermarks?: boolean;
  /** Marks operators that need keyed state (checked before the job starts). */
  requiresKeyedInput?: string;
  readonly inEdges: StreamEdge[];
  readonly outEdges: StreamEdge[];
}

export interface StreamEdge {
  readonly sourceId: number;
  readonly targetId: number;
  partitioner: PartitionerSpec;
  /** Whether the partitioner was chosen by the user (forward) or defaulted. */
  readonly explicit: boolean;
  readonly sideOutputTag: string | undefined;
  /** 0 or 1: which input of the target. */
  readonly inputIndex: 0 | 1;
}

/** The program as a DAG of operators; the DataStream API appends to it. */
export class StreamGraph {
  readonly nodes = new Map<number, StreamNode>();
  private nextId = 1;

  addNode(
    spec: Omit<StreamNode, 'id' | 'inEdges' | 'outEdges' | 'keySelectors' | 'chaining'> &
      Partial<Pick<StreamNode, 'keySelectors' | 'chaining'>>,
  ): StreamNode {
    const node: StreamNode = {
      keySelectors: [undefined, undefined],
      chaining: 'always',
      ...spec,
      id: this.nextId++,
      inEdges: [],
      outEdges: [],
    };
    this.nodes.set(node.id, node);
    return node;
  }

  addEdge(edge: StreamEdge): void {
    this.nodes.get(edge.sourceId)!.outEdges.push(edge);
    this.nodes.get(edge.targetId)!.inEdges.push(edge);
  }

  node(id: number): StreamNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`No stream node ${id}`);
    return n;
  }

  sources(): StreamNode[] {
    return [...this.nodes.values()].filter((n) => n.kind === 'source');
  }

  /** Nodes in an order where every node comes after its inputs. */
  topologicalOrder(): StreamNode[] {
    const indeg = new Map<number, number>();
    for (const n of this.nodes.values()) indeg.set(n.id, n.inEdges.length);
    const ready = [...this.nodes.values()].filter((n) => n.inEdges.length === 0).map((n) => n.id);
    const out: StreamNode[] = [];
    while (ready.length > 0) {
      ready.sort((a, b) => a - b);
      const id = ready.shift()!;
      const n = this.node(id);
      out.push(n);
      for (const e of n.outEdges) {
        const d = indeg.get(e.targetId)! - 1;
        indeg.set(e.targetId, d);
        if (d === 0) ready.push(e.targetId);
      }
    }
    return out;
  }
}
