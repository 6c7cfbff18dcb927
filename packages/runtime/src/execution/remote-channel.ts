import type { MessagePort } from 'node:worker_threads';
import { EntryQueue, type InputChannel, type OutputChannel } from './channel.js';
import { type ChannelEntry, EventKind } from './elements.js';

/** Messages between worker threads on a peer port. Data buffers are sent as their two arrays. */
export type PeerMessage =
  | { readonly t: 'd'; readonly c: number; readonly v: unknown[] | Float64Array; readonly ts: Float64Array }
  | { readonly t: 'e'; readonly c: number; readonly e: ChannelEntry }
  | { readonly t: 'credit'; readonly c: number; readonly n: number };

function allNumbers(values: unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return false;
  return values.length > 0;
}

/**
 * Sending end of a channel to another thread. Credit-based flow control as in Flink: the receiver grants one
 * credit per buffer it has consumed, so at most `capacity` buffers are in flight and a slow receiver back-pressures
 * the sender without blocking either thread.
 */
export class RemoteOutputChannel implements OutputChannel {
  private credits: number;
  constructor(
    private readonly id: number,
    private readonly port: MessagePort,
    capacity: number,
  ) {
    this.credits = capacity;
  }
  send(entry: ChannelEntry): void {
    if (entry.kind === EventKind.Data) {
      this.credits--;
      // Timestamps (and all-number values) travel as transferred Float64Arrays: no structured-clone walk.
      const ts = Float64Array.from(entry.timestamps);
      const v = allNumbers(entry.values) ? Float64Array.from(entry.values as number[]) : entry.values;
      const transfer = v instanceof Float64Array ? [ts.buffer, v.buffer] : [ts.buffer];
      this.port.postMessage({ t: 'd', c: this.id, v, ts } satisfies PeerMessage, transfer);
    } else {
      this.port.postMessage({ t: 'e', c: this.id, e: entry } satisfies PeerMessage);
    }
  }
  isWritable(): boolean {
    return this.credits > 0;
  }
  addCredit(n: number): void {
    this.credits += n;
  }
}

/** Receiving end of a channel from another thread. */
export class RemoteInputChannel implements InputChannel {
  private readonly queue = new EntryQueue();
  constructor(
    private readonly id: number,
    private readonly port: MessagePort,
  ) {}
  deliver(entry: ChannelEntry): void {
    this.queue.push(entry);
  }
  poll(): ChannelEntry | undefined {
    const e = this.queue.shift();
    if (e !== undefined && e.kind === EventKind.Data) {
      this.port.postMessage({ t: 'credit', c: this.id, n: 1 } satisfies PeerMessage);
    }
    return e;
  }
  get pending(): number {
    return this.queue.size;
  }
}

/**
 * Routes messages arriving on peer ports to the channels of this thread. Messages for channels not created yet
 * are kept until the channel registers (peers may start sending before this thread finished deploying).
 */
export class PeerRouter {
  private readonly inputs = new Map<number, RemoteInputChannel>();
  private readonly outputs = new Map<number, RemoteOutputChannel>();
  private readonly early = new Map<number, PeerMessage[]>();

  constructor(private readonly wake: () => void) {}

  attach(port: MessagePort): void {
    port.on('message', (m: PeerMessage) => this.route(m));
  }

  registerInput(id: number, ch: RemoteInputChannel): void {
    this.inputs.set(id, ch);
    this.replay(id);
  }

  registerOutput(id: number, ch: RemoteOutputChannel): void {
    this.outputs.set(id, ch);
    this.replay(id);
  }

  private replay(id: number): void {
    const pending = this.early.get(id);
    if (!pending) return;
    this.early.delete(id);
    for (const m of pending) this.route(m);
  }

  private route(m: PeerMessage): void {
    if (m.t === 'credit') {
      const out = this.outputs.get(m.c);
      if (!out) {
        this.keep(m);
        return;
      }
      out.addCredit(m.n);
    } else {
      const input = this.inputs.get(m.c);
      if (!input) {
        this.keep(m);
        return;
      }
      input.deliver(
        m.t === 'd' ? { kind: EventKind.Data, values: m.v as unknown[], timestamps: m.ts as unknown as number[] } : m.e,
      );
    }
    this.wake();
  }

  private keep(m: PeerMessage): void {
    const list = this.early.get(m.c) ?? [];
    list.push(m);
    this.early.set(m.c, list);
  }
}
