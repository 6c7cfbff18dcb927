import type { NexmarkConfig } from './options.js';

/**
 * The reference's GeneratorConfig: event numbering, the event-id space and event timestamps of generators that
 * run on parallel timelines. Flink nexmark's table source numbers events from 1 (firstEventNumber) and ids from
 * 1 + its generator's offset (firstEventId); every generator steps its timestamps by `numGenerators` times the
 * overall inter-event delay, so together they produce `first-event.rate` events per second of event time.
 */
export const FIRST_EVENT_ID = 1;
export const FIRST_EVENT_NUMBER = 1;

/** One generator's share: event ids firstEventId + FIRST_EVENT_NUMBER + [0, maxEvents). */
export interface GeneratorRange {
  readonly firstEventId: number;
  readonly maxEvents: number;
}

export class GeneratorConfig {
  readonly totalProportion: number;
  readonly personProportion: number;
  readonly auctionProportion: number;
  /** Events of all generators together (unbounded runs use the reference's overflow-safe maximum). */
  readonly maxEvents: number;
  /** Single delay (the common case: first rate = next rate), microseconds, as a double like nexmark-flink. */
  private readonly singleDelayUs: number;
  /** Rate-shape steps (Beam's GeneratorConfig) when first and next rate differ; empty otherwise. */
  private readonly delaysUs: readonly number[];
  private readonly stepLengthSec: number;
  private readonly eventsPerEpoch: number;
  private readonly epochPeriodMs: number;
  private readonly groupSize: number;
  readonly baseTime: number;

  constructor(
    readonly config: NexmarkConfig,
    readonly numGenerators: number,
  ) {
    this.personProportion = config.personProportion;
    this.auctionProportion = config.auctionProportion;
    this.totalProportion = config.personProportion + config.auctionProportion + config.bidProportion;
    this.baseTime = config.baseTime;
    this.groupSize = config.outOfOrderGroupSize;
    if (config.numEvents > 0) this.maxEvents = config.numEvents;
    else {
      const biggest = Math.max(config.avgPersonByteSize, config.avgAuctionByteSize, config.avgBidByteSize);
      this.maxEvents = Number(9223372036854775807n / BigInt(this.totalProportion * biggest));
    }
    this.singleDelayUs = (1_000_000 / config.firstEventRate) * numGenerators;
    const steps = config.rateShape === 'square' ? 2 : 10;
    this.stepLengthSec = Math.floor((config.ratePeriodSec + steps - 1) / steps);
    const delays: number[] = [];
    if (config.firstEventRate !== config.nextEventRate) {
      const periodUs = (rate: number) => Math.floor((1_000_000 + Math.floor(rate / 2)) / rate) * numGenerators;
      if (config.rateShape === 'square') delays.push(periodUs(config.firstEventRate), periodUs(config.nextEventRate));
      else {
        const mid = (config.firstEventRate + config.nextEventRate) / 2;
        const amp = (config.firstEventRate - config.nextEventRate) / 2;
        for (let i = 0; i < steps; i++)
          delays.push(periodUs(Math.round(mid + amp * Math.cos((2 * Math.PI * i) / steps))));
      }
    }
    this.delaysUs = delays;
    let eventsPerEpoch = 0;
    let epochPeriodMs = 0;
    for (const d of delays) {
      const n = Math.floor((this.stepLengthSec * 1_000_000) / d);
      eventsPerEpoch += n;
      epochPeriodMs += Math.floor((n * d) / 1000);
    }
    this.eventsPerEpoch = eventsPerEpoch;
    this.epochPeriodMs = epochPeriodMs;
  }

  /** The reference's split(n): contiguous id ranges, the last one takes the remainder. */
  split(n: number): GeneratorRange[] {
    const sub = Math.floor(this.maxEvents / n);
    const out: GeneratorRange[] = [];
    for (let i = 0; i < n; i++) {
      out.push({
        firstEventId: FIRST_EVENT_ID + i * sub,
        maxEvents: i === n - 1 ? this.maxEvents - sub * (n - 1) : sub,
      });
    }
    return out;
  }

  /** Event number of a generator's event after `count` emitted ones, with out-of-order groups applied. */
  adjustedEventNumber(count: number): number {
    const n = this.groupSize;
    const eventNumber = FIRST_EVENT_NUMBER + count;
    if (n === 1) return eventNumber;
    const rem = eventNumber % n;
    // (eventNumber * 953) % n without overflowing 2^53.
    return eventNumber - rem + ((rem * 953) % n);
  }

  /** Event number whose timestamp bounds this and all later events of the generator (out-of-order groups). */
  watermarkEventNumber(count: number): number {
    const eventNumber = FIRST_EVENT_NUMBER + count;
    return eventNumber - (eventNumber % this.groupSize);
  }

  /** Event timestamp (epoch ms) of an event number. */
  timestampForEvent(eventNumber: number): number {
    if (this.delaysUs.length === 0)
      return this.baseTime + Math.floor(Math.trunc(eventNumber * this.singleDelayUs) / 1000);
    const epoch = Math.floor(eventNumber / this.eventsPerEpoch);
    let n = eventNumber % this.eventsPerEpoch;
    let offsetInEpochMs = 0;
    for (const d of this.delaysUs) {
      const inStep = Math.floor((this.stepLengthSec * 1_000_000) / d);
      if (n < inStep) return this.baseTime + epoch * this.epochPeriodMs + offsetInEpochMs + Math.floor((n * d) / 1000);
      n -= inStep;
      offsetInEpochMs += Math.floor((inStep * d) / 1000);
    }
    throw new Error('unreachable: eventsPerEpoch covers every step');
  }

  /** Last person id (base 0) generated at or before this event id. */
  lastBase0PersonId(eventId: number): number {
    const epoch = Math.floor(eventId / this.totalProportion);
    let offset = eventId % this.totalProportion;
    if (offset >= this.personProportion) offset = this.personProportion - 1;
    return epoch * this.personProportion + offset;
  }

  /** Last auction id (base 0) generated at or before this event id. */
  lastBase0AuctionId(eventId: number): number {
    let epoch = Math.floor(eventId / this.totalProportion);
    let offset = eventId % this.totalProportion;
    if (offset < this.personProportion) {
      epoch--;
      offset = this.auctionProportion - 1;
    } else if (offset >= this.personProportion + this.auctionProportion) {
      offset = this.auctionProportion - 1;
    } else {
      offset -= this.personProportion;
    }
    return epoch * this.auctionProportion + offset;
  }
}
