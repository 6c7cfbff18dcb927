import { ProgramError } from '@tributary/core';
import { rand32, randDouble, randInt, streamKey } from './random.js';

/**
 * One field of a generated row, like Flink's datagen options (`fields.<name>.kind = sequence | random`).
 * `compile` turns the spec into a function of the row index; `rows` is the number of rows a sequence field can
 * produce (it bounds the source, as in Flink).
 */
export interface FieldSpec<T> {
  readonly kind: 'sequence' | 'random';
  readonly rows?: number;
  compile(seed: number, fieldIndex: number, fieldName: string): (index: number) => T;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function checkRange(what: string, min: number, max: number, integer: boolean): void {
  const ok = integer
    ? Number.isSafeInteger(min) && Number.isSafeInteger(max)
    : Number.isFinite(min) && Number.isFinite(max);
  if (!ok || min > max) {
    throw new ProgramError(
      `DataGen.${what} needs ${integer ? 'safe integers' : 'finite numbers'} min <= max, got ${min}..${max}`,
    );
  }
}

/** Builders of field specs for `DataGeneratorSource.fromFields`. */
export const DataGen = {
  /** start, start+1, ..., end (inclusive); the row at index i gets start + i. Bounds the source to end-start+1 rows. */
  sequence(start: number, end: number): FieldSpec<number> {
    checkRange('sequence', start, end, true);
    return { kind: 'sequence', rows: end - start + 1, compile: () => (i) => start + i };
  },

  /** Uniform integer in [min, max]; defaults to the INT range. */
  int(min = -2147483648, max = 2147483647): FieldSpec<number> {
    checkRange('int', min, max, true);
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        return (i) => randInt(key, i, min, max);
      },
    };
  },

  /** Uniform 64-bit integer in [min, max] as bigint (Flink BIGINT); defaults to the full signed range. */
  long(min = -(2n ** 63n), max = 2n ** 63n - 1n): FieldSpec<bigint> {
    if (min > max) throw new ProgramError(`DataGen.long needs min <= max, got ${min}..${max}`);
    const range = max - min + 1n;
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        const key2 = streamKey(seed, f + 0x10000);
        return (i) => {
          const bits = (BigInt(rand32(key, i)) << 32n) | BigInt(rand32(key2, i));
          return min + (bits % range);
        };
      },
    };
  },

  /** Uniform double in [min, max). */
  double(min = 0, max = 1): FieldSpec<number> {
    checkRange('double', min, max, false);
    const span = max - min;
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        return (i) => min + randDouble(key, i) * span;
      },
    };
  },

  /** Random alphanumeric string of exactly `length` characters. */
  string(length = 10): FieldSpec<string> {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new ProgramError(`DataGen.string needs a non-negative integer length, got ${length}`);
    }
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        return (i) => {
          // One hash per row seeds a xorshift for the characters: cheaper than one hash per character.
          let s = rand32(key, i) | 1;
          let out = '';
          for (let c = 0; c < length; c++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            out += ALPHABET[(s >>> 0) % 62];
          }
          return out;
        };
      },
    };
  },

  boolean(): FieldSpec<boolean> {
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        return (i) => (rand32(key, i) & 1) === 1;
      },
    };
  },

  /**
   * Uniform timestamp (epoch ms) in [fromMs, toMs]. Flink's `max-past` is relative to the wall clock, which
   * would make runs differ; a fixed range keeps the source deterministic.
   */
  timestamp(fromMs: number, toMs: number): FieldSpec<number> {
    checkRange('timestamp', fromMs, toMs, true);
    return {
      kind: 'random',
      compile: (seed, f) => {
        const key = streamKey(seed, f);
        return (i) => randInt(key, i, fromMs, toMs);
      },
    };
  },
} as const;

export type FieldSpecs = Record<string, FieldSpec<unknown>>;

export type RowOf<F extends FieldSpecs> = { [K in keyof F]: F[K] extends FieldSpec<infer V> ? V : never };

/**
 * Compiles field specs into one row function. The object literal is generated once so every row has the same
 * hidden class and no per-field loop runs per row.
 */
export function compileFields<F extends FieldSpecs>(fields: F, seed: number): (index: number) => RowOf<F> {
  const names = Object.keys(fields);
  if (names.length === 0) throw new ProgramError('DataGeneratorSource.fromFields needs at least one field');
  const gens = names.map((n, j) => fields[n]!.compile(seed, j, n));
  const body = `return function row(i) { return { ${names.map((n, j) => `${JSON.stringify(n)}: g${j}(i)`).join(', ')} }; };`;
  const factory = new Function(...names.map((_, j) => `g${j}`), body) as (...g: unknown[]) => (i: number) => RowOf<F>;
  return factory(...gens);
}

/** Rows a set of fields can produce: the smallest sequence length, or undefined when no field bounds it. */
export function rowsOfFields(fields: FieldSpecs): number | undefined {
  let rows: number | undefined;
  for (const spec of Object.values(fields)) {
    if (spec.rows !== undefined) rows = rows === undefined ? spec.rows : Math.min(rows, spec.rows);
  }
  return rows;
}
