import { Decimal, Types as T } from '@tributary/core';
import { math } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const d = (s: string) => Decimal.of(s);

describe('arithmetic implementations (Java wrap-around, DECIMAL, DOUBLE)', () => {
  it('selects implementations by type', () => {
    const plusTiny = math.arithmeticImpl('+', T.tinyint(), T.tinyint(), T.tinyint());
    expect(plusTiny(127, 1)).toBe(-128);
    const mixed = math.arithmeticImpl('*', T.int(), T.bigint(), T.bigint());
    expect(mixed(3, 9223372036854775807n)).toBe(9223372036854775805n);
    const decPlusInt = math.arithmeticImpl('+', T.decimal(5, 2), T.int(), T.decimal(13, 2));
    expect(String(decPlusInt(d('1.25'), 2))).toBe('3.25');
    const dbl = math.arithmeticImpl('/', T.int(), T.double(), T.double());
    expect(dbl(1, 0)).toBe(Number.POSITIVE_INFINITY);
    const intDiv = math.arithmeticImpl('/', T.int(), T.int(), T.int());
    expect(intDiv(7, 2)).toBe(3);
  });
});
