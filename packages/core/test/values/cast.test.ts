import {
  CastError,
  castFunction,
  castValue,
  Decimal,
  NanoTimestamp,
  parseType,
  SqlValidationError,
  Types as T,
  timeZone,
  tryCastValue,
} from '@tributary/core';
import { describe, expect, it } from 'vitest';

const cast = (v: unknown, from: string, to: string) => castValue(v, parseType(from), parseType(to));
const tryCast = (v: unknown, from: string, to: string) => tryCastValue(v, parseType(from), parseType(to));
const day = (y: number, m: number, dd: number) => Date.UTC(y, m - 1, dd) / 86_400_000;

describe('CAST from STRING', () => {
  it('parses numbers with trimming and Flink leniency', () => {
    expect(cast(' 42 ', 'STRING', 'INT')).toBe(42);
    expect(cast('-7', 'STRING', 'TINYINT')).toBe(-7);
    expect(cast('1.9', 'STRING', 'INT')).toBe(1); // fraction dropped
    expect(cast('9223372036854775807', 'STRING', 'BIGINT')).toBe(9223372036854775807n);
    expect(cast('1e3', 'STRING', 'DOUBLE')).toBe(1000);
    expect(cast(' 3.14159 ', 'STRING', 'DECIMAL(5, 2)')!.toString()).toBe('3.14');
    expect(cast('123456', 'STRING', 'DECIMAL(5, 2)')).toBeNull(); // overflow -> NULL, not an error
    expect(cast('NaN', 'STRING', 'DOUBLE')).toBeNaN();
  });
  it('fails CAST and nulls TRY_CAST on bad input', () => {
    expect(() => cast('abc', 'STRING', 'INT')).toThrow(CastError);
    expect(() => cast('abc', 'STRING', 'INT')).toThrow("Cannot cast 'abc' of type STRING to type INT");
    expect(tryCast('abc', 'STRING', 'INT')).toBeNull();
    expect(tryCast('128', 'STRING', 'TINYINT')).toBeNull();
    expect(tryCast('2147483648', 'STRING', 'INT')).toBeNull();
    expect(tryCast('', 'STRING', 'DOUBLE')).toBeNull();
    expect(tryCast('1.2.3', 'STRING', 'DECIMAL(10, 2)')).toBeNull();
    expect(tryCast('maybe', 'STRING', 'BOOLEAN')).toBeNull();
    expect(tryCast('2024-02-30', 'STRING', 'DATE')).toBeNull();
    expect(tryCast('25:00:00', 'STRING', 'TIME')).toBeNull();
  });
  it('parses booleans', () => {
    for (const t of ['true', 'T', ' yes ', 'y', '1']) expect(cast(t, 'STRING', 'BOOLEAN')).toBe(true);
    for (const f of ['FALSE', 'f', 'no', 'N', '0']) expect(cast(f, 'STRING', 'BOOLEAN')).toBe(false);
  });
  it('parses dates, times and timestamps', () => {
    expect(cast('2024-01-02', 'STRING', 'DATE')).toBe(day(2024, 1, 2));
    expect(cast('2024-1-2', 'STRING', 'DATE')).toBe(day(2024, 1, 2));
    expect(cast('2024-01-02 10:00:00', 'STRING', 'DATE')).toBe(day(2024, 1, 2));
    expect(cast('03:04:05.678', 'STRING', 'TIME(3)')).toBe(3 * 3600000 + 4 * 60000 + 5678);
    expect(cast('03:04:05.678', 'STRING', 'TIME(0)')).toBe(3 * 3600000 + 4 * 60000 + 5000);
    expect(cast('2024-01-02 03:04:05.678', 'STRING', 'TIMESTAMP(3)')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(cast('2024-01-02T03:04:05', 'STRING', 'TIMESTAMP(3)')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    // TIMESTAMP(0) truncates the fraction
    expect(cast('2024-01-02 03:04:05.999', 'STRING', 'TIMESTAMP(0)')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    const hi = cast('2024-01-02 03:04:05.123456789', 'STRING', 'TIMESTAMP(6)') as NanoTimestamp;
    expect(hi).toBeInstanceOf(NanoTimestamp);
    expect(hi.millis).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    expect(hi.nanoOfMilli).toBe(456000);
  });
  it('pads CHAR and truncates VARCHAR', () => {
    expect(cast('ab', 'STRING', 'CHAR(4)')).toBe('ab  ');
    expect(cast('abcdef', 'STRING', 'VARCHAR(3)')).toBe('abc');
    expect(cast('abcdef', 'STRING', 'CHAR(2)')).toBe('ab');
  });
  it('encodes to bytes with BINARY padding', () => {
    expect([...(cast('hé', 'STRING', 'BYTES') as Uint8Array)]).toEqual([0x68, 0xc3, 0xa9]);
    expect([...(cast('a', 'STRING', 'BINARY(3)') as Uint8Array)]).toEqual([0x61, 0, 0]);
  });
});

describe('CAST between numerics', () => {
  it('narrows with Java wrap and truncation', () => {
    expect(cast(300, 'INT', 'TINYINT')).toBe(44);
    expect(cast(-129, 'INT', 'TINYINT')).toBe(127);
    expect(cast(70000, 'INT', 'SMALLINT')).toBe(4464);
    expect(cast(4294967297n, 'BIGINT', 'INT')).toBe(1);
    expect(cast(-1.9, 'DOUBLE', 'INT')).toBe(-1);
    expect(cast(1e20, 'DOUBLE', 'INT')).toBe(2147483647);
    expect(cast(1e20, 'DOUBLE', 'BIGINT')).toBe(9223372036854775807n);
    expect(cast(Number.NaN, 'DOUBLE', 'INT')).toBe(0);
    expect(cast(Decimal.of('-12.99'), 'DECIMAL(4, 2)', 'INT')).toBe(-12);
    expect(cast(0.1, 'DOUBLE', 'FLOAT')).toBe(Math.fround(0.1));
  });
  it('rounds into DECIMAL HALF_UP and nulls on overflow', () => {
    expect(cast(1.005, 'DOUBLE', 'DECIMAL(5, 2)')!.toString()).toBe('1.01'); // valueOf(1.005) = "1.005"
    expect(cast(Decimal.of('1.255'), 'DECIMAL(5, 3)', 'DECIMAL(4, 2)')!.toString()).toBe('1.26');
    expect(cast(12345, 'INT', 'DECIMAL(4, 0)')).toBeNull();
    expect(cast(7, 'INT', 'DECIMAL(3, 2)')!.toString()).toBe('7.00');
    expect(tryCast(Number.POSITIVE_INFINITY, 'DOUBLE', 'DECIMAL(5, 2)')).toBeNull();
  });
  it('converts booleans', () => {
    expect(cast(true, 'BOOLEAN', 'INT')).toBe(1);
    expect(cast(false, 'BOOLEAN', 'BIGINT')).toBe(0n);
    expect(cast(true, 'BOOLEAN', 'DECIMAL(3, 1)')!.toString()).toBe('1.0');
    expect(cast(0, 'INT', 'BOOLEAN')).toBe(false);
    expect(cast(-3n, 'BIGINT', 'BOOLEAN')).toBe(true);
  });
});

describe('CAST to STRING', () => {
  it('formats like Flink', () => {
    expect(cast(true, 'BOOLEAN', 'STRING')).toBe('TRUE');
    expect(cast(1.0, 'DOUBLE', 'STRING')).toBe('1.0');
    expect(cast(1.0e10, 'DOUBLE', 'STRING')).toBe('1.0E10');
    expect(cast(0.0001, 'DOUBLE', 'STRING')).toBe('1.0E-4');
    expect(cast(123.456, 'DOUBLE', 'STRING')).toBe('123.456');
    expect(cast(Math.fround(0.1), 'FLOAT', 'STRING')).toBe('0.1');
    expect(cast(Decimal.of('1.20'), 'DECIMAL(5, 2)', 'STRING')).toBe('1.20');
    expect(cast(-9223372036854775808n, 'BIGINT', 'STRING')).toBe('-9223372036854775808');
    expect(cast(day(2024, 1, 2), 'DATE', 'STRING')).toBe('2024-01-02');
    expect(cast(Date.UTC(2024, 0, 2, 3, 4, 5, 678), 'TIMESTAMP(3)', 'STRING')).toBe('2024-01-02 03:04:05.678');
    expect(cast(Date.UTC(2024, 0, 2, 3, 4, 5, 500), 'TIMESTAMP(3)', 'STRING')).toBe('2024-01-02 03:04:05.500');
    expect(cast(Date.UTC(2024, 0, 2, 3, 4, 5), 'TIMESTAMP(0)', 'STRING')).toBe('2024-01-02 03:04:05');
    expect(cast(new NanoTimestamp(Date.UTC(2024, 0, 2), 1000), 'TIMESTAMP(6)', 'STRING')).toBe(
      '2024-01-02 00:00:00.000001',
    );
    expect(cast(3723000, 'TIME(0)', 'STRING')).toBe('01:02:03');
    expect(cast(14, 'INTERVAL YEAR TO MONTH', 'STRING')).toBe('+1-02');
    expect(cast(-(86400000 + 3723004), 'INTERVAL DAY TO SECOND(3)', 'STRING')).toBe('-1 01:02:03.004');
    expect(cast([1, null, 3], 'ARRAY<INT>', 'STRING')).toBe('[1, NULL, 3]');
    expect(cast(new Map([['a', 1]]), 'MAP<STRING, INT>', 'STRING')).toBe('{a=1}');
    expect(cast([1, 'a', null], 'ROW<x INT, y STRING, z DOUBLE>', 'STRING')).toBe('(1, a, NULL)');
    expect(cast(new Uint8Array([0x68, 0x69]), 'BYTES', 'STRING')).toBe('hi');
    expect(cast(12345, 'INT', 'VARCHAR(3)')).toBe('123');
  });
});

describe('temporal CASTs', () => {
  const ctx = { zone: timeZone('Asia/Shanghai') };
  it('moves between TIMESTAMP and TIMESTAMP_LTZ with the session zone', () => {
    const local = Date.UTC(2024, 0, 2, 8, 0, 0);
    const ltz = castFunction(T.timestamp(3), T.timestampLtz(3), ctx)(local);
    expect(ltz).toBe(Date.UTC(2024, 0, 2, 0, 0, 0));
    expect(castFunction(T.timestampLtz(3), T.timestamp(3), ctx)(ltz)).toBe(local);
    expect(castFunction(T.timestampLtz(3), T.string(), ctx)(ltz)).toBe('2024-01-02 08:00:00.000');
    expect(castFunction(T.string(), T.timestampLtz(3), ctx)('2024-01-02 08:00:00')).toBe(Date.UTC(2024, 0, 2));
    expect(castFunction(T.timestampLtz(3), T.date(), ctx)(Date.UTC(2024, 0, 1, 20))).toBe(day(2024, 1, 2));
  });
  it('converts DATE/TIME/TIMESTAMP among themselves', () => {
    expect(cast(day(2024, 1, 2), 'DATE', 'TIMESTAMP(3)')).toBe(Date.UTC(2024, 0, 2));
    expect(cast(Date.UTC(1969, 11, 31, 23, 0), 'TIMESTAMP(3)', 'DATE')).toBe(-1);
    expect(cast(Date.UTC(1969, 11, 31, 23, 0, 0, 5), 'TIMESTAMP(3)', 'TIME(3)')).toBe(23 * 3600000 + 5);
    expect(cast(Date.UTC(2024, 0, 2, 3, 4, 5, 678), 'TIMESTAMP(3)', 'TIMESTAMP(1)')).toBe(
      Date.UTC(2024, 0, 2, 3, 4, 5, 600),
    );
  });
  it('rejects casts Flink forbids at resolution time', () => {
    expect(() => castFunction(T.bigint(), T.timestamp(3))).toThrow(SqlValidationError);
    expect(() => castFunction(T.int(), T.date())).toThrow(/cannot convert value of type INT to type DATE/);
  });
});

describe('constructed CASTs', () => {
  it('casts elementwise and fails as a whole', () => {
    expect(cast(['1', ' 2'], 'ARRAY<STRING>', 'ARRAY<INT>')).toEqual([1, 2]);
    expect(tryCast(['1', 'x'], 'ARRAY<STRING>', 'ARRAY<INT>')).toBeNull();
    expect(cast(['7', 'a'], 'ROW<a STRING, b STRING>', 'ROW<a INT, b STRING>')).toEqual([7, 'a']);
    expect(cast(new Map([['1', '2']]), 'MAP<STRING, STRING>', 'MAP<INT, DOUBLE>')).toEqual(new Map([[1, 2]]));
  });
  it('maps NULL to NULL', () => {
    expect(cast(null, 'STRING', 'INT')).toBeNull();
    expect(cast(null, 'NULL', 'DATE')).toBeNull();
  });
});
