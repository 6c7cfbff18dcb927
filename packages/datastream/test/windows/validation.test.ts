import {
  EventTimeSessionWindows,
  StreamExecutionEnvironment,
  type TimeWindow,
  type Trigger,
  TriggerResult,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';

describe('window program validation', () => {
  it('an event-time window without watermarks fails before the job starts, saying what to do', () => {
    const env = StreamExecutionEnvironment.create();
    let started = false;
    const stream = env
      .fromElements(1, 2, 3)
      .map((x) => {
        started = true;
        return x;
      })
      .keyBy((x) => x % 2)
      .window(TumblingEventTimeWindows.of(1000))
      .reduce((a, b) => a + b);
    expect(() => stream.executeAndCollect()).toThrow(
      /uses event-time windows \(TumblingEventTimeWindows\(1000\)\), but no watermarks reach it.*assignTimestampsAndWatermarks/,
    );
    expect(started).toBe(false);
  });

  it('so do windowAll, window joins and interval joins', () => {
    const env = StreamExecutionEnvironment.create();
    const s = env.fromElements(1, 2, 3);
    expect(() =>
      s
        .windowAll(TumblingEventTimeWindows.of(10))
        .reduce((a, b) => a + b)
        .executeAndCollect(),
    ).toThrow(/no watermarks reach it/);
    const env2 = StreamExecutionEnvironment.create();
    const a = env2.fromElements(1, 2);
    const b = env2.fromElements(3, 4);
    expect(() =>
      a
        .join(b)
        .where((x) => x)
        .equalTo((x) => x)
        .window(TumblingEventTimeWindows.of(10))
        .apply((x, y) => x + y)
        .executeAndCollect(),
    ).toThrow(/no watermarks reach it/);
    const env3 = StreamExecutionEnvironment.create();
    const c = env3.fromElements(1, 2).keyBy((x) => x);
    const d = env3.fromElements(3, 4).keyBy((x) => x);
    expect(() =>
      c
        .intervalJoin(d)
        .between(0, 1)
        .process(() => {})
        .executeAndCollect(),
    ).toThrow(/interval join \(event time\), but no watermarks reach it/);
  });

  it('processing-time windows need no watermarks', async () => {
    const env = StreamExecutionEnvironment.create();
    // Bounded input ends before the 1 h window would fire (processing-time windows do not fire at end of input).
    const out = await env
      .fromElements(1, 2, 3)
      .keyBy((x) => x % 2)
      .window(TumblingProcessingTimeWindows.of(3_600_000))
      .reduce((a, b) => a + b)
      .executeAndCollect()
      .toArray();
    expect(out).toEqual([]);
  });

  it('merging windows require a trigger that can merge', () => {
    const env = StreamExecutionEnvironment.create();
    const nonMerging: Trigger<number, TimeWindow> = {
      onElement: () => TriggerResult.FIRE,
      onEventTime: () => TriggerResult.CONTINUE,
      onProcessingTime: () => TriggerResult.CONTINUE,
      clear() {},
      toString: () => 'NonMerging',
    };
    const ws = env
      .fromElements(1)
      .keyBy((x) => x)
      .window(EventTimeSessionWindows.withGap(10));
    expect(() => ws.trigger(nonMerging)).toThrow(/cannot be used with a trigger that does not support merging/);
  });

  it('rejects bad settings with clear errors', () => {
    const env = StreamExecutionEnvironment.create();
    const ws = env
      .fromElements(1)
      .keyBy((x) => x)
      .window(TumblingEventTimeWindows.of(10));
    expect(() => ws.allowedLateness(-1)).toThrow(/allowedLateness must be a non-negative number/);
    expect(() => ws.process({} as never)).toThrow(/needs a ProcessWindowFunction/);
    expect(() =>
      env
        .fromElements(1)
        .keyBy((x) => x)
        .window({} as never),
    ).toThrow(/needs a WindowAssigner/);
  });
});
