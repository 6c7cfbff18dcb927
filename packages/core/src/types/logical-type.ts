/**
 * Flink's logical types as one immutable class.
 *
 * One class with a `root` discriminator (instead of a class per type) keeps type checks in the binder and the code
 * generator to a string comparison, and lets every type print itself exactly as Flink's `asSummaryString()` does:
 * `INT NOT NULL`, `STRING` for `VARCHAR(2147483647)`, `BYTES`, `DECIMAL(10, 2)`, `TIMESTAMP(3) *ROWTIME*`,
 * `TIMESTAMP_LTZ(3)`, `ROW<`a` INT, `b` STRING>`.
 */

export type TypeRoot =
  | 'CHAR'
  | 'VARCHAR'
  | 'BOOLEAN'
  | 'BINARY'
  | 'VARBINARY'
  | 'DECIMAL'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'TIMESTAMP_LTZ'
  | 'INTERVAL_YEAR_MONTH'
  | 'INTERVAL_DAY_TIME'
  | 'ARRAY'
  | 'MAP'
  | 'MULTISET'
  | 'ROW'
  | 'NULL';

/** Time attribute marker of TIMESTAMP / TIMESTAMP_LTZ columns (Flink's TimestampKind). */
export type TimeKind = 'REGULAR' | 'ROWTIME' | 'PROCTIME';

export type YearMonthResolution = 'YEAR' | 'YEAR_TO_MONTH' | 'MONTH';
export type DayTimeResolution =
  | 'DAY'
  | 'DAY_TO_HOUR'
  | 'DAY_TO_MINUTE'
  | 'DAY_TO_SECOND'
  | 'HOUR'
  | 'HOUR_TO_MINUTE'
  | 'HOUR_TO_SECOND'
  | 'MINUTE'
  | 'MINUTE_TO_SECOND'
  | 'SECOND';

export interface RowField {
  readonly name: string;
  readonly type: LogicalType;
  readonly description?: string;
}

export const MAX_LENGTH = 2147483647;
export const MAX_DECIMAL_PRECISION = 38;
export const MAX_TIMESTAMP_PRECISION = 9;
export const DEFAULT_INTERVAL_YEAR_PRECISION = 2;
export const DEFAULT_INTERVAL_DAY_PRECISION = 2;
export const DEFAULT_INTERVAL_FRACTIONAL_PRECISION = 6;

interface TypeParams {
  length?: number;
  precision?: number;
  scale?: number;
  element?: LogicalType;
  key?: LogicalType;
  value?: LogicalType;
  fields?: readonly RowField[];
  timeKind?: TimeKind;
  resolution?: YearMonthResolution | DayTimeResolution;
}

export class LogicalType {
  readonly root: TypeRoot;
  readonly nullable: boolean;
  /** CHAR/VARCHAR/BINARY/VARBINARY length; 0 otherwise. */
  readonly length: number;
  /** DECIMAL precision, TIME/TIMESTAMP fractional precision, interval year/day precision. */
  readonly precision: number;
  /** DECIMAL scale, day-time interval fractional precision. */
  readonly scale: number;
  readonly element: LogicalType | undefined;
  readonly key: LogicalType | undefined;
  readonly value: LogicalType | undefined;
  readonly fields: readonly RowField[] | undefined;
  readonly timeKind: TimeKind;
  readonly resolution: YearMonthResolution | DayTimeResolution | undefined;

  constructor(root: TypeRoot, nullable: boolean, p: TypeParams = {}) {
    this.root = root;
    this.nullable = nullable;
    this.length = p.length ?? 0;
    this.precision = p.precision ?? 0;
    this.scale = p.scale ?? 0;
    this.element = p.element;
    this.key = p.key;
    this.value = p.value;
    this.fields = p.fields;
    this.timeKind = p.timeKind ?? 'REGULAR';
    this.resolution = p.resolution;
  }

  private params(): TypeParams {
    return {
      length: this.length,
      precision: this.precision,
      scale: this.scale,
      element: this.element,
      key: this.key,
      value: this.value,
      fields: this.fields,
      timeKind: this.timeKind,
      resolution: this.resolution,
    };
  }

  /** The same type with the given nullability. */
  copy(nullable: boolean): LogicalType {
    if (nullable === this.nullable) return this;
    return new LogicalType(this.root, nullable, this.params());
  }
  notNull(): LogicalType {
    return this.copy(false);
  }
  asNullable(): LogicalType {
    return this.copy(true);
  }
  /** The same type without a time attribute marker (what a time attribute becomes after a non-forwarding expression). */
  withTimeKind(kind: TimeKind): LogicalType {
    return new LogicalType(this.root, this.nullable, { ...this.params(), timeKind: kind });
  }
  get isTimeAttribute(): boolean {
    return this.timeKind !== 'REGULAR';
  }

  /** Structural equality including nullability (time attribute markers ignored, as Flink's equals on the kind). */
  equals(other: LogicalType): boolean {
    return this === other || this.toString() === other.toString();
  }
  /** Equality ignoring nullability at the top level only. */
  equalsIgnoreNullability(other: LogicalType): boolean {
    return this.copy(true).equals(other.copy(true));
  }

  /** Flink's `asSerializableString()`: the form that parses back, e.g. `TIMESTAMP(3) WITH LOCAL TIME ZONE`. */
  asSerializableString(): string {
    return this.render(true);
  }

  /** Flink's `asSummaryString()`, what `DESCRIBE`, `EXPLAIN` and error messages print. */
  toString(): string {
    return this.render(false);
  }

  private render(serializable: boolean): string {
    const nn = this.nullable ? '' : ' NOT NULL';
    const child = (t: LogicalType) => t.render(serializable);
    switch (this.root) {
      case 'CHAR':
        return `CHAR(${this.length})${nn}`;
      case 'VARCHAR':
        return (this.length === MAX_LENGTH ? 'STRING' : `VARCHAR(${this.length})`) + nn;
      case 'BINARY':
        return `BINARY(${this.length})${nn}`;
      case 'VARBINARY':
        return (this.length === MAX_LENGTH ? 'BYTES' : `VARBINARY(${this.length})`) + nn;
      case 'DECIMAL':
        return `DECIMAL(${this.precision}, ${this.scale})${nn}`;
      case 'INTEGER':
        return `INT${nn}`;
      case 'TIME':
        return `TIME(${this.precision})${nn}`;
      case 'TIMESTAMP': {
        const s = `TIMESTAMP(${this.precision})${nn}`;
        return serializable || this.timeKind === 'REGULAR' ? s : `${s} *${this.timeKind}*`;
      }
      case 'TIMESTAMP_LTZ': {
        if (serializable) return `TIMESTAMP(${this.precision}) WITH LOCAL TIME ZONE${nn}`;
        const s = `TIMESTAMP_LTZ(${this.precision})${nn}`;
        return this.timeKind === 'REGULAR' ? s : `${s} *${this.timeKind}*`;
      }
      case 'INTERVAL_YEAR_MONTH': {
        const p = this.precision;
        const r = this.resolution as YearMonthResolution;
        const body = r === 'YEAR' ? `YEAR(${p})` : r === 'MONTH' ? 'MONTH' : `YEAR(${p}) TO MONTH`;
        return `INTERVAL ${body}${nn}`;
      }
      case 'INTERVAL_DAY_TIME': {
        const d = this.precision;
        const f = this.scale;
        const bodies: Record<DayTimeResolution, string> = {
          DAY: `DAY(${d})`,
          DAY_TO_HOUR: `DAY(${d}) TO HOUR`,
          DAY_TO_MINUTE: `DAY(${d}) TO MINUTE`,
          DAY_TO_SECOND: `DAY(${d}) TO SECOND(${f})`,
          HOUR: 'HOUR',
          HOUR_TO_MINUTE: 'HOUR TO MINUTE',
          HOUR_TO_SECOND: `HOUR TO SECOND(${f})`,
          MINUTE: 'MINUTE',
          MINUTE_TO_SECOND: `MINUTE TO SECOND(${f})`,
          SECOND: `SECOND(${f})`,
        };
        return `INTERVAL ${bodies[this.resolution as DayTimeResolution]}${nn}`;
      }
      case 'ARRAY':
        return `ARRAY<${child(this.element!)}>${nn}`;
      case 'MULTISET':
        return `MULTISET<${child(this.element!)}>${nn}`;
      case 'MAP':
        return `MAP<${child(this.key!)}, ${child(this.value!)}>${nn}`;
      case 'ROW': {
        const fs = this.fields!.map((f) => {
          const desc = f.description === undefined ? '' : ` '${f.description.replace(/'/g, "''")}'`;
          return `${quoteIdentifier(f.name)} ${child(f.type)}${desc}`;
        });
        return `ROW<${fs.join(', ')}>${nn}`;
      }
      case 'NULL':
        return 'NULL';
      default:
        return this.root + nn;
    }
  }
}

/** Backtick-quotes an identifier the way Flink's EncodingUtils.escapeIdentifier does. */
export function quoteIdentifier(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

function checkRange(what: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${what} must be between ${min} and ${max} (both inclusive), got ${v}`);
  }
  return v;
}

const cache = new Map<string, LogicalType>();
function simple(root: TypeRoot, nullable: boolean): LogicalType {
  const k = root + (nullable ? '' : '!');
  let t = cache.get(k);
  if (t === undefined) cache.set(k, (t = new LogicalType(root, nullable)));
  return t;
}

/** Factories, named as Flink's `DataTypes`. All types are nullable unless `nullable` is false. */
export const Types = {
  char: (n = 1, nullable = true) =>
    new LogicalType('CHAR', nullable, { length: checkRange('Character string length', n, 1, MAX_LENGTH) }),
  varchar: (n = 1, nullable = true) =>
    new LogicalType('VARCHAR', nullable, { length: checkRange('Variable character string length', n, 1, MAX_LENGTH) }),
  string: (nullable = true) => new LogicalType('VARCHAR', nullable, { length: MAX_LENGTH }),
  boolean: (nullable = true) => simple('BOOLEAN', nullable),
  binary: (n = 1, nullable = true) =>
    new LogicalType('BINARY', nullable, { length: checkRange('Binary string length', n, 1, MAX_LENGTH) }),
  varbinary: (n = 1, nullable = true) =>
    new LogicalType('VARBINARY', nullable, { length: checkRange('Variable binary string length', n, 1, MAX_LENGTH) }),
  bytes: (nullable = true) => new LogicalType('VARBINARY', nullable, { length: MAX_LENGTH }),
  decimal: (p = 10, s = 0, nullable = true) => {
    checkRange('Decimal precision', p, 1, MAX_DECIMAL_PRECISION);
    checkRange('Decimal scale', s, 0, p);
    return new LogicalType('DECIMAL', nullable, { precision: p, scale: s });
  },
  tinyint: (nullable = true) => simple('TINYINT', nullable),
  smallint: (nullable = true) => simple('SMALLINT', nullable),
  int: (nullable = true) => simple('INTEGER', nullable),
  bigint: (nullable = true) => simple('BIGINT', nullable),
  float: (nullable = true) => simple('FLOAT', nullable),
  double: (nullable = true) => simple('DOUBLE', nullable),
  date: (nullable = true) => simple('DATE', nullable),
  time: (p = 0, nullable = true) =>
    new LogicalType('TIME', nullable, { precision: checkRange('Time precision', p, 0, MAX_TIMESTAMP_PRECISION) }),
  timestamp: (p = 6, nullable = true, kind: TimeKind = 'REGULAR') =>
    new LogicalType('TIMESTAMP', nullable, {
      precision: checkRange('Timestamp precision', p, 0, MAX_TIMESTAMP_PRECISION),
      timeKind: kind,
    }),
  timestampLtz: (p = 6, nullable = true, kind: TimeKind = 'REGULAR') =>
    new LogicalType('TIMESTAMP_LTZ', nullable, {
      precision: checkRange('Timestamp with local time zone precision', p, 0, MAX_TIMESTAMP_PRECISION),
      timeKind: kind,
    }),
  intervalYearMonth: (
    resolution: YearMonthResolution = 'YEAR_TO_MONTH',
    yearPrecision = DEFAULT_INTERVAL_YEAR_PRECISION,
    nullable = true,
  ) =>
    new LogicalType('INTERVAL_YEAR_MONTH', nullable, {
      resolution,
      precision: checkRange('Year precision of interval', yearPrecision, 1, 4),
    }),
  intervalDayTime: (
    resolution: DayTimeResolution = 'DAY_TO_SECOND',
    dayPrecision = DEFAULT_INTERVAL_DAY_PRECISION,
    fractionalPrecision = DEFAULT_INTERVAL_FRACTIONAL_PRECISION,
    nullable = true,
  ) =>
    new LogicalType('INTERVAL_DAY_TIME', nullable, {
      resolution,
      precision: checkRange('Day precision of interval', dayPrecision, 1, 6),
      scale: checkRange('Fractional precision of interval', fractionalPrecision, 0, 9),
    }),
  array: (element: LogicalType, nullable = true) => new LogicalType('ARRAY', nullable, { element }),
  multiset: (element: LogicalType, nullable = true) => new LogicalType('MULTISET', nullable, { element }),
  map: (key: LogicalType, value: LogicalType, nullable = true) => new LogicalType('MAP', nullable, { key, value }),
  row: (fields: readonly RowField[] | Record<string, LogicalType>, nullable = true) => {
    const list: RowField[] = Array.isArray(fields)
      ? [...(fields as readonly RowField[])]
      : Object.entries(fields as Record<string, LogicalType>).map(([name, type]) => ({ name, type }));
    const seen = new Set<string>();
    for (const f of list) {
      if (seen.has(f.name)) throw new RangeError(`Field names must be unique. Found duplicates: [${f.name}]`);
      seen.add(f.name);
    }
    return new LogicalType('ROW', nullable, { fields: list });
  },
  null: () => simple('NULL', true),
} as const;
