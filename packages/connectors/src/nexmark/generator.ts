import type { GeneratorConfig } from './generator-config.js';
import { JavaRandom } from './java-random.js';
import {
  type Auction,
  type Bid,
  EVENT_TYPE_AUCTION,
  EVENT_TYPE_BID,
  EVENT_TYPE_PERSON,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  type NexmarkEvent,
  type Person,
} from './model.js';
import { type ChannelTables, channels, FOUR_DIGITS, HOT_CHANNELS, nextExtra, nextString } from './strings.js';

const SPACE = 32;
const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = [
  'Phoenix',
  'Los Angeles',
  'San Francisco',
  'Boise',
  'Portland',
  'Bend',
  'Redmond',
  'Seattle',
  'Kent',
  'Cheyenne',
];
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
/** Fixed in the reference: hot sellers/bidders/auctions are the first of each batch of 100. */
const HOT_SELLER_RATIO = 100;
const HOT_AUCTION_RATIO = 100;
const HOT_BIDDER_RATIO = 100;
const HOT_CHANNELS_RATIO = 2;
const NUM_CATEGORIES = 5;
/** Ids a little ahead of the last generated one, so some bids/auctions precede their person/auction. */
const PERSON_ID_LEAD = 10;
const AUCTION_ID_LEAD = 10;

/**
 * Builds the event of any (generator, position) directly: the event with id e draws its fields from
 * java.util.Random seeded with e, as the Beam reference generator does, following nexmark-flink's model
 * (bid channel and URL). Pure in (firstEventId, count): a split is resumable from its count alone.
 */
export class NexmarkEventGenerator {
  private readonly rnd = new JavaRandom();
  private readonly tables: ChannelTables;
  private readonly totalProportion: number;
  private readonly personProportion: number;
  private readonly auctionEnd: number;
  private readonly numEventsForAuctions: number;

  constructor(readonly gc: GeneratorConfig) {
    this.tables = channels();
    this.totalProportion = gc.totalProportion;
    this.personProportion = gc.personProportion;
    this.auctionEnd = gc.personProportion + gc.auctionProportion;
    this.numEventsForAuctions =
      gc.auctionProportion === 0
        ? 0
        : Math.floor((gc.config.numInFlightAuctions * gc.totalProportion) / gc.auctionProportion);
  }

  /** Id of the event a generator emits after `count` events (seed of its random fields and its kind). */
  eventId(firstEventId: number, count: number): number {
    return firstEventId + this.gc.adjustedEventNumber(count);
  }

  /** Event timestamp (epoch ms) of a generator's event after `count` events. */
  timestamp(count: number): number {
    return this.gc.timestampForEvent(this.gc.adjustedEventNumber(count));
  }

  /** The event a generator whose ids start at `firstEventId` emits after `count` events. */
  event(firstEventId: number, count: number): NexmarkEvent {
    const gc = this.gc;
    const eventNumber = gc.adjustedEventNumber(count);
    const eventId = firstEventId + eventNumber;
    const ts = gc.timestampForEvent(eventNumber);
    this.rnd.setSeed(eventId);
    const rem = eventId % this.totalProportion;
    if (rem < this.personProportion) {
      return {
        event_type: EVENT_TYPE_PERSON,
        person: this.person(eventId, ts),
        auction: null,
        bid: null,
        dateTime: ts,
      };
    }
    if (rem < this.auctionEnd) {
      return {
        event_type: EVENT_TYPE_AUCTION,
        person: null,
        auction: this.auction(eventNumber, eventId, ts),
        bid: null,
        dateTime: ts,
      };
    }
    return { event_type: EVENT_TYPE_BID, person: null, auction: null, bid: this.bid(eventId, ts), dateTime: ts };
  }

  private person(eventId: number, ts: number): Person {
    const r = this.rnd;
    const id = this.gc.lastBase0PersonId(eventId) + FIRST_PERSON_ID;
    const name = `${FIRST_NAMES[r.nextInt(FIRST_NAMES.length)]} ${LAST_NAMES[r.nextInt(LAST_NAMES.length)]}`;
    const email = `${nextString(r, 7, SPACE)}@${nextString(r, 5, SPACE)}.com`;
    const creditCard = `${FOUR_DIGITS[r.nextInt(10000)]} ${FOUR_DIGITS[r.nextInt(10000)]} ${FOUR_DIGITS[r.nextInt(10000)]} ${FOUR_DIGITS[r.nextInt(10000)]}`;
    const city = US_CITIES[r.nextInt(US_CITIES.length)]!;
    const state = US_STATES[r.nextInt(US_STATES.length)]!;
    const size = 8 + name.length + email.length + creditCard.length + city.length + state.length;
    const extra = nextExtra(r, size, this.gc.config.avgPersonByteSize);
    return { id, name, emailAddress: email, creditCard, city, state, dateTime: ts, extra };
  }

  private auction(eventNumber: number, eventId: number, ts: number): Auction {
    const r = this.rnd;
    const gc = this.gc;
    const c = gc.config;
    const id = gc.lastBase0AuctionId(eventId) + FIRST_AUCTION_ID;
    let seller: number;
    if (r.nextInt(c.hotSellersRatio) > 0) {
      seller = Math.floor(gc.lastBase0PersonId(eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO;
    } else seller = this.nextBase0PersonId(eventId);
    seller += FIRST_PERSON_ID;
    const category = FIRST_CATEGORY_ID + r.nextInt(NUM_CATEGORIES);
    const initialBid = nextPrice(r);
    // Auctions last on average as long as it takes to open numInFlightAuctions more.
    const horizonMs = gc.timestampForEvent(eventNumber + this.numEventsForAuctions) - ts;
    const expires = ts + 1 + nextLong(r, Math.max(horizonMs * 2, 1));
    const itemName = nextString(r, 20, SPACE);
    const description = nextString(r, 100, SPACE);
    const reserve = initialBid + nextPrice(r);
    const size = 8 + itemName.length + description.length + 40;
    const extra = nextExtra(r, size, c.avgAuctionByteSize);
    return { id, itemName, description, initialBid, reserve, dateTime: ts, expires, seller, category, extra };
  }

  private bid(eventId: number, ts: number): Bid {
    const r = this.rnd;
    const gc = this.gc;
    const c = gc.config;
    let auction: number;
    if (r.nextInt(c.hotAuctionRatio) > 0) {
      auction = Math.floor(gc.lastBase0AuctionId(eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO;
    } else auction = this.nextBase0AuctionId(eventId);
    auction += FIRST_AUCTION_ID;
    let bidder: number;
    if (r.nextInt(c.hotBiddersRatio) > 0) {
      // The second person of the batch, so hot bidders and hot sellers differ.
      bidder = Math.floor(gc.lastBase0PersonId(eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1;
    } else bidder = this.nextBase0PersonId(eventId);
    bidder += FIRST_PERSON_ID;
    const price = nextPrice(r);
    let channel: string;
    let url: string;
    if (r.nextInt(HOT_CHANNELS_RATIO) > 0) {
      const i = r.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i]!;
      url = this.tables.hotUrls[i]!;
    } else {
      const i = r.nextInt(this.tables.channels.length);
      channel = this.tables.channels[i]!;
      url = this.tables.urls[i]!;
    }
    const extra = nextExtra(r, 32, c.avgBidByteSize);
    return { auction, bidder, price, channel, url, dateTime: ts, extra };
  }

  /** A person among the active ones or a few ahead (base 0). */
  private nextBase0PersonId(eventId: number): number {
    const numPeople = this.gc.lastBase0PersonId(eventId) + 1;
    const active = Math.min(numPeople, this.gc.config.numActivePeople);
    return numPeople - active + nextLong(this.rnd, active + PERSON_ID_LEAD);
  }

  /** An auction likely still in flight, or a few ahead (base 0). */
  private nextBase0AuctionId(eventId: number): number {
    const last = this.gc.lastBase0AuctionId(eventId);
    const min = Math.max(last - this.gc.config.numInFlightAuctions, 0);
    return min + nextLong(this.rnd, last - min + 1 + AUCTION_ID_LEAD);
  }
}

/**
 * Log-uniform price between 1.00 and 1,000,000.00 (in cents): the reference's round(10^(6u) * 100). Math.exp is
 * about twice as fast as Math.pow and within ~1e-6 of it here (relative error ~5e-15 on values below 1e8), so it
 * rounds the same unless the value sits within 1e-5 of a .5 boundary; there pow decides, as in the reference.
 */
function nextPrice(r: JavaRandom): number {
  const y = r.nextDouble() * 6;
  const v = Math.exp(y * Math.LN10) * 100;
  const frac = v - Math.floor(v);
  if (frac > 0.49999 && frac < 0.50001) return Math.round(10 ** y * 100);
  return Math.round(v);
}

/** The reference's LongGenerator.nextLong: an int draw below 2^31 - 1, else abs(nextLong % n). */
function nextLong(r: JavaRandom, n: number): number {
  if (n < 2147483647) return r.nextInt(n);
  const v = r.nextLong() % BigInt(n);
  return Number(v < 0n ? -v : v);
}
