/**
 * Session time zones (`table.local-time-zone`): offsets of an instant and the instant of a wall-clock time, with
 * Java's ZonedDateTime rules (a wall time in a DST gap moves forward by the gap, an ambiguous one takes the earlier
 * offset). Fixed offsets ('UTC', '+08:00', 'GMT-3') are computed without Intl; region ids use a cached
 * Intl.DateTimeFormat and memoise offsets per 15-minute bucket (every tzdb transition falls on such a boundary).
 */
import { SqlFunctionError } from '../types/errors.js';

const BUCKET = 15 * 60_000;

export interface TimeZone {
  readonly id: string;
  /** Offset from UTC in milliseconds at the instant. */
  offsetAt(instantMillis: number): number;
}

class FixedZone implements TimeZone {
  constructor(
    readonly id: string,
    private readonly offset: number,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
}

class RegionZone implements TimeZone {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();
  constructor(readonly id: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }
  offsetAt(instant: number): number {
    const bucket = Math.floor(instant / BUCKET);
    const hit = this.cache.get(bucket);
    if (hit !== undefined) return hit;
    const base = bucket * BUCKET;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const p of this.fmt.formatToParts(new Date(base))) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value);
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          s = Number(p.value);
          break;
        case 'era':
          bc = p.value.startsWith('B');
          break;
      }
    }
    if (bc) y = 1 - y;
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    const fixedYear = new Date(local);
    // Date.UTC maps years 0..99 to 1900..1999
    if (y >= 0 && y < 100) fixedYear.setUTCFullYear(y);
    const offset = fixedYear.getTime() - base;
    if (this.cache.size > 4096) this.cache.clear();
    this.cache.set(bucket, offset);
    return offset;
  }
}

const zones = new Map<string, TimeZone>();

function parseFixed(id: string): number | undefined {
  const u = id.toUpperCase();
  if (u === 'UTC' || u === 'GMT' || u === 'Z' || u === 'UT') return 0;
  const m = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(u);
  if (m === null) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const h = Number(m[2]);
  const mi = m[3] === undefined ? 0 : Number(m[3]);
  const s = m[4] === undefined ? 0 : Number(m[4]);
  if (h > 18 || mi > 59 || s > 59) return undefined;
  return sign * (h * 3_600_000 + mi * 60_000 + s * 1000);
}

/** Resolves a zone id as Java's ZoneId.of accepts it ('UTC', 'Asia/Shanghai', '+08:00', 'GMT+8'). */
export function timeZone(id: string): TimeZone {
  let z = zones.get(id);
  if (z !== undefined) return z;
  const fixed = parseFixed(id);
  if (fixed !== undefined) z = new FixedZone(id, fixed);
  else {
    try {
      z = new RegionZone(id);
    } catch {
      throw new SqlFunctionError('time zone', `Invalid time zone '${id}'`);
    }
  }
  zones.set(id, z);
  return z;
}

/** Wall-clock millis (as UTC) of an instant in the zone. */
export function instantToLocal(instantMillis: number, zone: TimeZone): number {
  return instantMillis + zone.offsetAt(instantMillis);
}

/** The instant of a wall-clock time in the zone, Java ZonedDateTime.of(local, zone) semantics. */
export function localToInstant(localMillis: number, zone: TimeZone): number {
  if (zone instanceof FixedZone) return localMillis - zone.offsetAt();
  const guess = zone.offsetAt(localMillis);
  const before = zone.offsetAt(localMillis - guess - 6 * 3_600_000);
  const after = zone.offsetAt(localMillis - guess + 6 * 3_600_000);
  const okBefore = zone.offsetAt(localMillis - before) === before;
  const okAfter = zone.offsetAt(localMillis - after) === after;
  if (okBefore && okAfter) return localMillis - Math.max(before, after);
  if (okBefore) return localMillis - before;
  if (okAfter) return localMillis - after;
  // in a gap: shift forward by the gap length, i.e. use the offset in force before the transition
  return localMillis - before;
}
