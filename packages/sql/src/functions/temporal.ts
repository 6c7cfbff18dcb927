/**
 * Temporal functions. Local (wall-clock) fields of TIMESTAMP_LTZ values and CURRENT_* results depend on the
 * session time zone in the FunctionContext; TIMESTAMP values are already wall-clock.
 * Factories (`*For(type, ctx)`) resolve type- and zone-dependent choices once per query.
 */

import type { LogicalType } from '@tributary/core';
import {
  addMonthsToDays,
  dayOfMonthOfDays,
  dayOfYear,
  daysFromCivil,
  floorMod,
  instantToLocal,
  isoDayOfWeek,
  isoWeek,
  localToInstant,
  MILLIS_PER_DAY,
  makeTimestamp,
  monthOfDays,
  NanoTimestamp,
  parseTimestamp,
  SqlFunctionError,
  sqlDayOfWeek,
  type TimestampValue,
  type TimeZone,
  timeZone,
  tsMillis,
  tsNanoOfMilli,
  yearOfDays,
} from '@tributary/core';
import type { FunctionContext } from './context.js';
import { formatWithPattern, parseWithPattern } from './date-format.js';

export const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';

// ---- current time ----

export const currentTimestamp = (ctx: FunctionContext): number => ctx.now();
export const localTimestamp = (ctx: FunctionContext): number => instantToLocal(ctx.now(), ctx.zone);
export const currentDate = (ctx: FunctionContext): number => Math.floor(localTimestamp(ctx) / MILLIS_PER_DAY);
export const currentTime = (ctx: FunctionContext): number => floorMod(localTimestamp(ctx), MILLIS_PER_DAY);

/** Wall-clock millis of a temporal value of type t (DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ). */
export function localMillisFor(t: LogicalType, zone: TimeZone): (v: any) => number {
  switch (t.root) {
    case 'DATE':
      return (v: number) => v * MILLIS_PER_DAY;
    case 'TIME':
      return (v: number) => v;
    case 'TIMESTAMP_LTZ':
      return (v: TimestampValue) => instantToLocal(tsMillis(v), zone);
    default:
      return tsMillis;
  }
}

// ---- formatting / parsing ----

/** DATE_FORMAT(ts, fmt) for a timestamp-ish argument type; a string argument is parsed as 'yyyy-MM-dd HH:mm:ss[.f]'. */
export function dateFormatFor(t: LogicalType, zone: TimeZone): (v: any, fmt: string) => string | null {
  if (t.root === 'CHAR' || t.root === 'VARCHAR') {
    return (v: string, fmt: string) => {
      const ts = parseTimestamp(v, 9);
      return ts === undefined ? null : formatWithPattern(tsMillis(ts), fmt, tsNanoOfMilli(ts));
    };
  }
  const local = localMillisFor(t, zone);
  if (t.root === 'TIMESTAMP_LTZ') {
    return (v: TimestampValue, fmt: string) =>
      formatWithPattern(local(v), fmt, tsNanoOfMilli(v), zone.offsetAt(tsMillis(v)));
  }
  return (v: any, fmt: string) => formatWithPattern(local(v), fmt, typeof v === 'object' ? tsNanoOfMilli(v) : 0);
}

/** TO_TIMESTAMP(str [, fmt]) -> TIMESTAMP(3); NULL when the text does not match. */
export function toTimestamp(s: string, fmt: string = DEFAULT_FORMAT): number | null {
  const p = parseWithPattern(s, fmt);
  if (p === undefined) {
    if (fmt === DEFAULT_FORMAT) {
      const ts = parseTimestamp(s, 3);
      return ts === undefined ? null : (ts as number);
    }
    return null;
  }
  return p.offsetMs === undefined ? p.localMillis : p.localMillis - p.offsetMs;
}

/** TO_DATE(str [, fmt]) -> DATE; NULL when the text does not match. */
export function toDate(s: string, fmt = 'yyyy-MM-dd'): number | null {
  const p = parseWithPattern(s, fmt);
  return p === undefined ? null : Math.floor(p.localMillis / MILLIS_PER_DAY);
}

/** TO_TIMESTAMP_LTZ(numeric, precision): epoch seconds (precision 0) or millis (3) -> TIMESTAMP_LTZ(3). */
export function toTimestampLtz(
  v: number | bigint | { toNumber(): number },
  precision: number | bigint = 3,
): number | null {
  const n = typeof v === 'object' ? v.toNumber() : Number(v);
  const p = Number(precision);
  if (p !== 0 && p !== 3) throw new SqlFunctionError('TO_TIMESTAMP_LTZ', `precision must be 0 or 3, got ${p}`);
  const ms = p === 0 ? n * 1000 : n;
  return Number.isFinite(ms) ? Math.floor(ms) : null;
}
/** TO_TIMESTAMP_LTZ(str, fmt [, zone]): parse wall-clock text in the given (or session) zone. */
export function toTimestampLtzFromString(
  ctx: FunctionContext,
  s: string,
  fmt = DEFAULT_FORMAT,
  zone?: string,
): number | null {
  const p = parseWithPattern(s, fmt);
  if (p === undefined) return null;
  if (p.offsetMs !== undefined) return p.localMillis - p.offsetMs;
  return localToInstant(p.localMillis, zone === undefined ? ctx.zone : timeZone(zone));
}

/** UNIX_TIMESTAMP(): now in epoch seconds. */
export function unixTimestampNow(ctx: FunctionContext): bigint {
  return BigInt(Math.floor(ctx.now() / 1000));
}
/** UNIX_TIMESTAMP(str [, fmt]) in the session zone; Long.MIN_VALUE when unparsable (Flink's behaviour). */
export function unixTimestamp(ctx: FunctionContext, s: string, fmt = DEFAULT_FORMAT): bigint {
  const p = parseWithPattern(s, fmt);
  if (p === undefined) return -(2n ** 63n);
  const instant = p.offsetMs !== undefined ? p.localMillis - p.offsetMs : localToInstant(p.localMillis, ctx.zone);
  return BigInt(Math.floor(instant / 1000));
}
/** FROM_UNIXTIME(seconds [, fmt]) formatted in the session zone. */
export function fromUnixtime(ctx: FunctionContext, seconds: number | bigint, fmt = DEFAULT_FORMAT): string {
  const instant = Number(seconds) * 1000;
  return formatWithPattern(instantToLocal(instant, ctx.zone), fmt, 0, ctx.zone.offsetAt(instant));
}
/** CONVERT_TZ(str, from, to): 'yyyy-MM-dd HH:mm:ss' text moved between zones. */
export function convertTz(s: string, from: string, to: string): string | null {
  const ts = parseTimestamp(s, 3);
  if (ts === undefined) return null;
  const instant = localToInstant(ts as number, timeZone(from));
  return formatWithPattern(instantToLocal(instant, timeZone(to)), DEFAULT_FORMAT);
}

// ---- EXTRACT and field functions ----

export type TimeUnit =
  | 'MILLENNIUM'
  | 'CENTURY'
  | 'DECADE'
  | 'YEAR'
  | 'QUARTER'
  | 'MONTH'
  | 'WEEK'
  | 'DAY'
  | 'DOY'
  | 'DOW'
  | 'ISODOW'
  | 'ISOYEAR'
  | 'HOUR'
  | 'MINUTE'
  | 'SECOND'
  | 'MILLISECOND'
  | 'MICROSECOND'
  | 'NANOSECOND'
  | 'EPOCH';

/** A field of wall-clock millis (+ nanos of milli). */
export function extractField(unit: TimeUnit, local: number, nanoOfMilli = 0): number {
  const days = Math.floor(local / MILLIS_PER_DAY);
  const ms = floorMod(local, MILLIS_PER_DAY);
  switch (unit) {
    case 'MILLENNIUM':
      return Math.floor((yearOfDays(days) + 999) / 1000);
    case 'CENTURY':
      return Math.floor((yearOfDays(days) + 99) / 100);
    case 'DECADE':
      return Math.floor(yearOfDays(days) / 10);
    case 'YEAR':
      return yearOfDays(days);
    case 'ISOYEAR':
      return yearOfDays(days - isoDayOfWeek(days) + 4);
    case 'QUARTER':
      return Math.floor((monthOfDays(days) - 1) / 3) + 1;
    case 'MONTH':
      return monthOfDays(days);
    case 'WEEK':
      return isoWeek(days);
    case 'DAY':
      return dayOfMonthOfDays(days);
    case 'DOY':
      return dayOfYear(days);
    case 'DOW':
      return sqlDayOfWeek(days);
    case 'ISODOW':
      return isoDayOfWeek(days);
    case 'HOUR':
      return Math.floor(ms / 3_600_000);
    case 'MINUTE':
      return Math.floor(ms / 60_000) % 60;
    case 'SECOND':
      return Math.floor(ms / 1000) % 60;
    case 'MILLISECOND':
      return ms % 60_000;
    case 'MICROSECOND':
      return (ms % 60_000) * 1000 + Math.floor(nanoOfMilli / 1000);
    case 'NANOSECOND':
      return (ms % 60_000) * 1_000_000 + nanoOfMilli;
    case 'EPOCH':
      return Math.floor(local / 1000);
  }
}

/** EXTRACT(unit FROM v) for v of type t -> BIGINT. Intervals extract from their months / millis. */
export function extractFor(unit: TimeUnit, t: LogicalType, zone: TimeZone): (v: any) => bigint {
  if (t.root === 'INTERVAL_YEAR_MONTH') {
    if (unit === 'YEAR') return (v: number) => BigInt(Math.trunc(v / 12));
    if (unit === 'MONTH') return (v: number) => BigInt(v % 12);
    throw new SqlFunctionError('EXTRACT', `cannot extract ${unit} from ${t}`);
  }
  if (t.root === 'INTERVAL_DAY_TIME') {
    const div: Partial<Record<TimeUnit, [number, number]>> = {
      DAY: [MILLIS_PER_DAY, 0],
      HOUR: [3_600_000, 24],
      MINUTE: [60_000, 60],
      SECOND: [1000, 60],
      MILLISECOND: [1, 60_000],
      EPOCH: [1000, 0],
    };
    const d = div[unit];
    if (d === undefined) throw new SqlFunctionError('EXTRACT', `cannot extract ${unit} from ${t}`);
    return (v: number) => {
      const q = Math.trunc(v / d[0]);
      return BigInt(d[1] === 0 ? q : q % d[1]);
    };
  }
  if (t.root === 'DATE' && ['HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', 'NANOSECOND'].includes(unit)) {
    throw new SqlFunctionError('EXTRACT', `cannot extract ${unit} from ${t}`);
  }
  if (
    t.root === 'TIME' &&
    !['HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'EPOCH'].includes(unit)
  ) {
    throw new SqlFunctionError('EXTRACT', `cannot extract ${unit} from ${t}`);
  }
  const local = localMillisFor(t, zone);
  const nanos = t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ';
  return (v: any) => BigInt(extractField(unit, local(v), nanos ? tsNanoOfMilli(v) : 0));
}

// ---- arithmetic ----

export type AddUnit = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';
const UNIT_MILLIS: Record<string, number> = {
  WEEK: 7 * MILLIS_PER_DAY,
  DAY: MILLIS_PER_DAY,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
  MILLISECOND: 1,
};
const UNIT_MONTHS: Record<string, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** Adds months to wall-clock millis clamping the day (Java plusMonths). */
export function addMonthsToMillis(local: number, months: number): number {
  const days = Math.floor(local / MILLIS_PER_DAY);
  return addMonthsToDays(days, months) * MILLIS_PER_DAY + floorMod(local, MILLIS_PER_DAY);
}

/** TIMESTAMPADD(unit, n, v) for v of type t; returns a value of the same type (DATE with sub-day unit -> TIMESTAMP). */
export function timestampAddFor(
  unit: AddUnit,
  t: LogicalType,
  zone: TimeZone,
): (n: number | bigint, v: any) => unknown {
  const months = UNIT_MONTHS[unit];
  const step = UNIT_MILLIS[unit];
  const shift = (local: number, n: number) =>
    months !== undefined ? addMonthsToMillis(local, n * months) : local + n * step!;
  switch (t.root) {
    case 'DATE':
      return (n, v: number) => {
        const r = shift(v * MILLIS_PER_DAY, Number(n));
        return step !== undefined && step < MILLIS_PER_DAY ? r : Math.floor(r / MILLIS_PER_DAY);
      };
    case 'TIME':
      return (n, v: number) => floorMod(shift(v, Number(n)), MILLIS_PER_DAY);
    case 'TIMESTAMP_LTZ':
      return (n, v: TimestampValue) => {
        const instant = tsMillis(v);
        const r =
          months !== undefined
            ? localToInstant(addMonthsToMillis(instantToLocal(instant, zone), Number(n) * months), zone)
            : unit === 'DAY' || unit === 'WEEK'
              ? localToInstant(instantToLocal(instant, zone) + Number(n) * step!, zone)
              : instant + Number(n) * step!;
        return typeof v === 'number' ? r : new NanoTimestamp(r, v.nanoOfMilli);
      };
    default:
      return (n, v: TimestampValue) => {
        const r = shift(tsMillis(v), Number(n));
        return typeof v === 'number' ? r : new NanoTimestamp(r, v.nanoOfMilli);
      };
  }
}

/** Whole months from a to b (wall-clock), truncated toward zero like Calcite's subtractMonths. */
export function monthsBetween(a: number, b: number): number {
  const da = Math.floor(a / MILLIS_PER_DAY);
  const db = Math.floor(b / MILLIS_PER_DAY);
  let m = yearOfDays(db) * 12 + monthOfDays(db) - (yearOfDays(da) * 12 + monthOfDays(da));
  const restA = dayOfMonthOfDays(da) * MILLIS_PER_DAY + floorMod(a, MILLIS_PER_DAY);
  const restB = dayOfMonthOfDays(db) * MILLIS_PER_DAY + floorMod(b, MILLIS_PER_DAY);
  if (m > 0 && restB < restA) m--;
  else if (m < 0 && restB > restA) m++;
  return m;
}

/** TIMESTAMPDIFF(unit, a, b) -> INT: whole units from a to b. */
export function timestampDiffFor(
  unit: AddUnit,
  ta: LogicalType,
  tb: LogicalType,
  zone: TimeZone,
): (a: any, b: any) => number {
  const la = localMillisFor(ta, zone);
  const lb = localMillisFor(tb, zone);
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return (a, b) => Math.trunc(monthsBetween(la(a), lb(b)) / months) | 0;
  const step = UNIT_MILLIS[unit]!;
  // sub-day units on two LTZ values measure elapsed time, not wall-clock distance
  const instant = ta.root === 'TIMESTAMP_LTZ' && tb.root === 'TIMESTAMP_LTZ' && step < MILLIS_PER_DAY;
  if (instant) return (a, b) => Math.trunc((tsMillis(b) - tsMillis(a)) / step) | 0;
  return (a, b) => Math.trunc((lb(b) - la(a)) / step) | 0;
}

export type FloorUnit = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

/** FLOOR / CEIL of wall-clock millis to a unit (WEEK starts on Sunday, as Calcite's). */
export function floorLocal(local: number, unit: FloorUnit): number {
  const days = Math.floor(local / MILLIS_PER_DAY);
  switch (unit) {
    case 'YEAR':
      return daysFromCivil(yearOfDays(days), 1, 1) * MILLIS_PER_DAY;
    case 'QUARTER': {
      const m = monthOfDays(days);
      return daysFromCivil(yearOfDays(days), m - ((m - 1) % 3), 1) * MILLIS_PER_DAY;
    }
    case 'MONTH':
      return daysFromCivil(yearOfDays(days), monthOfDays(days), 1) * MILLIS_PER_DAY;
    case 'WEEK':
      return (days - (sqlDayOfWeek(days) - 1)) * MILLIS_PER_DAY;
    default:
      return local - floorMod(local, UNIT_MILLIS[unit]!);
  }
}
export function ceilLocal(local: number, unit: FloorUnit): number {
  const f = floorLocal(local, unit);
  if (f === local) return f;
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return addMonthsToMillis(f, months);
  return f + UNIT_MILLIS[unit]!;
}

/** FLOOR(v TO unit) / CEIL(v TO unit) for DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ values. */
export function floorCeilFor(unit: FloorUnit, t: LogicalType, zone: TimeZone, ceil: boolean): (v: any) => unknown {
  const f = ceil ? ceilLocal : floorLocal;
  switch (t.root) {
    case 'DATE':
      return (v: number) => Math.floor(f(v * MILLIS_PER_DAY, unit) / MILLIS_PER_DAY);
    case 'TIME':
      return (v: number) => f(v, unit);
    case 'TIMESTAMP_LTZ':
      return (v: TimestampValue) => localToInstant(f(instantToLocal(tsMillis(v), zone), unit), zone);
    default:
      return (v: TimestampValue) => {
        const ms = tsMillis(v);
        // a sub-millisecond remainder means the true value lies just above `ms`
        if (ceil && typeof v === 'object' && v.nanoOfMilli > 0) return ceilLocal(ms + 1, unit);
        return f(ms, unit);
      };
  }
}

/** TIMESTAMP(p) plus an INTERVAL value (months for year-month, millis for day-time). */
export function addInterval(t: LogicalType, intervalRoot: 'INTERVAL_YEAR_MONTH' | 'INTERVAL_DAY_TIME', zone: TimeZone) {
  const ym = intervalRoot === 'INTERVAL_YEAR_MONTH';
  switch (t.root) {
    case 'DATE':
      return ym
        ? (v: number, n: number) => addMonthsToDays(v, n)
        : (v: number, n: number) => v + Math.trunc(n / MILLIS_PER_DAY);
    case 'TIME':
      return ym ? (v: number) => v : (v: number, n: number) => floorMod(v + n, MILLIS_PER_DAY);
    case 'TIMESTAMP_LTZ':
      return ym
        ? (v: TimestampValue, n: number) => {
            const r = localToInstant(addMonthsToMillis(instantToLocal(tsMillis(v), zone), n), zone);
            return typeof v === 'number' ? r : new NanoTimestamp(r, v.nanoOfMilli);
          }
        : (v: TimestampValue, n: number) =>
            typeof v === 'number' ? v + n : new NanoTimestamp(v.millis + n, v.nanoOfMilli);
    default:
      return ym
        ? (v: TimestampValue, n: number) => {
            const r = addMonthsToMillis(tsMillis(v), n);
            return typeof v === 'number' ? r : new NanoTimestamp(r, v.nanoOfMilli);
          }
        : (v: TimestampValue, n: number) =>
            typeof v === 'number' ? v + n : new NanoTimestamp(v.millis + n, v.nanoOfMilli);
  }
}

/** A wall-clock TIMESTAMP value at precision p from millis (for constructing literals). */
export function timestampOf(millis: number, nanoOfMilli: number, p: number): TimestampValue {
  return makeTimestamp(millis, nanoOfMilli, p);
}
