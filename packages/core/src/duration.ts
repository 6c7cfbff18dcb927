import { TributaryError } from './errors.js';

const UNITS: Record<string, number> = {
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Parses Flink-style durations ("10 s", "500ms", "1 min", "2h"); a bare number means milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m)
    throw new TributaryError('DURATION', `Cannot parse duration '${text}': expected e.g. '10 s', '500 ms', '1 min'`);
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : UNITS[unit];
  if (factor === undefined) {
    throw new TributaryError('DURATION', `Unknown time unit '${m[2]}' in duration '${text}' (use ms, s, min, h or d)`);
  }
  return Math.round(Number(m[1]) * factor);
}

/** Human form of a duration in milliseconds. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;
  return `${(ms / 60_000).toFixed(2)} min`;
}
