import { parseDataType } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { strip } from './helpers.js';

const t = (sql: string) => strip(parseDataType(sql));
const T = (name: string, params: (number | string)[] = [], nullable = true, extra: object = {}) => ({
  kind: 'type',
  name,
  params,
  nullable,
  ...extra,
});

describe('data types', () => {
  it('character, binary, numeric, boolean types and synonyms', () => {
    const cases: [string, object][] = [
      ['CHAR(3)', T('CHAR', [3])],
      ['CHARACTER VARYING(4)', T('VARCHAR', [4])],
      ['VARCHAR(10) NOT NULL', T('VARCHAR', [10], false)],
      ['STRING NULL', T('STRING')],
      ['BOOLEAN', T('BOOLEAN')],
      ['BINARY(2)', T('BINARY', [2])],
      ['VARBINARY(8)', T('VARBINARY', [8])],
      ['BYTES', T('BYTES')],
      ['DECIMAL', T('DECIMAL')],
      ['DEC(5)', T('DECIMAL', [5])],
      ['NUMERIC(10, 3)', T('DECIMAL', [10, 3])],
      ['TINYINT', T('TINYINT')],
      ['SMALLINT', T('SMALLINT')],
      ['int', T('INT')],
      ['INTEGER', T('INT')],
      ['BIGINT', T('BIGINT')],
      ['FLOAT', T('FLOAT')],
      ['REAL', T('FLOAT')],
      ['DOUBLE', T('DOUBLE')],
      ['DOUBLE PRECISION', T('DOUBLE')],
      ['NULL', T('NULL')],
    ];
    for (const [sql, expected] of cases) expect(t(sql), sql).toEqual(expected);
  });

  it('date, time, timestamps and intervals', () => {
    expect(t('DATE')).toEqual(T('DATE'));
    expect(t('TIME(3) WITHOUT TIME ZONE')).toEqual(T('TIME', [3]));
    expect(t('TIMESTAMP')).toEqual(T('TIMESTAMP'));
    expect(t('TIMESTAMP(6) WITHOUT TIME ZONE')).toEqual(T('TIMESTAMP', [6]));
    expect(t('TIMESTAMP(3) WITH LOCAL TIME ZONE')).toEqual(T('TIMESTAMP_LTZ', [3]));
    expect(t('TIMESTAMP_LTZ(3) NOT NULL')).toEqual(T('TIMESTAMP_LTZ', [3], false));
    expect(t('INTERVAL DAY(2) TO SECOND(3)')).toEqual(
      T('INTERVAL', [], true, { interval: { start: 'DAY', startPrecision: 2, end: 'SECOND', fractionalPrecision: 3 } }),
    );
    expect(t('INTERVAL YEAR TO MONTH')).toEqual(T('INTERVAL', [], true, { interval: { start: 'YEAR', end: 'MONTH' } }));
  });

  it('collections, rows, RAW and user-defined types', () => {
    expect(t('ARRAY<INT NOT NULL>')).toEqual(T('ARRAY', [], true, { elements: [T('INT', [], false)] }));
    expect(t('INT ARRAY NOT NULL')).toEqual(T('ARRAY', [], false, { elements: [T('INT')] }));
    expect(t('STRING MULTISET')).toEqual(T('MULTISET', [], true, { elements: [T('STRING')] }));
    expect(t('MAP<STRING, ARRAY<BIGINT>>')).toEqual(
      T('MAP', [], true, { elements: [T('STRING'), T('ARRAY', [], true, { elements: [T('BIGINT')] })] }),
    );
    expect(t('MULTISET<STRING>')).toEqual(T('MULTISET', [], true, { elements: [T('STRING')] }));
    expect(t("ROW<a INT, `b c` STRING 'desc'>")).toEqual(
      T('ROW', [], true, {
        fields: [
          { name: 'a', type: T('INT') },
          { name: 'b c', type: T('STRING'), comment: 'desc' },
        ],
      }),
    );
    expect(t('ROW(a INT, b ROW<c DOUBLE>) NOT NULL')).toMatchObject({
      name: 'ROW',
      nullable: false,
      fields: [{ name: 'a' }, { name: 'b' }],
    });
    expect(t("RAW('java.lang.Object', 'AB==')")).toEqual(T('RAW', ['java.lang.Object', 'AB==']));
    expect(t('cat.db.MyType')).toEqual(T('cat.db.MyType', [], true, { userDefined: true }));
  });

  it('type spans cover the whole type', () => {
    const ty = parseDataType('ARRAY<INT> NOT NULL');
    expect([ty.span.start.offset, ty.span.end.offset]).toEqual([0, 19]);
    expect([ty.elements![0]!.span.start.offset, ty.elements![0]!.span.end.offset]).toEqual([6, 9]);
  });
});
