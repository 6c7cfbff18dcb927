import { ManualClock } from '@tributary/core';
import { BoundedOutOfOrdernessGenerator, type Output, WatermarkStrategy } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
// The emitter is internal to sources and assignTimestampsAndWatermarks; the test reads it from the build.
import { WatermarkEmitter } from '../../dist/watermarks/watermark-emitter.js';

type Ev = ['r', unknown, number] | ['wm', number] | ['idle', boolean];

function recorder(): { out: Output<unknown>; events: Ev[] } {
  const events: Ev[] = [];
  return {
    events,
    out: {
      collect: (v, ts) => events.push(['r', v, ts]),
      collectSide: () => {},
      emitWatermark: (wm) => events.push(['wm', wm]),
      emitWatermarkStatus: (idle) => events.push(['idle', idle]),
    },
  };
}

describe('watermark generators', () => {
  it('bounded out-of-orderness: watermark = max timestamp - bound - 1, never before the first event', () => {
    const wms: number[] = [];
    const output = { emitWatermark: (w: number) => wms.push(w), markIdle() {}, markActive() {} };
    const g = new BoundedOutOfOrdernessGenerator<number>(100);
    g.onPeriodicEmit(output);
    expect(wms).toEqual([]);
    const ts = [1000, 1500, 1200, 900, 2000, 1999];
    let max = Number.NEGATIVE_INFINITY;
    const expected: number[] = [];
    for (const t of ts) {
      g.onEvent(t, t);
      max = Math.max(max, t);
      g.onPeriodicEmit(output);
      expected.push(max - 100 - 1);
    }
    expect(wms).toEqual(expected);
    expect(wms.at(-1)).toBe(1899);
  });

  it('monotonous timestamps: watermark = max timestamp - 1', () => {
    const wms: number[] = [];
    const output = { emitWatermark: (w: number) => wms.push(w), markIdle() {}, markActive() {} };
    const g = WatermarkStrategy.forMonotonousTimestamps<number>().createGenerator();
    for (const t of [5, 10, 10, 20]) {
      g.onEvent(t, t, output);
      g.onPeriodicEmit(output);
    }
    expect(wms).toEqual([4, 9, 9, 19]);
  });

  it('rejects a negative bound and a non-positive idleness timeout', () => {
    expect(() => WatermarkStrategy.forBoundedOutOfOrderness(-1)).toThrow(/maxOutOfOrderness/);
    expect(() => WatermarkStrategy.forMonotonousTimestamps().withIdleness(0)).toThrow(/idleness/);
  });
});

describe('WatermarkEmitter', () => {
  it('assigns timestamps, emits only increasing watermarks', () => {
    const { out, events } = recorder();
    const strategy = WatermarkStrategy.forBoundedOutOfOrderness<{ t: number }>(10).withTimestampAssigner((e) => e.t);
    const em = new WatermarkEmitter(strategy, out, new ManualClock(0), true);
    em.collect({ t: 100 }, Number.NEGATIVE_INFINITY);
    em.onPeriodic();
    em.collect({ t: 50 }, Number.NEGATIVE_INFINITY);
    em.onPeriodic(); // max still 100: no second watermark
    em.collect({ t: 120 }, Number.NEGATIVE_INFINITY);
    em.onPeriodic();
    em.emitWatermark(5); // behind: dropped
    expect(events).toEqual([
      ['r', { t: 100 }, 100],
      ['wm', 89],
      ['r', { t: 50 }, 50],
      ['r', { t: 120 }, 120],
      ['wm', 109],
    ]);
  });

  it('a timestamp assigner returning a non-number fails clearly', () => {
    const { out } = recorder();
    const strategy = WatermarkStrategy.forMonotonousTimestamps<unknown>().withTimestampAssigner(
      () => undefined as unknown as number,
    );
    const em = new WatermarkEmitter(strategy, out, new ManualClock(0), true);
    expect(() => em.collect('x', 0)).toThrow(/Timestamp assigner returned undefined/);
  });

  it('marks the stream idle after the timeout without events and active again on the next event', () => {
    const { out, events } = recorder();
    const clock = new ManualClock(0);
    const strategy = WatermarkStrategy.forMonotonousTimestamps<number>()
      .withTimestampAssigner((e) => e)
      .withIdleness(1000);
    const em = new WatermarkEmitter(strategy, out, clock, true);
    em.collect(10, 0);
    clock.advanceTo(500);
    em.onPeriodic();
    clock.advanceTo(999);
    em.onPeriodic();
    clock.advanceTo(1000);
    em.onPeriodic(); // 1000 ms since the last event: idle
    clock.advanceTo(3000);
    em.onPeriodic(); // still idle, no second status
    em.collect(20, 0);
    em.onPeriodic();
    expect(events).toEqual([
      ['r', 10, 10],
      ['wm', 9],
      ['idle', true],
      ['idle', false],
      ['r', 20, 20],
      ['wm', 19],
    ]);
  });

  it('emits no watermarks when told not to (batch mode)', () => {
    const { out, events } = recorder();
    const em = new WatermarkEmitter(
      WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((e) => e),
      out,
      new ManualClock(0),
      false,
    );
    em.collect(10, 0);
    em.onPeriodic();
    expect(events).toEqual([['r', 10, 10]]);
  });
});
