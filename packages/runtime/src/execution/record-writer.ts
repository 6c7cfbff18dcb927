import type { ChannelSelector } from '../partition/channel-selector.js';
import type { OutputChannel } from './channel.js';
import { type ChannelEntry, type DataBuffer, newBuffer } from './elements.js';

/** Partitions one edge's records into per-channel buffers and sends full buffers; events go to every channel. */
export class RecordWriter {
  private readonly buffers: DataBuffer[];
  private readonly n: number;
  constructor(
    private readonly channels: OutputChannel[],
    private readonly selector: ChannelSelector,
    private readonly bufferSize: number,
  ) {
    this.n = channels.length;
    this.buffers = channels.map(() => newBuffer());
  }

  emit(value: unknown, timestamp: number): void {
    const c = this.n === 1 ? 0 : this.selector.select(value);
    if (c >= 0) {
      this.append(c, value, timestamp);
    } else {
      for (let i = 0; i < this.n; i++) this.append(i, value, timestamp);
    }
  }

  private append(c: number, value: unknown, timestamp: number): void {
    const b = this.buffers[c]!;
    b.values.push(value);
    b.timestamps.push(timestamp);
    if (b.values.length >= this.bufferSize) {
      this.channels[c]!.send(b);
      this.buffers[c] = newBuffer();
    }
  }

  broadcastEvent(event: ChannelEntry): void {
    this.flush();
    for (const ch of this.channels) ch.send(event);
  }

  /** Sends every partly filled buffer; returns whether any was sent. */
  flush(): boolean {
    let sent = false;
    for (let c = 0; c < this.n; c++) {
      const b = this.buffers[c]!;
      if (b.values.length > 0) {
        this.channels[c]!.send(b);
        this.buffers[c] = newBuffer();
        sent = true;
      }
    }
    return sent;
  }

  isAvailable(): boolean {
    for (let c = 0; c < this.n; c++) if (!this.channels[c]!.isWritable()) return false;
    return true;
  }
}
