/** 32-bit MurmurHash3 finalisation-style mixing used for key-group assignment (spreads poor hash codes). */
export function murmurMix(h: number): number {
  let k = Math.imul(h, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = k ^ 0;
  x = (x << 13) | (x >>> 19);
  x = (Math.imul(x, 5) + 0xe6546b64) | 0;
  x ^= 4;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x;
}

/** Deterministic 32-bit hash of a string (FNV-1a); stable across processes and threads. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

export function hashNumber(n: number): number {
  if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) return n | 0;
  f64[0] = n;
  return (i32[0]! ^ i32[1]!) | 0;
}
