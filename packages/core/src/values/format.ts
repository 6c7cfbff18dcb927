/**
 * String forms of SQL values exactly as Flink's CAST(x AS STRING) produces them (CastRuleProvider rules of Flink
 * 1.15+): `TRUE`/`FALSE`, Java's Double.toString/Float.toString, DECIMAL in plain notation keeping its scale,
 * timestamps padded to their precision, intervals `+1 02:03:04.005` / `+1-02`, arrays `[1, NULL]`, maps `{a=1}`,
 * rows `(1, a)`. With `printing` (the SQL client's result printing) BINARY values show as `x'0a0b'` and a top-level
 * NULL as `<NULL>`.
 */
import type { LogicalType } from '../types/logical-type.js';
import type { Decimal } from './decimal.js';
import {
  formatDate,
  formatTime,
  formatTimestamp,
  MILLIS_PER_DAY,
  NanoTimestamp,
  type TimestampValue,
} from './temporal.js';
import { instantToLocal, type TimeZone, timeZone } from './time-zone.js';

export interface FormatContext {
  /** Session time zone for TIMESTAMP_LTZ. */
  readonly zone: TimeZone;
  /** SQL client printing (binary as hex literal). */
  readonly printing?: boolean;
}

export const UTC_CONTEXT: FormatContext = { zone: timeZone('UTC') };

/** Java's Double.toString / Float.toString layout around the shortest round-tripping digits. */
function javaFloating(v: number, digitsAndExp: string): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const neg = v < 0;
  const [mant, expText] = digitsAndExp.replace(/^-/, '').split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  const abs = Math.abs(v);
  let out: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      out = `${intPart}.${frac}`;
    } else {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    out = `${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
  }
  return neg ? `-${out}` : out;
}

/** Java's Double.toString. */
export function formatDouble(v: number): string {
  return javaFloating(v, Number.isFinite(v) && v !== 0 ? v.toExponential() : '');
}

/** Java's Float.toString: shortest digits that round-trip through float32. */
export function formatFloat(v: number): string {
  if (!Number.isFinite(v) || v === 0) return javaFloating(v, '');
  let e = '';
  for (let p = 1; p <= 9; p++) {
    e = v.toExponential(p - 1);
    if (Math.fround(Number(e)) === v) break;
  }
  return javaFloating(v, e);
}

/** Flink's interval rendering: `+1-02` for year-month, `+1 02:03:04.005` for day-time. */
export function formatIntervalYearMonth(months: number): string {
  const sign = months < 0 ? '-' : '+';
  const a = Math.abs(months);
  return `${sign}${Math.floor(a / 12)}-${String(a % 12).padStart(2, '0')}`;
}
export function formatIntervalDayTime(millis: number): string {
  const sign = millis < 0 ? '-' : '+';
  const a = Math.abs(millis);
  const days = Math.floor(a / MILLIS_PER_DAY);
  return `${sign}${days} ${formatTime(a % MILLIS_PER_DAY, 3)}`;
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

const decoder = new TextDecoder('utf-8');

function nested(v: unknown, t: LogicalType, ctx: FormatContext): string {
  return v === null || v === undefined ? 'NULL' : formatValue(v, t, ctx);
}

/** CAST(v AS STRING) for a non-null value of type t. */
export function formatValue(v: unknown, t: LogicalType, ctx: FormatContext = UTC_CONTEXT): string {
  switch (t.root) {
    case 'BOOLEAN':
      return v ? 'TRUE' : 'FALSE';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return String(v);
    case 'FLOAT':
      return formatFloat(v as number);
    case 'DOUBLE':
      return formatDouble(v as number);
    case 'DECIMAL':
      return (v as Decimal).toPlainString();
    case 'CHAR':
    case 'VARCHAR':
      return v as string;
    case 'BINARY':
    case 'VARBINARY':
      return ctx.printing ? `x'${bytesToHex(v as Uint8Array)}'` : decoder.decode(v as Uint8Array);
    case 'DATE':
      return formatDate(v as number);
    case 'TIME':
      return formatTime(v as number, t.precision);
    case 'TIMESTAMP':
      return formatTimestamp(v as TimestampValue, t.precision);
    case 'TIMESTAMP_LTZ': {
      const ts = v as TimestampValue;
      if (typeof ts === 'number') return formatTimestamp(instantToLocal(ts, ctx.zone), t.precision);
      return formatTimestamp(new NanoTimestamp(instantToLocal(ts.millis, ctx.zone), ts.nanoOfMilli), t.precision);
    }
    case 'INTERVAL_YEAR_MONTH':
      return formatIntervalYearMonth(v as number);
    case 'INTERVAL_DAY_TIME':
      return formatIntervalDayTime(v as number);
    case 'ARRAY': {
      const a = v as readonly unknown[];
      const e = t.element!;
      let s = '[';
      for (let i = 0; i < a.length; i++) s += (i > 0 ? ', ' : '') + nested(a[i], e, ctx);
      return s + ']';
    }
    case 'MAP':
    case 'MULTISET': {
      const m = v as Map<unknown, unknown>;
      const kt = t.root === 'MAP' ? t.key! : t.element!;
      const vt = t.root === 'MAP' ? t.value! : undefined;
      const parts: string[] = [];
      for (const [k, x] of m) parts.push(`${nested(k, kt, ctx)}=${vt ? nested(x, vt, ctx) : String(x)}`);
      return `{${parts.join(', ')}}`;
    }
    case 'ROW': {
      const r = v as readonly unknown[];
      const fs = t.fields!;
      const parts: string[] = [];
      for (let i = 0; i < fs.length; i++) parts.push(nested(r[i], fs[i]!.type, ctx));
      return `(${parts.join(', ')})`;
    }
    case 'NULL':
      return 'NULL';
  }
}

/** How the SQL client prints a cell: `<NULL>` for NULL, otherwise the CAST-to-string form with binary as hex. */
export function printValue(v: unknown, t: LogicalType, zone: TimeZone = UTC_CONTEXT.zone): string {
  if (v === null || v === undefined) return '<NULL>';
  return formatValue(v, t, { zone, printing: true });
}
