/**
 * The Nexmark event model (Flink nexmark's `datagen` table): one row per event with `event_type` and the row of
 * that type, the other two null. Timestamps are epoch milliseconds (TIMESTAMP(3) in SQL).
 */

export const EVENT_TYPE_PERSON = 0;
export const EVENT_TYPE_AUCTION = 1;
export const EVENT_TYPE_BID = 2;
export type NexmarkEventType = 0 | 1 | 2;

export interface Person {
  id: number;
  name: string;
  emailAddress: string;
  creditCard: string;
  city: string;
  state: string;
  dateTime: number;
  extra: string;
}

export interface Auction {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
}

export interface Bid {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
}

export interface NexmarkEvent {
  event_type: NexmarkEventType;
  person: Person | null;
  auction: Auction | null;
  bid: Bid | null;
  /** The event's timestamp (the nested row's dateTime), as Flink nexmark's computed `dateTime` column. */
  dateTime: number;
}

/** First ids, as in the reference (they start high so small runs still find matches in joins). */
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
