import {
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  WatermarkStrategy,
} from '@tributary/runtime';
import { randDouble, streamKey } from '../datagen/random.js';
import { NexmarkEventGenerator } from './generator.js';
import { GeneratorConfig } from './generator-config.js';
import type { NexmarkEvent } from './model.js';
import { type NexmarkConfig, type NexmarkOptions, resolveNexmarkConfig } from './options.js';

/**
 * One generator of the reference (a parallel timeline with its own id range): the events it emits after
 * `next` events are a pure function of (firstEventId, next), so this JSON value is the whole checkpoint.
 */
export interface NexmarkSplit {
  readonly generator: number;
  readonly numGenerators: number;
  readonly firstEventId: number;
  readonly maxEvents: number;
  /** Events this generator has emitted (or held back) so far. */
  next: number;
  /** Positions held back by an occasional delay (rate-limited mode only), not yet emitted. */
  held: number[];
}

/**
 * The Nexmark benchmark's event generator as a split-based source: `num.event.generators` splits (default: the
 * parallelism, as in Flink's nexmark), bounded by `events.num` or unbounded, as fast as possible or paced by event
 * time (`rate.limited`). Events come with their event timestamp; pair with `nexmarkWatermarkStrategy`.
 */
export class NexmarkSource implements Source<NexmarkEvent, NexmarkSplit> {
  readonly boundedness: 'bounded' | 'unbounded';
  readonly config: NexmarkConfig;

  constructor(options: NexmarkOptions = {}) {
    this.config = resolveNexmarkConfig(options);
    this.boundedness = this.config.numEvents > 0 ? 'bounded' : 'unbounded';
  }

  createSplits(parallelism: number): NexmarkSplit[] {
    const n = this.config.numEventGenerators ?? parallelism;
    const ranges = new GeneratorConfig(this.config, n).split(n);
    const splits: NexmarkSplit[] = [];
    ranges.forEach((r, i) => {
      if (r.maxEvents > 0) {
        splits.push({
          generator: i,
          numGenerators: n,
          firstEventId: r.firstEventId,
          maxEvents: r.maxEvents,
          next: 0,
          held: [],
        });
      }
    });
    return splits;
  }

  createReader(ctx: SourceReaderContext): SourceReader<NexmarkEvent, NexmarkSplit> {
    return new NexmarkReader(this.config, ctx.batchSize);
  }
}

/**
 * Timestamps (epoch ms) as the source assigns them, watermarks bounded by `nexmarkMaxOutOfOrdernessMs`. Pass the
 * source's parallelism when `num.event.generators` is not set (each generator's events are that much further apart).
 */
export function nexmarkWatermarkStrategy(
  options: NexmarkOptions = {},
  parallelism = 1,
): WatermarkStrategy<NexmarkEvent> {
  const config = resolveNexmarkConfig(options);
  const bound = nexmarkMaxOutOfOrdernessMs(config, config.numEventGenerators ?? parallelism);
  return WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(bound).withTimestampAssigner((e) => e.dateTime);
}

/**
 * watermark.holdback plus the time an out-of-order group spans (events of a group are shuffled within it).
 * Occasionally delayed events (rate-limited mode) are late on purpose and not covered.
 */
export function nexmarkMaxOutOfOrdernessMs(
  config: NexmarkConfig,
  numGenerators = config.numEventGenerators ?? 1,
): number {
  const holdback = config.watermarkHoldbackSec * 1000;
  const n = config.outOfOrderGroupSize;
  if (n <= 1) return holdback;
  // The widest group: delays vary with the rate shape, so take the slowest rate's delay per event (+1 ms for the
  // rounding of timestamps down to milliseconds).
  const slowest = Math.min(config.firstEventRate, config.nextEventRate);
  const perEventMs = (1000 / slowest) * numGenerators;
  return holdback + Math.ceil((n - 1) * perEventMs) + 1;
}

const DELAY_KEY = streamKey(0x4e584d4b, 1);
const DELAY_LENGTH_KEY = streamKey(0x4e584d4b, 2);

interface SplitState {
  readonly split: NexmarkSplit;
  readonly gen: NexmarkEventGenerator;
  /** performance.now() at which this split's event time `baseTime` is due (rate-limited mode). */
  wallBase: number;
}

class NexmarkReader implements SourceReader<NexmarkEvent, NexmarkSplit> {
  private readonly states: SplitState[] = [];
  private readonly generators = new Map<number, NexmarkEventGenerator>();
  private cursor = 0;
  private readonly limited: boolean;
  private readonly delayProb: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly config: NexmarkConfig,
    private readonly batchSize: number,
  ) {
    this.limited = config.rateLimited;
    // As in the reference, occasional delays only exist when events are paced by time.
    const delays = config.rateLimited && config.probDelayedEvent > 0 && config.occasionalDelaySec > 0;
    this.delayProb = delays ? config.probDelayedEvent : 0;
    this.maxDelayMs = config.occasionalDelaySec * 1000;
  }

  addSplits(splits: NexmarkSplit[]): void {
    for (const s of splits) {
      let gen = this.generators.get(s.numGenerators);
      if (gen === undefined) {
        gen = new NexmarkEventGenerator(new GeneratorConfig(this.config, s.numGenerators));
        this.generators.set(s.numGenerators, gen);
      }
      const split: NexmarkSplit = { ...s, held: [...(s.held ?? [])] };
      this.states.push({ split, gen, wallBase: Number.NaN });
    }
  }

  pollNext(out: ReaderOutput<NexmarkEvent>): InputStatus {
    const states = this.states;
    if (states.length === 0) return InputStatus.END_OF_INPUT;
    if (!this.limited) {
      if (this.cursor >= states.length) this.cursor = 0;
      const st = states[this.cursor]!;
      const s = st.split;
      const gen = st.gen;
      const first = s.firstEventId;
      let k = s.next;
      const stop = Math.min(s.maxEvents, k + this.batchSize);
      for (; k < stop; k++) {
        const e = gen.event(first, k);
        out.collect(e, e.dateTime);
      }
      s.next = k;
      if (k >= s.maxEvents) states.splice(this.cursor, 1);
      else this.cursor++;
      return states.length === 0 ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }
    const now = performance.now();
    let emitted = 0;
    for (let tries = 0; tries < states.length && emitted === 0; tries++) {
      if (this.cursor >= states.length) this.cursor = 0;
      emitted = this.pollPaced(states[this.cursor]!, out, now);
      const s = states[this.cursor]!.split;
      if (s.next >= s.maxEvents && s.held.length === 0) states.splice(this.cursor, 1);
      else this.cursor++;
    }
    if (states.length === 0) return InputStatus.END_OF_INPUT;
    return emitted > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
  }

  /** Emits what is due by `now` from one split; returns how many events it emitted. */
  private pollPaced(st: SplitState, out: ReaderOutput<NexmarkEvent>, now: number): number {
    const s = st.split;
    const gen = st.gen;
    const gc = gen.gc;
    if (Number.isNaN(st.wallBase)) st.wallBase = now - this.offsetMs(gc, s.next);
    let budget = this.batchSize;
    const held = s.held;
    for (let i = 0; i < held.length && budget > 0; ) {
      const k = held[i]!;
      if (st.wallBase + this.offsetMs(gc, k) + this.delayMs(gen.eventId(s.firstEventId, k)) <= now) {
        const e = gen.event(s.firstEventId, k);
        out.collect(e, e.dateTime);
        held.splice(i, 1);
        budget--;
      } else i++;
    }
    const due = now - st.wallBase;
    let k = s.next;
    while (budget > 0 && k < s.maxEvents && this.offsetMs(gc, k) <= due) {
      if (this.delayProb > 0 && this.isDelayed(gen.eventId(s.firstEventId, k))) held.push(k);
      else {
        const e = gen.event(s.firstEventId, k);
        out.collect(e, e.dateTime);
        budget--;
      }
      k++;
    }
    s.next = k;
    return this.batchSize - budget;
  }

  /** Wallclock offset of a position from its generator's start: its (unshuffled) event time since baseTime. */
  private offsetMs(gc: GeneratorConfig, k: number): number {
    return gc.timestampForEvent(k + 1) - gc.baseTime;
  }

  // Whether and how long an event is held back is a hash of its id, so a restored reader decides the same.
  private isDelayed(eventId: number): boolean {
    return randDouble(DELAY_KEY, eventId) < this.delayProb;
  }

  private delayMs(eventId: number): number {
    return 1 + Math.floor(randDouble(DELAY_LENGTH_KEY, eventId) * this.maxDelayMs);
  }

  async isAvailable(): Promise<void> {
    if (!this.limited) return;
    for (;;) {
      const now = performance.now();
      let earliest = Number.POSITIVE_INFINITY;
      for (const st of this.states) {
        const s = st.split;
        const gc = st.gen.gc;
        if (Number.isNaN(st.wallBase)) return;
        if (s.next < s.maxEvents) earliest = Math.min(earliest, st.wallBase + this.offsetMs(gc, s.next));
        for (const k of s.held) {
          earliest = Math.min(
            earliest,
            st.wallBase + this.offsetMs(gc, k) + this.delayMs(st.gen.eventId(s.firstEventId, k)),
          );
        }
      }
      if (earliest <= now || earliest === Number.POSITIVE_INFINITY) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(earliest - now))));
    }
  }

  snapshotState(): NexmarkSplit[] {
    return this.states.map(({ split: s }) => ({ ...s, held: [...s.held] }));
  }
}
