import { ProgramError } from '@tributary/core';

export interface BucketContext {
  /** Event timestamp of the record, if it has one. */
  readonly timestamp: number | undefined;
  /** Processing time (wall clock, epoch ms). */
  readonly currentTime: number;
}

/** Chooses the bucket (a sub-directory of the sink's base path, '' for the base path itself) of a record. */
export type BucketAssigner<T> = (value: T, ctx: BucketContext) => string;

/**
 * Like Flink's DateTimeBucketAssigner: buckets named by the processing time in the given format (tokens yyyy, MM,
 * dd, HH, mm, ss; default `yyyy-MM-dd--HH`), in the local time zone unless 'UTC' is asked for.
 */
export function dateTimeBucketAssigner<T>(
  format = 'yyyy-MM-dd--HH',
  timeZone: 'local' | 'UTC' = 'local',
): BucketAssigner<T> {
  let lastSecond = Number.NaN;
  let lastName = '';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (_value, ctx) => {
    const second = Math.floor(ctx.currentTime / 1000);
    // The name only changes with the time, so it is formatted at most once per second.
    if (second !== lastSecond) {
      const d = new Date(second * 1000);
      const utc = timeZone === 'UTC';
      const parts: Record<string, string> = {
        yyyy: pad(utc ? d.getUTCFullYear() : d.getFullYear(), 4),
        MM: pad((utc ? d.getUTCMonth() : d.getMonth()) + 1),
        dd: pad(utc ? d.getUTCDate() : d.getDate()),
        HH: pad(utc ? d.getUTCHours() : d.getHours()),
        mm: pad(utc ? d.getUTCMinutes() : d.getMinutes()),
        ss: pad(utc ? d.getUTCSeconds() : d.getSeconds()),
      };
      lastName = format.replace(/yyyy|MM|dd|HH|mm|ss/g, (t) => parts[t]!);
      lastSecond = second;
    }
    return lastName;
  };
}

/** Everything in the base path (Flink's BasePathBucketAssigner). */
export function basePathBucketAssigner<T>(): BucketAssigner<T> {
  return () => '';
}

/** A bucket id must stay inside the base path. */
export function checkBucketId(id: unknown): string {
  if (typeof id !== 'string')
    throw new ProgramError(`FileSink bucket assigner returned ${typeof id}, expected a string`);
  const segments = id.split(/[\\/]/);
  if (id.startsWith('/') || segments.some((s) => s === '..')) {
    throw new ProgramError(`FileSink bucket id '${id}' must be a relative path inside the base path (no '..')`);
  }
  return id;
}
