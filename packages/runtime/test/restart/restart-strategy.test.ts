import { Configuration } from '@tributary/core';
import { createRestartStrategy, ExponentialDelay } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

const cfg = (o: Record<string, string>) => new Configuration(o);

describe('restart strategies', () => {
  it('defaults to none without checkpointing and exponential-delay with it (Flink 2.x)', () => {
    expect(createRestartStrategy(cfg({})).name).toBe('none');
    expect(createRestartStrategy(cfg({})).onFailure(0)).toBeUndefined();
    expect(createRestartStrategy(cfg({ 'execution.checkpointing.interval': '1 s' })).name).toBe('exponential-delay');
  });

  it('fixed-delay allows exactly the configured attempts', () => {
    const s = createRestartStrategy(
      cfg({
        'restart-strategy.type': 'fixed-delay',
        'restart-strategy.fixed-delay.attempts': '2',
        'restart-strategy.fixed-delay.delay': '250 ms',
      }),
    );
    expect([s.onFailure(0), s.onFailure(1), s.onFailure(2)]).toEqual([250, 250, undefined]);
  });

  it('failure-rate fails when more than max failures fall into the interval', () => {
    const s = createRestartStrategy(
      cfg({
        'restart-strategy.type': 'failure-rate',
        'restart-strategy.failure-rate.max-failures-per-interval': '2',
        'restart-strategy.failure-rate.failure-rate-interval': '10 s',
        'restart-strategy.failure-rate.delay': '5 ms',
      }),
    );
    expect(s.onFailure(0)).toBe(5);
    expect(s.onFailure(1000)).toBe(5);
    expect(s.onFailure(2000)).toBeUndefined();
    // Old failures leave the window.
    const t = createRestartStrategy(
      cfg({
        'restart-strategy.type': 'failure-rate',
        'restart-strategy.failure-rate.max-failures-per-interval': '1',
        'restart-strategy.failure-rate.failure-rate-interval': '1 s',
      }),
    );
    expect(t.onFailure(0)).toBe(1000);
    expect(t.onFailure(5000)).toBe(1000);
  });

  it('exponential-delay grows by the multiplier up to the maximum and resets after a quiet period', () => {
    const s = new ExponentialDelay(100, 1000, 2, 60_000, 0, 100, () => 0.5);
    expect([
      s.onFailure(0),
      s.onFailure(10),
      s.onFailure(20),
      s.onFailure(30),
      s.onFailure(40),
      s.onFailure(50),
    ]).toEqual([100, 200, 400, 800, 1000, 1000]);
    // Quiet for longer than reset threshold + current backoff: back to the initial delay.
    expect(s.onFailure(50 + 60_000 + 1000)).toBe(100);
  });

  it('exponential-delay jitter stays within +-factor and attempts are bounded', () => {
    const lo = new ExponentialDelay(1000, 10_000, 1.5, 60_000, 0.1, 2, () => 0);
    const hi = new ExponentialDelay(1000, 10_000, 1.5, 60_000, 0.1, 2, () => 1);
    expect(lo.onFailure(0)).toBe(900);
    expect(hi.onFailure(0)).toBe(1100);
    expect(lo.onFailure(1)).toBe(1350);
    expect(lo.onFailure(2)).toBeUndefined();
  });

  it('rejects an unknown strategy and a bad multiplier naming the key', () => {
    expect(() => cfg({ 'restart-strategy.type': 'sometimes' })).toThrow(/restart-strategy.type/);
    expect(() =>
      createRestartStrategy(
        cfg({
          'restart-strategy.type': 'exponential-delay',
          'restart-strategy.exponential-delay.backoff-multiplier': 'x',
        }),
      ),
    ).toThrow(/restart-strategy.exponential-delay.backoff-multiplier/);
  });
});
