/**
 * Conditional functions and hashing. Conditionals are null-aware (not strict); the binder coerces all
 * branches to their common type first, so these only pick values.
 */
import { createHash } from 'node:crypto';
import { compareValues, valueEquals } from '@tributary/core';

/** COALESCE(a, b, ...): the first non-null argument. */
export function coalesce(...args: unknown[]): unknown {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && a !== undefined) return a;
  }
  return null;
}
/** IFNULL(a, b). */
export function ifnull(a: unknown, b: unknown): unknown {
  return a === null || a === undefined ? b : a;
}
/** NULLIF(a, b): NULL when a = b, else a. */
export function nullif(a: unknown, b: unknown): unknown {
  if (a === null || a === undefined) return null;
  if (b !== null && b !== undefined && valueEquals(a, b)) return null;
  return a;
}
/** IF(cond, a, b): a when cond is TRUE (NULL counts as false). */
export function if3(cond: boolean | null, a: unknown, b: unknown): unknown {
  return cond === true ? a : b;
}
/** GREATEST(...): NULL if any argument is NULL (Flink semantics). */
export function greatest(...args: unknown[]): unknown {
  let best: unknown = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null || a === undefined) return null;
    if (i === 0 || compareValues(a, best) > 0) best = a;
  }
  return best;
}
/** LEAST(...): NULL if any argument is NULL. */
export function least(...args: unknown[]): unknown {
  let best: unknown = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null || a === undefined) return null;
    if (i === 0 || compareValues(a, best) < 0) best = a;
  }
  return best;
}

function digest(alg: string, v: string | Uint8Array): string {
  return createHash(alg)
    .update(typeof v === 'string' ? Buffer.from(v, 'utf8') : v)
    .digest('hex');
}
export const md5 = (v: string | Uint8Array): string => digest('md5', v);
export const sha1 = (v: string | Uint8Array): string => digest('sha1', v);
export const sha224 = (v: string | Uint8Array): string => digest('sha224', v);
export const sha256 = (v: string | Uint8Array): string => digest('sha256', v);
export const sha384 = (v: string | Uint8Array): string => digest('sha384', v);
export const sha512 = (v: string | Uint8Array): string => digest('sha512', v);
/** SHA2(v, bits) for bits 224, 256, 384, 512 (0 means 256); NULL for other lengths, as Flink. */
export function sha2(v: string | Uint8Array, bits: number): string | null {
  switch (Number(bits)) {
    case 0:
    case 256:
      return sha256(v);
    case 224:
      return sha224(v);
    case 384:
      return sha384(v);
    case 512:
      return sha512(v);
    default:
      return null;
  }
}
