import {
  assignKeyGroup,
  denormalizeKey,
  hashKey,
  keyGroupRangeForSubtask,
  normalizeKey,
  operatorIndexForKeyGroup,
} from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

describe('key groups', () => {
  it('assignKeyGroup is deterministic, in range and spreads keys', () => {
    for (const maxP of [1, 7, 128, 32768]) {
      const counts = new Array<number>(Math.min(maxP, 128)).fill(0);
      for (let i = 0; i < 4000; i++) {
        const key = i % 2 === 0 ? `user-${i}` : i;
        const kg = assignKeyGroup(key, maxP);
        expect(kg).toBe(assignKeyGroup(key, maxP));
        expect(Number.isInteger(kg) && kg >= 0 && kg < maxP).toBe(true);
        if (maxP <= 128) counts[kg]!++;
      }
      if (maxP === 128) {
        // 4000 keys over 128 groups: ~31 each. No group may be empty or hold more than 3x its share.
        expect(Math.min(...counts)).toBeGreaterThan(0);
        expect(Math.max(...counts)).toBeLessThan((3 * 4000) / 128);
      }
    }
    // Equal keys built differently land in the same group.
    expect(assignKeyGroup({ a: 1, b: 'x' }, 128)).toBe(assignKeyGroup({ b: 'x', a: 1 }, 128));
    expect(assignKeyGroup(['a', 2], 128)).toBe(assignKeyGroup(['a', 2], 128));
  });

  it('keyGroupRangeForSubtask partitions [0, maxP) in contiguous ranges for every parallelism', () => {
    for (const maxP of [1, 2, 3, 10, 128]) {
      for (let p = 1; p <= maxP; p++) {
        let expectedStart = 0;
        for (let s = 0; s < p; s++) {
          const r = keyGroupRangeForSubtask(maxP, p, s);
          // Flink: start = ceil(s * maxP / p), end = ceil((s + 1) * maxP / p) - 1
          expect(r.start).toBe(expectedStart);
          expect(r.start).toBe(Math.ceil((s * maxP) / p));
          expect(r.end).toBe(Math.ceil(((s + 1) * maxP) / p) - 1);
          expect(r.end).toBeGreaterThanOrEqual(r.start);
          // Every key group of the range is owned by this subtask according to operatorIndexForKeyGroup.
          for (let kg = r.start; kg <= r.end; kg++) expect(operatorIndexForKeyGroup(maxP, p, kg)).toBe(s);
          expectedStart = r.end + 1;
        }
        expect(expectedStart).toBe(maxP);
      }
    }
  });

  it('operatorIndexForKeyGroup follows Flink (kg * p / maxP)', () => {
    expect(operatorIndexForKeyGroup(128, 3, 0)).toBe(0);
    expect(operatorIndexForKeyGroup(128, 3, 42)).toBe(0); // 126/128
    expect(operatorIndexForKeyGroup(128, 3, 43)).toBe(1); // 129/128
    expect(operatorIndexForKeyGroup(128, 3, 85)).toBe(1); // 255/128
    expect(operatorIndexForKeyGroup(128, 3, 86)).toBe(2); // 258/128
    expect(operatorIndexForKeyGroup(128, 3, 127)).toBe(2);
    expect(keyGroupRangeForSubtask(128, 3, 1)).toEqual({ start: 43, end: 85 });
  });
});

describe('hashKey / normalizeKey / denormalizeKey', () => {
  const roundTrip = (k: unknown) => denormalizeKey(normalizeKey(k));

  it('primitives normalize to themselves and hash deterministically', () => {
    for (const k of ['', 'abc', 'ü€𝄞', 0, 42, -7, 3.5, 2 ** 40, 10n, -(2n ** 70n), true, false, null]) {
      expect(normalizeKey(k)).toBe(k);
      expect(roundTrip(k)).toBe(k);
      expect(hashKey(k)).toBe(hashKey(k));
      expect(Number.isInteger(hashKey(k))).toBe(true);
    }
    expect(hashKey('abc')).not.toBe(hashKey('abd'));
    expect(hashKey(1)).not.toBe(hashKey(2));
  });

  it('arrays and nested objects: equal regardless of field order, distinct otherwise, round trip', () => {
    const a = { user: 'u1', loc: { lat: 1.5, tags: ['x', 'y'] }, id: 12n };
    const b = { id: 12n, loc: { tags: ['x', 'y'], lat: 1.5 }, user: 'u1' };
    expect(hashKey(a)).toBe(hashKey(b));
    expect(normalizeKey(a)).toBe(normalizeKey(b));
    expect(roundTrip(a)).toEqual(a);
    expect(roundTrip([1, 'a', [true, null], 5n])).toEqual([1, 'a', [true, null], 5n]);
    // Array order matters.
    expect(normalizeKey([1, 2])).not.toBe(normalizeKey([2, 1]));
    expect(normalizeKey({ a: 1 })).not.toBe(normalizeKey({ a: '1' }));
    // Composite keys never equal a primitive.
    expect(normalizeKey(['a'])).not.toBe(normalizeKey('a'));
  });

  it('non-finite numbers inside composite keys stay distinct from null and round trip', () => {
    const keys = [[Number.NaN], [null], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY]];
    const norms = new Set(keys.map((k) => normalizeKey(k)));
    expect(norms.size).toBe(4);
    for (const k of keys) expect(roundTrip(k)).toEqual(k);
  });

  it('a string key that starts with NUL cannot collide with a composite key', () => {
    const s = `\u0000${JSON.stringify([1])}`;
    expect(normalizeKey(s)).not.toBe(normalizeKey([1]));
    expect(roundTrip(s)).toBe(s);
    expect(roundTrip('\u0000not json')).toBe('\u0000not json');
  });

  it('functions, undefined and symbols are rejected with a clear error, also inside composite keys', () => {
    const bad: unknown[] = [undefined, () => 1, Symbol('s')];
    for (const k of bad) {
      expect(() => hashKey(k)).toThrow(/A key must be a string, number, bigint, boolean/);
      expect(() => normalizeKey(k)).toThrow(/A key must be a string, number, bigint, boolean/);
    }
    expect(() => hashKey(undefined)).toThrow(/got undefined/);
    expect(() => hashKey(() => 1)).toThrow(/got function/);
    expect(() => hashKey(['a', undefined])).toThrow(/got undefined/);
    expect(() => normalizeKey(['a', undefined])).toThrow(/got undefined/);
    expect(() => normalizeKey({ a: () => 1 })).toThrow(/got function/);
    expect(() => hashKey({ a: { b: undefined } })).toThrow(/got undefined/);
  });

  it('objects without fields of their own (Date, Map, class instances) are rejected instead of collapsing', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    for (const k of [new Date(5), new Map([[1, 2]]), new Point(1)]) {
      expect(() => hashKey(k)).toThrow(/plain object/);
      expect(() => normalizeKey(k)).toThrow(/plain object/);
      expect(() => normalizeKey([k])).toThrow(/plain object/);
    }
    expect(() => hashKey(new Date(1))).toThrow(/Date/);
    // Objects without a prototype are plain enough.
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(hashKey(bare)).toBe(hashKey({ a: 1 }));
  });
});
