import { parseDuration } from './duration.js';
import { ConfigError } from './errors.js';
import { didYouMean } from './suggest.js';

export type OptionType = 'string' | 'int' | 'boolean' | 'duration' | 'enum';

/** A typed configuration key with Flink's name where Flink has one. */
export interface ConfigOption<T> {
  readonly key: string;
  readonly type: OptionType;
  readonly defaultValue: T;
  readonly description: string;
  readonly values?: readonly string[];
  /** Older names still accepted for this key. */
  readonly fallbackKeys?: readonly string[];
  readonly min?: number;
}

const registry = new Map<string, ConfigOption<unknown>>();
const aliases = new Map<string, string>();

function define<T>(option: ConfigOption<T>): ConfigOption<T> {
  registry.set(option.key, option as ConfigOption<unknown>);
  for (const k of option.fallbackKeys ?? []) aliases.set(k, option.key);
  return option;
}

export const ConfigOptions = {
  define,
  /** Every registered key; other packages (connectors, sql) add theirs when they load. */
  keys(): string[] {
    return [...registry.keys()].sort();
  },
  get(key: string): ConfigOption<unknown> | undefined {
    return registry.get(aliases.get(key) ?? key);
  },
};

/** Parses one textual value for an option, or throws a ConfigError naming the key. */
export function parseOptionValue<T>(option: ConfigOption<T>, raw: unknown): T {
  const key = option.key;
  if (typeof raw !== 'string') {
    if (option.type === 'int' && typeof raw === 'number' && Number.isInteger(raw)) return checkMin(option, raw) as T;
    if (option.type === 'duration' && typeof raw === 'number' && raw >= 0) return raw as T;
    if (option.type === 'boolean' && typeof raw === 'boolean') return raw as T;
    raw = String(raw);
  }
  const text = (raw as string).trim();
  switch (option.type) {
    case 'string':
      return text as T;
    case 'int': {
      if (!/^-?\d+$/.test(text)) throw new ConfigError(key, `Option '${key}' expects an integer, got '${text}'`);
      return checkMin(option, Number(text)) as T;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true') return true as T;
      if (lower === 'false') return false as T;
      throw new ConfigError(key, `Option '${key}' expects true or false, got '${text}'`);
    }
    case 'duration':
      try {
        return parseDuration(text) as T;
      } catch (e) {
        throw new ConfigError(key, `Option '${key}': ${(e as Error).message}`);
      }
    case 'enum': {
      const match = option.values!.find((v) => v.toLowerCase() === text.toLowerCase());
      if (match === undefined) {
        throw new ConfigError(
          key,
          `Option '${key}' expects one of ${option.values!.join(', ')}, got '${text}'.${didYouMean(text, option.values!)}`,
        );
      }
      return match as T;
    }
  }
}

function checkMin(option: ConfigOption<unknown>, n: number): number {
  if (option.min !== undefined && n < option.min) {
    throw new ConfigError(option.key, `Option '${option.key}' must be at least ${option.min}, got ${n}`);
  }
  return n;
}

/** Validated key/value settings. Unknown keys are rejected with the closest known key. */
export class Configuration {
  private readonly values = new Map<string, unknown>();

  constructor(initial?: Record<string, unknown> | Configuration) {
    if (initial instanceof Configuration) {
      for (const [k, v] of initial.values) this.values.set(k, v);
    } else if (initial) {
      for (const [k, v] of Object.entries(initial)) this.setString(k, v);
    }
  }

  /** Sets a key from text (as `--set key=value` or SQL `SET` give it). */
  setString(key: string, raw: unknown): this {
    const option = ConfigOptions.get(key);
    if (!option) {
      throw new ConfigError(key, `Unknown configuration key '${key}'.${didYouMean(key, ConfigOptions.keys())}`);
    }
    this.values.set(option.key, parseOptionValue(option, raw));
    return this;
  }

  set<T>(option: ConfigOption<T>, value: T): this {
    this.values.set(option.key, parseOptionValue(option, value));
    return this;
  }

  get<T>(option: ConfigOption<T>): T {
    return this.values.has(option.key) ? (this.values.get(option.key) as T) : option.defaultValue;
  }

  has(option: ConfigOption<unknown>): boolean {
    return this.values.has(option.key);
  }

  /** Explicitly set entries as plain text-able values (for shipping to worker threads). */
  toRecord(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }

  static fromRecord(record: Record<string, unknown>): Configuration {
    const c = new Configuration();
    for (const [k, v] of Object.entries(record)) c.values.set(k, v);
    return c;
  }
}
