/**
 * Ordering, equality and hash keys of non-null SQL values by their runtime representation. The binder has already
 * coerced both sides to a common type, so mixed representations only occur where JS compares them correctly
 * (number vs bigint). Keys (`valueKey`) are what DISTINCT, MIN/MAX retraction maps and MULTISET counting use:
 * primitives are their own key; DECIMAL, high-precision timestamps, bytes and composites get a canonical string.
 */
import { Decimal } from './decimal.js';
import { NanoTimestamp } from './temporal.js';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

/** Total order of two non-null values of the same SQL type (NaN sorts above all numbers, as Java's Double.compare). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' || typeof b === 'bigint')
    return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
  if (typeof a === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b);
  if (a instanceof NanoTimestamp || b instanceof NanoTimestamp) {
    const ma = typeof a === 'number' ? a : (a as NanoTimestamp).millis;
    const mb = typeof b === 'number' ? b : (b as NanoTimestamp).millis;
    if (ma !== mb) return ma < mb ? -1 : 1;
    const na = typeof a === 'number' ? 0 : (a as NanoTimestamp).nanoOfMilli;
    const nb = typeof b === 'number' ? 0 : (b as NanoTimestamp).nanoOfMilli;
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      if (x === null || x === undefined || y === null || y === undefined) {
        if ((x ?? null) === (y ?? null)) continue;
        return x === null || x === undefined ? -1 : 1; // NULLs first inside composites
      }
      const c = compareValues(x, y);
      if (c !== 0) return c;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if (a instanceof Map && b instanceof Map) {
    const ka = valueKey(a) as string;
    const kb = valueKey(b) as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  throw new TypeError(`Cannot compare ${String(a)} with ${String(b)}`);
}

/** SQL equality of two non-null values (IS NOT DISTINCT FROM for composites: NULL elements equal each other). */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') {
    // number vs bigint after coercion compare numerically
    return typeof a === 'bigint' || typeof b === 'bigint' ? compareValues(a, b) === 0 : false;
  }
  if (a === null || b === null) return false;
  return valueKey(a) === valueKey(b);
}

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

/** Canonical key for hashing: primitives as themselves, others as a tagged string. */
export function valueKey(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t !== 'object') return v;
  return '\u0000' + compositeKey(v);
}

function compositeKey(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  switch (typeof v) {
    case 'number':
      return `n${v}`;
    case 'bigint':
      return `l${v}`;
    case 'string':
      return `s${v.length}:${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
  }
  if (v instanceof Decimal) return `d${v.toKey()}`;
  if (v instanceof NanoTimestamp) return `t${v.millis}.${v.nanoOfMilli}`;
  if (v instanceof Uint8Array) return `b${hex(v)}`;
  if (Array.isArray(v)) return `[${v.map(compositeKey).join(',')}]`;
  if (v instanceof Map) {
    const entries = [...v].map(([k, x]) => `${compositeKey(k)}=${compositeKey(x)}`).sort();
    return `{${entries.join(',')}}`;
  }
  return `o${JSON.stringify(v)}`;
}
