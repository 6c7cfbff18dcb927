import { type DataStream, type RuntimeContext, StreamExecutionEnvironment } from '@tributary/datastream';
import { assignKeyGroup } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

type Tagged<T> = { v: T; sub: number; p: number };

/** A rich map that tags each record with the subtask that saw it. */
function tagSubtask<T>(): { open(ctx: RuntimeContext): void; map(v: T): Tagged<T> } {
  return {
    open(this: { sub: number; p: number }, ctx: RuntimeContext) {
      this.sub = ctx.indexOfThisSubtask;
      this.p = ctx.numberOfParallelSubtasks;
    },
    map(this: { sub: number; p: number }, v: T) {
      return { v, sub: this.sub, p: this.p };
    },
  } as never;
}

function bySubtask<T>(rows: Tagged<T>[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const l = m.get(r.sub) ?? [];
    l.push(r.v);
    m.set(r.sub, l);
  }
  return m;
}

async function run<T>(
  build: (env: StreamExecutionEnvironment) => DataStream<Tagged<T>>,
  parallelism = 3,
): Promise<Tagged<T>[]> {
  const env = StreamExecutionEnvironment.create().setParallelism(parallelism);
  return build(env).executeAndCollect().toArray();
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('partitioners in real jobs', () => {
  it('forward keeps each source subtask on the same downstream subtask', async () => {
    // The sequence source splits [0, 99] over 3 subtasks; tag the source subtask first, then the map subtask.
    const rows = await run<{ v: number; src: number }>((env) =>
      env
        .fromSequence(0, 99)
        .map(tagSubtask<number>())
        .disableChaining()
        .map((t) => ({ v: t.v, src: t.sub }))
        .forward()
        .map(tagSubtask<{ v: number; src: number }>()),
    );
    expect(rows).toHaveLength(100);
    for (const r of rows) expect(r.sub).toBe(r.v.src);
    expect(rows.map((r) => r.v.v).sort((a, b) => a - b)).toEqual(range(100));
  });

  it('rebalance sends records round robin over all downstream subtasks', async () => {
    // One source subtask, 4 map subtasks: record i goes to subtask i mod 4 (the writer of subtask 0 starts at 0).
    const rows = await run<number>((env) => {
      const src = env.fromCollection(range(40));
      return src.rebalance().map(tagSubtask<number>()).setParallelism(4);
    });
    for (const r of rows) expect(r.sub).toBe(r.v % 4);
    const m = bySubtask(rows);
    for (let s = 0; s < 4; s++) expect(m.get(s)).toEqual(range(40).filter((i) => i % 4 === s));
  });

  it('rescale sends each upstream subtask to a contiguous subset of downstream subtasks', async () => {
    // 2 upstream -> 4 downstream: upstream 0 feeds {0, 1}, upstream 1 feeds {2, 3}.
    const rows = await run<{ v: number; src: number }>((env) =>
      env
        .fromSequence(0, 199)
        .setParallelism(2)
        .map(tagSubtask<number>())
        .setParallelism(2)
        .map((t) => ({ v: t.v, src: t.sub }))
        .setParallelism(2)
        .rescale()
        .map(tagSubtask<{ v: number; src: number }>())
        .setParallelism(4),
    );
    expect(rows).toHaveLength(200);
    for (const r of rows) expect([r.v.src * 2, r.v.src * 2 + 1]).toContain(r.sub);
    // Both targets of each upstream subtask get half of its records (round robin inside the subset).
    const counts = bySubtask(rows);
    for (let s = 0; s < 4; s++) expect(counts.get(s)).toHaveLength(50);
  });

  it('shuffle delivers every record exactly once', async () => {
    const rows = await run<number>((env) => env.fromSequence(0, 999).shuffle().map(tagSubtask<number>()), 4);
    expect(rows.map((r) => r.v).sort((a, b) => a - b)).toEqual(range(1000));
    // With 1000 random choices over 4 subtasks every subtask gets something.
    expect(bySubtask(rows).size).toBe(4);
  });

  it('broadcast gives every downstream subtask every record', async () => {
    const rows = await run<number>((env) =>
      env.fromCollection(range(25)).broadcast().map(tagSubtask<number>()).setParallelism(3),
    );
    expect(rows).toHaveLength(75);
    const m = bySubtask(rows);
    for (let s = 0; s < 3; s++) expect(m.get(s)).toEqual(range(25));
  });

  it('global sends everything to subtask 0', async () => {
    const rows = await run<number>((env) => env.fromSequence(0, 99).global().map(tagSubtask<number>()), 4);
    expect(rows).toHaveLength(100);
    for (const r of rows) expect(r.sub).toBe(0);
    expect(rows[0]!.p).toBe(4);
  });

  it('a custom partitioner decides the subtask; an out-of-range result fails the job clearly', async () => {
    const rows = await run<number>(
      (env) =>
        env
          .fromSequence(0, 59)
          .partitionCustom(
            (k: number, n) => k % n,
            (v) => v * 7,
          )
          .map(tagSubtask<number>()),
      3,
    );
    for (const r of rows) expect(r.sub).toBe((r.v * 7) % 3);
    expect(rows).toHaveLength(60);

    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const failing = env
      .fromSequence(0, 9)
      .partitionCustom(
        (k: number) => k,
        (v) => v,
      )
      .map((v) => v)
      .executeAndCollect()
      .toArray();
    await expect(failing).rejects.toThrow(/Custom partitioner returned 2; expected an integer in \[0, 2\)/);
    await expect(failing).rejects.toThrow(/Operator 'Sequence Source' \(subtask [12]\/2\)/);
  });

  it('keyBy puts all records of a key on one subtask, the one owning its key group', async () => {
    for (const p of [2, 3, 4]) {
      const input = range(300).map((i) => ({ k: `key-${i % 17}`, i }));
      const env = StreamExecutionEnvironment.create().setParallelism(p);
      const rows = await env
        .fromCollection(input)
        .keyBy((r) => r.k)
        .map(tagSubtask<{ k: string; i: number }>())
        .executeAndCollect()
        .toArray();
      expect(rows).toHaveLength(300);
      const owner = new Map<string, number>();
      for (const r of rows) {
        const prev = owner.get(r.v.k);
        if (prev !== undefined) expect(r.sub).toBe(prev);
        owner.set(r.v.k, r.sub);
        // Flink's placement: key group -> subtask kg * p / maxP (default max parallelism 128).
        expect(r.sub).toBe(Math.floor((assignKeyGroup(r.v.k, 128) * p) / 128));
      }
      expect(owner.size).toBe(17);
    }
  });
});
