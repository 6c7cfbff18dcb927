import type { InputChannel } from './channel.js';
import { type BarrierEvent, type ChannelEntry, EventKind } from './elements.js';

export interface GateChannel {
  readonly channel: InputChannel;
  /** 0 or 1: which input of the head operator. */
  readonly inputIndex: 0 | 1;
  /** Key selector of that input when the head is keyed. */
  watermark: number;
  idle: boolean;
  finished: boolean;
  /** Blocked while waiting for barrier alignment. */
  blocked: boolean;
}

export interface PolledEntry {
  readonly channel: GateChannel;
  readonly entry: ChannelEntry;
}

/**
 * All network input of a task. Reads channels round-robin, combines watermarks (minimum over active channels),
 * aligns checkpoint barriers (a channel that delivered barrier n is blocked until all have) and tracks the end.
 */
export class InputGate {
  private next = 0;
  private combinedWatermark = Number.NEGATIVE_INFINITY;
  private allIdle = false;
  private pendingBarrier: { id: number; seen: number; event: BarrierEvent } | undefined;

  constructor(readonly channels: GateChannel[]) {}

  hasInput(): boolean {
    for (const c of this.channels) if (!c.blocked && c.channel.pending > 0) return true;
    return false;
  }

  poll(): PolledEntry | undefined {
    const n = this.channels.length;
    for (let i = 0; i < n; i++) {
      const idx = (this.next + i) % n;
      const ch = this.channels[idx]!;
      if (ch.blocked) continue;
      const entry = ch.channel.poll();
      if (entry !== undefined) {
        this.next = entry.kind === EventKind.Data ? idx : (idx + 1) % n;
        return { channel: ch, entry };
      }
    }
    return undefined;
  }

  /** Rotates to the next channel so one busy channel cannot starve others. */
  rotate(): void {
    this.next = (this.next + 1) % this.channels.length;
  }

  /** Returns the new combined watermark if it advanced, else undefined. */
  updateWatermark(ch: GateChannel, watermark: number): number | undefined {
    if (watermark > ch.watermark) ch.watermark = watermark;
    return this.recompute();
  }

  /** Returns the new combined watermark if it advanced; sets `statusChanged` via the return of idleStatus(). */
  updateIdle(ch: GateChannel, idle: boolean): number | undefined {
    ch.idle = idle;
    return this.recompute();
  }

  /** True when every unfinished channel is idle (the task's output should then be idle too). */
  isIdle(): boolean {
    return this.allIdle;
  }

  private recompute(): number | undefined {
    let min = Number.POSITIVE_INFINITY;
    let active = 0;
    for (const c of this.channels) {
      if (c.finished) continue;
      if (c.idle) continue;
      active++;
      if (c.watermark < min) min = c.watermark;
    }
    this.allIdle = active === 0 && this.channels.some((c) => !c.finished);
    if (active === 0) return undefined;
    if (min > this.combinedWatermark) {
      this.combinedWatermark = min;
      return min;
    }
    return undefined;
  }

  /** A channel ended; may release the watermark of the remaining channels. */
  finishChannel(ch: GateChannel): number | undefined {
    ch.finished = true;
    ch.blocked = false;
    return this.recompute();
  }

  allFinished(): boolean {
    for (const c of this.channels) if (!c.finished) return false;
    return true;
  }

  /**
   * Barrier n arrived on ch. Returns true when every live channel has delivered it (the task snapshots and
   * forwards the barrier, then calls releaseBarrier).
   */
  onBarrier(ch: GateChannel, barrier: BarrierEvent, aligned: boolean): boolean {
    const checkpointId = barrier.checkpointId;
    if (this.pendingBarrier === undefined || this.pendingBarrier.id < checkpointId) {
      if (this.pendingBarrier !== undefined) this.releaseBarrier();
      this.pendingBarrier = { id: checkpointId, seen: 0, event: barrier };
    } else if (this.pendingBarrier.id > checkpointId) {
      return false;
    }
    // At-least-once mode does not block channels: records after the barrier may enter the snapshot's state.
    if (!aligned) {
      this.pendingBarrier.seen++;
      const n = this.channels.filter((c) => !c.finished).length;
      return this.pendingBarrier.seen >= n;
    }
    ch.blocked = true;
    this.pendingBarrier.seen++;
    return this.channels.every((c) => c.blocked || c.finished);
  }

  /** A channel that finished while others were aligning counts as aligned. */
  alignmentComplete(): boolean {
    return this.pendingBarrier !== undefined && this.channels.every((c) => c.blocked || c.finished);
  }

  pendingBarrierEvent(): BarrierEvent | undefined {
    return this.pendingBarrier?.event;
  }

  releaseBarrier(): void {
    this.pendingBarrier = undefined;
    for (const c of this.channels) c.blocked = false;
  }

  get watermark(): number {
    return this.combinedWatermark;
  }
}
