import { didYouMean, TributaryError } from '@tributary/core';
import { type TableOptions, TableValidationError } from '../table/options.js';
import type { Row, TableColumn } from '../table/table-factory.js';

/** A line/record could not be decoded; the message names the field and where (file, line). */
export class FormatParseError extends TributaryError {
  constructor(message: string) {
    super('FORMAT_PARSE', message);
  }
}

export interface FormatContext {
  /** For messages. */
  readonly tableName: string;
  /** The fields a record holds, in order (for the filesystem connector: the non-partition physical columns). */
  readonly columns: readonly TableColumn[];
  /** All WITH options of the table; a format reads its own `<identifier>.*` keys. */
  readonly options: TableOptions;
}

/** Decodes one record (a line of text) into a Row. */
export interface RowDeserializer {
  /**
   * The row, or null when the record is skipped ('ignore-parse-errors', or a comment line). `where` describes the
   * record's position for error messages, e.g. "file '/x/a.csv', line 3".
   */
  deserialize(text: string, where: string): Row | null;
  /** Records skipped because of parse errors so far. */
  readonly skippedRecords: number;
}

/** Encodes a Row as one record of text (without the line terminator). */
export interface RowSerializer {
  serialize(row: Row): string;
}

/** A format usable as `'format' = '<identifier>'`; its option keys carry the identifier as prefix ('csv.'). */
export interface FormatFactory {
  readonly identifier: string;
  /** Full option keys, e.g. 'csv.field-delimiter'. */
  readonly optionalOptions: readonly string[];
  createDeserializer(ctx: FormatContext): RowDeserializer;
  createSerializer(ctx: FormatContext): RowSerializer;
}

/** Formats by 'format' id. */
export class FormatFactoryRegistry {
  private readonly factories = new Map<string, FormatFactory>();

  register(factory: FormatFactory): this {
    if (this.factories.has(factory.identifier)) {
      throw new TableValidationError(`A format factory with identifier '${factory.identifier}' is already registered.`);
    }
    this.factories.set(factory.identifier, factory);
    return this;
  }

  identifiers(): string[] {
    return [...this.factories.keys()].sort();
  }

  /** The factory for `id`, or Flink's error listing the available ones (with the closest as a suggestion). */
  get(id: string, optionKey = 'format'): FormatFactory {
    const f = this.factories.get(id);
    if (f !== undefined) return f;
    const ids = this.identifiers();
    throw new TableValidationError(
      `Could not find any format factory for identifier '${id}' (option '${optionKey}'). Available format identifiers are:\n\n${ids.join('\n')}${didYouMean(id, ids).replace(' ', '\n\n')}`,
      optionKey,
    );
  }

  has(id: string): boolean {
    return this.factories.has(id);
  }
}
