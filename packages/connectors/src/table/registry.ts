import { closestMatch, didYouMean, editDistance } from '@tributary/core';
import type { FormatFactoryRegistry } from '../formats/format-factory.js';
import { defaultFormatRegistry } from '../formats/index.js';
import { blackholeTableFactory } from './blackhole-table.js';
import { datagenTableFactory } from './datagen-table.js';
import { filesystemTableFactory } from './filesystem-table.js';
import { TableValidationError } from './options.js';
import { printTableFactory } from './print-table.js';
import type { TableFactory, TableFactoryContext, TableSinkProvider, TableSourceProvider } from './table-factory.js';

/**
 * Connectors by their 'connector' id. Before a factory is called, the table's options are checked against the
 * factory's (and its format's) option keys: missing required options and unknown keys fail with Flink's
 * messages, each unknown key with the closest valid one. Keys containing '#' stand for one key per physical column
 * ('fields.#.kind' -> 'fields.id.kind').
 */
export class TableFactoryRegistry {
  private readonly factories = new Map<string, TableFactory>();

  constructor(readonly formats: FormatFactoryRegistry = defaultFormatRegistry()) {}

  register(factory: TableFactory): this {
    if (this.factories.has(factory.identifier)) {
      throw new TableValidationError(`A table factory with identifier '${factory.identifier}' is already registered.`);
    }
    this.factories.set(factory.identifier, factory);
    return this;
  }

  identifiers(): string[] {
    return [...this.factories.keys()].sort();
  }

  /** The factory registered as `identifier`, or Flink's "Could not find any factory" error with a suggestion. */
  get(identifier: string): TableFactory {
    const f = this.factories.get(identifier);
    if (f !== undefined) return f;
    const ids = this.identifiers();
    throw new TableValidationError(
      `Could not find any factory for identifier '${identifier}' that implements 'DynamicTableFactory'. Available factory identifiers are:\n\n${ids.join('\n')}${didYouMean(identifier, ids).replace(' ', '\n\n')}`,
      'connector',
    );
  }

  /** The factory named by the table's 'connector' option. */
  factoryFor(ctx: TableFactoryContext): TableFactory {
    const id = ctx.options.connector;
    if (id === undefined) {
      throw new TableValidationError(
        `Table options do not contain an option key 'connector' for discovering a connector. Therefore, Flink assumes a managed table. However, a managed table factory is not available for table ${ctx.tableName}. Available connectors are: ${this.identifiers().join(', ')}.`,
        'connector',
      );
    }
    return this.get(id);
  }

  /** Checks the table's options against the factory's; throws the first problem found (missing, then unknown). */
  validate(factory: TableFactory, ctx: TableFactoryContext): void {
    const options = ctx.options;
    const expand = (k: string) => (k.includes('#') ? ctx.columns.map((c) => k.replace('#', c.name)) : [k]);
    const required = factory.requiredOptions.flatMap(expand);
    const supported = new Set<string>(['connector', ...required, ...factory.optionalOptions.flatMap(expand)]);
    const missing = required.filter((k) => options[k] === undefined).sort();
    if (missing.length > 0) {
      throw new TableValidationError(
        `One or more required options are missing for table ${ctx.tableName} ('connector' = '${factory.identifier}').\n\nMissing required options are:\n\n${missing.join('\n')}`,
        missing[0],
      );
    }
    // a format brings its own '<format>.*' keys
    if (supported.has('format') && options.format !== undefined) {
      for (const k of this.formats.get(options.format).optionalOptions) supported.add(k);
    }
    const prefixes = factory.passThroughPrefixes ?? [];
    const unknown = Object.keys(options).filter((k) => !supported.has(k) && !prefixes.some((p) => k.startsWith(p)));
    if (unknown.length > 0) {
      const list = [...supported].sort();
      const lines = unknown.sort().map((k) => {
        const m = closestKey(k, list);
        return m === undefined ? k : `${k} (did you mean '${m}'?)`;
      });
      throw new TableValidationError(
        `Unsupported options found for '${factory.identifier}' (table ${ctx.tableName}).\n\nUnsupported options:\n\n${lines.join('\n')}\n\nSupported options:\n\n${list.join('\n')}`,
        unknown[0],
      );
    }
  }

  /** Validates the options and creates the table's source. */
  createSource(ctx: TableFactoryContext): TableSourceProvider {
    const f = this.factoryFor(ctx);
    if (f.createSource === undefined) {
      throw new TableValidationError(
        `Connector '${f.identifier}' can only be used as a sink. It cannot be used as a source (table ${ctx.tableName}).`,
        'connector',
      );
    }
    this.validate(f, ctx);
    return f.createSource(ctx);
  }

  /** Validates the options and creates the table's sink. */
  createSink(ctx: TableFactoryContext): TableSinkProvider {
    const f = this.factoryFor(ctx);
    if (f.createSink === undefined) {
      throw new TableValidationError(
        `Connector '${f.identifier}' can only be used as a source. It cannot be used as a sink (table ${ctx.tableName}).`,
        'connector',
      );
    }
    this.validate(f, ctx);
    return f.createSink(ctx);
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** closestMatch, with ties broken by the longer common prefix ('fields.id.knd' -> 'fields.id.kind', not '.end'). */
function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const first = closestMatch(key, candidates);
  if (first === undefined) return undefined;
  const d = editDistance(key, first);
  let best = first;
  for (const c of candidates) {
    if (editDistance(key, c) === d && commonPrefix(key, c) > commonPrefix(key, best)) best = c;
  }
  return best;
}

/** A registry with the built-in connectors (datagen, print, blackhole, filesystem) and formats (csv, json). */
export function createDefaultTableFactoryRegistry(): TableFactoryRegistry {
  const r = new TableFactoryRegistry();
  return r
    .register(datagenTableFactory)
    .register(printTableFactory)
    .register(blackholeTableFactory)
    .register(filesystemTableFactory(r.formats));
}

/** The shared default registry (the planner's); register custom connectors here or build your own registry. */
export const defaultTableFactoryRegistry: TableFactoryRegistry = createDefaultTableFactoryRegistry();
