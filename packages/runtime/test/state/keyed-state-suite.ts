import { ManualClock } from '@tributary/core';
import {
  type AggregatingState,
  assignKeyGroup,
  entriesOf,
  HeapKeyedStateBackend,
  type KeyedStateBackend,
  type KeyGroupRange,
  type ListState,
  type MapState,
  type ReducingState,
  StateDescriptors,
  type StateTtlConfig,
  type ValueState,
} from '@tributary/runtime';
import { afterEach, describe, expect, it } from 'vitest';

export type BackendFactory = (range: KeyGroupRange, maxParallelism: number, clock: ManualClock) => KeyedStateBackend;

const MAX_P = 128;
const FULL: KeyGroupRange = { start: 0, end: MAX_P - 1 };

const sortEntries = (es: [unknown, unknown][]) => [...es].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** Normalises a snapshot for comparison: entries sorted, Maps as sorted entry lists. */
export function canonicalSnapshot(s: ReturnType<KeyedStateBackend['snapshot']>): unknown {
  const conv = (v: unknown): unknown => {
    if (v instanceof Map) return { map: sortEntries([...v].map(([k, x]) => [k, conv(x)])) };
    if (v && typeof v === 'object' && 't' in v && 'v' in v)
      return { v: conv((v as { v: unknown }).v), t: (v as { t: number }).t };
    return v;
  };
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const [name, groups] of Object.entries(s.states)) {
    const g: Record<string, unknown[]> = {};
    for (const [kg, entries] of Object.entries(groups)) {
      const list = entriesOf(entries);
      if (list.length === 0) continue;
      g[kg] = list
        .map((e) => ({ key: e.key, namespace: e.namespace, value: conv(e.value) }))
        .sort((a, b) => JSON.stringify([a.key, a.namespace]).localeCompare(JSON.stringify([b.key, b.namespace])));
    }
    out[name] = g;
  }
  return out;
}

/** The keyed-state contract, run against every backend so they stay interchangeable. */
export function keyedStateSuite(name: string, create: BackendFactory): void {
  describe(`keyed state contract: ${name}`, () => {
    const open: KeyedStateBackend[] = [];
    const make = (range = FULL, clock = new ManualClock(1000)) => {
      const b = create(range, MAX_P, clock);
      open.push(b);
      return b;
    };
    afterEach(async () => {
      for (const b of open.splice(0)) await b.dispose();
    });

    it('value state is per key, with default value, update(undefined) clears', () => {
      const b = make();
      const s = b.getOrCreateState<ValueState<number>>(StateDescriptors.value('count', { defaultValue: 0 }));
      for (const [k, n] of [
        ['a', 1],
        ['b', 5],
        ['a', 2],
        [7, 3],
        [['x', 1], 4],
      ] as const) {
        b.setCurrentKey(k);
        s.update((s.value() ?? 0) + n);
      }
      const read = (k: unknown) => {
        b.setCurrentKey(k);
        return s.value();
      };
      expect([read('a'), read('b'), read(7), read(['x', 1]), read('zz')]).toEqual([3, 5, 3, 4, 0]);
      b.setCurrentKey('a');
      s.update(undefined);
      expect(s.value()).toBe(0);
      b.setCurrentKey('b');
      s.clear();
      expect(s.value()).toBe(0);
    });

    it('keeps values of rich types (Map, Set, Date, bigint, nested objects)', () => {
      const b = make();
      const s = b.getOrCreateState<ValueState<unknown>>(StateDescriptors.value('rich'));
      const v = { m: new Map([[1, 'one']]), s: new Set(['x']), d: new Date(5), n: 2n ** 70n, a: [1, { b: null }] };
      b.setCurrentKey(1n);
      s.update(v);
      b.setCurrentKey('other');
      b.setCurrentKey(1n);
      expect(s.value()).toEqual(v);
    });

    it('list, reducing and aggregating state', () => {
      const b = make();
      const l = b.getOrCreateState<ListState<number>>(StateDescriptors.list('l'));
      const r = b.getOrCreateState<ReducingState<number>>(
        StateDescriptors.reducing('r', (x: number, y: number) => x + y),
      );
      const a = b.getOrCreateState<AggregatingState<number, number>>(
        StateDescriptors.aggregating('avg', {
          createAccumulator: () => ({ sum: 0, n: 0 }),
          add: (v: number, acc: { sum: number; n: number }) => ({ sum: acc.sum + v, n: acc.n + 1 }),
          getResult: (acc: { sum: number; n: number }) => acc.sum / acc.n,
        }),
      );
      for (const [k, v] of [
        ['a', 1],
        ['b', 10],
        ['a', 2],
        ['a', 6],
      ] as const) {
        b.setCurrentKey(k);
        l.add(v);
        r.add(v);
        a.add(v);
      }
      b.setCurrentKey('a');
      expect([l.get(), r.get(), a.get()]).toEqual([[1, 2, 6], 9, 3]);
      l.addAll([7, 8]);
      expect(l.get()).toEqual([1, 2, 6, 7, 8]);
      l.update([4]);
      expect(l.get()).toEqual([4]);
      l.update([]);
      expect(l.get()).toEqual([]);
      b.setCurrentKey('b');
      expect([l.get(), r.get(), a.get()]).toEqual([[10], 10, 10]);
      b.setCurrentKey('none');
      expect([l.get(), r.get(), a.get()]).toEqual([[], undefined, undefined]);
    });

    it('map state per key', () => {
      const b = make();
      const m = b.getOrCreateState<MapState<string | number, number>>(StateDescriptors.map('m'));
      b.setCurrentKey('k1');
      expect(m.isEmpty()).toBe(true);
      m.put('x', 1);
      m.putAll([
        ['y', 2],
        [3, 3],
      ]);
      b.setCurrentKey('k2');
      m.put('x', 100);
      b.setCurrentKey('k1');
      expect(m.get('x')).toBe(1);
      expect(m.contains(3)).toBe(true);
      expect(m.contains('3')).toBe(false);
      expect(sortEntries(m.entries())).toEqual([
        [3, 3],
        ['x', 1],
        ['y', 2],
      ]);
      expect(m.keys().map(String).sort()).toEqual(['3', 'x', 'y']);
      expect(m.values().sort()).toEqual([1, 2, 3]);
      m.remove('x');
      m.remove('nope');
      expect(m.get('x')).toBeUndefined();
      expect(m.isEmpty()).toBe(false);
      m.clear();
      expect(m.isEmpty()).toBe(true);
      b.setCurrentKey('k2');
      expect(m.entries()).toEqual([['x', 100]]);
    });

    it('namespaces separate state and mergeNamespaces combines them', () => {
      const b = make();
      const l = b.getOrCreateState<ListState<number>>(StateDescriptors.list('l'));
      const r = b.getOrCreateState<ReducingState<number>>(
        StateDescriptors.reducing('r', (x: number, y: number) => x + y),
      );
      const agg = b.getOrCreateState<AggregatingState<number, number>>(
        StateDescriptors.aggregating('cnt', {
          createAccumulator: () => 0,
          add: (_v: number, acc: number) => acc + 1,
          getResult: (acc: number) => acc,
          merge: (x: number, y: number) => x + y,
        }),
      );
      b.setCurrentKey('k');
      for (const [ns, v] of [
        [10, 1],
        [20, 2],
        [20, 3],
        ['w30', 4],
      ] as const) {
        for (const s of [l, r, agg]) s.setNamespace(ns);
        l.add(v);
        r.add(v);
        agg.add(v);
      }
      for (const s of [l, r, agg]) s.setNamespace(20);
      expect([l.get(), r.get(), agg.get()]).toEqual([[2, 3], 5, 2]);
      l.mergeNamespaces!(99, [10, 20]);
      r.mergeNamespaces!(99, [10, 20, 'w30']);
      agg.mergeNamespaces!(99, [10, 20]);
      for (const s of [l, r, agg]) s.setNamespace(99);
      expect([[...l.get()].sort(), r.get(), agg.get()]).toEqual([[1, 2, 3], 10, 3]);
      for (const s of [l, r, agg]) s.setNamespace(10);
      expect([l.get(), r.get(), agg.get()]).toEqual([[], undefined, undefined]);
      l.setNamespace('w30');
      expect(l.get()).toEqual([4]);
    });

    it('rejects using a state name with another kind', () => {
      const b = make();
      b.getOrCreateState(StateDescriptors.value('s'));
      expect(() => b.getOrCreateState(StateDescriptors.list('s'))).toThrow(/registered as value state/);
    });

    it('forEachKey visits every key with state in the namespace, with the key set as current', () => {
      const b = make();
      const v = b.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
      const m = b.getOrCreateState<MapState<string, number>>(StateDescriptors.map('m'));
      const keys = ['a', 'b', 'c', 42, ['comp', 1]];
      keys.forEach((k, i) => {
        b.setCurrentKey(k);
        v.update(i);
        m.put('p', i);
        m.put('q', i);
      });
      v.setNamespace(5);
      b.setCurrentKey('only-ns5');
      v.update(9);
      v.setNamespace(0);
      const seen: [unknown, number | undefined][] = [];
      b.forEachKey(StateDescriptors.value('v'), 0, (k) => {
        seen.push([k, v.value()]);
        v.update((v.value() ?? 0) + 100); // updating during iteration is allowed
      });
      expect(seen.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual(
        keys
          .map((k, i) => [k, i] as [unknown, number])
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      );
      b.setCurrentKey('c');
      expect(v.value()).toBe(102);
      const mapKeys: unknown[] = [];
      b.forEachKey(StateDescriptors.map('m'), 0, (k) => mapKeys.push(k));
      expect(mapKeys.length).toBe(keys.length);
      const ns5: unknown[] = [];
      b.forEachKey(StateDescriptors.value('v'), 5, (k) => ns5.push(k));
      expect(ns5).toEqual(['only-ns5']);
    });

    describe('TTL (processing time, ManualClock)', () => {
      const ttl = (t: Partial<StateTtlConfig>): StateTtlConfig => ({ ttlMs: 100, ...t });
      const setup = (config: StateTtlConfig) => {
        const clock = new ManualClock(1000);
        const b = make(FULL, clock);
        const v = b.getOrCreateState<ValueState<string>>(StateDescriptors.value('v', { ttl: config }));
        const m = b.getOrCreateState<MapState<string, number>>(StateDescriptors.map('m', { ttl: config }));
        b.setCurrentKey('k');
        return { clock, b, v, m };
      };

      it('OnCreateAndWrite: reads do not extend the lifetime, writes do', () => {
        const { clock, v, m } = setup(ttl({ updateType: 'OnCreateAndWrite' }));
        v.update('x');
        m.put('a', 1);
        clock.advanceTo(1099);
        expect(v.value()).toBe('x'); // 99 ms old
        expect(m.get('a')).toBe(1);
        clock.advanceTo(1100); // exactly ttl: expired (Flink: expired when lastAccess + ttl <= now)
        expect(v.value()).toBeUndefined();
        expect(m.get('a')).toBeUndefined();
        expect(m.isEmpty()).toBe(true);
        v.update('y'); // written at 1100
        m.put('b', 2);
        clock.advanceTo(1150);
        v.update('z'); // rewritten at 1150
        m.put('c', 3);
        clock.advanceTo(1249);
        expect(v.value()).toBe('z');
        expect(sortEntries(m.entries())).toEqual([
          ['b', 2],
          ['c', 3],
        ]);
        clock.advanceTo(1250);
        expect(v.value()).toBeUndefined();
      });

      it('OnReadAndWrite: every read extends the lifetime', () => {
        const { clock, v, m } = setup(ttl({ updateType: 'OnReadAndWrite' }));
        v.update('x');
        m.put('a', 1);
        for (const t of [1090, 1180, 1270, 1360]) {
          clock.advanceTo(t);
          expect(v.value()).toBe('x');
          expect(m.get('a')).toBe(1);
        }
        clock.advanceTo(1460);
        expect(v.value()).toBeUndefined();
        expect(m.contains('a')).toBe(false);
      });

      it('NeverReturnExpired drops expired entries; ReturnExpiredIfNotCleanedUp still returns them', () => {
        const never = setup(ttl({ visibility: 'NeverReturnExpired' }));
        never.v.update('x');
        never.m.put('a', 1);
        never.clock.advanceTo(2000);
        expect(never.v.value()).toBeUndefined();
        expect(never.m.entries()).toEqual([]);
        const lax = setup(ttl({ visibility: 'ReturnExpiredIfNotCleanedUp' }));
        lax.v.update('x');
        lax.m.put('a', 1);
        lax.clock.advanceTo(2000);
        expect(lax.v.value()).toBe('x');
        expect(lax.m.entries()).toEqual([['a', 1]]);
      });

      it('snapshots carry the access timestamps, so expiry continues after restore', () => {
        const { clock, b, v } = setup(ttl({}));
        v.update('x');
        const snap = b.snapshot();
        const b2 = make(FULL, clock);
        b2.restore([snap]);
        const v2 = b2.getOrCreateState<ValueState<string>>(StateDescriptors.value('v', { ttl: ttl({}) }));
        b2.setCurrentKey('k');
        clock.advanceTo(1099);
        expect(v2.value()).toBe('x');
        clock.advanceTo(1100);
        expect(v2.value()).toBeUndefined();
      });
    });

    const fill = (b: KeyedStateBackend, keys: readonly (string | number)[]) => {
      const v = b.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
      const l = b.getOrCreateState<ListState<string>>(StateDescriptors.list('l'));
      const m = b.getOrCreateState<MapState<string, number>>(StateDescriptors.map('m'));
      for (const k of keys) {
        b.setCurrentKey(k);
        v.update(String(k).length);
        l.add(`${k}-1`);
        l.add(`${k}-2`);
        m.put('len', String(k).length);
        l.setNamespace(7);
        l.add('ns7');
        l.setNamespace(0);
      }
    };
    const keys = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? i : `key-${i}`));

    it('snapshot/restore round trip gives the same state and an equal snapshot', () => {
      const b = make();
      fill(b, keys);
      const snap = b.snapshot();
      // Every entry sits in the key group of its key.
      for (const groups of Object.values(snap.states)) {
        for (const [kg, entries] of Object.entries(groups)) {
          for (const e of entriesOf(entries)) expect(assignKeyGroup(e.key, MAX_P)).toBe(Number(kg));
        }
      }
      expect(Object.values(snap.states.v!).flatMap(entriesOf)).toHaveLength(keys.length);
      expect(Object.values(snap.states.l!).flatMap(entriesOf)).toHaveLength(keys.length * 2);
      const b2 = make();
      b2.restore([snap]);
      expect(canonicalSnapshot(b2.snapshot())).toEqual(canonicalSnapshot(snap));
      const l = b2.getOrCreateState<ListState<string>>(StateDescriptors.list('l'));
      const m = b2.getOrCreateState<MapState<string, number>>(StateDescriptors.map('m'));
      b2.setCurrentKey('key-5');
      expect(l.get()).toEqual(['key-5-1', 'key-5-2']);
      expect(m.get('len')).toBe(5);
      l.setNamespace(7);
      expect(l.get()).toEqual(['ns7']);
      // A snapshot is a copy: later updates do not change it.
      l.setNamespace(0);
      l.add('later');
      expect(canonicalSnapshot(b2.snapshot())).not.toEqual(canonicalSnapshot(snap));
      expect(
        Object.values(snap.states.l!)
          .flatMap(entriesOf)
          .find((e) => e.key === 'key-5' && e.namespace === 0)!.value,
      ).toEqual(['key-5-1', 'key-5-2']);
    });

    it('restore into a narrower key-group range keeps only that range; two halves make the whole', () => {
      const b = make();
      fill(b, keys);
      const snap = b.snapshot();
      const low = make({ start: 0, end: 63 });
      const high = make({ start: 64, end: 127 });
      low.restore([snap]);
      high.restore([snap]);
      const vLow = low.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
      const vHigh = high.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
      let inLow = 0;
      for (const k of keys) {
        const kg = assignKeyGroup(k, MAX_P);
        low.setCurrentKey(k);
        high.setCurrentKey(k);
        if (kg <= 63) {
          inLow++;
          expect([vLow.value(), vHigh.value()]).toEqual([String(k).length, undefined]);
        } else expect([vLow.value(), vHigh.value()]).toEqual([undefined, String(k).length]);
      }
      expect(inLow).toBeGreaterThan(50);
      expect(inLow).toBeLessThan(150);
      const sLow = low.snapshot();
      for (const groups of Object.values(sLow.states))
        for (const kg of Object.keys(groups)) expect(Number(kg)).toBeLessThan(64);
      const merged = make();
      merged.restore([sLow, high.snapshot()]);
      expect(canonicalSnapshot(merged.snapshot())).toEqual(canonicalSnapshot(snap));
    });

    it('snapshots are portable to and from the heap backend', () => {
      const b = make();
      fill(b, keys);
      const mine = b.snapshot();
      const heap = new HeapKeyedStateBackend(FULL, MAX_P, new ManualClock(1000));
      heap.restore([mine]);
      expect(canonicalSnapshot(heap.snapshot())).toEqual(canonicalSnapshot(mine));
      const heapOwn = new HeapKeyedStateBackend(FULL, MAX_P, new ManualClock(1000));
      fill(heapOwn, keys);
      const fromHeap = heapOwn.snapshot();
      const back = make();
      back.restore([fromHeap]);
      expect(canonicalSnapshot(back.snapshot())).toEqual(canonicalSnapshot(fromHeap));
      expect(canonicalSnapshot(fromHeap)).toEqual(canonicalSnapshot(mine));
    });

    it('entryCount counts entries', () => {
      const b = make();
      const v = b.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
      for (let i = 0; i < 50; i++) {
        b.setCurrentKey(i);
        v.update(i);
      }
      expect(b.entryCount()).toBe(50);
    });
  });
}
