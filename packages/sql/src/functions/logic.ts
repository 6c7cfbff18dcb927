/**
 * SQL three-valued logic and comparison helpers for generated code. NULL is `null`; every function here is
 * null-aware by design (not strict).
 */
import { compareValues, valueEquals } from '@tributary/core';

export function and3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}
export function or3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}
export function not3(a: boolean | null): boolean | null {
  return a === null ? null : !a;
}
export function isTrue(a: boolean | null): boolean {
  return a === true;
}
export function isFalse(a: boolean | null): boolean {
  return a === false;
}
export function isNotTrue(a: boolean | null): boolean {
  return a !== true;
}
export function isNotFalse(a: boolean | null): boolean {
  return a !== false;
}
export function isNull(a: unknown): boolean {
  return a === null || a === undefined;
}

/** `a = b` with NULL propagation. */
export function eq3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return valueEquals(a, b);
}
export function ne3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return !valueEquals(a, b);
}
export function lt3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return compareValues(a, b) < 0;
}
export function le3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return compareValues(a, b) <= 0;
}
export function gt3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return compareValues(a, b) > 0;
}
export function ge3(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return compareValues(a, b) >= 0;
}

/** `a IS DISTINCT FROM b`: NULLs are equal to each other, never NULL. */
export function isDistinctFrom(a: unknown, b: unknown): boolean {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an !== bn;
  return !valueEquals(a, b);
}
export function isNotDistinctFrom(a: unknown, b: unknown): boolean {
  return !isDistinctFrom(a, b);
}

/** `x BETWEEN lo AND hi` (ASYMMETRIC) in three-valued logic. */
export function between3(x: unknown, lo: unknown, hi: unknown): boolean | null {
  return and3(ge3(x, lo), le3(x, hi));
}

/** `x IN (list)`: TRUE if found, NULL if not found but x or an element is NULL, FALSE otherwise. */
export function in3(x: unknown, list: readonly unknown[]): boolean | null {
  if (x === null || x === undefined) return list.length === 0 ? false : null;
  let sawNull = false;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e === null || e === undefined) sawNull = true;
    else if (valueEquals(x, e)) return true;
  }
  return sawNull ? null : false;
}
