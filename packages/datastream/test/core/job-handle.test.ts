import { ConfigError, JobCancelledError } from '@tributary/core';
import {
  AsyncDataStream,
  type JobStatus,
  type RuntimeContext,
  StreamExecutionEnvironment,
} from '@tributary/datastream';
import { EventKind, LocalChannel } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
import { PushQueue, readUntil } from './support.js';

describe('job handle', () => {
  it('goes CREATED -> RUNNING -> FINISHED and reports records per operator', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    env
      .fromSequence(1, 100)
      .filter((x) => x % 2 === 0, 'Evens')
      .map((x) => x * 3, 'Triple')
      .disableChaining()
      .print('ignored');
    // Keep stdout quiet: print goes through console.log.
    const log = console.log;
    console.log = () => {};
    try {
      const job = env.execute('lifecycle');
      expect(job.status).toBe('CREATED');
      const statuses: JobStatus[] = [];
      job.on((e) => {
        if (e.type === 'status') statuses.push(e.status);
      });
      const result = await job;
      expect(statuses).toEqual(['RUNNING', 'FINISHED']);
      expect(job.status).toBe('FINISHED');
      expect(result.status).toBe('FINISHED');
      // Totals summed over subtasks: 100 numbers, 50 even.
      expect(result.operators['Sequence Source']).toEqual({ recordsIn: 100, recordsOut: 100 });
      expect(result.operators.Evens).toEqual({ recordsIn: 100, recordsOut: 50 });
      expect(result.operators.Triple).toEqual({ recordsIn: 50, recordsOut: 50 });
      // metrics() holds the last per-subtask report, taken after the tasks ended.
      const m = job.metrics()!;
      const sum = (op: string, f: 'recordsIn' | 'recordsOut') =>
        m.tasks.flatMap((t) => t.operators).reduce((a, o) => a + (o.operator === op ? o[f] : 0), 0);
      expect(sum('Evens', 'recordsIn')).toBe(100);
      expect(sum('Evens', 'recordsOut')).toBe(50);
      expect(sum('Triple', 'recordsIn')).toBe(50);
      expect(sum('Print to Std. Out', 'recordsIn')).toBe(50);
      const subtasks = m.tasks.filter((t) => t.vertex.includes('Triple')).map((t) => t.subtask);
      expect(subtasks.sort()).toEqual([0, 1]);
    } finally {
      console.log = log;
    }
  });

  it('cancel() of an unbounded job ends CANCELED and the awaited promise rejects', async () => {
    const env = StreamExecutionEnvironment.create();
    const q = new PushQueue<number>();
    const out = env
      .fromAsyncIterable(q)
      .map((x) => x + 1)
      .executeAndCollect('forever');
    const statuses: JobStatus[] = [];
    out.job.on((e) => {
      if (e.type === 'status') statuses.push(e.status);
    });
    const it = out[Symbol.asyncIterator]();
    q.push(1);
    expect(await readUntil(it, () => true)).toEqual([2]);
    expect(out.job.status).toBe('RUNNING');
    await out.job.cancel();
    const err = await out.job.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(JobCancelledError);
    expect((err as Error).message).toBe("Job 'forever' was cancelled");
    expect(out.job.status).toBe('CANCELED');
    expect(statuses).toEqual(['RUNNING', 'CANCELLING', 'CANCELED']);
    await expect(it.next()).rejects.toThrow(/was cancelled/);
    // Cancelling a finished job is a no-op.
    await out.job.cancel();
    expect(out.job.status).toBe('CANCELED');
  });

  it('a failing user function fails the job naming operator, subtask and the user stack', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const job = env
      .fromSequence(1, 100)
      .map(
        {
          sub: -1,
          open(ctx: RuntimeContext) {
            this.sub = ctx.indexOfThisSubtask;
          },
          map(x: number) {
            if (this.sub === 1 && x > 0) explodeInUserCode(x);
            return x;
          },
        },
        'Exploder',
      )
      .executeAndCollect();
    const err = (await job.toArray().then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/^Operator 'Exploder' \(subtask 2\/2\) failed: bad record \d+/);
    expect(err.message).toMatch(/Caused by: Error: bad record \d+\n\s+at explodeInUserCode/);
    expect(job.job.status).toBe('FAILED');
    expect(job.job.error).toBe(err);
  });

  it('an exception in open() fails the job before any record flows', async () => {
    let flowed = 0;
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const job = env
      .fromSequence(1, 1000)
      .map((x) => {
        flowed++;
        return x;
      })
      .rebalance()
      .map(
        {
          open() {
            throw new Error('cannot reach the database');
          },
          map: (x: number) => x,
        },
        'Enricher',
      )
      .executeAndCollect();
    await expect(job.toArray()).rejects.toThrow(
      /Operator 'Enricher' \(subtask 1\/2\) failed: cannot reach the database/,
    );
    expect(flowed).toBe(0);
    expect(job.job.status).toBe('FAILED');
  });
});

function explodeInUserCode(x: number): never {
  throw new Error(`bad record ${x}`);
}

describe('configuration', () => {
  it('rejects unknown keys and suggests the closest valid key', () => {
    expect(() => StreamExecutionEnvironment.create({ 'parallelism.defualt': 2 })).toThrow(
      "Unknown configuration key 'parallelism.defualt'. Did you mean 'parallelism.default'?",
    );
    expect(() => StreamExecutionEnvironment.create({ 'execution.runtime-mod': 'BATCH' })).toThrow(
      /Did you mean 'execution.runtime-mode'\?/,
    );
    expect(() => StreamExecutionEnvironment.create({ 'completely.different': 1 })).toThrow(ConfigError);
  });

  it('bad values name the key', () => {
    expect(() => StreamExecutionEnvironment.create({ 'parallelism.default': 'four' })).toThrow(
      "Option 'parallelism.default' expects an integer, got 'four'",
    );
    expect(() => StreamExecutionEnvironment.create({ 'parallelism.default': 0 })).toThrow(
      /Option 'parallelism.default' must be at least 1, got 0/,
    );
    expect(() => StreamExecutionEnvironment.create({ 'execution.runtime-mode': 'STREEMING' })).toThrow(
      /Option 'execution.runtime-mode' expects one of .*STREAMING.*got 'STREEMING'. Did you mean 'STREAMING'\?/,
    );
    expect(() => StreamExecutionEnvironment.create({ 'pipeline.operator-chaining.enabled': 'yes' })).toThrow(
      /Option 'pipeline.operator-chaining.enabled' expects true or false/,
    );
    expect(() => StreamExecutionEnvironment.create({ 'pipeline.auto-watermark-interval': 'soon' })).toThrow(
      /Option 'pipeline.auto-watermark-interval'/,
    );
    expect(() => StreamExecutionEnvironment.create().setParallelism(0)).toThrow(/parallelism.default/);
    const env = StreamExecutionEnvironment.create();
    expect(() =>
      env
        .fromSequence(1, 2)
        .map((x) => x)
        .setParallelism(-1),
    ).toThrow(/Parallelism must be a positive integer, got -1/);
  });

  it('accepts valid values given as text', () => {
    const env = StreamExecutionEnvironment.create({
      'parallelism.default': '3',
      'execution.runtime-mode': 'batch',
      'pipeline.auto-watermark-interval': '2 s',
    });
    expect(env.getParallelism()).toBe(3);
    expect(env.config.toRecord()).toMatchObject({
      'execution.runtime-mode': 'BATCH',
      'pipeline.auto-watermark-interval': 2000,
    });
  });
});

/** Watches every local channel: the most data buffers queued (sent, not yet polled) at once, and buffer sizes. */
async function watchChannels<T>(run: () => Promise<T>): Promise<{ result: T; maxQueued: number; maxBuffer: number }> {
  const queued = new WeakMap<object, number>();
  let maxQueued = 0;
  let maxBuffer = 0;
  const proto = LocalChannel.prototype as unknown as {
    send(e: { kind: number; values?: unknown[] }): void;
    poll(): { kind: number } | undefined;
  };
  const send = proto.send;
  const poll = proto.poll;
  proto.send = function (this: object, e) {
    if (e.kind === EventKind.Data) {
      const n = (queued.get(this) ?? 0) + 1;
      queued.set(this, n);
      maxQueued = Math.max(maxQueued, n);
      maxBuffer = Math.max(maxBuffer, e.values!.length);
    }
    send.call(this, e);
  };
  proto.poll = function (this: object) {
    const e = poll.call(this);
    if (e?.kind === EventKind.Data) queued.set(this, queued.get(this)! - 1);
    return e;
  };
  try {
    const result = await run();
    return { result, maxQueued, maxBuffer };
  } finally {
    proto.send = send;
    proto.poll = poll;
  }
}

const smallBuffers = (perChannel: number) =>
  StreamExecutionEnvironment.create({ 'tributary.buffer.per-channel': perChannel, 'tributary.buffer.records': 16 });

describe('back-pressure', () => {
  it('a slow (busy) consumer: bounded channel queue, bounded records in flight, order kept', async () => {
    let emitted = 0;
    let consumed = 0;
    let maxOutstanding = 0;
    const n = 3000;
    const { result, maxQueued, maxBuffer } = await watchChannels(() =>
      smallBuffers(1)
        .fromSequence(1, n)
        .map((x) => {
          emitted++;
          return x;
        })
        .map((x) => {
          consumed++;
          maxOutstanding = Math.max(maxOutstanding, emitted - consumed);
          const until = performance.now() + 0.01; // busy: ~10 µs per record
          while (performance.now() < until) {}
          return x;
        })
        .disableChaining()
        .executeAndCollect()
        .toArray(),
    );
    expect(result).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // Capacity 1 buffer per channel: at most capacity + 1 data buffers queued on a channel.
    expect(maxQueued).toBeLessThanOrEqual(2);
    expect(maxBuffer).toBeLessThanOrEqual(16);
    // Records between producer and slow map: the buffer in work, queued buffers and the producer's partial one.
    expect(maxOutstanding).toBeLessThanOrEqual(16 * 4);
  });

  it('a consumer that takes no input (full async operator) holds the producer at the channel capacity', async () => {
    const n = 3000;
    const job = (perChannel: number) =>
      watchChannels(() => {
        const env = smallBuffers(perChannel);
        const src = env
          .fromSequence(1, n)
          .map((x) => x)
          .disableChaining();
        return AsyncDataStream.orderedWait(src, (x: number) => new Promise<number>((r) => setTimeout(() => r(x), 0)), {
          capacity: 4,
        })
          .executeAndCollect()
          .toArray();
      });
    const bounded = await job(1);
    expect(bounded.result).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(bounded.maxQueued).toBeLessThanOrEqual(2);
    // The same job with room for 1000 buffers queues far more: the bound above is the channel capacity at work.
    const roomy = await job(1000);
    expect(roomy.result).toEqual(bounded.result);
    expect(roomy.maxQueued).toBeGreaterThan(10);
  });
});
