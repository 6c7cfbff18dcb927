/** Source of processing time. Tests swap in a ManualClock so processing-time behaviour is deterministic. */
export interface Clock {
  now(): number;
  /** Called with a callback to run when the clock passes `time`; returns a cancel function. */
  schedule(time: number, callback: () => void): () => void;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  schedule(time: number, callback: () => void): () => void {
    const handle = setTimeout(callback, Math.max(0, time - Date.now()));
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

/** A clock that moves only when told to; `advanceTo` fires everything scheduled up to the new time. */
export class ManualClock implements Clock {
  private time: number;
  private readonly pending = new Set<{ time: number; callback: () => void }>();
  constructor(start = 0) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  schedule(time: number, callback: () => void): () => void {
    const entry = { time, callback };
    this.pending.add(entry);
    return () => this.pending.delete(entry);
  }
  advanceTo(time: number): void {
    if (time < this.time) throw new Error(`ManualClock cannot go back from ${this.time} to ${time}`);
    this.time = time;
    const due = [...this.pending].filter((e) => e.time <= time).sort((a, b) => a.time - b.time);
    for (const e of due) {
      this.pending.delete(e);
      e.callback();
    }
  }
  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }
}
