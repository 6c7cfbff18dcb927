import { type Decimal, type LogicalType, TributaryError } from '@tributary/core';
import { TableValidationError } from '../table/options.js';
import type { Row, TableColumn } from '../table/table-factory.js';
import {
  type FormatContext,
  type FormatFactory,
  FormatParseError,
  type RowDeserializer,
  type RowSerializer,
} from './format-factory.js';
import { BAD, javaDecimalString, scalarToText, textToScalar } from './text-values.js';

export const CSV_OPTIONS = [
  'csv.field-delimiter',
  'csv.quote-character',
  'csv.disable-quote-character',
  'csv.allow-comments',
  'csv.ignore-parse-errors',
  'csv.array-element-delimiter',
  'csv.escape-character',
  'csv.null-literal',
  'csv.write-bigdecimal-in-scientific-notation',
] as const;

interface CsvSettings {
  readonly delimiter: string;
  readonly quote: string | undefined;
  readonly escape: string | undefined;
  readonly allowComments: boolean;
  readonly ignoreParseErrors: boolean;
  readonly arrayDelimiter: string;
  readonly nullLiteral: string | undefined;
  /** DECIMAL as Java's BigDecimal.toString (Flink's default) rather than always plain. */
  readonly decimalScientific: boolean;
}

function settingsOf(ctx: FormatContext): CsvSettings {
  const o = ctx.options;
  const disableQuote = o.boolean('csv.disable-quote-character', false);
  if (disableQuote && o.has('csv.quote-character')) {
    throw new TableValidationError(
      "Format cannot define a quote character and disabled quote character at the same time ('csv.quote-character' and 'csv.disable-quote-character').",
      'csv.quote-character',
    );
  }
  const s: CsvSettings = {
    delimiter: o.char('csv.field-delimiter', ','),
    quote: disableQuote ? undefined : o.char('csv.quote-character', '"'),
    escape: o.has('csv.escape-character') ? o.char('csv.escape-character', '\\') : undefined,
    allowComments: o.boolean('csv.allow-comments', false),
    ignoreParseErrors: o.boolean('csv.ignore-parse-errors', false),
    arrayDelimiter: o.string('csv.array-element-delimiter', ';'),
    nullLiteral: o.string('csv.null-literal'),
    decimalScientific: o.boolean('csv.write-bigdecimal-in-scientific-notation', true),
  };
  if (s.arrayDelimiter === '') {
    throw new TableValidationError(
      "Option 'csv.array-element-delimiter' must not be empty.",
      'csv.array-element-delimiter',
    );
  }
  for (const c of ctx.columns) checkCsvType(c.type, c.name);
  return s;
}

function checkCsvType(t: LogicalType, name: string): void {
  if (t.root === 'MAP' || t.root === 'MULTISET') {
    throw new TableValidationError(`The csv format does not support type ${t.toString()} (column '${name}').`);
  }
  if (t.root === 'ARRAY') checkCsvType(t.element!, name);
  if (t.root === 'ROW') for (const f of t.fields!) checkCsvType(f.type, name);
}

/** Splits one CSV record into fields; returns an error message for an unterminated quote. */
export function splitCsvLine(line: string, s: Pick<CsvSettings, 'delimiter' | 'quote' | 'escape'>): string[] | string {
  const out: string[] = [];
  const { delimiter: d, quote: q, escape: e } = s;
  let field = '';
  let i = 0;
  const n = line.length;
  let quotedField = false;
  while (i <= n) {
    if (i === n) {
      out.push(field);
      break;
    }
    const c = line[i]!;
    if (c === q && field === '' && !quotedField) {
      // quoted field: runs to the closing quote; a doubled quote is a literal quote
      quotedField = true;
      i++;
      let closed = false;
      while (i < n) {
        const ch = line[i]!;
        if (e !== undefined && ch === e && i + 1 < n) {
          field += line[i + 1];
          i += 2;
        } else if (ch === q) {
          if (line[i + 1] === q) {
            field += q;
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          field += ch;
          i++;
        }
      }
      if (!closed) return `unterminated quoted field starting at column ${out.length + 1}`;
      if (i < n && line[i] !== d)
        return `unexpected character '${line[i]}' after the closing quote of column ${out.length + 1}`;
      continue;
    }
    if (c === d) {
      out.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (e !== undefined && c === e && i + 1 < n) {
      field += line[i + 1];
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  return out;
}

class Bad extends TributaryError {
  constructor(message: string) {
    super('FORMAT_PARSE', message);
  }
}

class CsvDeserializer implements RowDeserializer {
  skippedRecords = 0;
  private readonly s: CsvSettings;
  constructor(
    private readonly columns: readonly TableColumn[],
    ctx: FormatContext,
  ) {
    this.s = settingsOf(ctx);
  }

  deserialize(text: string, where: string): Row | null {
    const s = this.s;
    if (s.allowComments && text.startsWith('#')) return null;
    try {
      const fields = splitCsvLine(text, s);
      if (typeof fields === 'string') throw new Bad(`malformed CSV record: ${fields}`);
      const cols = this.columns;
      // as Flink: an arity mismatch fails unless parse errors are ignored (then missing fields are NULL)
      if (fields.length !== cols.length && !s.ignoreParseErrors) {
        throw new Bad(`Row length mismatch. ${cols.length} fields expected but was ${fields.length}`);
      }
      const row: Row = new Array(cols.length);
      for (let i = 0; i < cols.length; i++) {
        const col = cols[i]!;
        const f = fields[i];
        try {
          row[i] = f === undefined ? null : this.value(f, col.type);
        } catch (e) {
          throw new Bad(`field '${col.name}' (column ${i + 1}, ${col.type.toString()}): ${(e as Error).message}`);
        }
      }
      return row;
    } catch (e) {
      if (s.ignoreParseErrors) {
        this.skippedRecords++;
        return null;
      }
      throw new FormatParseError(`Failed to deserialize CSV row at ${where}: ${(e as Error).message}. Row: '${text}'`);
    }
  }

  private value(text: string, t: LogicalType): unknown {
    const s = this.s;
    if (s.nullLiteral !== undefined && text === s.nullLiteral) return null;
    // Flink's csv reads an empty field as NULL for every type but strings
    // (with a null literal an empty ARRAY field is unambiguous: the empty array)
    if (
      text === '' &&
      t.root !== 'VARCHAR' &&
      t.root !== 'CHAR' &&
      !(t.root === 'ARRAY' && s.nullLiteral !== undefined)
    ) {
      return null;
    }
    if (t.root === 'ARRAY')
      return text === '' ? [] : text.split(s.arrayDelimiter).map((x) => this.nested(x, t.element!));
    if (t.root === 'ROW') {
      const parts = text.split(s.arrayDelimiter);
      return t.fields!.map((f, i) => (parts[i] === undefined ? null : this.nested(parts[i]!, f.type)));
    }
    const v = textToScalar(text, t, 'SQL');
    if (v === BAD) throw new Bad(`cannot parse '${text}' as ${t.toString()}`);
    return v;
  }

  private nested(text: string, t: LogicalType): unknown {
    if (t.root === 'ARRAY' || t.root === 'ROW')
      throw new Bad(`nested ${t.root} inside a csv collection is not supported`);
    return this.value(text, t);
  }
}

class CsvSerializer implements RowSerializer {
  private readonly s: CsvSettings;
  private readonly needsQuote: RegExp;
  constructor(
    private readonly columns: readonly TableColumn[],
    ctx: FormatContext,
  ) {
    this.s = settingsOf(ctx);
    const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
    const special = [this.s.delimiter, this.s.quote ?? '', '\n', '\r', this.s.escape ?? ''].filter((c) => c !== '');
    this.needsQuote = new RegExp(`[${special.map(esc).join('')}]|^\\s|\\s$|^#`);
  }

  serialize(row: Row): string {
    const cols = this.columns;
    let out = '';
    for (let i = 0; i < cols.length; i++) {
      if (i > 0) out += this.s.delimiter;
      out += this.field(row[i], cols[i]!.type);
    }
    return out;
  }

  private field(v: unknown, t: LogicalType): string {
    const s = this.s;
    if (v === null || v === undefined) return s.nullLiteral ?? '';
    let text: string;
    if (t.root === 'ARRAY') {
      text = (v as unknown[])
        .map((x) => (x === null ? (s.nullLiteral ?? '') : scalarToText(x, t.element!, 'SQL')))
        .join(s.arrayDelimiter);
    } else if (t.root === 'ROW') {
      const fs = t.fields!;
      text = fs
        .map((f, i) => {
          const x = (v as unknown[])[i];
          return x === null || x === undefined ? (s.nullLiteral ?? '') : scalarToText(x, f.type, 'SQL');
        })
        .join(s.arrayDelimiter);
    } else if (t.root === 'DECIMAL' && s.decimalScientific) {
      text = javaDecimalString(v as Decimal);
    } else {
      text = scalarToText(v, t, 'SQL');
    }
    // An empty string is quoted so that it reads back as '' and not as NULL.
    if (
      s.quote !== undefined &&
      (this.needsQuote.test(text) || (text === '' && (t.root === 'VARCHAR' || t.root === 'CHAR')))
    ) {
      return s.quote + text.split(s.quote).join(s.quote + s.quote) + s.quote;
    }
    if (s.quote === undefined && s.escape !== undefined) {
      return text.replace(
        new RegExp(`[${[s.delimiter, s.escape].map((c) => `\\${c}`).join('')}]`, 'g'),
        (c) => s.escape + c,
      );
    }
    return text;
  }
}

/** Flink's 'csv' format (RFC 4180 style records, one per line). */
export const csvFormat: FormatFactory = {
  identifier: 'csv',
  optionalOptions: CSV_OPTIONS,
  createDeserializer: (ctx) => new CsvDeserializer(ctx.columns, ctx),
  createSerializer: (ctx) => new CsvSerializer(ctx.columns, ctx),
};
