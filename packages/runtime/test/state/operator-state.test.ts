import { OperatorStateStore, redistributeOperatorState, redistributeSnapshots } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

/** Takes operator-state snapshots of `n` subtasks, each filled by `fill(store, subtaskIndex)`. */
function snapshots(n: number, fill: (s: OperatorStateStore, i: number) => void) {
  return Array.from({ length: n }, (_, i) => {
    const s = new OperatorStateStore();
    fill(s, i);
    return s.snapshot();
  });
}

describe('operator state redistribution', () => {
  const old = snapshots(2, (s, i) => {
    s.getListState<string>('offsets').update(i === 0 ? ['a', 'b', 'c'] : ['d', 'e']);
    s.getUnionListState<number>('seen').add(i * 10);
    s.getUnionListState<number>('seen').add(i * 10 + 1);
    const rules = s.getBroadcastState<string, number>('rules');
    rules.set('r1', 1);
    rules.set('r2', 2);
  });

  it('split lists are dealt round-robin, union lists go whole to all, broadcast state is copied to all', () => {
    const r = redistributeOperatorState(old, 3);
    expect(r.map((x) => x.offsets)).toEqual([
      { mode: 'split', entries: ['a', 'd'] },
      { mode: 'split', entries: ['b', 'e'] },
      { mode: 'split', entries: ['c'] },
    ]);
    for (const x of r) {
      expect(x.seen).toEqual({ mode: 'union', entries: [0, 1, 10, 11] });
      expect(x.rules).toEqual({
        mode: 'broadcast',
        entries: [
          ['r1', 1],
          ['r2', 2],
        ],
      });
    }
  });

  it('scaling down to one subtask gathers all split entries', () => {
    const [only] = redistributeOperatorState(old, 1);
    expect(only!.offsets!.entries).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('restored stores see their share; a subtask without old state gets empty entries', () => {
    const r = redistributeOperatorState([old[0], undefined], 2);
    const s0 = new OperatorStateStore(r[0]);
    const s1 = new OperatorStateStore(r[1]);
    expect(s0.isRestored).toBe(true);
    expect(s0.getListState<string>('offsets').get()).toEqual(['a', 'c']);
    expect(s1.getListState<string>('offsets').get()).toEqual(['b']);
    expect([...s1.getBroadcastState<string, number>('rules')]).toEqual([
      ['r1', 1],
      ['r2', 2],
    ]);
    expect(new OperatorStateStore().isRestored).toBe(false);
  });

  it('snapshots are copies of the live state', () => {
    const s = new OperatorStateStore();
    const l = s.getListState<{ n: number }>('l');
    l.add({ n: 1 });
    const snap = s.snapshot();
    l.get()[0]!.n = 99;
    s.getBroadcastState<string, number>('b').set('x', 1);
    expect(snap.l!.entries).toEqual([{ n: 1 }]);
    expect(snap.b).toBeUndefined();
  });

  it('redistributeSnapshots hands every new subtask the merged keyed state and its operator state share', () => {
    const keyed = (k: string, kg: number) => ({ states: { v: { [kg]: { keys: [k], namespaces: [0], values: [1] } } } });
    const r = redistributeSnapshots(
      [
        { keyed: keyed('a', 3), operatorState: old[0] },
        { keyed: keyed('b', 90), operatorState: old[1] },
      ],
      2,
    );
    for (const s of r)
      expect(s.keyed!.states.v).toEqual({
        3: { keys: ['a'], namespaces: [0], values: [1] },
        90: { keys: ['b'], namespaces: [0], values: [1] },
      });
    expect(r[0]!.operatorState!.offsets!.entries).toEqual(['a', 'c', 'e']);
    expect(r[1]!.operatorState!.offsets!.entries).toEqual(['b', 'd']);
  });
});
