/**
 * Text forms of scalar SQL values as Flink's csv and json formats write and read them: booleans 'true'/'false',
 * Java number strings, DECIMAL plain, BYTES base64, DATE 'yyyy-MM-dd', TIME 'HH:mm:ss[.fff]', TIMESTAMP
 * 'yyyy-MM-dd HH:mm:ss[.f...]' (SQL) or 'yyyy-MM-ddTHH:mm:ss[.f...]' (ISO-8601) with the fraction as short as the
 * value allows (Java's appendFraction(NANO_OF_SECOND, 0, 9)), TIMESTAMP_LTZ the same in UTC with a trailing 'Z'.
 */
import {
  BIGINT_MAX,
  BIGINT_MIN,
  Decimal,
  formatDate,
  formatDouble,
  formatFloat,
  formatIntervalDayTime,
  formatIntervalYearMonth,
  type LogicalType,
  MILLIS_PER_DAY,
  NanoTimestamp,
  parseDate,
  parseIntegerText,
  parseTime,
  parseTimestamp,
  type TimestampValue,
  tsMillis,
  tsNanoOfMilli,
} from '@tributary/core';

export type TimestampStandard = 'SQL' | 'ISO-8601';

/** Marker for text that does not parse as the type. */
export const BAD: unique symbol = Symbol('BAD');

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function fractionOf(nanos: number, minDigits: number): string {
  if (nanos === 0 && minDigits === 0) return '';
  let s = String(nanos).padStart(9, '0');
  let end = 9;
  while (end > minDigits && s[end - 1] === '0') end--;
  s = s.slice(0, end);
  return s === '' ? '' : `.${s}`;
}

function timeText(millisOfDay: number, nanoOfMilli: number): string {
  const h = Math.floor(millisOfDay / 3_600_000);
  const mi = Math.floor(millisOfDay / 60_000) % 60;
  const s = Math.floor(millisOfDay / 1000) % 60;
  return `${pad2(h)}:${pad2(mi)}:${pad2(s)}${fractionOf((millisOfDay % 1000) * 1_000_000 + nanoOfMilli, 0)}`;
}

export function timestampText(v: TimestampValue, standard: TimestampStandard, ltz: boolean): string {
  const millis = tsMillis(v);
  const days = Math.floor(millis / MILLIS_PER_DAY);
  const mod = millis - days * MILLIS_PER_DAY;
  const sep = standard === 'SQL' ? ' ' : 'T';
  return `${formatDate(days)}${sep}${timeText(mod, tsNanoOfMilli(v))}${ltz ? 'Z' : ''}`;
}

const B64 = typeof Buffer !== 'undefined';

export function base64(b: Uint8Array): string {
  return B64 ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64') : '';
}

/**
 * Java's BigDecimal.toString (what Jackson writes unless asked for plain numbers): plain unless the scale is
 * negative or the adjusted exponent is below -6, then `d.dddE-n`.
 */
export function javaDecimalString(d: Decimal): string {
  const unscaled = d.unscaled;
  const scale = d.scale;
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  if (scale >= 0 && adjusted >= -6) return d.toPlainString();
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${neg ? '-' : ''}${mant}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** Text of a non-null scalar value. */
export function scalarToText(v: unknown, t: LogicalType, standard: TimestampStandard): string {
  switch (t.root) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
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
      return base64(v as Uint8Array);
    case 'DATE':
      return formatDate(v as number);
    case 'TIME':
      return timeText(v as number, 0);
    case 'TIMESTAMP':
      return timestampText(v as TimestampValue, standard, false);
    case 'TIMESTAMP_LTZ':
      return timestampText(v as TimestampValue, standard, true);
    case 'INTERVAL_YEAR_MONTH':
      return formatIntervalYearMonth(v as number);
    case 'INTERVAL_DAY_TIME':
      return formatIntervalDayTime(v as number);
    default:
      throw new Error(`type ${t.toString()} has no scalar text form`);
  }
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INTEGER: [-2147483648n, 2147483647n],
  BIGINT: [BIGINT_MIN, BIGINT_MAX],
};

/** Parses the text of a scalar value; BAD when it does not fit the type. */
export function textToScalar(text: string, t: LogicalType, standard: TimestampStandard): unknown {
  switch (t.root) {
    case 'BOOLEAN': {
      const s = text.trim().toLowerCase();
      return s === 'true' ? true : s === 'false' ? false : BAD;
    }
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const [min, max] = INT_RANGE[t.root]!;
      if (!/^\s*[+-]?\d+\s*$/.test(text)) return BAD;
      const v = parseIntegerText(text.trim(), min, max);
      if (v === undefined) return BAD;
      return t.root === 'BIGINT' ? v : Number(v);
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const s = text.trim();
      if (s === 'NaN') return Number.NaN;
      if (!/^[+-]?(Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(s)) return BAD;
      const n = Number(s);
      return t.root === 'FLOAT' ? Math.fround(n) : n;
    }
    case 'DECIMAL': {
      const d = Decimal.parse(text.trim());
      if (d === undefined) return BAD;
      const r = d.toPrecision(t.precision, t.scale);
      return r === null ? BAD : r;
    }
    case 'CHAR':
    case 'VARCHAR':
      return text;
    case 'BINARY':
    case 'VARBINARY': {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return BAD;
      return new Uint8Array(Buffer.from(text, 'base64'));
    }
    case 'DATE':
      return parseDate(text) ?? BAD;
    case 'TIME':
      return parseTime(text) ?? BAD;
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      let s = text.trim();
      const ltz = t.root === 'TIMESTAMP_LTZ';
      if (ltz) {
        if (!s.endsWith('Z')) return BAD;
        s = s.slice(0, -1);
      }
      // the standard decides the separator, as Flink's formatters do
      const sepOk = standard === 'SQL' ? !s.includes('T') : s.length <= 10 || s[10] === 'T';
      if (!sepOk) return BAD;
      return parseTimestamp(s, t.precision) ?? BAD;
    }
    default:
      return BAD;
  }
}

/** A NanoTimestamp or millis shaped for precision (helper for generators). */
export function timestampOf(millis: number, nanoOfMilli: number, precision: number): TimestampValue {
  return precision <= 3 ? millis : new NanoTimestamp(millis, nanoOfMilli);
}
