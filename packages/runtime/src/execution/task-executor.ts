import type { Clock } from '@tributary/core';
import type { ProcessingTimeService } from '../operators/operator-context.js';
import type { StreamTask } from './stream-task.js';

/** Records a task may process per turn before the executor moves on to the next task. */
const TURN_BUDGET = 4096;
/** Longest stretch of busy work before yielding to the event loop (timers, I/O, messages from other threads). */
const YIELD_EVERY_MS = 8;

/**
 * Runs the tasks placed on one thread: a loop that gives each runnable task a turn, runs queued "mail"
 * (processing-time timers, async completions) between turns, and sleeps when nothing can progress until a
 * channel, source, timer or message wakes it. No promise per record: a turn processes whole buffers.
 */
export class TaskExecutor {
  readonly tasks: StreamTask[] = [];
  private readonly mail: (() => void)[] = [];
  private wakeup: (() => void) | undefined;
  private pendingWake = false;
  private stopped = false;
  private failure: unknown;
  private hasFailure = false;
  readonly processingTime: ProcessingTimeService;

  constructor(
    clock: Clock,
    private readonly onFailure: (error: unknown) => void,
  ) {
    const enqueue = (fn: () => void) => this.enqueue(fn);
    this.processingTime = {
      now: () => clock.now(),
      registerTimer: (time, callback) => {
        // A time that has already passed (re-armed after a late firing, or a ManualClock that jumped ahead) runs
        // now, as Flink's timer service does with a zero delay; the clock would not fire it until it moves again.
        if (time <= clock.now()) {
          let canceled = false;
          enqueue(() => {
            if (!canceled) callback(time);
          });
          return () => {
            canceled = true;
          };
        }
        return clock.schedule(time, () => enqueue(() => callback(time)));
      },
    };
  }

  add(task: StreamTask): void {
    this.tasks.push(task);
  }

  enqueue(fn: () => void): void {
    this.mail.push(fn);
    this.wake();
  }

  wake = (): void => {
    const w = this.wakeup;
    if (w !== undefined) {
      this.wakeup = undefined;
      w();
    } else this.pendingWake = true;
  };

  fail = (error: unknown): void => {
    if (this.hasFailure) return;
    this.hasFailure = true;
    this.failure = error;
    this.stopped = true;
    this.wake();
    this.onFailure(error);
  };

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  get failed(): boolean {
    return this.hasFailure;
  }

  get error(): unknown {
    return this.failure;
  }

  /** Resolves when every task finished, the executor was stopped, or a task failed. */
  async run(): Promise<void> {
    let lastYield = performance.now();
    const tasks = this.tasks;
    while (!this.stopped) {
      this.pendingWake = false;
      let did = false;
      while (this.mail.length > 0 && !this.stopped) {
        const m = this.mail.shift()!;
        did = true;
        try {
          m();
        } catch (e) {
          this.fail(e);
        }
      }
      let finished = 0;
      for (let i = 0; i < tasks.length && !this.stopped; i++) {
        const t = tasks[i]!;
        if (t.phase === 'finished') {
          finished++;
          continue;
        }
        try {
          if (t.step(TURN_BUDGET)) did = true;
        } catch (e) {
          this.fail(e);
        }
      }
      if (finished === tasks.length) break;
      if (this.stopped) break;
      if (!did && this.mail.length === 0) {
        // Nothing else to do: send partly filled buffers before sleeping (they may be what others wait for).
        let flushed = false;
        for (let i = 0; i < tasks.length; i++)
          if (tasks[i]!.phase !== 'finished' && tasks[i]!.flushOutputs()) flushed = true;
        if (flushed) continue;
        if (!this.pendingWake) await new Promise<void>((r) => (this.wakeup = r));
        lastYield = performance.now();
      } else if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = performance.now();
      }
    }
  }
}
