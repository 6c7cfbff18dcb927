import {
  aggregateResultType,
  arithmeticType,
  explicitCastError,
  findCommonType,
  parseType,
  SqlValidationError,
  supportsExplicitCast,
  supportsImplicitCast,
  Types as T,
  TypeParseError,
} from '@tributary/core';
import { describe, expect, it } from 'vitest';

describe('type printing (Flink asSummaryString)', () => {
  it.each([
    [T.bigint(false), 'BIGINT NOT NULL'],
    [T.int(), 'INT'],
    [T.string(), 'STRING'],
    [T.varchar(10), 'VARCHAR(10)'],
    [T.char(3, false), 'CHAR(3) NOT NULL'],
    [T.bytes(), 'BYTES'],
    [T.binary(4), 'BINARY(4)'],
    [T.varbinary(8), 'VARBINARY(8)'],
    [T.decimal(10, 2), 'DECIMAL(10, 2)'],
    [T.timestamp(3), 'TIMESTAMP(3)'],
    [T.timestampLtz(3), 'TIMESTAMP_LTZ(3)'],
    [T.timestamp(3, true, 'ROWTIME'), 'TIMESTAMP(3) *ROWTIME*'],
    [T.timestampLtz(3, false, 'PROCTIME'), 'TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*'],
    [T.time(0), 'TIME(0)'],
    [T.date(), 'DATE'],
    [T.intervalYearMonth('YEAR_TO_MONTH'), 'INTERVAL YEAR(2) TO MONTH'],
    [T.intervalYearMonth('MONTH'), 'INTERVAL MONTH'],
    [T.intervalDayTime('DAY_TO_SECOND', 2, 3), 'INTERVAL DAY(2) TO SECOND(3)'],
    [T.intervalDayTime('SECOND', 2, 3), 'INTERVAL SECOND(3)'],
    [T.intervalDayTime('HOUR_TO_MINUTE'), 'INTERVAL HOUR TO MINUTE'],
    [T.array(T.int(false)), 'ARRAY<INT NOT NULL>'],
    [T.map(T.string(), T.bigint()), 'MAP<STRING, BIGINT>'],
    [T.multiset(T.double()), 'MULTISET<DOUBLE>'],
    [T.row({ a: T.int(), b: T.string() }), 'ROW<`a` INT, `b` STRING>'],
    [T.null(), 'NULL'],
  ])('%s', (type, text) => {
    expect(type.toString()).toBe(text);
  });

  it('serializable form spells TIMESTAMP_LTZ the SQL way and drops time attributes', () => {
    expect(T.timestampLtz(6).asSerializableString()).toBe('TIMESTAMP(6) WITH LOCAL TIME ZONE');
    expect(T.timestamp(3, true, 'ROWTIME').asSerializableString()).toBe('TIMESTAMP(3)');
  });

  it('rejects invalid parameters', () => {
    expect(() => T.decimal(39, 0)).toThrow(/precision/);
    expect(() => T.decimal(5, 6)).toThrow(/scale/);
    expect(() =>
      T.row([
        { name: 'a', type: T.int() },
        { name: 'a', type: T.int() },
      ]),
    ).toThrow(/duplicates/);
  });
});

describe('type parser', () => {
  it.each([
    ['INT', 'INT'],
    ['INTEGER NOT NULL', 'INT NOT NULL'],
    ['VARCHAR(2147483647)', 'STRING'],
    ['CHARACTER VARYING(5)', 'VARCHAR(5)'],
    ['CHAR', 'CHAR(1)'],
    ['DEC(5, 2)', 'DECIMAL(5, 2)'],
    ['NUMERIC', 'DECIMAL(10, 0)'],
    ['DECIMAL(7)', 'DECIMAL(7, 0)'],
    ['TIMESTAMP', 'TIMESTAMP(6)'],
    ['TIMESTAMP(3) WITHOUT TIME ZONE', 'TIMESTAMP(3)'],
    ['TIMESTAMP(3) WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ(3)'],
    ['TIMESTAMP_LTZ', 'TIMESTAMP_LTZ(6)'],
    ['TIME', 'TIME(0)'],
    ['DOUBLE PRECISION', 'DOUBLE'],
    ['BYTES', 'BYTES'],
    ['INT ARRAY', 'ARRAY<INT>'],
    ['ARRAY<STRING NOT NULL> NOT NULL', 'ARRAY<STRING NOT NULL> NOT NULL'],
    ['MAP<STRING, ARRAY<INT>>', 'MAP<STRING, ARRAY<INT>>'],
    ['ROW(a INT, b STRING)', 'ROW<`a` INT, `b` STRING>'],
    ["ROW<`we``ird` INT 'a comment'>", "ROW<`we``ird` INT 'a comment'>"],
    ['INTERVAL DAY TO SECOND(3)', 'INTERVAL DAY(2) TO SECOND(3)'],
    ['INTERVAL YEAR(4) TO MONTH', 'INTERVAL YEAR(4) TO MONTH'],
    ['TIMESTAMP(3) *ROWTIME*', 'TIMESTAMP(3) *ROWTIME*'],
  ])('%s', (text, printed) => {
    expect(parseType(text).toString()).toBe(printed);
  });

  it('round-trips every printed type', () => {
    const samples = [
      T.row({ a: T.array(T.map(T.string(), T.decimal(12, 4, false))), b: T.timestampLtz(9) }, false),
      T.multiset(T.row({ x: T.intervalDayTime('MINUTE_TO_SECOND', 2, 0) })),
    ];
    for (const s of samples) expect(parseType(s.toString()).toString()).toBe(s.toString());
  });

  it('reports the position of an error', () => {
    expect(() => parseType('ROW<a INT, b FOO>')).toThrow(TypeParseError);
    try {
      parseType('MAP<INT STRING>');
    } catch (e) {
      expect((e as TypeParseError).offset).toBe(8);
      expect((e as Error).message).toMatch(/expected ','/);
    }
    expect(() => parseType('TIMESTAMP WITH TIME ZONE')).toThrow(/not supported/);
  });
});

describe('common type (UNION / CASE / IN)', () => {
  const common = (...ts: string[]) => findCommonType(ts.map(parseType))?.toString();
  it('widens numerics', () => {
    expect(common('INT', 'BIGINT')).toBe('BIGINT');
    expect(common('TINYINT NOT NULL', 'SMALLINT NOT NULL')).toBe('SMALLINT NOT NULL');
    expect(common('INT NOT NULL', 'DECIMAL(5, 2) NOT NULL')).toBe('DECIMAL(12, 2) NOT NULL');
    expect(common('DECIMAL(10, 2)', 'DECIMAL(5, 4)')).toBe('DECIMAL(12, 4)');
    expect(common('BIGINT', 'DECIMAL(38, 10)')).toBe('DECIMAL(38, 10)');
    expect(common('INT', 'FLOAT')).toBe('FLOAT');
    expect(common('FLOAT', 'DOUBLE')).toBe('DOUBLE');
    expect(common('DECIMAL(3, 1)', 'FLOAT')).toBe('DOUBLE');
  });
  it('handles strings, NULL and nullability', () => {
    expect(common('CHAR(3)', 'CHAR(3)')).toBe('CHAR(3)');
    expect(common('CHAR(3)', 'CHAR(5)')).toBe('VARCHAR(5)');
    expect(common('VARCHAR(3)', 'STRING')).toBe('STRING');
    expect(common('INT NOT NULL', 'NULL')).toBe('INT');
    expect(common('INT NOT NULL', 'INT')).toBe('INT');
    expect(common('NULL', 'NULL')).toBe('NULL');
  });
  it('handles temporal and constructed types', () => {
    expect(common('DATE', 'TIMESTAMP(3)')).toBe('TIMESTAMP(3)');
    expect(common('TIMESTAMP(3)', 'TIMESTAMP(6)')).toBe('TIMESTAMP(6)');
    expect(common('TIMESTAMP(3)', 'TIMESTAMP_LTZ(3)')).toBe('TIMESTAMP_LTZ(3)');
    expect(common('TIMESTAMP(3) *ROWTIME*', 'TIMESTAMP(3)')).toBe('TIMESTAMP(3)');
    expect(common('ARRAY<INT>', 'ARRAY<BIGINT>')).toBe('ARRAY<BIGINT>');
    expect(common('ROW<a INT>', 'ROW<b DOUBLE>')).toBe('ROW<`a` DOUBLE>');
  });
  it('has no common type for unrelated types', () => {
    expect(common('INT', 'STRING')).toBeUndefined();
    expect(common('BOOLEAN', 'INT')).toBeUndefined();
    expect(common('DATE', 'TIME(0)')).toBeUndefined();
  });
});

describe('arithmetic result types', () => {
  const t = (op: '+' | '-' | '*' | '/' | '%', a: string, b: string) =>
    arithmeticType(op, parseType(a), parseType(b)).toString();
  it('keeps integer arithmetic in the wider integer type, including division', () => {
    expect(t('+', 'INT NOT NULL', 'INT NOT NULL')).toBe('INT NOT NULL');
    expect(t('/', 'INT NOT NULL', 'INT NOT NULL')).toBe('INT NOT NULL');
    expect(t('*', 'INT', 'BIGINT NOT NULL')).toBe('BIGINT');
    expect(t('+', 'TINYINT', 'TINYINT')).toBe('TINYINT');
    expect(t('%', 'BIGINT', 'INT')).toBe('INT');
    expect(t('+', 'INT', 'DOUBLE')).toBe('DOUBLE');
    expect(t('+', 'FLOAT', 'INT')).toBe('FLOAT');
  });
  it('follows Flink decimal precision/scale rules', () => {
    // +: s = max(s1,s2) = 2, p = max(10-2, 5-1) + 2 + 1 = 11
    expect(t('+', 'DECIMAL(10, 2) NOT NULL', 'DECIMAL(5, 1) NOT NULL')).toBe('DECIMAL(11, 2) NOT NULL');
    // *: p = 10 + 5 + 1 = 16, s = 3
    expect(t('*', 'DECIMAL(10, 2)', 'DECIMAL(5, 1)')).toBe('DECIMAL(16, 3)');
    // /: s = max(6, 2 + 5 + 1) = 8, p = 10 - 2 + 1 + 8 = 17
    expect(t('/', 'DECIMAL(10, 2)', 'DECIMAL(5, 1)')).toBe('DECIMAL(17, 8)');
    // INT is DECIMAL(10, 0): s = max(6, 2+10+1) = 13, p = 8 + 0 + 13 = 21
    expect(t('/', 'DECIMAL(10, 2)', 'INT')).toBe('DECIMAL(21, 13)');
    // %: s = 2, p = min(8, 4) + 2 = 6
    expect(t('%', 'DECIMAL(10, 2)', 'DECIMAL(5, 1)')).toBe('DECIMAL(6, 2)');
    // overflow: p = 77, s = 20 -> int digits 57, scale max(38-57, min(20,6)) = 6
    expect(t('*', 'DECIMAL(38, 10)', 'DECIMAL(38, 10)')).toBe('DECIMAL(38, 6)');
    // 38,18 / 38,18: s = max(6, 18+38+1) = 57, p = 20+18+57 = 95 -> int digits 38, scale = 6
    expect(t('/', 'DECIMAL(38, 18)', 'DECIMAL(38, 18)')).toBe('DECIMAL(38, 6)');
    expect(t('+', 'DECIMAL(10, 2)', 'DOUBLE')).toBe('DOUBLE');
  });
  it('types datetime +/- interval', () => {
    expect(t('+', 'TIMESTAMP(3)', 'INTERVAL DAY(2) TO SECOND(3)')).toBe('TIMESTAMP(3)');
    expect(t('-', 'DATE', 'INTERVAL YEAR(2) TO MONTH')).toBe('DATE');
    expect(t('+', 'INTERVAL MONTH', 'DATE NOT NULL')).toBe('DATE');
  });
  it('rejects non-numeric operands naming both types', () => {
    expect(() => t('+', 'STRING', 'INT')).toThrow(SqlValidationError);
    expect(() => t('+', 'STRING', 'INT')).toThrow("'STRING' and 'INT'");
  });
});

describe('aggregate result types', () => {
  const a = (k: Parameters<typeof aggregateResultType>[0], ...ts: string[]) =>
    aggregateResultType(k, ts.map(parseType)).toString();
  it('matches Flink', () => {
    expect(a('COUNT', 'STRING')).toBe('BIGINT NOT NULL');
    expect(a('COUNT_STAR')).toBe('BIGINT NOT NULL');
    expect(a('SUM', 'INT NOT NULL')).toBe('INT');
    expect(a('SUM', 'DECIMAL(10, 2)')).toBe('DECIMAL(38, 2)');
    expect(a('SUM0', 'BIGINT')).toBe('BIGINT NOT NULL');
    expect(a('AVG', 'BIGINT')).toBe('BIGINT');
    expect(a('AVG', 'INT NOT NULL')).toBe('INT');
    expect(a('AVG', 'DECIMAL(10, 2)')).toBe('DECIMAL(38, 6)');
    expect(a('AVG', 'DECIMAL(10, 8)')).toBe('DECIMAL(38, 8)');
    expect(a('MAX', 'TIMESTAMP(3) *ROWTIME*')).toBe('TIMESTAMP(3)');
    expect(a('LISTAGG', 'STRING NOT NULL')).toBe('STRING');
    expect(a('STDDEV_POP', 'DOUBLE')).toBe('DOUBLE');
    expect(a('COLLECT', 'INT')).toBe('MULTISET<INT> NOT NULL');
    expect(() => a('SUM', 'STRING')).toThrow(SqlValidationError);
  });
});

describe('cast rules', () => {
  const imp = (a: string, b: string) => supportsImplicitCast(parseType(a), parseType(b));
  const exp = (a: string, b: string) => supportsExplicitCast(parseType(a), parseType(b));
  it('implicit casts only widen', () => {
    expect(imp('INT', 'BIGINT')).toBe(true);
    expect(imp('BIGINT', 'INT')).toBe(false);
    expect(imp('INT', 'DECIMAL(5, 0)')).toBe(true);
    expect(imp('DOUBLE', 'DECIMAL(10, 2)')).toBe(false);
    expect(imp('DATE', 'TIMESTAMP(3)')).toBe(true);
    expect(imp('INT', 'STRING')).toBe(false);
    expect(imp('INT', 'INT NOT NULL')).toBe(false);
    expect(imp('NULL', 'ARRAY<INT>')).toBe(true);
    expect(imp('ARRAY<INT>', 'ARRAY<BIGINT>')).toBe(true);
  });
  it('explicit casts follow Flink table', () => {
    expect(exp('STRING', 'INT')).toBe(true);
    expect(exp('INT', 'BOOLEAN')).toBe(true);
    expect(exp('BOOLEAN', 'DECIMAL(3, 1)')).toBe(true);
    expect(exp('STRING', 'BYTES')).toBe(true);
    expect(exp('INT', 'BYTES')).toBe(false);
    expect(exp('TIMESTAMP(3)', 'DATE')).toBe(true);
    expect(exp('DATE', 'TIME(0)')).toBe(false);
    expect(exp('ROW<a INT>', 'ROW<b STRING>')).toBe(true);
    expect(exp('ROW<a INT>', 'ROW<b STRING, c INT>')).toBe(false);
    expect(exp('ARRAY<INT>', 'STRING')).toBe(true);
  });
  it('explains forbidden numeric <-> timestamp casts', () => {
    expect(explicitCastError(T.bigint(), T.timestamp(3))).toMatch(/TO_TIMESTAMP\(FROM_UNIXTIME/);
    expect(explicitCastError(T.timestampLtz(3), T.bigint())).toMatch(/UNIX_TIMESTAMP/);
    expect(explicitCastError(T.int(), T.date())).toBe('Cast function cannot convert value of type INT to type DATE');
  });
});
