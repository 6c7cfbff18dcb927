import {
  NEXMARK_DEFAULT_BASE_TIME,
  type NexmarkEvent,
  nexmarkMaxOutOfOrdernessMs,
  resolveNexmarkConfig,
} from '@tributary/connectors';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureLine, generatorEvents } from './helpers.js';

const BASE = NEXMARK_DEFAULT_BASE_TIME;
const typeOf = (e: NexmarkEvent) => e.event_type;

describe('nexmark generator', () => {
  it('equals the reference generator event for event (default options, 1 generator)', () => {
    const [events] = generatorEvents({ 'events.num': 100 }, 1);
    expect(events!.map(fixtureLine)).toEqual(fixture('reference-default-100.txt'));
  });

  it('equals the reference with 3 generators, out-of-order groups of 7 and rate 7777/s', () => {
    const gens = generatorEvents(
      { 'events.num': 300, 'out.of.order.group.size': 7, 'first-event.rate': 7777, 'next-event.rate': 7777 },
      3,
    );
    expect(gens.flat().map(fixtureLine)).toEqual(fixture('reference-3gen-ooo7-rate7777-300.txt'));
  });

  it('proportions are exact over every cycle: 1:3:46 per 50 events, and custom proportions', () => {
    const [events] = generatorEvents({ 'events.num': 5000 }, 1);
    for (let i = 0; i + 50 <= events!.length; i += 50) {
      const block = events!.slice(i, i + 50).map(typeOf);
      expect([0, 1, 2].map((t) => block.filter((x) => x === t).length)).toEqual([1, 3, 46]);
    }
    const [custom] = generatorEvents(
      { 'events.num': 400, 'person.proportion': 2, 'auction.proportion': 5, 'bid.proportion': 13 },
      1,
    );
    for (let i = 0; i + 20 <= 400; i += 20) {
      const block = custom!.slice(i, i + 20).map(typeOf);
      expect([0, 1, 2].map((t) => block.filter((x) => x === t).length)).toEqual([2, 5, 13]);
    }
  });

  // Flink's nexmark numbers events from id 2 (firstEventId 1 + firstEventNumber 1): event ids 0 (person 1000) and
  // 1 (auction 1000) are never generated, so both sequences start at 1001 while the reference still counts
  // person 1000 and auction 1000 as the last ones before their first successors.
  it('ids: people and auctions numbered from 1001 in order; bids and sellers refer to recent ones (or a few ahead)', () => {
    const [events] = generatorEvents({ 'events.num': 60_000 }, 1);
    let people = 0;
    let auctions = 0;
    let hotAuctionBids = 0;
    let bids = 0;
    for (const e of events!) {
      if (e.person) {
        expect(e.person.id).toBe(1000 + ++people);
      } else if (e.auction) {
        const a = e.auction;
        expect(a.id).toBe(1000 + ++auctions);
        const lastPerson = people;
        expect(a.seller).toBeGreaterThanOrEqual(1000 + Math.max(0, lastPerson - 1000));
        expect(a.seller).toBeLessThanOrEqual(1000 + lastPerson + 10);
        expect(a.category >= 10 && a.category <= 14).toBe(true);
        expect(a.reserve).toBeGreaterThanOrEqual(a.initialBid);
        expect(a.expires).toBeGreaterThan(a.dateTime);
      } else {
        const b = e.bid!;
        bids++;
        const lastAuction = auctions;
        const lastPerson = people;
        // In flight: the last 100 auctions (num.in.flight.auctions) plus a lead of 10.
        expect(b.auction).toBeGreaterThanOrEqual(1000 + Math.max(0, lastAuction - 100));
        expect(b.auction).toBeLessThanOrEqual(1000 + lastAuction + 10);
        // Active: the last 1000 people (num.active.people) plus a lead of 10.
        expect(b.bidder).toBeGreaterThanOrEqual(1000 + Math.max(0, lastPerson - 1000));
        expect(b.bidder).toBeLessThanOrEqual(1000 + lastPerson + 10);
        expect(b.price >= 100 && b.price <= 100_000_000).toBe(true);
        if ((b.auction - 1000) % 100 === 0) hotAuctionBids++;
      }
    }
    expect([people, auctions, bids]).toEqual([1200, 3600, 55200]);
    // hot.auction.ratio 2: half the bids go to the hot auction (first of its hundred), the rest spread out.
    expect(hotAuctionBids / bids).toBeGreaterThan(0.45);
    expect(hotAuctionBids / bids).toBeLessThan(0.56);
  });

  it('field shapes and average sizes follow the reference', () => {
    const [events] = generatorEvents({ 'events.num': 50_000 }, 1);
    const hotUrl = new Map<string, string>();
    let bidBytes = 0;
    let bidCount = 0;
    let personBytes = 0;
    let personCount = 0;
    for (const e of events!) {
      if (e.person) {
        const p = e.person;
        expect(p.creditCard).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        expect(p.emailAddress).toMatch(/^[a-z ]*@[a-z ]*\.com$/);
        expect(['AZ', 'CA', 'ID', 'OR', 'WA', 'WY']).toContain(p.state);
        expect(p.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
        personBytes +=
          8 +
          p.name.length +
          p.emailAddress.length +
          p.creditCard.length +
          p.city.length +
          p.state.length +
          p.extra.length;
        personCount++;
      } else if (e.bid) {
        const b = e.bid;
        if (b.channel.startsWith('channel-')) {
          expect(b.url).toMatch(
            /^https:\/\/www\.nexmark\.com\/[a-z_]{3,4}\/[a-z_]{3,4}\/[a-z_]{3,4}\/item\.htm\?query=1(&channel_id=-?\d+)?$/,
          );
        } else {
          expect(['Google', 'Facebook', 'Baidu', 'Apple']).toContain(b.channel);
          // A hot channel always has the same URL.
          if (!hotUrl.has(b.channel)) hotUrl.set(b.channel, b.url);
          expect(b.url).toBe(hotUrl.get(b.channel));
        }
        bidBytes += 32 + b.extra.length;
        bidCount++;
      }
    }
    expect(bidBytes / bidCount).toBeGreaterThan(95);
    expect(bidBytes / bidCount).toBeLessThan(105);
    expect(personBytes / personCount).toBeGreaterThan(190);
    expect(personBytes / personCount).toBeLessThan(210);
  });

  it('timestamps: generator i event k at base + (k + 1) * generators * 1e6 / rate µs, monotone per generator', () => {
    for (const generators of [1, 3]) {
      const gens = generatorEvents(
        { 'events.num': 3000, 'first-event.rate': 10_000, 'next-event.rate': 10_000 },
        generators,
      );
      for (const events of gens) {
        events.forEach((e, k) => {
          expect(e.dateTime).toBe(BASE + Math.floor(((k + 1) * 100 * generators) / 1000));
          const nested = e.person ?? e.auction ?? e.bid;
          expect(nested!.dateTime).toBe(e.dateTime);
        });
      }
    }
  });

  it('square rate shape alternates first and next rate every half period', () => {
    // 1000/s for 2 s then 2000/s for 2 s, repeating every 4 s.
    const [events] = generatorEvents(
      { 'events.num': 12_000, 'first-event.rate': 1000, 'next-event.rate': 2000, 'rate.period': 4 },
      1,
    );
    const perSecond = new Map<number, number>();
    for (const e of events!) {
      const s = Math.floor((e.dateTime - BASE) / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((s) => perSecond.get(s))).toEqual([
      999, 1000, 2000, 2000, 1000, 1000, 2000, 2000,
    ]);
  });

  it('out-of-order groups shuffle timestamps within a group only, within the helper bound', () => {
    const options = {
      'events.num': 4000,
      'out.of.order.group.size': 50,
      'first-event.rate': 1000,
      'next-event.rate': 1000,
    };
    const [events] = generatorEvents(options, 1);
    const bound = nexmarkMaxOutOfOrdernessMs(resolveNexmarkConfig(options), 1);
    let max = Number.NEGATIVE_INFINITY;
    let late = 0;
    events!.forEach((e, k) => {
      const eventNumber = k + 1;
      const groupStart = eventNumber - (eventNumber % 50);
      // 1000 events/s: event number n has timestamp base + n ms; a shuffled event stays in its group.
      expect(e.dateTime - BASE).toBeGreaterThanOrEqual(groupStart);
      expect(e.dateTime - BASE).toBeLessThan(groupStart + 50);
      if (e.dateTime < max) late++;
      expect(max - e.dateTime).toBeLessThanOrEqual(bound);
      max = Math.max(max, e.dateTime);
    });
    expect(late).toBeGreaterThan(1000);
    expect(bound).toBe(50);
  });
});
