import { ConfigError, type Configuration } from '@tributary/core';
import { CheckpointOptions, RestartOptions } from '../checkpoint/checkpoint-options.js';

/** Decides whether and when a failed job restarts (Flink's restart strategies). */
export interface RestartStrategy {
  readonly name: string;
  /** Called on each failure; returns the delay before restarting, or undefined to fail the job. */
  onFailure(now: number): number | undefined;
}

class NoRestart implements RestartStrategy {
  readonly name = 'none';
  onFailure(): number | undefined {
    return undefined;
  }
}

class FixedDelay implements RestartStrategy {
  readonly name = 'fixed-delay';
  private used = 0;
  constructor(
    private readonly attempts: number,
    private readonly delay: number,
  ) {}
  onFailure(): number | undefined {
    if (this.used >= this.attempts) return undefined;
    this.used++;
    return this.delay;
  }
}

class FailureRate implements RestartStrategy {
  readonly name = 'failure-rate';
  private readonly failures: number[] = [];
  constructor(
    private readonly max: number,
    private readonly interval: number,
    private readonly delay: number,
  ) {}
  onFailure(now: number): number | undefined {
    this.failures.push(now);
    while (this.failures.length > 0 && this.failures[0]! < now - this.interval) this.failures.shift();
    return this.failures.length > this.max ? undefined : this.delay;
  }
}

/** Flink 2.x default: delay grows by a multiplier up to a maximum, with jitter; resets after a quiet period. */
export class ExponentialDelay implements RestartStrategy {
  readonly name = 'exponential-delay';
  private current: number;
  private lastFailure = Number.NEGATIVE_INFINITY;
  private attempts = 0;
  constructor(
    private readonly initial: number,
    private readonly max: number,
    private readonly multiplier: number,
    private readonly resetThreshold: number,
    private readonly jitter: number,
    private readonly maxAttempts: number,
    private readonly random: () => number = Math.random,
  ) {
    this.current = initial;
  }
  onFailure(now: number): number | undefined {
    if (now - this.lastFailure >= this.resetThreshold + this.current) {
      this.current = this.initial;
      this.attempts = 0;
    } else {
      this.current = Math.min(this.max, this.current * this.multiplier);
    }
    this.lastFailure = now;
    if (this.attempts >= this.maxAttempts) return undefined;
    this.attempts++;
    const j = this.current * this.jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(this.current + j));
  }
}

function number(option: { key: string }, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new ConfigError(option.key, `Option '${option.key}' expects a non-negative number, got '${raw}'`);
  return n;
}

export function createRestartStrategy(config: Configuration): RestartStrategy {
  let type = config.get(RestartOptions.TYPE).replace('-', '');
  if (type === '') type = config.get(CheckpointOptions.INTERVAL) > 0 ? 'exponentialdelay' : 'none';
  switch (type) {
    case 'none':
    case 'disable':
    case 'off':
      return new NoRestart();
    case 'fixeddelay':
      return new FixedDelay(config.get(RestartOptions.FIXED_ATTEMPTS), config.get(RestartOptions.FIXED_DELAY));
    case 'failurerate':
      return new FailureRate(
        config.get(RestartOptions.RATE_MAX),
        config.get(RestartOptions.RATE_INTERVAL),
        config.get(RestartOptions.RATE_DELAY),
      );
    default:
      return new ExponentialDelay(
        config.get(RestartOptions.EXP_INITIAL),
        config.get(RestartOptions.EXP_MAX),
        number(RestartOptions.EXP_MULTIPLIER, config.get(RestartOptions.EXP_MULTIPLIER)),
        config.get(RestartOptions.EXP_RESET),
        number(RestartOptions.EXP_JITTER, config.get(RestartOptions.EXP_JITTER)),
        config.get(RestartOptions.EXP_ATTEMPTS),
      );
  }
}
