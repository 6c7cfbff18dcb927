import { TributaryError } from '@tributary/core';
import { hashNumber, hashString } from './murmur.js';

/**
 * Keys must be values whose identity survives copying between threads and processes: strings, numbers, bigints,
 * booleans, and arrays or plain objects of those. The hash of equal keys is equal everywhere.
 */
export type Key = string | number | bigint | boolean | null | readonly Key[] | { readonly [field: string]: Key };

export function hashKey(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return hashString(key);
    case 'number':
      return hashNumber(key);
    case 'bigint':
      return hashString(key.toString());
    case 'boolean':
      return key ? 1231 : 1237;
    case 'object': {
      if (key === null) return 0;
      let h = 17;
      if (Array.isArray(key)) {
        for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + hashKey(key[i])) | 0;
        return h;
      }
      checkPlainObject(key);
      const o = key as Record<string, unknown>;
      for (const f of Object.keys(o).sort()) h = (Math.imul(h, 31) + hashString(f) + hashKey(o[f])) | 0;
      return h;
    }
    default:
      throw new TributaryError(
        'KEY_TYPE',
        `A key must be a string, number, bigint, boolean, or an array/object of those; got ${typeof key}`,
      );
  }
}

/**
 * Maps a key to the form used inside hash maps: primitives stay as they are (fast path), composite keys become a
 * canonical string that `denormalizeKey` turns back into an equal key.
 */
export function normalizeKey(key: unknown): string | number | boolean | bigint | null {
  const t = typeof key;
  if (t === 'string') {
    // A string that looks like an encoded composite key is encoded too, so it cannot collide with one.
    return (key as string).charCodeAt(0) === 0 ? `\u0000${JSON.stringify(key)}` : (key as string);
  }
  if (t === 'number' || t === 'boolean' || t === 'bigint' || key === null) {
    return key as number | boolean | bigint | null;
  }
  if (t === 'object') return `\u0000${canonicalJson(key)}`;
  throw new TributaryError('KEY_TYPE', `A key must be a string, number, bigint, boolean, array or object; got ${t}`);
}

export function denormalizeKey(norm: unknown): unknown {
  if (typeof norm === 'string' && norm.charCodeAt(0) === 0) return JSON.parse(norm.slice(1), reviveBigint);
  return norm;
}

function canonicalJson(v: unknown): string {
  const t = typeof v;
  if (t === 'bigint') return JSON.stringify({ $bigint: (v as bigint).toString() });
  // JSON turns NaN and +-Infinity into null: keep them apart from null and from each other.
  if (t === 'number' && !Number.isFinite(v)) return JSON.stringify({ $number: String(v) });
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && t === 'object') {
    checkPlainObject(v as object);
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  if (t === 'string' || t === 'number' || t === 'boolean' || v === null) return JSON.stringify(v);
  throw new TributaryError(
    'KEY_TYPE',
    `A key must be a string, number, bigint, boolean, or an array/object of those; got ${t} inside a composite key`,
  );
}

/** Dates, Maps, class instances etc. have no enumerable fields to hash: they would all collapse into one key. */
function checkPlainObject(o: object): void {
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) {
    throw new TributaryError(
      'KEY_TYPE',
      `A key object must be a plain object or an array; got ${proto?.constructor?.name ?? 'an object'} ` +
        '(convert it to a string, number or plain object in the key selector)',
    );
  }
}

function reviveBigint(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object') {
    if ('$bigint' in (v as object)) return BigInt((v as { $bigint: string }).$bigint);
    if ('$number' in (v as object)) return Number((v as { $number: string }).$number);
  }
  return v;
}
