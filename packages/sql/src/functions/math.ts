/**
 * Arithmetic operators and math functions. Operator implementations are chosen per operand/result type by
 * `arithmeticImpl` (the code generator calls it once); all take non-null operands.
 * ROUND/TRUNCATE on DOUBLE go through BigDecimal.valueOf semantics (Flink's SqlFunctionUtils.sround), so
 * ROUND(1.005, 2) = 1.01 and ROUND(-2.5) = -3 (HALF_UP).
 */
import type { ArithmeticOp, LogicalType } from '@tributary/core';
import * as N from '@tributary/core';
import {
  Decimal,
  decimalAdd,
  decimalCeil,
  decimalDivide,
  decimalFloor,
  decimalMod,
  decimalMultiply,
  decimalRound,
  decimalSubtract,
  decimalTruncate,
  divHalfUp,
  pow10,
} from '@tributary/core';

/** Any numeric runtime value as a double. */
export function toDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return (v as Decimal).toNumber();
}
/** Any exact numeric value as a Decimal. */
export function toDecimal(v: unknown): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'bigint') return new Decimal(v, 0);
  if (Number.isInteger(v)) return new Decimal(BigInt(v as number), 0);
  return Decimal.fromDouble(v as number) ?? Decimal.ZERO;
}
function toBigint(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

type Bin = (a: any, b: any) => unknown;

/** The implementation of `a op b` for the given operand and result types (all numeric). */
export function arithmeticImpl(op: ArithmeticOp, left: LogicalType, right: LogicalType, result: LogicalType): Bin {
  const r = result.root;
  if (r === 'DECIMAL') {
    const p = result.precision;
    const s = result.scale;
    const f = { '+': decimalAdd, '-': decimalSubtract, '*': decimalMultiply, '/': decimalDivide, '%': decimalMod }[op];
    return (a, b) => f(toDecimal(a), toDecimal(b), p, s);
  }
  if (r === 'DOUBLE' || r === 'FLOAT') {
    const round = r === 'FLOAT' ? Math.fround : (x: number) => x;
    switch (op) {
      case '+':
        return (a, b) => round(toDouble(a) + toDouble(b));
      case '-':
        return (a, b) => round(toDouble(a) - toDouble(b));
      case '*':
        return (a, b) => round(toDouble(a) * toDouble(b));
      case '/':
        return (a, b) => round(toDouble(a) / toDouble(b));
      case '%':
        return (a, b) => round(toDouble(a) % toDouble(b));
    }
  }
  if (r === 'BIGINT') {
    const mixed = left.root !== 'BIGINT' || right.root !== 'BIGINT';
    const fb = {
      '+': N.addBigint,
      '-': N.subtractBigint,
      '*': N.multiplyBigint,
      '/': N.divideBigint,
      '%': N.modBigint,
    }[op];
    return mixed ? (a, b) => fb(toBigint(a), toBigint(b)) : fb;
  }
  // TINYINT / SMALLINT / INT (mixed with BIGINT only for MOD, whose type is the second argument's)
  const wrap = r === 'TINYINT' ? N.wrapTinyint : r === 'SMALLINT' ? N.wrapSmallint : N.wrapInt;
  const fromBig = left.root === 'BIGINT' || right.root === 'BIGINT';
  switch (op) {
    case '+':
      return (a, b) => wrap(a + b);
    case '-':
      return (a, b) => wrap(a - b);
    case '*':
      return r === 'INTEGER' ? Math.imul : (a, b) => wrap(Math.imul(a, b));
    case '/':
      return (a, b) => wrap(N.divideInt(a, b));
    case '%':
      return fromBig
        ? (a, b) => wrap(Number(BigInt.asIntN(32, N.modBigint(toBigint(a), toBigint(b)))))
        : (a, b) => wrap(N.modInt(a, b));
  }
}

/** Unary minus for a numeric type. */
export function negateImpl(t: LogicalType): (a: any) => unknown {
  switch (t.root) {
    case 'TINYINT':
      return (a: number) => N.wrapTinyint(-a);
    case 'SMALLINT':
      return (a: number) => N.wrapSmallint(-a);
    case 'INTEGER':
      return N.negateInt;
    case 'BIGINT':
      return N.negateBigint;
    case 'DECIMAL':
      return (a: Decimal) => a.negate();
    default:
      return (a: number) => -a;
  }
}

export function absImpl(t: LogicalType): (a: any) => unknown {
  switch (t.root) {
    case 'TINYINT':
      return (a: number) => N.wrapTinyint(Math.abs(a));
    case 'SMALLINT':
      return (a: number) => N.wrapSmallint(Math.abs(a));
    case 'INTEGER':
      return (a: number) => Math.abs(a) | 0;
    case 'BIGINT':
      return (a: bigint) => (a < 0n ? BigInt.asIntN(64, -a) : a);
    case 'DECIMAL':
      return (a: Decimal) => a.abs();
    case 'FLOAT':
    case 'DOUBLE':
      return Math.abs;
    default:
      return Math.abs as (a: any) => unknown;
  }
}

export function signImpl(t: LogicalType): (a: any) => unknown {
  switch (t.root) {
    case 'BIGINT':
      return (a: bigint) => (a > 0n ? 1n : a < 0n ? -1n : 0n);
    case 'DECIMAL':
      return (a: Decimal) => new Decimal(BigInt(a.signum()), 0).setScale(t.scale);
    default:
      return (a: number) => (Number.isNaN(a) ? a : a > 0 ? 1 : a < 0 ? -1 : 0);
  }
}

export const power = (a: unknown, b: unknown): number => toDouble(a) ** toDouble(b);
export const sqrt = (a: unknown): number => Math.sqrt(toDouble(a));
export const exp = (a: unknown): number => Math.exp(toDouble(a));
export const ln = (a: unknown): number => Math.log(toDouble(a));
export const log10 = (a: unknown): number => Math.log10(toDouble(a));
export const log2 = (a: unknown): number => Math.log2(toDouble(a));
/** LOG(x) is the natural log; LOG(base, x) = ln(x) / ln(base). */
export const log = (a: unknown, b?: unknown): number =>
  b === undefined ? Math.log(toDouble(a)) : Math.log(toDouble(b)) / Math.log(toDouble(a));
export const sin = (a: unknown) => Math.sin(toDouble(a));
export const cos = (a: unknown) => Math.cos(toDouble(a));
export const tan = (a: unknown) => Math.tan(toDouble(a));
export const cot = (a: unknown) => 1 / Math.tan(toDouble(a));
export const asin = (a: unknown) => Math.asin(toDouble(a));
export const acos = (a: unknown) => Math.acos(toDouble(a));
export const atan = (a: unknown) => Math.atan(toDouble(a));
export const atan2 = (a: unknown, b: unknown) => Math.atan2(toDouble(a), toDouble(b));
export const sinh = (a: unknown) => Math.sinh(toDouble(a));
export const cosh = (a: unknown) => Math.cosh(toDouble(a));
export const tanh = (a: unknown) => Math.tanh(toDouble(a));
export const degrees = (a: unknown) => (toDouble(a) * 180) / Math.PI;
export const radians = (a: unknown) => (toDouble(a) / 180) * Math.PI;

/** FLOOR / CEIL of a numeric value keeping its type class (DECIMAL scale becomes 0). */
export function floorImpl(t: LogicalType): (a: any) => unknown {
  if (t.root === 'DECIMAL') return decimalFloor;
  if (t.root === 'FLOAT' || t.root === 'DOUBLE') return Math.floor;
  return (a: unknown) => a;
}
export function ceilImpl(t: LogicalType): (a: any) => unknown {
  if (t.root === 'DECIMAL') return decimalCeil;
  if (t.root === 'FLOAT' || t.root === 'DOUBLE') return Math.ceil;
  return (a: unknown) => a;
}

function roundDoubleHalfUp(v: number, n: number): number {
  if (!Number.isFinite(v)) return v;
  const d = Decimal.fromDouble(v)!;
  return decimalRound(d, n, Math.max(0, n)).toNumber();
}
function truncateDouble(v: number, n: number): number {
  if (!Number.isFinite(v)) return v;
  const d = Decimal.fromDouble(v)!;
  return decimalTruncate(d, n, Math.max(0, n)).toNumber();
}
function roundInteger(v: bigint, n: number, truncate: boolean): bigint {
  if (n >= 0) return v;
  const f = pow10(-n);
  return (truncate ? v / f : divHalfUp(v, f)) * f;
}

/** ROUND(x, n) / TRUNCATE(x, n) for the argument type; the DECIMAL result scale comes from the result type. */
export function roundImpl(t: LogicalType, result: LogicalType, truncate: boolean): (a: any, n?: number) => unknown {
  switch (t.root) {
    case 'DECIMAL': {
      const f = truncate ? decimalTruncate : decimalRound;
      return (a: Decimal, n = 0) => f(a, n, result.root === 'DECIMAL' ? result.scale : Math.max(0, n));
    }
    case 'DOUBLE':
      return truncate ? (a: number, n = 0) => truncateDouble(a, n) : (a: number, n = 0) => roundDoubleHalfUp(a, n);
    case 'FLOAT':
      return truncate
        ? (a: number, n = 0) => Math.fround(truncateDouble(a, n))
        : (a: number, n = 0) => Math.fround(roundDoubleHalfUp(a, n));
    case 'BIGINT':
      return (a: bigint, n = 0) => BigInt.asIntN(64, roundInteger(a, n, truncate));
    default: {
      const wrap = t.root === 'TINYINT' ? N.wrapTinyint : t.root === 'SMALLINT' ? N.wrapSmallint : N.wrapInt;
      return (a: number, n = 0) => wrap(Number(roundInteger(BigInt(a), n, truncate)));
    }
  }
}

/** java.util.Random, so RAND(seed) yields the same sequence as Flink. */
export class JavaRandom {
  private seed: bigint;
  constructor(seed: number | bigint) {
    this.seed = (BigInt(seed) ^ 0x5deece66dn) & ((1n << 48n) - 1n);
  }
  private next(bits: number): number {
    this.seed = (this.seed * 0x5deece66dn + 0xbn) & ((1n << 48n) - 1n);
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }
  nextInt(bound: number): number {
    if (bound <= 0) throw new RangeError('bound must be positive');
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    let bits: number;
    let val: number;
    do {
      bits = this.next(31);
      val = bits % bound;
    } while (bits - val + (bound - 1) >= 2 ** 31);
    return val;
  }
}

/** MOD for exact integer types by value (used by the MOD function on mixed INT/BIGINT). */
export function modValues(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return N.modInt(a, b);
  return N.modBigint(toBigint(a), toBigint(b));
}
