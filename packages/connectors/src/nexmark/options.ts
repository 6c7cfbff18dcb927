import { ConfigError, closestMatch, parseDuration } from '@tributary/core';

/**
 * Options of the nexmark source under Flink nexmark's names (values as JS values or as the strings of a SQL WITH
 * clause). Defaults are the reference's NexmarkConfiguration defaults, except `base.time`, which is fixed so that
 * two runs (and two engines) see the same events.
 */
export interface NexmarkOptions {
  /** Events in total over all generators; 0 or omitted = unbounded. */
  'events.num'?: number | string;
  /** Events per second over all generators (sets the event-time spacing; real pacing only with rate.limited). */
  'first-event.rate'?: number | string;
  'next-event.rate'?: number | string;
  /** 'square' or 'sine': how the rate moves between first and next rate over rate.period. */
  'rate.shape'?: 'square' | 'sine' | 'SQUARE' | 'SINE' | string;
  /** Seconds (number) or a duration string ('10 min', '600 s'; a bare numeric string is milliseconds as in Flink). */
  'rate.period'?: number | string;
  /** Emit events when their (wallclock-shifted) event time comes; false = as fast as possible. */
  'rate.limited'?: boolean | string;
  'person.proportion'?: number | string;
  'auction.proportion'?: number | string;
  'bid.proportion'?: number | string;
  'avg.person.byte.size'?: number | string;
  'avg.auction.byte.size'?: number | string;
  'avg.bid.byte.size'?: number | string;
  'hot.auction.ratio'?: number | string;
  'hot.seller.ratio'?: number | string;
  'hot.bidder.ratio'?: number | string;
  'window.size.sec'?: number | string;
  'window.period.sec'?: number | string;
  'watermark.holdback.sec'?: number | string;
  'num.in.flight.auctions'?: number | string;
  'num.active.people'?: number | string;
  'occasional.delay.sec'?: number | string;
  'prob.delayed.event'?: number | string;
  'out.of.order.group.size'?: number | string;
  /** Generators (parallel timelines, one split each); omitted = the source's parallelism, as Flink's nexmark does. */
  'num.event.generators'?: number | string;
  /** Event time of event number 0, epoch ms. */
  'base.time'?: number | string;
}

export type RateShape = 'square' | 'sine';

/** Resolved, validated configuration (the reference's NexmarkConfiguration fields). */
export interface NexmarkConfig {
  readonly numEvents: number;
  readonly firstEventRate: number;
  readonly nextEventRate: number;
  readonly rateShape: RateShape;
  readonly ratePeriodSec: number;
  readonly rateLimited: boolean;
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  readonly hotAuctionRatio: number;
  readonly hotSellersRatio: number;
  readonly hotBiddersRatio: number;
  readonly windowSizeSec: number;
  readonly windowPeriodSec: number;
  readonly watermarkHoldbackSec: number;
  readonly numInFlightAuctions: number;
  readonly numActivePeople: number;
  readonly occasionalDelaySec: number;
  readonly probDelayedEvent: number;
  readonly outOfOrderGroupSize: number;
  readonly numEventGenerators: number | undefined;
  readonly baseTime: number;
}

/** 2015-07-15T00:00:00Z, the fixed base time of the Beam reference generator. */
export const NEXMARK_DEFAULT_BASE_TIME = 1_436_918_400_000;

type Kind = 'int' | 'long' | 'double' | 'bool' | 'size' | 'duration-sec' | 'shape' | 'epoch';

interface Spec {
  readonly field: keyof NexmarkConfig;
  readonly kind: Kind;
  readonly def: number | boolean | string | undefined;
  /** Smallest accepted value (numbers). */
  readonly min?: number;
  readonly max?: number;
}

const INT_MAX = 2147483647;

const SPECS: Record<keyof NexmarkOptions, Spec> = {
  'events.num': { field: 'numEvents', kind: 'long', def: 0, min: 0 },
  'first-event.rate': { field: 'firstEventRate', kind: 'int', def: 10_000, min: 1 },
  'next-event.rate': { field: 'nextEventRate', kind: 'int', def: 10_000, min: 1 },
  'rate.shape': { field: 'rateShape', kind: 'shape', def: 'square' },
  'rate.period': { field: 'ratePeriodSec', kind: 'duration-sec', def: 600, min: 1 },
  'rate.limited': { field: 'rateLimited', kind: 'bool', def: false },
  'person.proportion': { field: 'personProportion', kind: 'int', def: 1, min: 0 },
  'auction.proportion': { field: 'auctionProportion', kind: 'int', def: 3, min: 0 },
  'bid.proportion': { field: 'bidProportion', kind: 'int', def: 46, min: 0 },
  'avg.person.byte.size': { field: 'avgPersonByteSize', kind: 'size', def: 200, min: 1 },
  'avg.auction.byte.size': { field: 'avgAuctionByteSize', kind: 'size', def: 500, min: 1 },
  'avg.bid.byte.size': { field: 'avgBidByteSize', kind: 'size', def: 100, min: 1 },
  'hot.auction.ratio': { field: 'hotAuctionRatio', kind: 'int', def: 2, min: 1 },
  'hot.seller.ratio': { field: 'hotSellersRatio', kind: 'int', def: 4, min: 1 },
  'hot.bidder.ratio': { field: 'hotBiddersRatio', kind: 'int', def: 4, min: 1 },
  'window.size.sec': { field: 'windowSizeSec', kind: 'long', def: 10, min: 1 },
  'window.period.sec': { field: 'windowPeriodSec', kind: 'long', def: 5, min: 1 },
  'watermark.holdback.sec': { field: 'watermarkHoldbackSec', kind: 'long', def: 0, min: 0 },
  'num.in.flight.auctions': { field: 'numInFlightAuctions', kind: 'int', def: 100, min: 1 },
  'num.active.people': { field: 'numActivePeople', kind: 'int', def: 1000, min: 1 },
  'occasional.delay.sec': { field: 'occasionalDelaySec', kind: 'long', def: 3, min: 0 },
  'prob.delayed.event': { field: 'probDelayedEvent', kind: 'double', def: 0.1, min: 0, max: 1 },
  'out.of.order.group.size': { field: 'outOfOrderGroupSize', kind: 'long', def: 1, min: 1 },
  'num.event.generators': { field: 'numEventGenerators', kind: 'int', def: undefined, min: 1, max: 1_000_000 },
  'base.time': { field: 'baseTime', kind: 'epoch', def: NEXMARK_DEFAULT_BASE_TIME },
};

/** Keys of nexmark-flink's table factory, accepted as aliases so its DDL runs unchanged. */
const ALIASES: Record<string, keyof NexmarkOptions> = {
  'person.avg-size': 'avg.person.byte.size',
  'auction.avg-size': 'avg.auction.byte.size',
  'bid.avg-size': 'avg.bid.byte.size',
  'bid.hot-ratio.auctions': 'hot.auction.ratio',
  'bid.hot-ratio.bidders': 'hot.bidder.ratio',
  'auction.hot-ratio.sellers': 'hot.seller.ratio',
};

export const NEXMARK_OPTION_KEYS: readonly string[] = Object.keys(SPECS);

/** Validates options and fills in defaults; errors name the key, the value and what is expected. */
export function resolveNexmarkConfig(options: NexmarkOptions | Record<string, unknown> = {}): NexmarkConfig {
  if (options === null || typeof options !== 'object')
    throw new ConfigError('nexmark', `nexmark options must be an object, got ${String(options)}`);
  const out: Record<string, unknown> = {};
  const given = new Map<keyof NexmarkOptions, string>();
  for (const [rawKey, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const key = (rawKey in SPECS ? rawKey : ALIASES[rawKey]) as keyof NexmarkOptions | undefined;
    if (key === undefined) {
      const hint = closestMatch(rawKey, [...NEXMARK_OPTION_KEYS, ...Object.keys(ALIASES)]);
      throw new ConfigError(
        rawKey,
        `Unknown nexmark option '${rawKey}'.${hint === undefined ? '' : ` Did you mean '${hint}'?`} ` +
          `Valid options: ${NEXMARK_OPTION_KEYS.join(', ')}`,
      );
    }
    const previous = given.get(key);
    if (previous !== undefined)
      throw new ConfigError(rawKey, `nexmark option '${rawKey}' given twice (also as '${previous}')`);
    given.set(key, rawKey);
    out[SPECS[key].field] = parseValue(rawKey, SPECS[key], value);
  }
  for (const spec of Object.values(SPECS)) if (!(spec.field in out)) out[spec.field] = spec.def;
  const c = out as unknown as NexmarkConfig;
  if (c.personProportion + c.auctionProportion + c.bidProportion === 0)
    throw new ConfigError('person.proportion', 'nexmark proportions must not all be 0');
  // Auctions reference people (sellers) and bids reference both: a mix without them cannot be generated.
  if (c.auctionProportion > 0 && c.personProportion === 0)
    throw new ConfigError('person.proportion', 'nexmark auctions need people (sellers): person.proportion must be > 0');
  if (c.bidProportion > 0 && (c.personProportion === 0 || c.auctionProportion === 0))
    throw new ConfigError(
      c.personProportion === 0 ? 'person.proportion' : 'auction.proportion',
      'nexmark bids need people and auctions: person.proportion and auction.proportion must be > 0',
    );
  return c;
}

function bad(key: string, value: unknown, expected: string): never {
  throw new ConfigError(
    key,
    `Invalid value ${JSON.stringify(value)} for nexmark option '${key}': expected ${expected}`,
  );
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, bytes: 1, k: 1024, kb: 1024, m: 1048576, mb: 1048576 };

function parseValue(key: string, spec: Spec, value: unknown): number | boolean | string {
  switch (spec.kind) {
    case 'bool': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      return bad(key, value, 'true or false');
    }
    case 'shape': {
      const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (s === 'square' || s === 'sine') return s;
      return bad(key, value, "'square' or 'sine'");
    }
    case 'size': {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'string') {
        const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(value);
        const unit = m === null ? undefined : SIZE_UNITS[(m[2] ?? '').toLowerCase()];
        if (m === null || unit === undefined) return bad(key, value, "a byte size such as 200, '200b' or '1kb'");
        n = Number(m[1]) * unit;
      } else return bad(key, value, 'a byte size');
      return checkRange(key, spec, value, n, true);
    }
    case 'duration-sec': {
      let sec: number;
      if (typeof value === 'number') sec = value;
      else if (typeof value === 'string') {
        try {
          sec = Math.floor(parseDuration(value) / 1000);
        } catch {
          return bad(key, value, "seconds or a duration such as '10 min' or '600 s'");
        }
      } else return bad(key, value, 'seconds or a duration string');
      return checkRange(key, spec, value, sec, true);
    }
    default: {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      return checkRange(key, spec, value, n, spec.kind !== 'double');
    }
  }
}

function checkRange(key: string, spec: Spec, raw: unknown, n: number, integer: boolean): number {
  const max = spec.max ?? (spec.kind === 'int' || spec.kind === 'size' ? INT_MAX : Number.MAX_SAFE_INTEGER);
  const min = spec.min ?? Number.MIN_SAFE_INTEGER;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    return bad(key, raw, integer ? 'an integer' : 'a number');
  if (n < min || n > max) return bad(key, raw, `a value in [${min}, ${max}]`);
  return n;
}
