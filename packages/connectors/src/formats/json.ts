import { type Decimal, formatDouble, formatFloat, type LogicalType, TributaryError } from '@tributary/core';
import type { Row, TableColumn } from '../table/table-factory.js';
import {
  type FormatContext,
  type FormatFactory,
  FormatParseError,
  type RowDeserializer,
  type RowSerializer,
} from './format-factory.js';
import { JsonNumber, JsonSyntaxError, type JsonValue, jsonString, parseJson } from './json-text.js';
import { BAD, javaDecimalString, scalarToText, type TimestampStandard, textToScalar } from './text-values.js';

export const JSON_OPTIONS = [
  'json.fail-on-missing-field',
  'json.ignore-parse-errors',
  'json.timestamp-format.standard',
  'json.map-null-key.mode',
  'json.map-null-key.literal',
  'json.encode.decimal-as-plain-number',
  'json.encode.ignore-null-fields',
] as const;

class Bad extends TributaryError {
  constructor(message: string) {
    super('FORMAT_PARSE', message);
  }
}

function describe(v: JsonValue): string {
  if (v instanceof JsonNumber) return v.text;
  return JSON.stringify(v) ?? String(v);
}

class JsonDeserializer implements RowDeserializer {
  skippedRecords = 0;
  private readonly failOnMissing: boolean;
  private readonly ignoreErrors: boolean;
  private readonly standard: TimestampStandard;

  constructor(
    private readonly columns: readonly TableColumn[],
    ctx: FormatContext,
  ) {
    const o = ctx.options;
    this.failOnMissing = o.boolean('json.fail-on-missing-field', false);
    this.ignoreErrors = o.boolean('json.ignore-parse-errors', false);
    if (this.failOnMissing && this.ignoreErrors) {
      throw new FormatParseError(
        "fail-on-missing-field and ignore-parse-errors shouldn't both be true ('json.fail-on-missing-field', 'json.ignore-parse-errors').",
      );
    }
    this.standard = o.enumValue('json.timestamp-format.standard', ['SQL', 'ISO-8601'] as const, 'SQL');
  }

  deserialize(text: string, where: string): Row | null {
    try {
      if (text.trim() === '') return null; // blank lines carry no record
      let doc: JsonValue;
      try {
        doc = parseJson(text);
      } catch (e) {
        throw new Bad(e instanceof JsonSyntaxError ? `malformed JSON: ${e.message}` : String(e));
      }
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || doc instanceof JsonNumber) {
        throw new Bad(`expected a JSON object, got ${describe(doc)}`);
      }
      return this.row(
        doc,
        this.columns.map((c) => ({ name: c.name, type: c.type })),
        '',
      );
    } catch (e) {
      if (this.ignoreErrors) {
        this.skippedRecords++;
        return null;
      }
      throw new FormatParseError(`Failed to deserialize JSON '${text}' at ${where}: ${(e as Error).message}`);
    }
  }

  private row(
    obj: { [k: string]: JsonValue },
    fields: readonly { name: string; type: LogicalType }[],
    path: string,
  ): Row {
    const row: Row = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const p = path === '' ? f.name : `${path}.${f.name}`;
      const v = obj[f.name];
      if (v === undefined) {
        if (this.failOnMissing) throw new Bad(`could not find field '${p}'`);
        row[i] = null;
        continue;
      }
      row[i] = this.value(v, f.type, p);
    }
    return row;
  }

  private value(v: JsonValue, t: LogicalType, path: string): unknown {
    if (v === null) return null;
    const bad = (): never => {
      throw new Bad(`field '${path}': cannot convert ${describe(v)} to ${t.toString()}`);
    };
    switch (t.root) {
      case 'ARRAY':
        if (!Array.isArray(v)) bad();
        return (v as JsonValue[]).map((x, i) => this.value(x, t.element!, `${path}[${i}]`));
      case 'MAP':
      case 'MULTISET': {
        if (typeof v !== 'object' || Array.isArray(v) || v instanceof JsonNumber) bad();
        const kt = t.root === 'MAP' ? t.key! : t.element!;
        const vt = t.root === 'MAP' ? t.value! : undefined;
        const m = new Map<unknown, unknown>();
        for (const [k, x] of Object.entries(v as { [k: string]: JsonValue })) {
          const key = this.value(k, kt, `${path}.${k}`);
          m.set(key, vt === undefined ? Number((x as JsonNumber).text) : this.value(x, vt, `${path}.${k}`));
        }
        return m;
      }
      case 'ROW':
        if (typeof v !== 'object' || Array.isArray(v) || v instanceof JsonNumber) bad();
        return this.row(v as { [k: string]: JsonValue }, t.fields!, path);
      case 'BOOLEAN':
        if (typeof v === 'boolean') return v;
        break;
      default:
        break;
    }
    let text: string;
    if (v instanceof JsonNumber) text = v.text;
    else if (typeof v === 'string') text = v;
    else if (typeof v === 'boolean') text = String(v);
    else return bad();
    // numbers as JSON numbers or strings; strings from any scalar (Flink reads the node's text)
    if ((t.root === 'VARCHAR' || t.root === 'CHAR') && typeof v !== 'string') return text;
    const r = textToScalar(text, t, this.standard);
    return r === BAD ? bad() : r;
  }
}

class JsonSerializer implements RowSerializer {
  private readonly standard: TimestampStandard;
  private readonly nullKeyMode: 'FAIL' | 'DROP' | 'LITERAL';
  private readonly nullKeyLiteral: string;
  private readonly ignoreNullFields: boolean;
  private readonly decimalPlain: boolean;
  private readonly names: string[];

  constructor(
    private readonly columns: readonly TableColumn[],
    ctx: FormatContext,
  ) {
    const o = ctx.options;
    this.standard = o.enumValue('json.timestamp-format.standard', ['SQL', 'ISO-8601'] as const, 'SQL');
    this.nullKeyMode = o.enumValue('json.map-null-key.mode', ['FAIL', 'DROP', 'LITERAL'] as const, 'FAIL');
    this.nullKeyLiteral = o.string('json.map-null-key.literal', 'null');
    this.decimalPlain = o.boolean('json.encode.decimal-as-plain-number', false);
    this.ignoreNullFields = o.boolean('json.encode.ignore-null-fields', false);
    this.names = columns.map((c) => jsonString(c.name));
  }

  serialize(row: Row): string {
    const cols = this.columns;
    let out = '{';
    let first = true;
    for (let i = 0; i < cols.length; i++) {
      const v = row[i];
      if (this.ignoreNullFields && (v === null || v === undefined)) continue;
      out += `${first ? '' : ','}${this.names[i]}:${this.value(v, cols[i]!.type, cols[i]!.name)}`;
      first = false;
    }
    return `${out}}`;
  }

  private value(v: unknown, t: LogicalType, path: string): string {
    if (v === null || v === undefined) return 'null';
    switch (t.root) {
      case 'BOOLEAN':
        return v ? 'true' : 'false';
      case 'TINYINT':
      case 'SMALLINT':
      case 'INTEGER':
      case 'BIGINT':
        return String(v);
      case 'FLOAT':
      case 'DOUBLE': {
        const n = v as number;
        // JSON has no NaN/Infinity: Jackson writes them as strings
        if (!Number.isFinite(n)) return jsonString(t.root === 'FLOAT' ? formatFloat(n) : formatDouble(n));
        return t.root === 'FLOAT' ? formatFloat(n) : formatDouble(n);
      }
      case 'DECIMAL':
        return this.decimalPlain ? (v as Decimal).toPlainString() : javaDecimalString(v as Decimal);
      case 'ARRAY': {
        const a = v as unknown[];
        return `[${a.map((x, i) => this.value(x, t.element!, `${path}[${i}]`)).join(',')}]`;
      }
      case 'MAP':
      case 'MULTISET': {
        const kt = t.root === 'MAP' ? t.key! : t.element!;
        const parts: string[] = [];
        for (const [k, x] of v as Map<unknown, unknown>) {
          let key: string;
          if (k === null || k === undefined) {
            if (this.nullKeyMode === 'FAIL') {
              throw new FormatParseError(
                `JSON format doesn't support to serialize map data with null keys of field '${path}'. You can drop null key entries or encode null in literals by specifying 'json.map-null-key.mode' option.`,
              );
            }
            if (this.nullKeyMode === 'DROP') continue;
            key = this.nullKeyLiteral;
          } else key = scalarToText(k, kt, this.standard);
          const val = t.root === 'MAP' ? this.value(x, t.value!, `${path}.${key}`) : String(x);
          parts.push(`${jsonString(key)}:${val}`);
        }
        return `{${parts.join(',')}}`;
      }
      case 'ROW': {
        const fs = t.fields!;
        const r = v as unknown[];
        return `{${fs.map((f, i) => `${jsonString(f.name)}:${this.value(r[i], f.type, `${path}.${f.name}`)}`).join(',')}}`;
      }
      default:
        return jsonString(scalarToText(v, t, this.standard));
    }
  }
}

/** Flink's 'json' format: one JSON object per line, fields by column name. */
export const jsonFormat: FormatFactory = {
  identifier: 'json',
  optionalOptions: JSON_OPTIONS,
  createDeserializer: (ctx) => new JsonDeserializer(ctx.columns, ctx),
  createSerializer: (ctx) => new JsonSerializer(ctx.columns, ctx),
};
