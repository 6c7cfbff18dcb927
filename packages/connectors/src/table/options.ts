import { didYouMean, parseDuration, TributaryError } from '@tributary/core';

/** A table's connector/format options cannot be accepted (Flink's ValidationException); `key` names the option. */
export class TableValidationError extends TributaryError {
  readonly key: string | undefined;
  constructor(message: string, key?: string) {
    super('TABLE_VALIDATION', message);
    this.key = key;
  }
}

/**
 * Typed access to a table's WITH options. Every parse error names the key, the value and what was expected, like
 * Flink's "Could not parse value 'x' for key 'y'".
 */
export class TableOptions {
  constructor(
    readonly raw: Readonly<Record<string, string>>,
    /** For messages: the table the options belong to. */
    readonly tableName = 'the table',
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string): string | undefined;
  string(key: string, dflt: string): string;
  string(key: string, dflt?: string): string | undefined {
    return this.raw[key] ?? dflt;
  }

  required(key: string): string {
    const v = this.raw[key];
    if (v === undefined) throw new TableValidationError(`Option '${key}' of table ${this.tableName} is required.`, key);
    return v;
  }

  private fail(key: string, text: string, expected: string): never {
    throw new TableValidationError(
      `Could not parse value '${text}' for key '${key}' of table ${this.tableName}: expected ${expected}.`,
      key,
    );
  }

  int(key: string): number | undefined;
  int(key: string, dflt: number): number;
  int(key: string, dflt?: number): number | undefined {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    const s = t.trim();
    if (!/^[+-]?\d+$/.test(s) || !Number.isSafeInteger(Number(s))) this.fail(key, t, 'an integer');
    return Number(s);
  }

  /** A non-negative integer count (e.g. 'number-of-rows'). */
  count(key: string): number | undefined {
    const v = this.int(key);
    if (v !== undefined && v < 0) this.fail(key, this.raw[key]!, 'a non-negative integer');
    return v;
  }

  /** A positive integer (parallelism). */
  positiveInt(key: string): number | undefined {
    const v = this.int(key);
    if (v !== undefined && v <= 0) this.fail(key, this.raw[key]!, 'a positive integer');
    return v;
  }

  number(key: string): number | undefined {
    const t = this.raw[key];
    if (t === undefined) return undefined;
    const n = t.trim() === '' ? Number.NaN : Number(t);
    if (!Number.isFinite(n)) this.fail(key, t, 'a number');
    return n;
  }

  boolean(key: string, dflt: boolean): boolean {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    const s = t.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    return this.fail(key, t, "'true' or 'false'");
  }

  /** Milliseconds from a Flink duration ('1 s', '500 ms', '10 min'; a bare number is ms). */
  duration(key: string): number | undefined;
  duration(key: string, dflt: number): number;
  duration(key: string, dflt?: number): number | undefined {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    try {
      return parseDuration(t);
    } catch (e) {
      return this.fail(key, t, `a duration such as '10 s', '500 ms' or '1 min' (${(e as Error).message})`);
    }
  }

  /** Bytes from a Flink memory size ('128mb', '1 kb', '64 bytes'; a bare number is bytes). */
  memorySize(key: string, dflt: number): number {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(t);
    const unit = (m?.[2] ?? '').toLowerCase();
    const factor = MEMORY_UNITS[unit];
    if (m === null || factor === undefined) this.fail(key, t, "a memory size such as '128 mb', '1 kb' or '1024'");
    return Number(m[1]) * factor;
  }

  /** One of `values`, case-insensitive (Flink's enum options); returns the canonical spelling. */
  enumValue<T extends string>(key: string, values: readonly T[], dflt: T): T {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    const hit = values.find((v) => v.toLowerCase() === t.trim().toLowerCase());
    if (hit === undefined) this.fail(key, t, `one of ${values.join(', ')}.${didYouMean(t, values)}`);
    return hit;
  }

  /** A single character (format delimiters). */
  char(key: string, dflt: string): string {
    const t = this.raw[key];
    if (t === undefined) return dflt;
    // Flink accepts escaped forms of the tab and unicode characters
    const s =
      t === '\\t' ? '\t' : /^\\u[0-9a-fA-F]{4}$/.test(t) ? String.fromCharCode(Number.parseInt(t.slice(2), 16)) : t;
    if (s.length !== 1) this.fail(key, t, 'a single character');
    return s;
  }
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  bytes: 1,
  k: 1024,
  kb: 1024,
  kibibytes: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mebibytes: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gibibytes: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};
