import { ManualClock } from '@tributary/core';
import { StreamExecutionEnvironment, WatermarkStrategy } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';

describe('process function context', () => {
  it('records emitted from a processing-time timer carry no timestamp; event-time ones carry the timer time', async () => {
    const clock = new ManualClock(1000);
    const env = StreamExecutionEnvironment.create().setClock(clock);
    const out = await env
      .fromCollection([1, 2], { timestamps: (x) => x * 10 })
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>())
      .keyBy((x) => x)
      .process<string>({
        processElement(x, ctx) {
          ctx.timerService().registerEventTimeTimer(x * 10 + 5);
          ctx.timerService().registerProcessingTimeTimer(0);
        },
        onTimer(t, ctx, out) {
          out.collect(`${ctx.timeDomain()}@${t}`);
        },
      })
      .process<string>({
        processElement(s, ctx, out) {
          out.collect(`${s} ts=${ctx.timestamp() ?? 'none'}`);
        },
      })
      .executeAndCollect()
      .toArray();
    expect(out.sort()).toEqual(
      ['EVENT_TIME@15 ts=15', 'EVENT_TIME@25 ts=25', 'PROCESSING_TIME@0 ts=none', 'PROCESSING_TIME@0 ts=none'].sort(),
    );
  });

  it('a non-keyed process function can read processing time and the current watermark', async () => {
    const clock = new ManualClock(4242);
    const env = StreamExecutionEnvironment.create().setClock(clock);
    const out = await env
      .fromElements('a')
      .process<string>({
        processElement(v, ctx, out) {
          out.collect(`${v} ${ctx.timerService().currentProcessingTime()} ${ctx.timerService().currentWatermark()}`);
        },
      })
      .executeAndCollect()
      .toArray();
    expect(out).toEqual(['a 4242 -Infinity']);
  });
});
