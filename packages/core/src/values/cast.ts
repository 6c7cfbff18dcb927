/**
 * CAST and TRY_CAST between SQL types with Flink's rules (1.15+ cast semantics, legacy cast behaviour disabled):
 * - string -> number trims whitespace; an invalid number fails CAST (TRY_CAST gives NULL);
 * - numeric narrowing wraps like Java casts, DOUBLE -> integer truncates and saturates;
 * - -> DECIMAL(p, s) rounds HALF_UP and gives NULL when the value does not fit (Flink returns NULL, not an error);
 * - -> CHAR(n) pads/truncates, -> VARCHAR(n) truncates, -> BINARY(n) pads with zero bytes;
 * - timestamps are truncated to the target precision; TIMESTAMP <-> TIMESTAMP_LTZ use the session time zone;
 * - numeric <-> TIMESTAMP is rejected at validation (see types/casts.ts) as Flink rejects it.
 *
 * `castFunction` resolves the conversion once (per query) and returns a closure; converters signal failure with
 * the INVALID sentinel instead of exceptions so TRY_CAST never pays for a throw.
 */

import { explicitCastError } from '../types/casts.js';
import { CastError, SqlValidationError } from '../types/errors.js';
import { type LogicalType, Types } from '../types/logical-type.js';
import { Decimal } from './decimal.js';
import { formatValue } from './format.js';
import {
  BIGINT_MAX,
  BIGINT_MIN,
  doubleToBigint,
  doubleToInt,
  INT_MAX,
  INT_MIN,
  parseBooleanText,
  parseDoubleText,
  parseIntegerText,
  wrapSmallint,
  wrapTinyint,
} from './numeric.js';
import {
  floorMod,
  MILLIS_PER_DAY,
  makeTimestamp,
  parseDate,
  parseTime,
  parseTimestamp,
  type TimestampValue,
  timestampToPrecision,
  tsMillis,
  tsNanoOfMilli,
} from './temporal.js';
import { instantToLocal, localToInstant, type TimeZone, timeZone } from './time-zone.js';

export interface CastContext {
  /** Session time zone (`table.local-time-zone`). */
  readonly zone: TimeZone;
}

export const DEFAULT_CAST_CONTEXT: CastContext = { zone: timeZone('UTC') };

/** Marker a converter returns when the value cannot be converted. */
export const INVALID: unique symbol = Symbol('INVALID');
type Conv = (v: any) => unknown;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
function truncateCodePoints(s: string, n: number): string {
  if (s.length <= n) return s;
  if (codePointLength(s) <= n) return s;
  return Array.from(s).slice(0, n).join('');
}

/** Applies CHAR(n) padding / VARCHAR(n) truncation. */
export function fitString(s: string, t: LogicalType): string {
  if (t.root === 'CHAR') {
    const cut = truncateCodePoints(s, t.length);
    const len = codePointLength(cut);
    return len < t.length ? cut + ' '.repeat(t.length - len) : cut;
  }
  return truncateCodePoints(s, t.length);
}

function fitBytes(b: Uint8Array, t: LogicalType): Uint8Array {
  if (b.length > t.length) return b.slice(0, t.length);
  if (t.root === 'BINARY' && b.length < t.length) {
    const out = new Uint8Array(t.length);
    out.set(b);
    return out;
  }
  return b;
}

function integerFromBigint(root: string): Conv {
  switch (root) {
    case 'TINYINT':
      return (v: bigint) => wrapTinyint(Number(BigInt.asIntN(32, v)));
    case 'SMALLINT':
      return (v: bigint) => wrapSmallint(Number(BigInt.asIntN(32, v)));
    case 'INTEGER':
      return (v: bigint) => Number(BigInt.asIntN(32, v));
    default:
      return (v: bigint) => BigInt.asIntN(64, v);
  }
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INTEGER: [BigInt(INT_MIN), BigInt(INT_MAX)],
  BIGINT: [BIGINT_MIN, BIGINT_MAX],
};

function toNumeric(from: LogicalType, to: LogicalType): Conv | undefined {
  const f = from.root;
  const t = to.root;
  const intTarget = t === 'TINYINT' || t === 'SMALLINT' || t === 'INTEGER' || t === 'BIGINT';
  if (f === 'BOOLEAN') {
    if (t === 'BIGINT') return (v: boolean) => (v ? 1n : 0n);
    if (t === 'DECIMAL') return (v: boolean) => new Decimal(v ? 1n : 0n, 0).toPrecision(to.precision, to.scale);
    return (v: boolean) => (v ? 1 : 0);
  }
  if (f === 'CHAR' || f === 'VARCHAR') {
    if (intTarget) {
      const [min, max] = INT_RANGES[t]!;
      const big = t === 'BIGINT';
      return (v: string) => {
        const r = parseIntegerText(v, min, max);
        return r === undefined ? INVALID : big ? r : Number(r);
      };
    }
    if (t === 'FLOAT') {
      return (v: string) => {
        const d = parseDoubleText(v);
        return d === undefined ? INVALID : Math.fround(d);
      };
    }
    if (t === 'DOUBLE') return (v: string) => parseDoubleText(v) ?? INVALID;
    return (v: string) => {
      const d = Decimal.parse(v);
      return d === undefined ? INVALID : d.toPrecision(to.precision, to.scale);
    };
  }
  if (f === 'INTERVAL_YEAR_MONTH' || f === 'INTERVAL_DAY_TIME') return toNumeric(Types.int(), to);
  const intSource = f === 'TINYINT' || f === 'SMALLINT' || f === 'INTEGER';
  if (intSource) {
    switch (t) {
      case 'TINYINT':
        return wrapTinyint;
      case 'SMALLINT':
        return wrapSmallint;
      case 'INTEGER':
        return (v: number) => v | 0;
      case 'BIGINT':
        return (v: number) => BigInt(v);
      case 'FLOAT':
        return Math.fround;
      case 'DOUBLE':
        return (v: number) => v;
      case 'DECIMAL':
        return (v: number) => new Decimal(BigInt(v), 0).toPrecision(to.precision, to.scale);
    }
  }
  if (f === 'BIGINT') {
    if (intTarget) return integerFromBigint(t);
    if (t === 'FLOAT') return (v: bigint) => Math.fround(Number(v));
    if (t === 'DOUBLE') return (v: bigint) => Number(v);
    return (v: bigint) => new Decimal(v, 0).toPrecision(to.precision, to.scale);
  }
  if (f === 'FLOAT' || f === 'DOUBLE') {
    switch (t) {
      case 'TINYINT':
        return (v: number) => wrapTinyint(doubleToInt(v));
      case 'SMALLINT':
        return (v: number) => wrapSmallint(doubleToInt(v));
      case 'INTEGER':
        return doubleToInt;
      case 'BIGINT':
        return doubleToBigint;
      case 'FLOAT':
        return Math.fround;
      case 'DOUBLE':
        return (v: number) => v;
      case 'DECIMAL':
        return (v: number) => {
          const d = Decimal.fromDouble(v);
          return d === undefined ? INVALID : d.toPrecision(to.precision, to.scale);
        };
    }
  }
  if (f === 'DECIMAL') {
    if (intTarget) {
      const wrap = integerFromBigint(t);
      return (v: Decimal) => wrap(BigInt.asIntN(64, v.toBigIntTruncated()));
    }
    if (t === 'FLOAT') return (v: Decimal) => Math.fround(v.toNumber());
    if (t === 'DOUBLE') return (v: Decimal) => v.toNumber();
    return (v: Decimal) => v.toPrecision(to.precision, to.scale);
  }
  return undefined;
}

function fromString(to: LogicalType, ctx: CastContext): Conv | undefined {
  switch (to.root) {
    case 'CHAR':
    case 'VARCHAR':
      return (v: string) => fitString(v, to);
    case 'BOOLEAN':
      return (v: string) => parseBooleanText(v) ?? INVALID;
    case 'BINARY':
    case 'VARBINARY':
      return (v: string) => fitBytes(encoder.encode(v), to);
    case 'DATE':
      return (v: string) => parseDate(v) ?? INVALID;
    case 'TIME': {
      const unit = 10 ** (3 - Math.min(3, to.precision));
      return (v: string) => {
        const t = parseTime(v);
        return t === undefined ? INVALID : t - (t % unit);
      };
    }
    case 'TIMESTAMP':
      return (v: string) => parseTimestamp(v, to.precision) ?? INVALID;
    case 'TIMESTAMP_LTZ':
      return (v: string) => {
        const local = parseTimestamp(v, to.precision);
        if (local === undefined) return INVALID;
        return makeTimestamp(localToInstant(tsMillis(local), ctx.zone), tsNanoOfMilli(local), to.precision);
      };
    case 'INTERVAL_YEAR_MONTH':
      return (v: string) => {
        const m = /^\s*([+-])?(\d+)-(\d{1,2})\s*$/.exec(v);
        if (m === null) return INVALID;
        const months = Number(m[2]) * 12 + Number(m[3]);
        return m[1] === '-' ? -months : months;
      };
    case 'INTERVAL_DAY_TIME':
      return (v: string) => {
        const m = /^\s*([+-])?(\d+) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?\s*$/.exec(v);
        if (m === null) return INVALID;
        const ms =
          Number(m[2]) * MILLIS_PER_DAY +
          Number(m[3]) * 3_600_000 +
          Number(m[4]) * 60_000 +
          Number(m[5]) * 1000 +
          (m[6] === undefined ? 0 : Number(m[6].padEnd(3, '0').slice(0, 3)));
        return m[1] === '-' ? -ms : ms;
      };
    default:
      return undefined;
  }
}

function temporal(from: LogicalType, to: LogicalType, ctx: CastContext): Conv | undefined {
  const f = from.root;
  const t = to.root;
  const p = to.precision;
  const timeUnit = 10 ** (3 - Math.min(3, p));
  const zone = ctx.zone;
  if (f === 'DATE') {
    if (t === 'TIMESTAMP') return (v: number) => makeTimestamp(v * MILLIS_PER_DAY, 0, p);
    if (t === 'TIMESTAMP_LTZ') return (v: number) => makeTimestamp(localToInstant(v * MILLIS_PER_DAY, zone), 0, p);
    return undefined;
  }
  if (f === 'TIME') {
    if (t === 'TIME') return (v: number) => v - (v % timeUnit);
    if (t === 'TIMESTAMP') return (v: number) => makeTimestamp(v, 0, p);
    if (t === 'TIMESTAMP_LTZ') return (v: number) => makeTimestamp(localToInstant(v, zone), 0, p);
    return undefined;
  }
  if (f === 'TIMESTAMP' || f === 'TIMESTAMP_LTZ') {
    const local: (v: TimestampValue) => number =
      f === 'TIMESTAMP' ? tsMillis : (v: TimestampValue) => instantToLocal(tsMillis(v), zone);
    if (t === 'DATE') return (v: TimestampValue) => Math.floor(local(v) / MILLIS_PER_DAY);
    if (t === 'TIME')
      return (v: TimestampValue) => {
        const ms = floorMod(local(v), MILLIS_PER_DAY);
        return ms - (ms % timeUnit);
      };
    if (t === f) return (v: TimestampValue) => timestampToPrecision(v, p);
    if (t === 'TIMESTAMP') return (v: TimestampValue) => makeTimestamp(local(v), tsNanoOfMilli(v), p);
    if (t === 'TIMESTAMP_LTZ') {
      return (v: TimestampValue) => makeTimestamp(localToInstant(tsMillis(v), zone), tsNanoOfMilli(v), p);
    }
  }
  return undefined;
}

function buildConverter(from: LogicalType, to: LogicalType, ctx: CastContext): Conv {
  const f = from.root;
  const t = to.root;
  if (f === 'NULL') return () => null;
  if (t === 'CHAR' || t === 'VARCHAR') {
    if (f === 'CHAR' || f === 'VARCHAR') return (v: string) => fitString(v, to);
    const fmt = { zone: ctx.zone };
    return (v: unknown) => fitString(formatValue(v, from, fmt), to);
  }
  if (f === 'CHAR' || f === 'VARCHAR') {
    const c = fromString(to, ctx) ?? toNumeric(from, to);
    if (c !== undefined) return c;
  }
  if (t === 'BOOLEAN') {
    if (f === 'BOOLEAN') return (v: boolean) => v;
    if (f === 'BIGINT') return (v: bigint) => v !== 0n;
    if (f === 'DECIMAL') return (v: Decimal) => v.signum() !== 0;
    return (v: number) => v !== 0;
  }
  if (t === 'BINARY' || t === 'VARBINARY') return (v: Uint8Array) => fitBytes(v, to);
  const numeric = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL'];
  if (numeric.includes(t)) {
    const c = toNumeric(from, to);
    if (c !== undefined) return c;
  }
  if ((t === 'INTERVAL_YEAR_MONTH' || t === 'INTERVAL_DAY_TIME') && f !== t) {
    return f === 'BIGINT' ? (v: bigint) => Number(v) : (v: number) => v;
  }
  if (f === t && (t === 'INTERVAL_YEAR_MONTH' || t === 'INTERVAL_DAY_TIME')) return (v: number) => v;
  const tc = temporal(from, to, ctx);
  if (tc !== undefined) return tc;
  if (f === 'ARRAY' && t === 'ARRAY') {
    const e = buildConverter(from.element!, to.element!, ctx);
    return (v: unknown[]) => {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        const c = x === null || x === undefined ? null : e(x);
        if (c === INVALID) return INVALID;
        out[i] = c;
      }
      return out;
    };
  }
  if ((f === 'MAP' && t === 'MAP') || (f === 'MULTISET' && t === 'MULTISET')) {
    const kc = buildConverter(f === 'MAP' ? from.key! : from.element!, f === 'MAP' ? to.key! : to.element!, ctx);
    const vc = f === 'MAP' ? buildConverter(from.value!, to.value!, ctx) : (x: unknown) => x;
    const merge = f === 'MULTISET';
    return (v: Map<unknown, unknown>) => {
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v) {
        const ck = k === null || k === undefined ? null : kc(k);
        const cv = x === null || x === undefined ? null : vc(x);
        if (ck === INVALID || cv === INVALID) return INVALID;
        // casting may collapse distinct keys ('1' and '01' -> 1): multisets add counts, maps keep the last value
        out.set(ck, merge && out.has(ck) ? (out.get(ck) as number) + (cv as number) : cv);
      }
      return out;
    };
  }
  if (f === 'ROW' && t === 'ROW') {
    const cs = from.fields!.map((x, i) => buildConverter(x.type, to.fields![i]!.type, ctx));
    return (v: unknown[]) => {
      const out = new Array(cs.length);
      for (let i = 0; i < cs.length; i++) {
        const x = v[i];
        const c = x === null || x === undefined ? null : cs[i]!(x);
        if (c === INVALID) return INVALID;
        out[i] = c;
      }
      return out;
    };
  }
  if (f === t) return (v: unknown) => v;
  throw new SqlValidationError(explicitCastError(from, to) ?? `Unsupported cast from ${from} to ${to}`);
}

function describe(v: unknown, from: LogicalType): string {
  try {
    return `'${formatValue(v, from)}'`;
  } catch {
    return String(v);
  }
}

/**
 * Resolves CAST(x AS to) once. Throws SqlValidationError when Flink rejects the cast; the returned function maps
 * null to null and throws CastError naming the value and both types when a value cannot be converted.
 */
export function castFunction(
  from: LogicalType,
  to: LogicalType,
  ctx: CastContext = DEFAULT_CAST_CONTEXT,
): (v: unknown) => unknown {
  const err = explicitCastError(from, to);
  if (err !== undefined) throw new SqlValidationError(err);
  const conv = buildConverter(from, to, ctx);
  return (v: unknown) => {
    if (v === null || v === undefined) return null;
    const r = conv(v);
    if (r === INVALID) {
      throw new CastError(`Cannot cast ${describe(v, from)} of type ${from.toString()} to type ${to.toString()}`);
    }
    return r;
  };
}

/** Resolves TRY_CAST(x AS to): like castFunction but NULL wherever CAST would fail at runtime. */
export function tryCastFunction(
  from: LogicalType,
  to: LogicalType,
  ctx: CastContext = DEFAULT_CAST_CONTEXT,
): (v: unknown) => unknown {
  const err = explicitCastError(from, to);
  if (err !== undefined) throw new SqlValidationError(err);
  const conv = buildConverter(from, to, ctx);
  return (v: unknown) => {
    if (v === null || v === undefined) return null;
    let r: unknown;
    try {
      r = conv(v);
    } catch {
      return null;
    }
    return r === INVALID ? null : r;
  };
}

/** One-off CAST (resolves the converter each call; generated code should use castFunction). */
export function castValue(v: unknown, from: LogicalType, to: LogicalType, ctx?: CastContext): unknown {
  return castFunction(from, to, ctx)(v);
}
/** One-off TRY_CAST. */
export function tryCastValue(v: unknown, from: LogicalType, to: LogicalType, ctx?: CastContext): unknown {
  return tryCastFunction(from, to, ctx)(v);
}

/** A BYTES value's UTF-8 text (CAST(bytes AS STRING)). */
export function bytesToString(b: Uint8Array): string {
  return decoder.decode(b);
}
