/**
 * Exact DECIMAL values: an immutable unscaled bigint plus a scale, like Java's BigDecimal that Flink's DecimalData
 * wraps. Rounding is HALF_UP (Flink's choice everywhere: CAST, arithmetic results, ROUND); a value that does not fit
 * the target precision becomes NULL, as Flink's `DecimalData.fromBigDecimal` returns null on overflow.
 *
 * Arithmetic functions take the result precision/scale computed by the binder (types/inference.ts) so the generated
 * code allocates exactly one Decimal per result.
 */
import { SqlFunctionError } from '../types/errors.js';

const POW10: bigint[] = [1n];
/** 10^n as bigint (cached). */
export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[n]!;
}

/** Divides with HALF_UP rounding (ties away from zero), as BigDecimal.ROUND_HALF_UP. */
export function divHalfUp(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

function digitCount(u: bigint): number {
  if (u < 0n) u = -u;
  if (u < 10n) return 1;
  return u.toString().length;
}

export class Decimal {
  readonly unscaled: bigint;
  readonly scale: number;

  constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);

  /** Parses plain or exponent notation (`-1.50`, `1e3`, ` 2.5E-2`); undefined when the text is not a number. */
  static parse(text: string): Decimal | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (m === null) return undefined;
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    if (intPart === '' && frac === '') return undefined;
    let unscaled = BigInt((intPart || '0') + frac);
    if (m[1] === '-') unscaled = -unscaled;
    let scale = frac.length - (m[4] === undefined ? 0 : Number(m[4]));
    if (scale < 0) {
      unscaled *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(unscaled, scale);
  }

  /** Like `new BigDecimal(text)`, throwing on bad text. */
  static of(text: string | number | bigint): Decimal {
    if (typeof text === 'bigint') return new Decimal(text, 0);
    if (typeof text === 'number') {
      const d = Decimal.fromDouble(text);
      if (d === undefined) throw new RangeError(`${text} is not a finite number`);
      return d;
    }
    const d = Decimal.parse(text);
    if (d === undefined) throw new RangeError(`'${text}' is not a decimal number`);
    return d;
  }

  /** A double's shortest decimal form (BigDecimal.valueOf(double)); undefined for NaN/Infinity. */
  static fromDouble(v: number): Decimal | undefined {
    if (!Number.isFinite(v)) return undefined;
    return Decimal.parse(String(v));
  }

  /** Precision of this value (number of significant digits of the unscaled value, at least 1). */
  get precision(): number {
    return digitCount(this.unscaled);
  }

  /** The value with the given scale, rounding HALF_UP when digits are dropped. */
  setScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaled * pow10(scale - this.scale), scale);
    return new Decimal(divHalfUp(this.unscaled, pow10(this.scale - scale)), scale);
  }

  /** The value dropping digits beyond `scale` toward zero (ROUND_DOWN). */
  setScaleDown(scale: number): Decimal {
    if (scale >= this.scale) return this.setScale(scale);
    return new Decimal(this.unscaled / pow10(this.scale - scale), scale);
  }

  /** Fits DECIMAL(p, s)? Returns the rescaled value or null on overflow (Flink semantics). */
  toPrecision(p: number, s: number): Decimal | null {
    const r = this.setScale(s);
    const limit = pow10(p);
    if (r.unscaled >= limit || r.unscaled <= -limit) return null;
    return r;
  }

  toNumber(): number {
    if (this.scale === 0) return Number(this.unscaled);
    return Number(this.toPlainString());
  }

  /** Integral part truncated toward zero as bigint (BigDecimal.longValue before wrapping). */
  toBigIntTruncated(): bigint {
    return this.scale === 0 ? this.unscaled : this.unscaled / pow10(this.scale);
  }

  /** BigDecimal.toPlainString: never exponent notation, keeps trailing zeros of the scale. */
  toPlainString(): string {
    if (this.scale === 0) return this.unscaled.toString();
    const neg = this.unscaled < 0n;
    let digits = (neg ? -this.unscaled : this.unscaled).toString();
    if (digits.length <= this.scale) digits = '0'.repeat(this.scale - digits.length + 1) + digits;
    const cut = digits.length - this.scale;
    return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
  }

  toString(): string {
    return this.toPlainString();
  }

  /** Canonical key ignoring trailing zeros, so 1.50 and 1.5 group together as SQL equality requires. */
  toKey(): string {
    let u = this.unscaled;
    let s = this.scale;
    while (s > 0 && u % 10n === 0n) {
      u /= 10n;
      s--;
    }
    return s === 0 ? u.toString() : `${u}e-${s}`;
  }

  signum(): number {
    return this.unscaled > 0n ? 1 : this.unscaled < 0n ? -1 : 0;
  }
  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }
  abs(): Decimal {
    return this.unscaled < 0n ? this.negate() : this;
  }

  compareTo(o: Decimal): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.scale === s ? this.unscaled : this.unscaled * pow10(s - this.scale);
    const b = o.scale === s ? o.unscaled : o.unscaled * pow10(s - o.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  equals(o: Decimal): boolean {
    return this.compareTo(o) === 0;
  }
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.unscaled * pow10(s - a.scale), b.unscaled * pow10(s - b.scale), s];
}

/** a + b as DECIMAL(p, s); null on overflow. */
export function decimalAdd(a: Decimal, b: Decimal, p: number, s: number): Decimal | null {
  const [x, y, sc] = aligned(a, b);
  return new Decimal(x + y, sc).toPrecision(p, s);
}
export function decimalSubtract(a: Decimal, b: Decimal, p: number, s: number): Decimal | null {
  const [x, y, sc] = aligned(a, b);
  return new Decimal(x - y, sc).toPrecision(p, s);
}
export function decimalMultiply(a: Decimal, b: Decimal, p: number, s: number): Decimal | null {
  return new Decimal(a.unscaled * b.unscaled, a.scale + b.scale).toPrecision(p, s);
}
/** a / b rounded HALF_UP to scale s; throws on division by zero like Java's BigDecimal. */
export function decimalDivide(a: Decimal, b: Decimal, p: number, s: number): Decimal | null {
  if (b.unscaled === 0n) throw new SqlFunctionError('/', 'Division by zero');
  // a.u/10^a.s / (b.u/10^b.s) * 10^s = a.u * 10^(s + b.s) / (b.u * 10^a.s)
  const q = divHalfUp(a.unscaled * pow10(s + b.scale), b.unscaled * pow10(a.scale));
  return new Decimal(q, s).toPrecision(p, s);
}
/** Remainder with the sign of the dividend (BigDecimal.remainder). */
export function decimalMod(a: Decimal, b: Decimal, p: number, s: number): Decimal | null {
  if (b.unscaled === 0n) throw new SqlFunctionError('MOD', 'Division by zero');
  const [x, y, sc] = aligned(a, b);
  return new Decimal(x % y, sc).toPrecision(p, s);
}
export function decimalCompare(a: Decimal, b: Decimal): number {
  return a.compareTo(b);
}
/** ROUND(d, n) keeping the type's scale as Flink does (digits beyond n become zeros). */
export function decimalRound(a: Decimal, n: number, resultScale: number): Decimal {
  if (n >= a.scale) return a.setScale(resultScale);
  if (n >= 0) return a.setScale(n).setScale(resultScale);
  const f = pow10(-n);
  const units = divHalfUp(a.unscaled, pow10(a.scale) * f) * f;
  return new Decimal(units, 0).setScale(resultScale);
}
/** TRUNCATE(d, n): drop digits beyond n toward zero. */
export function decimalTruncate(a: Decimal, n: number, resultScale: number): Decimal {
  if (n >= a.scale) return a.setScale(resultScale);
  if (n >= 0) return a.setScaleDown(n).setScale(resultScale);
  const f = pow10(-n);
  const units = (a.unscaled / (pow10(a.scale) * f)) * f;
  return new Decimal(units, 0).setScale(resultScale);
}
export function decimalFloor(a: Decimal): Decimal {
  if (a.scale === 0) return a;
  const f = pow10(a.scale);
  let q = a.unscaled / f;
  if (a.unscaled < 0n && a.unscaled % f !== 0n) q -= 1n;
  return new Decimal(q, 0);
}
export function decimalCeil(a: Decimal): Decimal {
  if (a.scale === 0) return a;
  const f = pow10(a.scale);
  let q = a.unscaled / f;
  if (a.unscaled > 0n && a.unscaled % f !== 0n) q += 1n;
  return new Decimal(q, 0);
}
