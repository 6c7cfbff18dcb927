import { Decimal, parseType, SqlFunctionError, Types as T } from '@tributary/core';
import { createBuiltinRegistry, json } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const reg = createBuiltinRegistry();
const call = (name: string, types: string[], args: unknown[]) => reg.invoke(name, types.map(parseType), args);
const S = 'STRING';

const DOC = JSON.stringify({
  name: 'tributary',
  version: 2,
  ratio: 1.5,
  ok: true,
  none: null,
  tags: ['a', 'b'],
  owners: [{ name: 'ann', langs: ['ts', 'java'] }, { name: 'bob', langs: [] }, { name: 'cyd' }],
  nested: { deep: { value: 'x' } },
});

describe('JSON_VALUE', () => {
  const jv = (path: string) => call('JSON_VALUE', [S, S], [DOC, path]);
  it('reads scalars from nested documents', () => {
    expect(jv('$.name')).toBe('tributary');
    expect(jv('$.version')).toBe('2');
    expect(jv('$.ratio')).toBe('1.5');
    expect(jv('$.ok')).toBe('true');
    expect(jv('$.none')).toBeNull();
    expect(jv('$.tags[1]')).toBe('b');
    expect(jv("$.owners[0]['name']")).toBe('ann');
    expect(jv('$.owners[0].langs[last]')).toBe('java');
    expect(jv('$.nested.deep.value')).toBe('x');
    expect(jv('lax $.missing')).toBeNull();
    expect(jv('$.tags')).toBeNull(); // non-scalar -> error -> NULL ON ERROR
  });
  it('supports RETURNING and ON EMPTY / ON ERROR', () => {
    const f = json.jsonValueFor(T.int());
    expect(f(DOC, '$.version')).toBe(2);
    expect(json.jsonValueFor(T.boolean())(DOC, '$.ok')).toBe(true);
    expect(String(json.jsonValueFor(T.decimal(5, 2))(DOC, '$.ratio'))).toBe('1.50');
    expect(json.jsonValueFor(T.double())(DOC, '$.ratio')).toBe(1.5);
    const def = json.jsonValueFor(T.int(), { mode: 'DEFAULT', value: -1 }, { mode: 'DEFAULT', value: -2 });
    expect(def(DOC, '$.missing')).toBe(-1);
    expect(def(DOC, '$.name')).toBe(-2); // 'tributary' is not an INT
    expect(def('{not json', '$.a')).toBe(-2);
    const strict = json.jsonValueFor(T.string(), { mode: 'NULL' }, { mode: 'ERROR' });
    expect(() => strict(DOC, 'strict $.missing')).toThrow(SqlFunctionError);
    expect(() => json.jsonValueFor(T.string(), { mode: 'ERROR' })(DOC, 'lax $.missing')).toThrow(/No results/);
    // the registry reads RETURNING and behaviours from literal arguments
    expect(
      reg.invoke('JSON_VALUE', [S, S, S, S, 'INT', S, 'INT'].map(parseType), [
        DOC,
        '$.missing',
        'INT',
        'DEFAULT',
        7,
        'NULL',
        null,
      ]),
    ).toBe(7);
    expect(reg.resolve('JSON_VALUE', [S, S, S].map(parseType), [null, null, 'DOUBLE']).returnType.toString()).toBe(
      'DOUBLE',
    );
  });
});

describe('JSON_QUERY / JSON_EXISTS / IS JSON', () => {
  it('JSON_QUERY with wrappers (Flink doc examples)', () => {
    expect(json.jsonQueryFor()('{ "a": { "b": 1 } }', '$.a')).toBe('{"b":1}');
    expect(json.jsonQueryFor()('[1, 2]', '$')).toBe('[1,2]');
    expect(json.jsonQueryFor()('{"a":[{"c":"c1"},{"c":"c2"}]}', 'lax $.a[*].c')).toBe('["c1","c2"]');
    expect(json.jsonQueryFor('CONDITIONAL')('{}', '$')).toBe('[{}]');
    expect(json.jsonQueryFor('CONDITIONAL')('[1, 2]', '$')).toBe('[1,2]');
    expect(json.jsonQueryFor('UNCONDITIONAL')('[1, 2]', '$')).toBe('[[1,2]]');
    expect(json.jsonQueryFor()('1', '$')).toBeNull();
    expect(json.jsonQueryFor('CONDITIONAL')('1', '$')).toBe('[1]');
    expect(json.jsonQueryFor('WITHOUT', 'EMPTY_OBJECT')('{}', 'lax $.invalid')).toBe('{}');
    expect(json.jsonQueryFor('WITHOUT', 'NULL', 'EMPTY_ARRAY')('{}', 'strict $.invalid')).toBe('[]');
    expect(json.jsonQueryFor('WITHOUT', 'NULL', 'NULL', true)('{"a":["x","y"]}', '$.a')).toEqual(['x', 'y']);
    expect(call('JSON_QUERY', [S, S], [DOC, '$.owners[0, 2].name'])).toBe('["ann","cyd"]');
    expect(call('JSON_QUERY', [S, S], [DOC, '$.owners[1 to 2]'])).toBe('[{"name":"bob","langs":[]},{"name":"cyd"}]');
    expect(call('JSON_QUERY', [S, S, S], [DOC, '$.name', 'CONDITIONAL'])).toBe('["tributary"]');
  });
  it('JSON_EXISTS with ON ERROR', () => {
    expect(call('JSON_EXISTS', [S, S], [DOC, '$.owners[2].name'])).toBe(true);
    expect(call('JSON_EXISTS', [S, S], [DOC, '$.owners[2].langs'])).toBe(false);
    expect(call('JSON_EXISTS', [S, S], [DOC, 'strict $.nope'])).toBe(false);
    expect(json.jsonExistsFor('TRUE')(DOC, 'strict $.nope')).toBe(true);
    expect(json.jsonExistsFor('UNKNOWN')(DOC, 'strict $.nope')).toBeNull();
    expect(() => json.jsonExistsFor('ERROR')(DOC, 'strict $.nope')).toThrow(SqlFunctionError);
    expect(call('JSON_EXISTS', [S, S], [DOC, '$.none'])).toBe(true);
  });
  it('IS JSON kinds', () => {
    expect(json.isJson('1')).toBe(true);
    expect(json.isJson('1', 'SCALAR')).toBe(true);
    expect(json.isJson('[]', 'ARRAY')).toBe(true);
    expect(json.isJson('[]', 'OBJECT')).toBe(false);
    expect(json.isJson('{"a":1}', 'OBJECT')).toBe(true);
    expect(json.isJson('{a:1}')).toBe(false);
    expect(call('IS_JSON', [S], [null])).toBe(false);
  });
});

describe('JSON construction', () => {
  it('JSON_STRING of typed values', () => {
    expect(call('JSON_STRING', ['INT'], [1])).toBe('1');
    expect(call('JSON_STRING', [S], ['Hello "World"'])).toBe('"Hello \\"World\\""');
    expect(call('JSON_STRING', ['ARRAY<INT>'], [[1, 2]])).toBe('[1,2]');
    expect(call('JSON_STRING', ['DECIMAL(5, 2)'], [Decimal.of('1.50')])).toBe('1.50');
    expect(call('JSON_STRING', ['BOOLEAN'], [true])).toBe('true');
    expect(call('JSON_STRING', ['INT'], [null])).toBeNull();
    expect(call('JSON_STRING', ['ROW<a INT, b STRING>'], [[1, 'x']])).toBe('{"a":1,"b":"x"}');
  });
  it('JSON_OBJECT / JSON_ARRAY with NULL handling and nesting', () => {
    expect(call('JSON_OBJECT', [S, S, 'INT', S, S], ['NULL', 'a', 1, 'b', null])).toBe('{"a":1,"b":null}');
    expect(call('JSON_OBJECT', [S, S, 'INT', S, S], ['ABSENT', 'a', 1, 'b', null])).toBe('{"a":1}');
    expect(call('JSON_ARRAY', [S, 'INT', S, 'INT'], ['ABSENT', 1, 'x', null])).toBe('[1,"x"]');
    expect(call('JSON_ARRAY', [S, 'INT', 'INT'], ['NULL', 1, null])).toBe('[1,null]');
    const inner = new json.RawJson(call('JSON_ARRAY', [S, 'INT'], ['ABSENT', 1]) as string);
    expect(call('JSON_OBJECT', [S, S, S], ['NULL', 'k', inner])).toBe('{"k":[1]}');
    expect(call('JSON_OBJECT', [S], ['NULL'])).toBe('{}');
    expect(json.jsonQuote('a"b')).toBe('"a\\"b"');
    expect(json.jsonUnquote('"a\\u0062"')).toBe('ab');
  });
});

describe('collections', () => {
  it('constructors and their types', () => {
    expect(call('ARRAY', ['INT', 'INT'], [1, 2])).toEqual([1, 2]);
    expect(reg.resolve('ARRAY', ['INT', 'BIGINT'].map(parseType)).returnType.toString()).toBe('ARRAY<BIGINT> NOT NULL');
    expect(call('MAP', [S, 'INT', S, 'INT'], ['a', 1, 'a', 2])).toEqual(new Map([['a', 2]]));
    expect(reg.resolve('MAP', [S, 'INT'].map(parseType)).returnType.toString()).toBe('MAP<STRING, INT> NOT NULL');
    expect(call('ROW', ['INT', S], [1, 'x'])).toEqual([1, 'x']);
    expect(() => reg.resolve('ARRAY', ['INT', 'STRING'].map(parseType))).toThrow(/no common type/);
  });
  it('array functions', () => {
    expect(call('CARDINALITY', ['ARRAY<INT>'], [[1, 2, 3]])).toBe(3);
    expect(
      call(
        'CARDINALITY',
        ['MULTISET<INT>'],
        [
          new Map([
            [1, 2],
            [5, 1],
          ]),
        ],
      ),
    ).toBe(3);
    expect(call('ELEMENT', ['ARRAY<INT>'], [[7]])).toBe(7);
    expect(call('ELEMENT', ['ARRAY<INT>'], [[]])).toBeNull();
    expect(() => call('ELEMENT', ['ARRAY<INT>'], [[1, 2]])).toThrow(/more than one/);
    expect(call('ARRAY_CONTAINS', ['ARRAY<INT>', 'INT'], [[1, null], null])).toBe(true);
    expect(call('ARRAY_CONTAINS', ['ARRAY<INT>', 'INT'], [null, 1])).toBeNull();
    expect(call('ARRAY_DISTINCT', ['ARRAY<INT>'], [[1, 2, 1, null, null]])).toEqual([1, 2, null]);
    expect(call('ARRAY_POSITION', ['ARRAY<STRING>', S], [['a', 'b', 'b'], 'b'])).toBe(2);
    expect(call('ARRAY_POSITION', ['ARRAY<STRING>', S], [['a'], 'z'])).toBe(0);
    expect(call('ARRAY_REMOVE', ['ARRAY<INT>', 'INT'], [[1, 2, 1], 1])).toEqual([2]);
    expect(call('ARRAY_REVERSE', ['ARRAY<INT>'], [[1, 2, 3]])).toEqual([3, 2, 1]);
    expect(call('ARRAY_SLICE', ['ARRAY<INT>', 'INT', 'INT'], [[1, 2, 3, 4, 5], 2, 4])).toEqual([2, 3, 4]);
    expect(call('ARRAY_SLICE', ['ARRAY<INT>', 'INT'], [[1, 2, 3, 4, 5], -2])).toEqual([4, 5]);
    expect(call('ARRAY_SLICE', ['ARRAY<INT>', 'INT', 'INT'], [[1, 2, 3], 3, 1])).toEqual([]);
    expect(
      call(
        'ARRAY_UNION',
        ['ARRAY<INT>', 'ARRAY<INT>'],
        [
          [1, 2],
          [2, 3],
        ],
      ),
    ).toEqual([1, 2, 3]);
    expect(call('ARRAY_CONCAT', ['ARRAY<INT>', 'ARRAY<INT>', 'ARRAY<INT>'], [[1], [2], [1]])).toEqual([1, 2, 1]);
    expect(call('ARRAY_JOIN', ['ARRAY<STRING>', S], [['a', null, 'c'], '-'])).toBe('a-c');
    expect(call('ARRAY_JOIN', ['ARRAY<STRING>', S, S], [['a', null, 'c'], '-', '?'])).toBe('a-?-c');
    expect(() => reg.resolve('ARRAY_CONTAINS', ['ARRAY<INT>', 'STRING'].map(parseType))).toThrow(/does not match/);
  });
  it('map functions', () => {
    const m = new Map<unknown, unknown>([
      ['a', 1],
      ['b', 2],
    ]);
    expect(call('MAP_KEYS', ['MAP<STRING, INT>'], [m])).toEqual(['a', 'b']);
    expect(call('MAP_VALUES', ['MAP<STRING, INT>'], [m])).toEqual([1, 2]);
    expect(call('MAP_ENTRIES', ['MAP<STRING, INT>'], [m])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(reg.resolve('MAP_ENTRIES', [parseType('MAP<STRING, INT>')]).returnType.toString()).toBe(
      'ARRAY<ROW<`key` STRING, `value` INT>>',
    );
    expect(call('MAP_FROM_ARRAYS', ['ARRAY<STRING>', 'ARRAY<INT>'], [['x'], [9]])).toEqual(new Map([['x', 9]]));
  });
});
