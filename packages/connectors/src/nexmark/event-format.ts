import type { Auction, Bid, NexmarkEvent, NexmarkEventType, Person } from './model.js';

/**
 * Text forms of Nexmark events so another engine can read identical input. Timestamps are written as Flink SQL
 * TIMESTAMP(3) text in UTC, `yyyy-MM-dd HH:mm:ss.SSS` (Flink's JSON format default 'SQL' timestamp standard).
 *
 * JSON lines: {"event_type":0|1|2,"person":{...}|null,"auction":{...}|null,"bid":{...}|null,"dateTime":"..."},
 * nested field names as in Flink nexmark's `datagen` table (the top-level dateTime is its computed column).
 *
 * CSV: one flat row per event, columns `NEXMARK_CSV_COLUMNS` (the nested rows' fields prefixed with their type);
 * the fields of absent rows are empty (null), strings are always double-quoted (so an empty `extra` is `""`).
 */
export const NEXMARK_CSV_COLUMNS: readonly string[] = [
  'event_type',
  'person_id',
  'person_name',
  'person_emailAddress',
  'person_creditCard',
  'person_city',
  'person_state',
  'person_dateTime',
  'person_extra',
  'auction_id',
  'auction_itemName',
  'auction_description',
  'auction_initialBid',
  'auction_reserve',
  'auction_dateTime',
  'auction_expires',
  'auction_seller',
  'auction_category',
  'auction_extra',
  'bid_auction',
  'bid_bidder',
  'bid_price',
  'bid_channel',
  'bid_url',
  'bid_dateTime',
  'bid_extra',
  'dateTime',
];

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayText = '';

/** epoch ms -> 'yyyy-MM-dd HH:mm:ss.SSS' (UTC). The date part is cached: consecutive events share a day. */
export function formatNexmarkTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    const iso = new Date(day * DAY_MS).toISOString(); // yyyy-MM-ddT00:00:00.000Z (years 0..9999)
    cachedDayText = `${iso.slice(0, 10)} `;
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${cachedDayText}${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}`;
}

/** 'yyyy-MM-dd HH:mm:ss.SSS' (UTC) -> epoch ms. */
export function parseNexmarkTimestamp(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(text);
  const ms = m === null ? Number.NaN : Date.parse(`${m[1]}T${m[2]}Z`);
  if (Number.isNaN(ms)) throw new SyntaxError(`Not a TIMESTAMP(3) text 'yyyy-MM-dd HH:mm:ss.SSS': '${text}'`);
  return ms;
}

const q = JSON.stringify;

/** One JSON line (without the newline). */
export function nexmarkEventToJson(e: NexmarkEvent): string {
  const ts = `"${formatNexmarkTimestamp(e.dateTime)}"`;
  const p = e.person;
  const a = e.auction;
  const b = e.bid;
  const person =
    p === null
      ? 'null'
      : `{"id":${p.id},"name":${q(p.name)},"emailAddress":${q(p.emailAddress)},"creditCard":${q(p.creditCard)},"city":${q(p.city)},"state":${q(p.state)},"dateTime":${ts},"extra":${q(p.extra)}}`;
  const auction =
    a === null
      ? 'null'
      : `{"id":${a.id},"itemName":${q(a.itemName)},"description":${q(a.description)},"initialBid":${a.initialBid},"reserve":${a.reserve},"dateTime":${ts},"expires":"${formatNexmarkTimestamp(a.expires)}","seller":${a.seller},"category":${a.category},"extra":${q(a.extra)}}`;
  const bid =
    b === null
      ? 'null'
      : `{"auction":${b.auction},"bidder":${b.bidder},"price":${b.price},"channel":${q(b.channel)},"url":${q(b.url)},"dateTime":${ts},"extra":${q(b.extra)}}`;
  return `{"event_type":${e.event_type},"person":${person},"auction":${auction},"bid":${bid},"dateTime":${ts}}`;
}

function csvString(s: string): string {
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
}

const NO_PERSON = ',,,,,,,';
const NO_AUCTION = ',,,,,,,,,';
const NO_BID = ',,,,,,';

/** One CSV row (without the newline), columns NEXMARK_CSV_COLUMNS. */
export function nexmarkEventToCsv(e: NexmarkEvent): string {
  const ts = formatNexmarkTimestamp(e.dateTime);
  const p = e.person;
  const a = e.auction;
  const b = e.bid;
  const person =
    p === null
      ? NO_PERSON
      : `${p.id},${csvString(p.name)},${csvString(p.emailAddress)},${csvString(p.creditCard)},${csvString(p.city)},${csvString(p.state)},${ts},${csvString(p.extra)}`;
  const auction =
    a === null
      ? NO_AUCTION
      : `${a.id},${csvString(a.itemName)},${csvString(a.description)},${a.initialBid},${a.reserve},${ts},${formatNexmarkTimestamp(a.expires)},${a.seller},${a.category},${csvString(a.extra)}`;
  const bid =
    b === null
      ? NO_BID
      : `${b.auction},${b.bidder},${b.price},${csvString(b.channel)},${csvString(b.url)},${ts},${csvString(b.extra)}`;
  return `${e.event_type},${person},${auction},${bid},${ts}`;
}

function checkType(t: unknown, where: string): NexmarkEventType {
  if (t !== 0 && t !== 1 && t !== 2) throw new SyntaxError(`${where}: event_type must be 0, 1 or 2, got ${String(t)}`);
  return t;
}

/** Parses a line written by nexmarkEventToJson. */
export function nexmarkEventFromJson(line: string): NexmarkEvent {
  const o = JSON.parse(line) as Record<string, Record<string, unknown> | null | number | string>;
  const type = checkType(o.event_type, 'nexmark JSON line');
  const ts = (v: unknown) => parseNexmarkTimestamp(String(v));
  const p = o.person as Record<string, unknown> | null;
  const a = o.auction as Record<string, unknown> | null;
  const b = o.bid as Record<string, unknown> | null;
  const person: Person | null = p === null ? null : ({ ...p, dateTime: ts(p.dateTime) } as unknown as Person);
  const auction: Auction | null =
    a === null ? null : ({ ...a, dateTime: ts(a.dateTime), expires: ts(a.expires) } as unknown as Auction);
  const bid: Bid | null = b === null ? null : ({ ...b, dateTime: ts(b.dateTime) } as unknown as Bid);
  return { event_type: type, person, auction, bid, dateTime: ts(o.dateTime) };
}

/** Splits one CSV row (RFC 4180 quoting; a quoted empty field is '', an unquoted empty one null). */
export function splitCsvRow(line: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let s = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) throw new SyntaxError(`Unterminated quoted CSV field at column ${i}: ${line.slice(0, 80)}`);
        s += line.slice(i, j);
        if (line.charCodeAt(j + 1) === 34) {
          s += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      out.push(s);
    } else {
      const j = line.indexOf(',', i);
      const raw = j < 0 ? line.slice(i) : line.slice(i, j);
      out.push(raw === '' ? null : raw);
      i = j < 0 ? line.length : j;
    }
    if (i >= line.length) return out;
    if (line.charCodeAt(i) !== 44) throw new SyntaxError(`Expected ',' at column ${i}: ${line.slice(0, 80)}`);
    i++;
    if (i === line.length) {
      out.push(null);
      return out;
    }
  }
}

/** Parses a row written by nexmarkEventToCsv. */
export function nexmarkEventFromCsv(line: string): NexmarkEvent {
  const f = splitCsvRow(line);
  if (f.length !== NEXMARK_CSV_COLUMNS.length)
    throw new SyntaxError(`nexmark CSV row has ${f.length} fields, expected ${NEXMARK_CSV_COLUMNS.length}`);
  const type = checkType(Number(f[0]), 'nexmark CSV row');
  const n = (i: number) => Number(f[i]);
  const s = (i: number) => f[i] ?? '';
  const t = (i: number) => parseNexmarkTimestamp(s(i));
  const person: Person | null =
    type !== 0
      ? null
      : {
          id: n(1),
          name: s(2),
          emailAddress: s(3),
          creditCard: s(4),
          city: s(5),
          state: s(6),
          dateTime: t(7),
          extra: s(8),
        };
  const auction: Auction | null =
    type !== 1
      ? null
      : {
          id: n(9),
          itemName: s(10),
          description: s(11),
          initialBid: n(12),
          reserve: n(13),
          dateTime: t(14),
          expires: t(15),
          seller: n(16),
          category: n(17),
          extra: s(18),
        };
  const bid: Bid | null =
    type !== 2
      ? null
      : { auction: n(19), bidder: n(20), price: n(21), channel: s(22), url: s(23), dateTime: t(24), extra: s(25) };
  return { event_type: type, person, auction, bid, dateTime: t(26) };
}
