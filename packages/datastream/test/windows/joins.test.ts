import {
  type DataStream,
  OutputTag,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { pushable, sorted } from './helpers.js';

interface Order {
  id: string;
  user: string;
  t: number;
}
interface Click {
  page: string;
  user: string;
  t: number;
}

/** A source with monotonous watermarks (records are given in timestamp order). */
function source<T extends { t: number }>(env: StreamExecutionEnvironment, items: T[]): DataStream<T> {
  return env
    .fromCollection(items)
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<T>().withTimestampAssigner((e) => e.t));
}

const orders: Order[] = [
  { id: 'o1', user: 'u1', t: 2 },
  { id: 'o2', user: 'u2', t: 5 },
  { id: 'o3', user: 'u1', t: 13 },
];
const clicks: Click[] = [
  { page: 'p1', user: 'u1', t: 1 },
  { page: 'p5', user: 'u3', t: 3 },
  { page: 'p2', user: 'u1', t: 8 },
  { page: 'p3', user: 'u2', t: 11 },
  { page: 'p4', user: 'u1', t: 15 },
];

describe('window join and coGroup', () => {
  it('join pairs elements of both inputs with the same key in the same window', async () => {
    for (const p of [1, 2]) {
      const env = StreamExecutionEnvironment.create().setParallelism(p);
      const out = await source(env, orders)
        .join(source(env, clicks))
        .where((o) => o.user)
        .equalTo((c) => c.user)
        .window(TumblingEventTimeWindows.of(10))
        .apply((o, c) => `${o.id}-${c.page}`)
        .process<string>({
          processElement(v, ctx, o2) {
            o2.collect(`${v}@${ctx.timestamp()}`);
          },
        })
        .executeAndCollect()
        .toArray();
      // [0,10): u1 o1 x {p1, p2}; u2 and u3 have one side only. [10,20): u1 o3 x p4.
      expect(sorted(out)).toEqual(['o1-p1@9', 'o1-p2@9', 'o3-p4@19']);
    }
  });

  it('flatApply may emit any number of results per pair', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await source(env, orders)
      .join(source(env, clicks))
      .where((o) => o.user)
      .equalTo((c) => c.user)
      .window(TumblingEventTimeWindows.of(10))
      .flatApply<string>((o, c, coll) => {
        if (c.page !== 'p2') coll.collect(`${o.id}-${c.page}`);
      })
      .executeAndCollect()
      .toArray();
    expect(sorted(out)).toEqual(['o1-p1', 'o3-p4']);
  });

  it('coGroup sees both sides per key and window, including one-sided groups', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await source(env, orders)
      .coGroup(source(env, clicks))
      .where((o) => o.user)
      .equalTo((c) => c.user)
      .window(TumblingEventTimeWindows.of(10))
      .apply<string>((os, cs, coll) => {
        const user = os[0]?.user ?? cs[0]!.user;
        coll.collect(`${user}: [${os.map((o) => o.id)}] [${cs.map((c) => c.page)}]`);
      })
      .executeAndCollect()
      .toArray();
    expect(sorted(out)).toEqual(
      sorted(['u1: [o1] [p1,p2]', 'u2: [o2] []', 'u3: [] [p5]', 'u1: [o3] [p4]', 'u2: [] [p3]']),
    );
  });
});

interface Shipment {
  id: string;
  user: string;
  t: number;
}

describe('interval join', () => {
  const left: Order[] = [
    { id: 'o1', user: 'u1', t: 10 },
    { id: 'o3', user: 'u2', t: 10 },
    { id: 'o2', user: 'u1', t: 20 },
  ];
  const right: Shipment[] = [
    { id: 's1', user: 'u1', t: 8 },
    { id: 's6', user: 'u2', t: 12 },
    { id: 's2', user: 'u1', t: 13 },
    { id: 's3', user: 'u1', t: 14 },
    { id: 's5', user: 'u2', t: 14 },
    { id: 's4', user: 'u1', t: 22 },
  ];

  async function run(p: number, opts: { lowerExclusive?: boolean; upperExclusive?: boolean } = {}) {
    const env = StreamExecutionEnvironment.create().setParallelism(p);
    let joined = source(env, left)
      .keyBy((o) => o.user)
      .intervalJoin(source(env, right).keyBy((s) => s.user))
      .between(-2, 3);
    if (opts.lowerExclusive) joined = joined.lowerBoundExclusive();
    if (opts.upperExclusive) joined = joined.upperBoundExclusive();
    const out = await joined
      .process<string>({
        processElement(o, s, ctx, coll) {
          expect(ctx.getLeftTimestamp()).toBe(o.t);
          expect(ctx.getRightTimestamp()).toBe(s.t);
          coll.collect(`${o.id}-${s.id}@${ctx.getTimestamp()}`);
        },
      })
      .process<string>({
        // the joined record's timestamp is the larger of the two
        processElement(v, ctx, coll) {
          coll.collect(`${v}/${ctx.timestamp()}`);
        },
      })
      .executeAndCollect()
      .toArray();
    return sorted(out);
  }

  it('joins each left element with right elements in [t + lower, t + upper]', async () => {
    // o1@10: [8,13] -> s1, s2; o2@20: [18,23] -> s4; o3@10 (u2): [8,13] -> s6
    const expected = ['o1-s1@10/10', 'o1-s2@13/13', 'o2-s4@22/22', 'o3-s6@12/12'];
    expect(await run(1)).toEqual(expected);
    expect(await run(2)).toEqual(expected);
  });

  it('honours exclusive bounds', async () => {
    expect(await run(1, { lowerExclusive: true })).toEqual(['o1-s2@13/13', 'o2-s4@22/22', 'o3-s6@12/12']);
    expect(await run(1, { upperExclusive: true })).toEqual(['o1-s1@10/10', 'o2-s4@22/22', 'o3-s6@12/12']);
    expect(await run(1, { lowerExclusive: true, upperExclusive: true })).toEqual(['o2-s4@22/22', 'o3-s6@12/12']);
  });

  it('rejects an empty interval', () => {
    const env = StreamExecutionEnvironment.create();
    const l = source(env, left).keyBy((o) => o.user);
    const r = source(env, right).keyBy((s) => s.user);
    expect(() => l.intervalJoin(r).between(5, 1)).toThrow(/lower bound 5 must be <= upper bound 1/);
    expect(() =>
      l
        .intervalJoin(r)
        .between(1, 1)
        .lowerBoundExclusive()
        .process(() => {}),
    ).toThrow(/is empty/);
  });
});

describe('interval join late data', () => {
  it('elements behind the watermark go to the late side outputs', async () => {
    const env = StreamExecutionEnvironment.create();
    const lefts = pushable<Order>();
    const rights = pushable<Shipment>();
    // Punctuated: each element first advances its input's watermark to its own timestamp.
    const punctuated = <T extends { t: number }>(src: AsyncIterable<T>, name: string) =>
      env.fromAsyncIterable(src, { name }).assignTimestampsAndWatermarks(
        WatermarkStrategy.forGenerator<T>(() => ({
          onEvent: (_e, ts, out) => out.emitWatermark(ts),
          onPeriodicEmit() {},
        })).withTimestampAssigner((e) => e.t),
      );
    const lateLeft = new OutputTag<Order>('late-left');
    const lateRight = new OutputTag<Shipment>('late-right');
    const joined = punctuated(lefts, 'left')
      .keyBy((o) => o.user)
      .intervalJoin(punctuated(rights, 'right').keyBy((s) => s.user))
      .between(0, 5)
      .sideOutputLeftLateData(lateLeft)
      .sideOutputRightLateData(lateRight)
      .process<string>((o, s, _ctx, out) => out.collect(`${o.id}-${s.id}`));
    const it = joined
      .getSideOutput(lateLeft)
      .map((o) => `late ${o.id}`)
      .union(
        joined.getSideOutput(lateRight).map((s) => `late ${s.id}`),
        joined,
      )
      .executeAndCollect()
      [Symbol.asyncIterator]();

    lefts.push({ id: 'o1', user: 'u', t: 10 });
    rights.push({ id: 's1', user: 'u', t: 11 });
    // Once o1-s1 is out, both inputs' watermarks (10 and 11) have reached the join: its watermark is 10.
    expect((await it.next()).value).toBe('o1-s1');
    rights.push({ id: 's-late', user: 'u', t: 5 });
    expect((await it.next()).value).toBe('late s-late');
    lefts.push({ id: 'o-late', user: 'u', t: 9 });
    expect((await it.next()).value).toBe('late o-late');
    // Not late (>= watermark 10): joins with s1 (11 in [10, 15]).
    lefts.push({ id: 'o2', user: 'u', t: 10 });
    expect((await it.next()).value).toBe('o2-s1');
    lefts.end();
    rights.end();
    expect((await it.next()).done).toBe(true);
  });
});
