import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BroadcastProcessFunction,
  type KeyedBroadcastProcessFunction,
  type ListState,
  StateDescriptors,
  StreamExecutionEnvironment,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';

interface Rule {
  category: string;
  threshold: number;
}
interface Txn {
  user: string;
  category: string;
  amount: number;
}

const rulesDesc = StateDescriptors.map<string, number>('rules');
const pendingDesc = StateDescriptors.list<Txn>('pending');

const rules: Rule[] = [
  { category: 'card', threshold: 100 },
  { category: 'wire', threshold: 1000 },
];
const txns: Txn[] = [
  { user: 'alice', category: 'card', amount: 50 },
  { user: 'alice', category: 'card', amount: 150 },
  { user: 'bob', category: 'wire', amount: 5000 },
  { user: 'bob', category: 'card', amount: 100 },
  { user: 'carol', category: 'cash', amount: 999_999 },
  { user: 'dave', category: 'wire', amount: 999 },
  { user: 'erin', category: 'card', amount: 101 },
  { user: 'frank', category: 'wire', amount: 1000 },
];
// By hand: amount >= threshold of the category's rule; 'cash' has no rule.
const expectedAlerts = [
  'alert alice card 150',
  'alert bob card 100',
  'alert bob wire 5000',
  'alert erin card 101',
  'alert frank wire 1000',
];

/**
 * Rules may arrive before or after the transactions they apply to: transactions without a rule yet wait in keyed
 * state, and a new rule is applied to every waiting transaction through applyToKeyedState. The output is the
 * same whatever the interleaving.
 */
function alerting(): KeyedBroadcastProcessFunction<string, Txn, Rule, string> & {
  subtask?: number;
  pending?: ListState<Txn>;
} {
  return {
    open(ctx) {
      this.subtask = ctx.indexOfThisSubtask;
      this.pending = ctx.getListState(pendingDesc);
    },
    processElement(t, ctx, out) {
      if (ctx.getCurrentKey() !== t.user) throw new Error(`key ${ctx.getCurrentKey()} for ${t.user}`);
      const threshold = ctx.getBroadcastState(rulesDesc).get(t.category);
      if (threshold === undefined) this.pending!.add(t);
      else if (t.amount >= threshold) out.collect(`alert ${t.user} ${t.category} ${t.amount}`);
    },
    processBroadcastElement(rule, ctx, out) {
      ctx.getBroadcastState(rulesDesc).set(rule.category, rule.threshold);
      out.collect(`rule ${rule.category} on subtask ${this.subtask}`);
      ctx.applyToKeyedState<ListState<Txn>>(pendingDesc, (user, state) => {
        const keep: Txn[] = [];
        for (const t of state.get()) {
          if (t.user !== user) throw new Error(`state of ${t.user} under key ${user}`);
          if (t.category !== rule.category) keep.push(t);
          else if (t.amount >= rule.threshold) out.collect(`alert ${t.user} ${t.category} ${t.amount}`);
        }
        state.update(keep);
      });
    },
  };
}

async function runKeyed(order: 'rules-late' | 'rules-early', backend: 'hashmap' | 'lmdb' = 'hashmap') {
  const env = StreamExecutionEnvironment.create({ 'state.backend.type': backend }).setParallelism(2);
  async function* delayed<T>(items: T[], ms: number) {
    await sleep(ms);
    yield* items;
  }
  const ruleStream = env.fromAsyncIterable(delayed(rules, order === 'rules-late' ? 150 : 0), { bounded: true });
  const txnStream = env.fromAsyncIterable(delayed(txns, order === 'rules-early' ? 150 : 0), { bounded: true });
  const out = await txnStream
    .keyBy((t) => t.user)
    .connect(ruleStream.broadcast(rulesDesc))
    .process(alerting())
    .executeAndCollect()
    .toArray();
  return out.sort();
}

describe('broadcast state', () => {
  // Each of the 2 subtasks receives every rule; alerts appear once each.
  const expected = [
    ...expectedAlerts,
    ...rules.flatMap((r) => [0, 1].map((s) => `rule ${r.category} on subtask ${s}`)),
  ].sort();

  it('rules broadcast to a keyed stream at parallelism 2 (rules after the transactions: applyToKeyedState)', async () => {
    expect(await runKeyed('rules-late')).toEqual(expected);
  });

  it('rules broadcast to a keyed stream at parallelism 2 (rules first: read-only lookups)', async () => {
    expect(await runKeyed('rules-early')).toEqual(expected);
  });

  it('works the same with keyed state in lmdb', async () => {
    expect(await runKeyed('rules-late', 'lmdb')).toEqual(expected);
  });

  it('non-keyed main stream: broadcast state is read-only on the main side', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const factor = StateDescriptors.map<string, number>('factor');
    const fn: BroadcastProcessFunction<number, number, string> = {
      processElement(v, ctx, out) {
        const state = ctx.getBroadcastState(factor);
        let writable = true;
        try {
          (state as Map<string, number>).set('f', 0);
        } catch (e) {
          writable = !/read-only in processElement/.test(String(e));
        }
        out.collect(`value ${v} writable=${writable} factor=${state.get('f') ?? 'none'}`);
      },
      processBroadcastElement(f, ctx) {
        ctx.getBroadcastState(factor).set('f', f);
        expect(() =>
          (ctx as unknown as { applyToKeyedState: (d: unknown, f: unknown) => void }).applyToKeyedState(
            StateDescriptors.value('x'),
            () => {},
          ),
        ).toThrow(/needs a keyed main stream/);
      },
    };
    async function* late() {
      await sleep(100);
      yield 3;
    }
    const out = await env
      .fromElements(1, 2)
      .connect(env.fromAsyncIterable(late(), { bounded: true }).broadcast(factor))
      .process(fn)
      .executeAndCollect()
      .toArray();
    // Main records arrive before the broadcast value (100 ms later), so no factor is visible yet.
    expect(out.sort()).toEqual(['value 1 writable=false factor=none', 'value 2 writable=false factor=none']);
  });

  it('reports broadcast state that was not declared, and rejects non-map descriptors', async () => {
    const env = StreamExecutionEnvironment.create();
    const undeclared = StateDescriptors.map<string, number>('other');
    env
      .fromElements(1)
      .connect(env.fromElements(1).broadcast(rulesDesc))
      .process<number>(
        {
          processElement(_v, ctx) {
            ctx.getBroadcastState(undeclared);
          },
          processBroadcastElement() {},
        },
        'Rules',
      )
      .print();
    await expect(env.execute()).rejects.toThrow(
      /Broadcast state 'other' was not declared in broadcast\(\.\.\.\) for operator 'Rules'; declared: 'rules'/,
    );
    expect(() => env.fromElements(1).broadcast(StateDescriptors.value('v') as never)).toThrow(
      /takes MapStateDescriptors/,
    );
  });

  it('broadcast() without descriptors still repartitions to every subtask', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(3);
    const out = await env
      .fromElements('x', 'y')
      .setParallelism(1)
      .broadcast()
      .map((v) => v.toUpperCase())
      .executeAndCollect()
      .toArray();
    expect(out.sort()).toEqual(['X', 'X', 'X', 'Y', 'Y', 'Y']);
  });
});
