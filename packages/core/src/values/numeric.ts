/**
 * Exact integer arithmetic with Java's two's-complement wrap (what Flink's generated Java code does):
 * TINYINT/SMALLINT/INT are JS numbers kept in range by shifts / `| 0`, BIGINT is a JS bigint wrapped with
 * BigInt.asIntN(64). Division truncates toward zero and fails on a zero divisor ("Division by zero" as Java's
 * ArithmeticException); MOD keeps the dividend's sign.
 */
import { SqlFunctionError } from '../types/errors.js';

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;

export function wrapTinyint(v: number): number {
  return (v << 24) >> 24;
}
export function wrapSmallint(v: number): number {
  return (v << 16) >> 16;
}
export function wrapInt(v: number): number {
  return v | 0;
}
export function wrapBigint(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

export function addInt(a: number, b: number): number {
  return (a + b) | 0;
}
export function subtractInt(a: number, b: number): number {
  return (a - b) | 0;
}
export function multiplyInt(a: number, b: number): number {
  return Math.imul(a, b);
}
export function divideInt(a: number, b: number): number {
  if (b === 0) throw new SqlFunctionError('/', 'Division by zero');
  return (a / b) | 0;
}
export function modInt(a: number, b: number): number {
  if (b === 0) throw new SqlFunctionError('MOD', 'Division by zero');
  return (a % b) | 0;
}
export function addBigint(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a + b);
}
export function subtractBigint(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a - b);
}
export function multiplyBigint(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a * b);
}
export function divideBigint(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new SqlFunctionError('/', 'Division by zero');
  return BigInt.asIntN(64, a / b);
}
export function modBigint(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new SqlFunctionError('MOD', 'Division by zero');
  return a % b;
}
export function negateInt(a: number): number {
  return -a | 0;
}
export function negateBigint(a: bigint): bigint {
  return BigInt.asIntN(64, -a);
}

/** Java's (long) cast of a double: NaN -> 0, saturating, truncating toward zero. */
export function doubleToBigint(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 2 ** 63) return BIGINT_MAX;
  if (d <= -(2 ** 63)) return BIGINT_MIN;
  return BigInt(Math.trunc(d));
}
/** Java's (int) cast of a double: NaN -> 0, saturating, truncating toward zero. */
export function doubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d) | 0;
}

/**
 * Flink's string-to-integer parsing (BinaryStringDataUtil.toLong): trims whitespace, optional sign, digits, and an
 * optional fractional part that is checked to be digits and then dropped. Undefined when invalid or outside
 * [min, max].
 */
export function parseIntegerText(text: string, min: bigint, max: bigint): bigint | undefined {
  const m = /^\s*([+-]?)(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (m === null) {
    // ".5" style has no integer digits: Flink rejects it
    return undefined;
  }
  let v = BigInt(m[2]!);
  if (m[1] === '-') v = -v;
  if (v < min || v > max) return undefined;
  return v;
}

/** Java's Double.parseDouble after trimming (accepts exponent, NaN, Infinity, and f/d suffixes). */
export function parseDoubleText(text: string): number | undefined {
  const t = text.trim();
  const m = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(t);
  if (m === null) return undefined;
  if (m[2] === 'NaN') return Number.NaN;
  const v = m[2] === 'Infinity' ? Number.POSITIVE_INFINITY : Number(m[2]);
  return m[1] === '-' ? -v : v;
}

/** Flink's string-to-boolean: true/t/yes/y/1 and false/f/no/n/0, trimmed and case-insensitive. */
export function parseBooleanText(text: string): boolean | undefined {
  switch (text.trim().toLowerCase()) {
    case 'true':
    case 't':
    case 'yes':
    case 'y':
    case '1':
      return true;
    case 'false':
    case 'f':
    case 'no':
    case 'n':
    case '0':
      return false;
    default:
      return undefined;
  }
}
