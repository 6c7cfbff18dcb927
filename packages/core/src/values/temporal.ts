/**
 * DATE / TIME / TIMESTAMP / TIMESTAMP_LTZ values and their calendar arithmetic (proleptic Gregorian, like Flink's
 * DateTimeUtils for dates after 1582; Java's hybrid Julian calendar for older dates is deliberately not reproduced).
 *
 * Representations (see values/index header):
 * - DATE: days since 1970-01-01 (integer number).
 * - TIME(p): milliseconds of the day (integer number, 0..86_399_999); Flink keeps TIME at millisecond precision too.
 * - TIMESTAMP(p) for p <= 3: epoch milliseconds of the wall-clock time read as if it were UTC (integer number).
 *   TIMESTAMP(p) for p > 3: a `NanoTimestamp` (millis + nanoOfMilli), allocated only for high precisions so the
 *   common TIMESTAMP(3) path stays a plain number.
 * - TIMESTAMP_LTZ(p): an instant, same two shapes as TIMESTAMP; the session time zone applies when printing or
 *   converting to local fields.
 */

export const MILLIS_PER_DAY = 86_400_000;

/** A TIMESTAMP / TIMESTAMP_LTZ with precision above milliseconds. */
export class NanoTimestamp {
  /** Epoch milliseconds (floor). */
  readonly millis: number;
  /** 0..999_999 nanoseconds within the millisecond. */
  readonly nanoOfMilli: number;
  constructor(millis: number, nanoOfMilli: number) {
    this.millis = millis;
    this.nanoOfMilli = nanoOfMilli;
  }
}

export type TimestampValue = number | NanoTimestamp;

export function tsMillis(v: TimestampValue): number {
  return typeof v === 'number' ? v : v.millis;
}
export function tsNanoOfMilli(v: TimestampValue): number {
  return typeof v === 'number' ? 0 : v.nanoOfMilli;
}

/** Builds the representation for precision p, truncating digits beyond p (Flink truncates, it does not round). */
export function makeTimestamp(millis: number, nanoOfMilli: number, precision: number): TimestampValue {
  if (precision <= 3) {
    if (precision === 3) return millis;
    const unit = 10 ** (3 - precision);
    return Math.floor(millis / unit) * unit;
  }
  const unit = 10 ** (9 - precision);
  const n = Math.floor(nanoOfMilli / unit) * unit;
  return new NanoTimestamp(millis, n);
}

/** Re-shapes a timestamp value to precision p. */
export function timestampToPrecision(v: TimestampValue, precision: number): TimestampValue {
  return makeTimestamp(tsMillis(v), tsNanoOfMilli(v), precision);
}

export function compareTimestamps(a: TimestampValue, b: TimestampValue): number {
  const ma = tsMillis(a);
  const mb = tsMillis(b);
  if (ma !== mb) return ma < mb ? -1 : 1;
  const na = tsNanoOfMilli(a);
  const nb = tsNanoOfMilli(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

// ---- civil calendar (Howard Hinnant's algorithms, exact for all integer days) ----

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year of an epoch day. */
export function yearOfDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (m <= 2 ? 1 : 0);
}
function monthDay(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return m * 100 + d;
}
/** Month (1..12) of an epoch day. */
export function monthOfDays(days: number): number {
  return Math.floor(monthDay(days) / 100);
}
/** Day of month (1..31) of an epoch day. */
export function dayOfMonthOfDays(days: number): number {
  return monthDay(days) % 100;
}
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
/** ISO day of week 1 = Monday .. 7 = Sunday. */
export function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}
/** SQL DAYOFWEEK: 1 = Sunday .. 7 = Saturday. */
export function sqlDayOfWeek(days: number): number {
  return (isoDayOfWeek(days) % 7) + 1;
}
export function dayOfYear(days: number): number {
  return days - daysFromCivil(yearOfDays(days), 1, 1) + 1;
}
/** ISO-8601 week number (what Flink's EXTRACT(WEEK) and WEEK() return). */
export function isoWeek(days: number): number {
  const wd = isoDayOfWeek(days);
  const thursday = days - wd + 4;
  const y = yearOfDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

/** Adds months clamping the day to the month's end (Java's plusMonths, as Flink's TIMESTAMPADD). */
export function addMonthsToDays(days: number, months: number): number {
  const y = yearOfDays(days);
  const m = monthOfDays(days);
  const d = dayOfMonthOfDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
export function floorMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

// ---- formatting ----

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** `yyyy-MM-dd` as Flink prints DATE. */
export function formatDate(days: number): string {
  return `${pad(yearOfDays(days), 4)}-${pad(monthOfDays(days), 2)}-${pad(dayOfMonthOfDays(days), 2)}`;
}

function fraction(millisOfSecond: number, nanoOfMilli: number, precision: number): string {
  if (precision <= 0) return '';
  const nanos = millisOfSecond * 1_000_000 + nanoOfMilli;
  return '.' + String(nanos).padStart(9, '0').slice(0, precision);
}

/** `HH:mm:ss[.fff]` padded to the TIME precision. */
export function formatTime(millisOfDay: number, precision = 0): string {
  const h = Math.floor(millisOfDay / 3_600_000);
  const mi = Math.floor(millisOfDay / 60_000) % 60;
  const s = Math.floor(millisOfDay / 1000) % 60;
  return `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction(millisOfDay % 1000, 0, precision)}`;
}

/** `yyyy-MM-dd HH:mm:ss[.f...]` with exactly `precision` fraction digits, as Flink's CAST(ts AS STRING). */
export function formatTimestamp(v: TimestampValue, precision: number): string {
  const millis = tsMillis(v);
  const days = Math.floor(millis / MILLIS_PER_DAY);
  const mod = millis - days * MILLIS_PER_DAY;
  const h = Math.floor(mod / 3_600_000);
  const mi = Math.floor(mod / 60_000) % 60;
  const s = Math.floor(mod / 1000) % 60;
  return (
    `${formatDate(days)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}` + fraction(mod % 1000, tsNanoOfMilli(v), precision)
  );
}

// ---- parsing (Flink's DateTimeUtils leniency: 1- or 2-digit fields, 'T' or ' ' separator, surrounding spaces) ----

/** Parses `yyyy-[M]M-[d]d` (a trailing time part is ignored, as Flink does); undefined when invalid. */
export function parseDate(text: string): number | undefined {
  const m = /^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/s.exec(text);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d);
}

/** Parses `[H]H:[m]m[:[s]s[.fff]]` to millis of day (digits beyond milliseconds are dropped). */
export function parseTime(text: string): number | undefined {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*$/.exec(text);
  if (m === null) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(9, '0').slice(0, 3));
  return h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/**
 * Parses `yyyy-MM-dd[( |T)HH:mm[:ss[.fffffffff]]]` into epoch millis and nanos-of-milli; undefined when invalid.
 * Returns the value shaped for `precision` (truncating extra digits).
 */
export function parseTimestamp(text: string, precision: number): TimestampValue | undefined {
  const m = /^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$/.exec(
    text,
  );
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  const millis = daysFromCivil(y, mo, d) * MILLIS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000;
  return makeTimestamp(millis + Math.floor(nanos / 1_000_000), nanos % 1_000_000, precision);
}
