import { csvFormat, FormatParseError, type Row, splitCsvLine } from '@tributary/connectors';
import { Decimal, Types } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { formatCtx, scalarColumns, scalarRow, scalarTexts } from './helpers.js';

describe('csv format', () => {
  it('writes Flink text forms and reads them back for every type', () => {
    const ctx = formatCtx(scalarColumns);
    const line = csvFormat.createSerializer(ctx).serialize(scalarRow);
    expect(line).toBe(
      [
        'true',
        '-128',
        '32767',
        '-2147483648',
        '9007199254740993',
        '1.1',
        '-2.5E-7',
        '12345678901234567.891',
        '"x, ""quoted""; a\\b"',
        scalarTexts.by,
        scalarTexts.dt,
        scalarTexts.tm,
        scalarTexts.ts,
        scalarTexts.ts9,
        scalarTexts.ltz,
      ].join(','),
    );
    expect(csvFormat.createDeserializer(ctx).deserialize(line, 'line 1')).toEqual(scalarRow);
  });

  it('round-trips NULLs, arrays and rows with custom delimiters and a null literal', () => {
    const cols = {
      a: Types.array(Types.int()),
      r: Types.row({ x: Types.int(), y: Types.string() }),
      s: Types.string(),
      n: Types.int(),
    };
    const ctx = formatCtx(cols, {
      'csv.field-delimiter': '|',
      'csv.array-element-delimiter': ':',
      'csv.null-literal': 'N/A',
    });
    const rows: Row[] = [
      [[1, 2, 3], [7, 'q'], '', null],
      [[], [null, 'z'], null, 5],
      [null, null, 'a|b', -1],
    ];
    const ser = csvFormat.createSerializer(ctx);
    const lines = rows.map((r) => ser.serialize(r));
    expect(lines).toEqual(['1:2:3|7:q|""|N/A', '|N/A:z|N/A|5', 'N/A|N/A|"a|b"|-1']);
    const de = csvFormat.createDeserializer(ctx);
    expect(lines.map((l, i) => de.deserialize(l, `line ${i + 1}`))).toEqual(rows);
  });

  it('reads empty fields of non-string columns as NULL and handles quotes, escapes and comments', () => {
    const ctx = formatCtx(
      { i: Types.int(), s: Types.string(), d: Types.decimal(4, 1) },
      { 'csv.allow-comments': 'true', 'csv.escape-character': '\\' },
    );
    const de = csvFormat.createDeserializer(ctx);
    expect(de.deserialize(',"a,""b""",', 'l1')).toEqual([null, 'a,"b"', null]);
    expect(de.deserialize('3,x\\,y,1.25', 'l2')).toEqual([3, 'x,y', Decimal.of('1.3')]);
    expect(de.deserialize('# a comment', 'l3')).toBeNull();
    expect(splitCsvLine("'a;b';c", { delimiter: ';', quote: "'", escape: undefined })).toEqual(['a;b', 'c']);
  });

  it('names the field and the line of a parse error', () => {
    const de = csvFormat.createDeserializer(formatCtx({ id: Types.int(), ts: Types.timestamp(3) }));
    const err = (line: string) => {
      try {
        de.deserialize(line, "file '/data/a.csv', line 7");
      } catch (e) {
        expect(e).toBeInstanceOf(FormatParseError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err('12x,2024-01-01 00:00:00')).toBe(
      "Failed to deserialize CSV row at file '/data/a.csv', line 7: field 'id' (column 1, INT): cannot parse '12x' as INT. Row: '12x,2024-01-01 00:00:00'",
    );
    expect(err('1,2024-13-01')).toContain("field 'ts' (column 2, TIMESTAMP(3)): cannot parse '2024-13-01'");
    expect(err('1')).toContain('Row length mismatch. 2 fields expected but was 1');
    expect(err('1,2024-01-01,x')).toContain('Row length mismatch. 2 fields expected but was 3');
    expect(err('"1,2')).toContain('unterminated quoted field');
    expect(err('99999999999,2024-01-01 00:00:00')).toContain("field 'id'");
  });

  it('skips and counts bad rows with ignore-parse-errors', () => {
    const de = csvFormat.createDeserializer(
      formatCtx({ id: Types.int(), b: Types.boolean() }, { 'csv.ignore-parse-errors': 'true' }),
    );
    const out = ['1,true', 'x,true', '2,maybe', '3,false', '4'].map((l, i) => de.deserialize(l, `line ${i + 1}`));
    expect(out).toEqual([[1, true], null, null, [3, false], [4, null]]);
    expect(de.skippedRecords).toBe(2);
  });

  it('rejects bad options naming the key', () => {
    expect(() => csvFormat.createSerializer(formatCtx({ a: Types.int() }, { 'csv.field-delimiter': ';;' }))).toThrow(
      "Could not parse value ';;' for key 'csv.field-delimiter'",
    );
    expect(() => csvFormat.createSerializer(formatCtx({ a: Types.map(Types.int(), Types.int()) }))).toThrow(
      'does not support type MAP<INT, INT>',
    );
    expect(() =>
      csvFormat.createSerializer(
        formatCtx({ a: Types.int() }, { 'csv.disable-quote-character': 'true', 'csv.quote-character': "'" }),
      ),
    ).toThrow('disabled quote character');
  });

  it('writes tiny DECIMALs in scientific notation unless disabled, as Flink', () => {
    const cols = { d: Types.decimal(12, 10) };
    const row = [Decimal.of('-0.0000000123')];
    expect(csvFormat.createSerializer(formatCtx(cols)).serialize(row)).toBe('-1.23E-8');
    expect(
      csvFormat
        .createSerializer(formatCtx(cols, { 'csv.write-bigdecimal-in-scientific-notation': 'false' }))
        .serialize(row),
    ).toBe('-0.0000000123');
    expect(csvFormat.createDeserializer(formatCtx(cols)).deserialize('-1.23E-8', 'l')).toEqual(row);
  });
});
