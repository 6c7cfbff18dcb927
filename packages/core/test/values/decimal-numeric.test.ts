import {
  addBigint,
  addInt,
  Decimal,
  decimalAdd,
  decimalDivide,
  decimalMod,
  decimalMultiply,
  decimalRound,
  decimalSubtract,
  divideInt,
  multiplyBigint,
  multiplyInt,
} from '@tributary/core';
import { describe, expect, it } from 'vitest';

const d = (s: string) => Decimal.of(s);

describe('Decimal', () => {
  it('parses and prints plain notation keeping the scale', () => {
    expect(d('1.50').toString()).toBe('1.50');
    expect(d('-0.05').toString()).toBe('-0.05');
    expect(d('1e3').toString()).toBe('1000');
    expect(d('2.5E-2').toString()).toBe('0.025');
    expect(Decimal.parse('abc')).toBeUndefined();
    expect(Decimal.parse('.')).toBeUndefined();
  });
  it('rounds HALF_UP (away from zero on ties)', () => {
    expect(d('2.345').setScale(2).toString()).toBe('2.35');
    expect(d('-2.345').setScale(2).toString()).toBe('-2.35');
    expect(d('2.344').setScale(2).toString()).toBe('2.34');
    expect(d('0.5').setScale(0).toString()).toBe('1');
    expect(d('-0.5').setScale(0).toString()).toBe('-1');
  });
  it('gives null when the value does not fit the precision', () => {
    expect(d('123.45').toPrecision(5, 2)?.toString()).toBe('123.45');
    expect(d('123.45').toPrecision(4, 2)).toBeNull();
    expect(d('99.995').toPrecision(4, 2)).toBeNull(); // rounds to 100.00
    expect(d('9.995').toPrecision(4, 2)?.toString()).toBe('10.00');
  });
  it('does exact arithmetic in the result type', () => {
    // DECIMAL(10,2) + DECIMAL(5,1) -> DECIMAL(11,2)
    expect(decimalAdd(d('0.10'), d('0.2'), 11, 2)?.toString()).toBe('0.30');
    expect(decimalSubtract(d('1.00'), d('2.5'), 11, 2)?.toString()).toBe('-1.50');
    expect(decimalMultiply(d('1.25'), d('0.5'), 16, 3)?.toString()).toBe('0.625');
    // 1 / 3 at scale 8: 0.33333333
    expect(decimalDivide(d('1.00'), d('3.0'), 17, 8)?.toString()).toBe('0.33333333');
    // 2 / 3 rounds up in the last digit
    expect(decimalDivide(d('2.00'), d('3.0'), 17, 8)?.toString()).toBe('0.66666667');
    expect(decimalDivide(d('-2.00'), d('3.0'), 17, 8)?.toString()).toBe('-0.66666667');
    expect(decimalMod(d('-7.5'), d('2'), 6, 2)?.toString()).toBe('-1.50');
    expect(() => decimalDivide(d('1'), d('0'), 10, 2)).toThrow(/Division by zero/);
    expect(decimalMultiply(d('99999'), d('99999'), 5, 0)).toBeNull();
  });
  it('compares by value regardless of scale', () => {
    expect(d('1.50').equals(d('1.5'))).toBe(true);
    expect(d('1.50').toKey()).toBe(d('1.5').toKey());
    expect(d('-1').compareTo(d('0.001'))).toBe(-1);
  });
  it('rounds to negative digits', () => {
    expect(decimalRound(d('1250.5'), -2, 0).toString()).toBe('1300');
    expect(decimalRound(d('-1249.5'), -2, 0).toString()).toBe('-1200');
  });
});

describe('integer wrap-around (Java semantics)', () => {
  it('wraps INT', () => {
    expect(addInt(2147483647, 1)).toBe(-2147483648);
    expect(multiplyInt(65536, 65536)).toBe(0);
    expect(divideInt(-7, 2)).toBe(-3);
    expect(divideInt(-2147483648, -1)).toBe(-2147483648);
    expect(() => divideInt(1, 0)).toThrow(/Division by zero/);
  });
  it('wraps BIGINT exactly at 64 bits', () => {
    expect(addBigint(9223372036854775807n, 1n)).toBe(-9223372036854775808n);
    expect(multiplyBigint(4294967296n, 4294967296n)).toBe(0n);
    expect(multiplyBigint(3037000500n, 3037000500n)).toBe(-9223372036709301616n);
  });
});
