import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GeneratorConfig,
  type NexmarkEvent,
  NexmarkEventGenerator,
  type NexmarkOptions,
  resolveNexmarkConfig,
} from '@tributary/connectors';

/** Every generator's events, generator by generator (the reference's split order). */
export function generatorEvents(options: NexmarkOptions, generators: number): NexmarkEvent[][] {
  const gc = new GeneratorConfig(resolveNexmarkConfig({ ...options, 'num.event.generators': generators }), generators);
  const gen = new NexmarkEventGenerator(gc);
  return gc.split(generators).map((r) => Array.from({ length: r.maxEvents }, (_, k) => gen.event(r.firstEventId, k)));
}

/** An event in the fixtures' line format (bidder + 1000: nexmark-flink adds FIRST_PERSON_ID twice). */
export function fixtureLine(e: NexmarkEvent): string {
  if (e.person) {
    const p = e.person;
    return [e.dateTime, 'P', p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state, p.dateTime, p.extra].join(
      '|',
    );
  }
  if (e.auction) {
    const a = e.auction;
    const f = [a.id, a.itemName, a.description, a.initialBid, a.reserve, a.dateTime, a.expires, a.seller, a.category];
    return [e.dateTime, 'A', ...f, a.extra].join('|');
  }
  const b = e.bid!;
  return [e.dateTime, 'B', b.auction, b.bidder + 1000, b.price, b.channel, b.url, b.dateTime, b.extra].join('|');
}

export function fixture(name: string): string[] {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')
    .trimEnd()
    .split('\n');
}

/** A canonical text of an event, for multiset comparisons. */
export const key = (e: NexmarkEvent) => JSON.stringify(e);
