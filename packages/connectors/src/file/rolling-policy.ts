import { ProgramError } from '@tributary/core';

/** What a rolling policy sees of the open part file of a bucket. */
export interface PartFileInfo {
  readonly size: number;
  readonly createdAt: number;
  readonly lastWriteAt: number;
}

export interface RollingPolicyOptions {
  /** Roll when the part file reaches this many bytes (default 128 MiB). */
  readonly maxPartSize?: number;
  /** Roll a part file open this long (ms, default 60 s). */
  readonly rolloverIntervalMs?: number;
  /** Roll a part file not written to for this long (ms, default 60 s). */
  readonly inactivityIntervalMs?: number;
  /** Roll at every checkpoint (Flink's OnCheckpointRollingPolicy); default false. */
  readonly rollOnCheckpoint?: boolean;
}

/** Flink's DefaultRollingPolicy: size and rollover interval checked per record, time limits also on a timer. */
export class DefaultRollingPolicy {
  readonly maxPartSize: number;
  readonly rolloverIntervalMs: number;
  readonly inactivityIntervalMs: number;
  readonly rollOnCheckpoint: boolean;

  constructor(options: RollingPolicyOptions = {}) {
    this.maxPartSize = options.maxPartSize ?? 128 * 1024 * 1024;
    this.rolloverIntervalMs = options.rolloverIntervalMs ?? 60_000;
    this.inactivityIntervalMs = options.inactivityIntervalMs ?? 60_000;
    this.rollOnCheckpoint = options.rollOnCheckpoint ?? false;
    for (const [k, v] of Object.entries({
      maxPartSize: this.maxPartSize,
      rolloverIntervalMs: this.rolloverIntervalMs,
      inactivityIntervalMs: this.inactivityIntervalMs,
    })) {
      if (!(v > 0)) throw new ProgramError(`FileSink rolling policy: ${k} must be positive, got ${v}`);
    }
  }

  /** Before writing a record into the part file. */
  shouldRollOnEvent(part: PartFileInfo, now: number): boolean {
    return part.size >= this.maxPartSize || now - part.createdAt >= this.rolloverIntervalMs;
  }

  shouldRollOnProcessingTime(part: PartFileInfo, now: number): boolean {
    return now - part.createdAt >= this.rolloverIntervalMs || now - part.lastWriteAt >= this.inactivityIntervalMs;
  }

  shouldRollOnCheckpoint(part: PartFileInfo): boolean {
    return this.rollOnCheckpoint || part.size >= this.maxPartSize;
  }
}
