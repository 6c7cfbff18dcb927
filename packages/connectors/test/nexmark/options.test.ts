import { NEXMARK_DEFAULT_BASE_TIME, NexmarkSource, resolveNexmarkConfig } from '@tributary/connectors';
import { describe, expect, it } from 'vitest';

describe('nexmark options', () => {
  it('defaults are the reference NexmarkConfiguration defaults with a fixed base time', () => {
    const c = resolveNexmarkConfig({});
    expect(c).toMatchObject({
      numEvents: 0,
      firstEventRate: 10_000,
      nextEventRate: 10_000,
      rateShape: 'square',
      ratePeriodSec: 600,
      rateLimited: false,
      personProportion: 1,
      auctionProportion: 3,
      bidProportion: 46,
      avgPersonByteSize: 200,
      avgAuctionByteSize: 500,
      avgBidByteSize: 100,
      hotAuctionRatio: 2,
      hotSellersRatio: 4,
      hotBiddersRatio: 4,
      windowSizeSec: 10,
      windowPeriodSec: 5,
      watermarkHoldbackSec: 0,
      numInFlightAuctions: 100,
      numActivePeople: 1000,
      occasionalDelaySec: 3,
      probDelayedEvent: 0.1,
      outOfOrderGroupSize: 1,
      numEventGenerators: undefined,
      baseTime: 1_436_918_400_000,
    });
    expect(NEXMARK_DEFAULT_BASE_TIME).toBe(Date.UTC(2015, 6, 15));
  });

  it('accepts SQL WITH-clause strings and nexmark-flink key aliases', () => {
    const c = resolveNexmarkConfig({
      'events.num': '1000',
      'rate.limited': 'TRUE',
      'rate.shape': 'SINE',
      'rate.period': '10 min',
      'prob.delayed.event': '0.5',
      'person.avg-size': '1kb',
      'bid.hot-ratio.auctions': '3',
    });
    expect(c).toMatchObject({
      numEvents: 1000,
      rateLimited: true,
      rateShape: 'sine',
      ratePeriodSec: 600,
      probDelayedEvent: 0.5,
      avgPersonByteSize: 1024,
      hotAuctionRatio: 3,
    });
  });

  it('unknown keys name the closest valid key', () => {
    expect(() => resolveNexmarkConfig({ 'event.num': 5 })).toThrow(
      /Unknown nexmark option 'event.num'\. Did you mean 'events.num'\?/,
    );
    expect(() => new NexmarkSource({ 'first-event-rate': 5 } as never)).toThrow(/Did you mean 'first-event.rate'/);
    expect(() => resolveNexmarkConfig({ 'hot.auctions.ratio': 5 })).toThrow(/Did you mean 'hot.auction.ratio'/);
  });

  it('bad values name the key, the value and what is expected', () => {
    expect(() => resolveNexmarkConfig({ 'events.num': -1 })).toThrow(/'events.num': expected a value in \[0,/);
    expect(() => resolveNexmarkConfig({ 'first-event.rate': 0 })).toThrow(/first-event.rate/);
    expect(() => resolveNexmarkConfig({ 'first-event.rate': 'fast' })).toThrow(
      /"fast" for nexmark option 'first-event.rate': expected an integer/,
    );
    expect(() => resolveNexmarkConfig({ 'rate.shape': 'triangle' })).toThrow(
      /'rate.shape': expected 'square' or 'sine'/,
    );
    expect(() => resolveNexmarkConfig({ 'rate.limited': 'yes' })).toThrow(/'rate.limited': expected true or false/);
    expect(() => resolveNexmarkConfig({ 'prob.delayed.event': 2 })).toThrow(
      /'prob.delayed.event': expected a value in \[0, 1\]/,
    );
    expect(() => resolveNexmarkConfig({ 'avg.bid.byte.size': '12 parsecs' })).toThrow(/avg.bid.byte.size/);
    expect(() => resolveNexmarkConfig({ 'rate.period': 'soon' })).toThrow(/rate.period/);
    expect(() => resolveNexmarkConfig({ 'out.of.order.group.size': 1.5 })).toThrow(/expected an integer/);
  });

  it('rejects inconsistent proportions and duplicate keys', () => {
    expect(() =>
      resolveNexmarkConfig({ 'person.proportion': 0, 'auction.proportion': 0, 'bid.proportion': 0 }),
    ).toThrow(/all be 0/);
    expect(() => resolveNexmarkConfig({ 'person.proportion': 0 })).toThrow(/person.proportion must be > 0/);
    expect(() => resolveNexmarkConfig({ 'auction.proportion': 0 })).toThrow(/bids need people and auctions/);
    expect(() => resolveNexmarkConfig({ 'avg.bid.byte.size': 10, 'bid.avg-size': 10 })).toThrow(/given twice/);
    // People only is a valid mix.
    expect(resolveNexmarkConfig({ 'auction.proportion': 0, 'bid.proportion': 0 }).personProportion).toBe(1);
  });
});
