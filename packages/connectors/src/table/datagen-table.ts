import { Decimal, fitString, type LogicalType, MILLIS_PER_DAY, NanoTimestamp } from '@tributary/core';
import { DataGeneratorSource } from '../datagen/datagen-source.js';
import { rand32, randDouble, randInt, streamKey } from '../datagen/random.js';
import { TableOptions, TableValidationError } from './options.js';
import type { Row, TableColumn, TableFactory, TableFactoryContext, TableSourceProvider } from './table-factory.js';

/** Value of the row at an index. */
type Gen = (i: number) => unknown;

const FIELD_KEYS = ['kind', 'min', 'max', 'max-past', 'length', 'start', 'end', 'null-rate', 'var-len'] as const;

const INT_BOUNDS: Record<string, [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
};

interface FieldOptions {
  readonly o: TableOptions;
  readonly prefix: string;
}

const key = (f: FieldOptions, k: string) => `${f.prefix}${k}`;

function intOpt(f: FieldOptions, k: string, t: LogicalType): number | bigint | undefined {
  const full = key(f, k);
  const text = f.o.string(full);
  if (text === undefined) return undefined;
  if (t.root === 'BIGINT') {
    if (!/^\s*[+-]?\d+\s*$/.test(text))
      throw new TableValidationError(`Could not parse value '${text}' for key '${full}': expected an integer.`, full);
    return BigInt(text.trim());
  }
  const v = t.root === 'FLOAT' || t.root === 'DOUBLE' || t.root === 'DECIMAL' ? f.o.number(full)! : f.o.int(full)!;
  const b = INT_BOUNDS[t.root];
  if (b !== undefined && (v < b[0] || v > b[1])) {
    throw new TableValidationError(
      `Value '${text}' of key '${full}' is out of the range of ${t.toString()} (${b[0]}..${b[1]}).`,
      full,
    );
  }
  return v;
}

/** Uniform bigint in [min, max] from two 32-bit draws (64 random bits). */
function randBig(k1: number, k2: number, i: number, min: bigint, max: bigint): bigint {
  const range = max - min + 1n;
  const bits = (BigInt(rand32(k1, i)) << 32n) | BigInt(rand32(k2, i));
  return min + (bits % range);
}

const HEX = '0123456789abcdef';

function randomGen(t: LogicalType, k: number, f: FieldOptions | undefined, nowMs: number): Gen {
  const o = f;
  const length = (dflt: number) => (o === undefined ? dflt : (o.o.count(key(o, 'length')) ?? dflt));
  const varLen = o === undefined ? false : o.o.boolean(key(o, 'var-len'), false);
  const num = (k2: string) => (o === undefined ? undefined : intOpt(o, k2, t));
  switch (t.root) {
    case 'BOOLEAN':
      return (i) => (rand32(k, i) & 1) === 1;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER': {
      const [lo, hi] = INT_BOUNDS[t.root]!;
      const min = (num('min') as number | undefined) ?? lo;
      const max = (num('max') as number | undefined) ?? hi;
      checkMinMax(o, min, max);
      return (i) => randInt(k, i, min, max);
    }
    case 'BIGINT': {
      const min = (num('min') as bigint | undefined) ?? -(2n ** 63n);
      const max = (num('max') as bigint | undefined) ?? 2n ** 63n - 1n;
      checkMinMax(o, min, max);
      const k2 = streamKey(k, 7);
      return (i) => randBig(k, k2, i, min, max);
    }
    case 'FLOAT':
    case 'DOUBLE': {
      // Flink's defaults: [Float|Double.MIN_VALUE, Float|Double.MAX_VALUE]
      const dflMax = t.root === 'FLOAT' ? 3.4028234663852886e38 : Number.MAX_VALUE;
      const dflMin = t.root === 'FLOAT' ? 1.401298464324817e-45 : Number.MIN_VALUE;
      const min = (num('min') as number | undefined) ?? dflMin;
      const max = (num('max') as number | undefined) ?? dflMax;
      checkMinMax(o, min, max);
      const span = max - min;
      return t.root === 'FLOAT'
        ? (i) => Math.fround(min + randDouble(k, i) * span)
        : (i) => min + randDouble(k, i) * span;
    }
    case 'DECIMAL': {
      const p = t.precision;
      const s = t.scale;
      const minO = num('min') as number | undefined;
      const maxO = num('max') as number | undefined;
      const limit = 10n ** BigInt(p) - 1n;
      const unscaled = (x: number) => BigInt(Decimal.of(String(x)).setScale(s).toPlainString().replace('.', ''));
      const min = minO === undefined ? -limit : unscaled(minO);
      const max = maxO === undefined ? limit : unscaled(maxO);
      checkMinMax(o, min, max);
      const k2 = streamKey(k, 7);
      return (i) => new Decimal(randBig(k, k2, i, min, max), s);
    }
    case 'CHAR':
    case 'VARCHAR': {
      const len = Math.min(length(100), t.length);
      const fixed = t.root === 'CHAR';
      return (i) => {
        let x = rand32(k, i) | 1;
        const n = varLen ? 1 + ((x >>> 0) % len) : len;
        let out = '';
        for (let c = 0; c < n; c++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          out += HEX[(x >>> 0) & 15];
        }
        return fixed ? fitString(out, t) : out;
      };
    }
    case 'BINARY':
    case 'VARBINARY': {
      const len = Math.min(length(100), t.length);
      return (i) => {
        let x = rand32(k, i) | 1;
        const n = varLen ? 1 + ((x >>> 0) % len) : len;
        const out = new Uint8Array(t.root === 'BINARY' ? t.length : n);
        for (let c = 0; c < n; c++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          out[c] = x & 255;
        }
        return out;
      };
    }
    case 'DATE': {
      const today = Math.floor(nowMs / MILLIS_PER_DAY);
      const pastDays = Math.floor((o === undefined ? 0 : o.o.duration(key(o, 'max-past'), 0)) / MILLIS_PER_DAY);
      return (i) => today - randInt(k, i, 0, pastDays);
    }
    case 'TIME':
      return (i) => {
        const ms = randInt(k, i, 0, MILLIS_PER_DAY - 1);
        return t.precision === 0 ? ms - (ms % 1000) : ms;
      };
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const past = o === undefined ? 0 : o.o.duration(key(o, 'max-past'), 0);
      const p = t.precision;
      const unit = p >= 3 ? 1 : 10 ** (3 - p);
      return (i) => {
        const ms = nowMs - randInt(k, i, 0, past);
        const shaped = ms - (((ms % unit) + unit) % unit);
        return p <= 3 ? shaped : new NanoTimestamp(shaped, 0);
      };
    }
    case 'INTERVAL_YEAR_MONTH':
      return (i) => randInt(k, i, 0, 1200);
    case 'INTERVAL_DAY_TIME':
      return (i) => randInt(k, i, 0, 100 * MILLIS_PER_DAY);
    case 'ARRAY':
    case 'MULTISET':
    case 'MAP': {
      const n = length(3);
      const el = t.root === 'MAP' ? t.key! : t.element!;
      const eg = withNulls(randomGen(el, streamKey(k, 1), undefined, nowMs), el, streamKey(k, 3), 0);
      if (t.root === 'ARRAY') {
        return (i) => {
          const a = new Array(n);
          for (let j = 0; j < n; j++) a[j] = eg(i * n + j);
          return a;
        };
      }
      const vg =
        t.root === 'MAP'
          ? randomGen(t.value!, streamKey(k, 2), undefined, nowMs)
          : (i: number) => randInt(streamKey(k, 2), i, 1, 3);
      return (i) => {
        const m = new Map<unknown, unknown>();
        for (let j = 0; j < n; j++) m.set(eg(i * n + j), vg(i * n + j));
        return m;
      };
    }
    case 'ROW': {
      const gens = t.fields!.map((fl, j) => randomGen(fl.type, streamKey(k, 10 + j), undefined, nowMs));
      return (i) => gens.map((g) => g(i));
    }
    default:
      throw new TableValidationError(`Unsupported type for the datagen connector: ${t.toString()}`);
  }
}

function checkMinMax(o: FieldOptions | undefined, min: number | bigint, max: number | bigint): void {
  if (min > max) {
    const where = o === undefined ? 'the element' : `'${key(o, 'min')}' (${min}) and '${key(o, 'max')}' (${max})`;
    throw new TableValidationError(`datagen: min must not exceed max for ${where}.`, o && key(o, 'min'));
  }
}

function withNulls(g: Gen, t: LogicalType, k: number, rate: number): Gen {
  if (rate <= 0 || !t.nullable) return g;
  return (i) => (randDouble(k, i) < rate ? null : g(i));
}

const SEQ_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'DECIMAL',
  'CHAR',
  'VARCHAR',
]);

/** A sequence field: start + i for i in [0, end - start]. Returns the generator and its row count. */
function sequenceGen(c: TableColumn, f: FieldOptions): { gen: Gen; rows: number } {
  const t = c.type;
  if (!SEQ_TYPES.has(t.root)) {
    throw new TableValidationError(
      `Unsupported type for the datagen 'sequence' kind of field '${c.name}': ${t.toString()}`,
      key(f, 'kind'),
    );
  }
  const sk = key(f, 'start');
  const ek = key(f, 'end');
  for (const k of [sk, ek]) {
    if (!f.o.has(k))
      throw new TableValidationError(`Could not find required property '${k}' for sequence generator.`, k);
  }
  const numT =
    t.root === 'CHAR' || t.root === 'VARCHAR' || t.root === 'DECIMAL' || t.root === 'FLOAT' || t.root === 'DOUBLE'
      ? 'BIGINT'
      : t.root;
  const asType =
    numT === 'BIGINT' ? (t.root === 'BIGINT' ? t : ({ root: 'BIGINT', toString: () => 'BIGINT' } as LogicalType)) : t;
  const start = BigInt(intOpt(f, 'start', asType)!);
  const end = BigInt(intOpt(f, 'end', asType)!);
  if (start > end) throw new TableValidationError(`datagen: '${sk}' (${start}) must not exceed '${ek}' (${end}).`, sk);
  const rows = Number(end - start + 1n);
  if (!Number.isSafeInteger(rows))
    throw new TableValidationError(`datagen: sequence '${sk}'..'${ek}' is too long.`, sk);
  const s = Number(start);
  switch (t.root) {
    case 'BIGINT':
      return { gen: (i) => start + BigInt(i), rows };
    case 'DECIMAL':
      return { gen: (i) => new Decimal((start + BigInt(i)) * 10n ** BigInt(t.scale), t.scale), rows };
    case 'CHAR':
    case 'VARCHAR':
      return { gen: (i) => fitString(String(s + i), t), rows };
    case 'FLOAT':
      return { gen: (i) => Math.fround(s + i), rows };
    default:
      return { gen: (i) => s + i, rows };
  }
}

/** Field option keys of the datagen connector: 'fields.#.<key>' (# = a column name). */
export const DATAGEN_FIELD_OPTIONS = FIELD_KEYS.map((k) => `fields.#.${k}`);

/** Builds the row generator and bound of a datagen table. `nowMs` anchors time fields ('max-past'). */
export function datagenRows(
  columns: readonly TableColumn[],
  options: TableOptions,
  seed = 0,
  nowMs = Date.now(),
): { gen: (i: number) => Row; rows: number | undefined } {
  if (columns.length === 0) throw new TableValidationError('The datagen connector needs at least one physical column.');
  let rows: number | undefined;
  const gens: Gen[] = [];
  columns.forEach((c, j) => {
    const f: FieldOptions = { o: options, prefix: `fields.${c.name}.` };
    const kind = options.enumValue(key(f, 'kind'), ['random', 'sequence'] as const, 'random');
    const rate = options.number(key(f, 'null-rate')) ?? 0;
    if (rate < 0 || rate > 1) {
      throw new TableValidationError(
        `Option '${key(f, 'null-rate')}' must be between 0.0 and 1.0, got ${rate}.`,
        key(f, 'null-rate'),
      );
    }
    let g: Gen;
    if (kind === 'sequence') {
      const s = sequenceGen(c, f);
      rows = rows === undefined ? s.rows : Math.min(rows, s.rows);
      g = s.gen;
    } else g = randomGen(c.type, streamKey(seed, j), f, nowMs);
    gens.push(withNulls(g, c.type, streamKey(seed, 1000 + j), rate));
  });
  // One generated function builds the array literal, so every row has the same shape without a per-field loop.
  const body = `return function row(i) { return [${gens.map((_, j) => `g${j}(i)`).join(', ')}]; };`;
  const factory = new Function(...gens.map((_, j) => `g${j}`), body) as (...g: Gen[]) => (i: number) => Row;
  return { gen: factory(...gens), rows };
}

/** The 'datagen' connector (Flink's DataGenTableSourceFactory). Insert-only, bounded by number-of-rows or sequences. */
export const datagenTableFactory: TableFactory = {
  identifier: 'datagen',
  requiredOptions: [],
  optionalOptions: ['rows-per-second', 'number-of-rows', 'scan.parallelism', ...DATAGEN_FIELD_OPTIONS],
  createSource(ctx: TableFactoryContext): TableSourceProvider {
    const parallelism = new TableOptions(ctx.options, ctx.tableName).positiveInt('scan.parallelism');
    return { source: createDatagenSource(ctx), changelogMode: 'insert-only', parallelism };
  },
};

/** The datagen source of a table; `nowMs` fixes the clock of time fields (tests). */
export function createDatagenSource(ctx: TableFactoryContext, nowMs = Date.now()): DataGeneratorSource<Row> {
  const o = new TableOptions(ctx.options, ctx.tableName);
  const rate = o.number('rows-per-second') ?? 10000;
  if (!(rate > 0))
    throw new TableValidationError(`Option 'rows-per-second' must be positive, got ${rate}.`, 'rows-per-second');
  const n = o.count('number-of-rows');
  const { gen, rows } = datagenRows(ctx.columns, o, 0, nowMs);
  return new DataGeneratorSource<Row>(gen, { numberOfRows: n, rowsPerSecond: rate }, rows);
}
