import { FormatParseError, jsonFormat, type Row } from '@tributary/connectors';
import { Decimal, Types } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { formatCtx, scalarColumns, scalarRow, scalarTexts } from './helpers.js';

describe('json format', () => {
  it('writes Flink text forms and reads them back for every type', () => {
    const ctx = formatCtx(scalarColumns);
    const line = jsonFormat.createSerializer(ctx).serialize(scalarRow);
    expect(line).toBe(
      '{"b":true,"ti":-128,"si":32767,"i":-2147483648,"bi":9007199254740993,"f":1.1,"d":-2.5E-7,' +
        '"dec":12345678901234567.891,"s":"x, \\"quoted\\"; a\\\\b",' +
        `"by":"${scalarTexts.by}","dt":"${scalarTexts.dt}","tm":"${scalarTexts.tm}","ts":"${scalarTexts.ts}",` +
        `"ts9":"${scalarTexts.ts9}","ltz":"${scalarTexts.ltz}"}`,
    );
    expect(jsonFormat.createDeserializer(ctx).deserialize(line, 'line 1')).toEqual(scalarRow);
  });

  it('uses ISO-8601 timestamps when asked', () => {
    const ctx = formatCtx(
      { ts: Types.timestamp(3), ltz: Types.timestampLtz(3) },
      { 'json.timestamp-format.standard': 'ISO-8601' },
    );
    const ms = Date.UTC(2020, 0, 1, 10, 0, 0, 500);
    const line = jsonFormat.createSerializer(ctx).serialize([ms, ms]);
    expect(line).toBe('{"ts":"2020-01-01T10:00:00.5","ltz":"2020-01-01T10:00:00.5Z"}');
    expect(jsonFormat.createDeserializer(ctx).deserialize(line, 'l')).toEqual([ms, ms]);
    // the SQL standard does not accept the ISO form
    expect(() =>
      jsonFormat
        .createDeserializer(formatCtx({ ts: Types.timestamp(3) }))
        .deserialize('{"ts":"2020-01-01T10:00:00"}', 'l'),
    ).toThrow('field \'ts\': cannot convert "2020-01-01T10:00:00" to TIMESTAMP(3)');
  });

  it('round-trips NULLs and nested arrays, maps, rows and multisets', () => {
    const cols = {
      a: Types.array(Types.bigint()),
      m: Types.map(Types.string(), Types.array(Types.int())),
      r: Types.row({ x: Types.int(), y: Types.row({ z: Types.decimal(3, 1) }) }),
      ms: Types.multiset(Types.string()),
      n: Types.string(),
    };
    const rows: Row[] = [
      [
        [1n, null, -(2n ** 63n)],
        new Map([
          ['k', [1, null]],
          ['e', []],
        ]),
        [1, [Decimal.of('2.5')]],
        new Map([['a', 2]]),
        null,
      ],
      [null, null, null, null, 'x'],
      [[], new Map(), [null, null], new Map(), ''],
    ];
    const ctx = formatCtx(cols);
    const ser = jsonFormat.createSerializer(ctx);
    const lines = rows.map((r) => ser.serialize(r));
    expect(lines[0]).toBe(
      '{"a":[1,null,-9223372036854775808],"m":{"k":[1,null],"e":[]},"r":{"x":1,"y":{"z":2.5}},"ms":{"a":2},"n":null}',
    );
    const de = jsonFormat.createDeserializer(ctx);
    expect(lines.map((l) => de.deserialize(l, 'l'))).toEqual(rows);
  });

  it('missing fields are NULL unless fail-on-missing-field; strings and numbers convert as Flink reads them', () => {
    const cols = { id: Types.int(), name: Types.string(), amount: Types.double() };
    const de = jsonFormat.createDeserializer(formatCtx(cols));
    expect(de.deserialize('{"id":"7","name":12,"extra":true}', 'l')).toEqual([7, '12', null]);
    const strict = jsonFormat.createDeserializer(formatCtx(cols, { 'json.fail-on-missing-field': 'true' }));
    expect(() => strict.deserialize('{"id":1,"name":"a"}', "file 'f.json', line 3")).toThrow(
      'Failed to deserialize JSON \'{"id":1,"name":"a"}\' at file \'f.json\', line 3: could not find field \'amount\'',
    );
  });

  it('names the field, the line and the offset of parse errors; skips and counts with ignore-parse-errors', () => {
    const cols = { id: Types.int(), r: Types.row({ d: Types.date() }) };
    const de = jsonFormat.createDeserializer(formatCtx(cols));
    const msg = (line: string) => {
      try {
        de.deserialize(line, "file '/d/x.json', line 4");
      } catch (e) {
        expect(e).toBeInstanceOf(FormatParseError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(msg('{"id":1.5}')).toContain("at file '/d/x.json', line 4: field 'id': cannot convert 1.5 to INT");
    expect(msg('{"id":1,"r":{"d":"2024-02-30"}}')).toContain('field \'r.d\': cannot convert "2024-02-30" to DATE');
    expect(msg('{"id":1,')).toContain("malformed JSON: expected '\"' (a field name), found end of input at offset 8");
    expect(msg('[1]')).toContain('expected a JSON object');
    const lenient = jsonFormat.createDeserializer(formatCtx(cols, { 'json.ignore-parse-errors': 'true' }));
    const out = ['{"id":1}', '{"id":', '{"id":"x"}', '{"id":2,"r":{"d":"2024-02-29"}}'].map((l) =>
      lenient.deserialize(l, 'l'),
    );
    expect(out).toEqual([[1, null], null, null, [2, [19782]]]);
    expect(lenient.skippedRecords).toBe(2);
  });

  it('map null keys follow json.map-null-key.mode', () => {
    const cols = { m: Types.map(Types.string(), Types.int()) };
    const row = [
      new Map<string | null, number>([
        [null, 1],
        ['a', 2],
      ]),
    ];
    expect(() => jsonFormat.createSerializer(formatCtx(cols)).serialize(row)).toThrow(
      "map data with null keys of field 'm'",
    );
    expect(jsonFormat.createSerializer(formatCtx(cols, { 'json.map-null-key.mode': 'DROP' })).serialize(row)).toBe(
      '{"m":{"a":2}}',
    );
    expect(
      jsonFormat
        .createSerializer(formatCtx(cols, { 'json.map-null-key.mode': 'LITERAL', 'json.map-null-key.literal': 'nil' }))
        .serialize(row),
    ).toBe('{"m":{"nil":1,"a":2}}');
    expect(() => jsonFormat.createSerializer(formatCtx(cols, { 'json.map-null-key.mode': 'DROPP' }))).toThrow(
      "Could not parse value 'DROPP' for key 'json.map-null-key.mode'",
    );
  });

  it('writes tiny DECIMALs like Java BigDecimal.toString unless decimal-as-plain-number', () => {
    const cols = { d: Types.decimal(12, 10) };
    const row = [Decimal.of('0.0000000123')];
    expect(jsonFormat.createSerializer(formatCtx(cols)).serialize(row)).toBe('{"d":1.23E-8}');
    expect(
      jsonFormat.createSerializer(formatCtx(cols, { 'json.encode.decimal-as-plain-number': 'true' })).serialize(row),
    ).toBe('{"d":0.0000000123}');
    expect(jsonFormat.createDeserializer(formatCtx(cols)).deserialize('{"d":1.23E-8}', 'l')).toEqual(row);
  });
});
