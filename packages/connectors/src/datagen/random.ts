/**
 * Counter-based random numbers: the value for (key, index) is a pure function of both, so a generator produces
 * the same row for the same index whatever the parallelism, split layout or restore point. No state is carried
 * from one row to the next, which is what makes datagen splits independently checkpointable.
 */

/** A 32-bit avalanche mix (lowbias32 by Chris Wellons). */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Derives the key of one random stream (e.g. one field) from a seed. */
export function streamKey(seed: number, stream: number): number {
  return mix32((mix32(seed | 0) + Math.imul(stream + 1, 0x9e3779b9)) | 0);
}

/** Uniform unsigned 32-bit value for (key, index); index may be any safe non-negative integer. */
export function rand32(key: number, index: number): number {
  const lo = index >>> 0;
  const hi = (index / 4294967296) >>> 0;
  return mix32((mix32(lo ^ key) + Math.imul(hi ^ 0x5bd1e995, 0x9e3779b9)) | 0);
}

/** Uniform double in [0, 1) with 53 random bits. */
export function randDouble(key: number, index: number): number {
  const a = rand32(key, index) >>> 5;
  const b = rand32(key ^ 0x68e31da4, index) >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

/** Uniform integer in [min, max] (both inclusive, safe integers). */
export function randInt(key: number, index: number, min: number, max: number): number {
  const range = max - min + 1;
  if (range <= 4294967296) return min + Math.floor((rand32(key, index) * range) / 4294967296);
  return min + Math.floor(randDouble(key, index) * range);
}

/** A deterministic random double in [0, 1) for a user generator function: `randomAt(seed, index)`. */
export function randomAt(seed: number, index: number, stream = 0): number {
  return randDouble(streamKey(seed, stream), index);
}

/** A deterministic random integer in [min, max] for a user generator function. */
export function randomIntAt(seed: number, index: number, min: number, max: number, stream = 0): number {
  return randInt(streamKey(seed, stream), index, min, max);
}
