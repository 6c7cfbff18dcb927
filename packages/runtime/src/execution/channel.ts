import type { ChannelEntry } from './elements.js';

/** Sending side of a channel between two subtasks. */
export interface OutputChannel {
  send(entry: ChannelEntry): void;
  /** False while the receiver holds `capacity` unconsumed entries (back-pressure). */
  isWritable(): boolean;
}

/** Receiving side. */
export interface InputChannel {
  poll(): ChannelEntry | undefined;
  readonly pending: number;
}

/** FIFO of channel entries with O(1) amortised removal (compacts once half of the array is consumed). */
export class EntryQueue {
  private queue: ChannelEntry[] = [];
  private head = 0;
  push(entry: ChannelEntry): void {
    this.queue.push(entry);
  }
  shift(): ChannelEntry | undefined {
    if (this.head >= this.queue.length) return undefined;
    const e = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as ChannelEntry;
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return e;
  }
  get size(): number {
    return this.queue.length - this.head;
  }
}

/** A channel between two subtasks on the same thread: a queue; entries are passed by reference. */
export class LocalChannel implements OutputChannel, InputChannel {
  private readonly queue = new EntryQueue();
  constructor(
    private readonly capacity: number,
    private readonly onData: () => void,
  ) {}
  send(entry: ChannelEntry): void {
    this.queue.push(entry);
    this.onData();
  }
  isWritable(): boolean {
    return this.queue.size < this.capacity;
  }
  poll(): ChannelEntry | undefined {
    return this.queue.shift();
  }
  get pending(): number {
    return this.queue.size;
  }
}
