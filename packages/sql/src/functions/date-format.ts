/**
 * Java date-time patterns (SimpleDateFormat / DateTimeFormatter letters) for DATE_FORMAT, FROM_UNIXTIME,
 * TO_TIMESTAMP, TO_DATE and UNIX_TIMESTAMP. Patterns compile once (cached) into token lists; formatting works on
 * wall-clock epoch millis, parsing returns wall-clock epoch millis (+ nanos) or undefined.
 *
 * Supported letters: G y Y u M L d D E a H k K h m s S n z Z X x w e, quoted text ('...', '' for a quote).
 * `S` is a fraction of a second (DateTimeFormatter meaning; identical to SimpleDateFormat for `SSS`).
 */
import {
  dayOfMonthOfDays,
  dayOfYear,
  daysFromCivil,
  daysInMonth,
  floorMod,
  isoDayOfWeek,
  isoWeek,
  MILLIS_PER_DAY,
  monthOfDays,
  yearOfDays,
} from '@tributary/core';

type Tok = { lit: string } | { f: string; n: number };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const compiled = new Map<string, Tok[]>();

export function compilePattern(pattern: string): Tok[] {
  const hit = compiled.get(pattern);
  if (hit !== undefined) return hit;
  const toks: Tok[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        toks.push({ lit: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      toks.push({ lit: text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      toks.push({ f: c, n: j - i });
      i = j;
    } else {
      toks.push({ lit: c });
      i++;
    }
  }
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, toks);
  return toks;
}

function pad(v: number, n: number): string {
  const s = String(Math.abs(v));
  return (v < 0 ? '-' : '') + (s.length >= n ? s : '0'.repeat(n - s.length) + s);
}

function offsetText(offsetMs: number, style: string, n: number): string {
  if (offsetMs === 0 && style === 'X') return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const a = Math.abs(offsetMs) / 60000;
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (style === 'z') return `GMT${sign}${hh}:${mm}`;
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (n === 1) return `${sign}${hh}` + (a % 60 ? mm : '');
  return n === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/** Formats wall-clock millis (+ nanos) with a Java pattern; `offsetMs` feeds z/Z/X (0 = UTC). */
export function formatWithPattern(localMillis: number, pattern: string, nanoOfMilli = 0, offsetMs = 0): string {
  const toks = compilePattern(pattern);
  const days = Math.floor(localMillis / MILLIS_PER_DAY);
  const ms = floorMod(localMillis, MILLIS_PER_DAY);
  const y = yearOfDays(days);
  const mo = monthOfDays(days);
  const d = dayOfMonthOfDays(days);
  const h = Math.floor(ms / 3_600_000);
  const mi = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = (ms % 1000) * 1_000_000 + nanoOfMilli;
  let out = '';
  for (const t of toks) {
    if ('lit' in t) {
      out += t.lit;
      continue;
    }
    const n = t.n;
    switch (t.f) {
      case 'G':
        out += y > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'u':
      case 'Y': {
        const yy = t.f === 'Y' ? weekYear(days) : y;
        out += n === 2 ? pad(floorMod(yy, 100), 2) : pad(yy, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[mo - 1] : n === 3 ? MONTHS[mo - 1]!.slice(0, 3) : pad(mo, n);
        break;
      case 'd':
        out += pad(d, n);
        break;
      case 'D':
        out += pad(dayOfYear(days), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[isoDayOfWeek(days) - 1] : DAYS[isoDayOfWeek(days) - 1]!.slice(0, 3);
        break;
      case 'e':
        out += pad((isoDayOfWeek(days) % 7) + 1, n);
        break;
      case 'w':
        out += pad(isoWeek(days), n);
        break;
      case 'a':
        out += h < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(h, n);
        break;
      case 'k':
        out += pad(h === 0 ? 24 : h, n);
        break;
      case 'K':
        out += pad(h % 12, n);
        break;
      case 'h':
        out += pad(h % 12 === 0 ? 12 : h % 12, n);
        break;
      case 'm':
        out += pad(mi, n);
        break;
      case 's':
        out += pad(s, n);
        break;
      case 'S':
        out += String(frac).padStart(9, '0').slice(0, Math.min(n, 9)).padEnd(n, '0');
        break;
      case 'n':
        out += String(frac);
        break;
      case 'z':
      case 'Z':
      case 'X':
      case 'x':
        out += offsetText(offsetMs, t.f, n);
        break;
      default:
        out += t.f.repeat(n);
    }
  }
  return out;
}

function weekYear(days: number): number {
  const thursday = days - isoDayOfWeek(days) + 4;
  return yearOfDays(thursday);
}

export interface ParsedDateTime {
  /** Wall-clock epoch millis (or the instant when the text carried an offset, see `offsetMs`). */
  localMillis: number;
  nanoOfMilli: number;
  /** Offset found in the text (z/Z/X), undefined if none. */
  offsetMs: number | undefined;
}

const NUMERIC = new Set(['y', 'u', 'Y', 'M', 'L', 'd', 'D', 'H', 'k', 'K', 'h', 'm', 's', 'S', 'w', 'e']);

/** Parses text with a Java pattern; undefined when it does not match or a field is out of range. */
export function parseWithPattern(text: string, pattern: string): ParsedDateTime | undefined {
  const toks = compilePattern(pattern);
  let pos = 0;
  let y = 1970;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let twelveHour = false;
  let doy: number | undefined;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if ('lit' in t) {
      if (!text.startsWith(t.lit, pos)) return undefined;
      pos += t.lit.length;
      continue;
    }
    if (NUMERIC.has(t.f) && !(t.n >= 3 && (t.f === 'M' || t.f === 'L'))) {
      const next = toks[k + 1];
      const adjacentNumeric = next !== undefined && 'f' in next && NUMERIC.has(next.f);
      const m = (adjacentNumeric ? new RegExp(`^[0-9]{${t.n}}`) : /^[+-]?[0-9]+/).exec(text.slice(pos));
      if (m === null) return undefined;
      pos += m[0].length;
      const v = Number(m[0]);
      switch (t.f) {
        case 'y':
        case 'u':
        case 'Y':
          y = t.n === 2 && m[0].length === 2 ? 2000 + v : v;
          break;
        case 'M':
        case 'L':
          mo = v;
          break;
        case 'd':
          d = v;
          break;
        case 'D':
          doy = v;
          break;
        case 'H':
          h = v;
          break;
        case 'k':
          h = v === 24 ? 0 : v;
          break;
        case 'K':
        case 'h':
          h = v % 12;
          twelveHour = true;
          break;
        case 'm':
          mi = v;
          break;
        case 's':
          s = v;
          break;
        case 'S':
          nanos = Number(m[0].padEnd(9, '0').slice(0, 9));
          break;
      }
      continue;
    }
    const rest = text.slice(pos);
    switch (t.f) {
      case 'M':
      case 'L': {
        const idx = MONTHS.findIndex((name) =>
          rest.toLowerCase().startsWith((t.n >= 4 ? name : name.slice(0, 3)).toLowerCase()),
        );
        if (idx < 0) return undefined;
        mo = idx + 1;
        pos += t.n >= 4 ? MONTHS[idx]!.length : 3;
        break;
      }
      case 'E': {
        const idx = DAYS.findIndex((name) => rest.toLowerCase().startsWith(name.toLowerCase()));
        const idx3 = DAYS.findIndex((name) => rest.toLowerCase().startsWith(name.slice(0, 3).toLowerCase()));
        if (idx >= 0 && t.n >= 4) pos += DAYS[idx]!.length;
        else if (idx3 >= 0) pos += 3;
        else return undefined;
        break;
      }
      case 'a': {
        const u = rest.slice(0, 2).toUpperCase();
        if (u !== 'AM' && u !== 'PM') return undefined;
        pm = u === 'PM';
        pos += 2;
        break;
      }
      case 'G':
        if (!/^(AD|BC)/.test(rest)) return undefined;
        pos += 2;
        break;
      case 'z':
      case 'Z':
      case 'X':
      case 'x': {
        const m = /^(?:Z|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?|GMT|UTC)/.exec(rest);
        if (m === null) return undefined;
        pos += m[0].length;
        offset = m[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60000;
        break;
      }
      default:
        return undefined;
    }
  }
  if (pos !== text.length) return undefined;
  if (twelveHour && pm) h += 12;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  let days: number;
  if (doy !== undefined) days = daysFromCivil(y, 1, 1) + doy - 1;
  else {
    if (d < 1 || d > daysInMonth(y, mo)) return undefined;
    days = daysFromCivil(y, mo, d);
  }
  const millis = days * MILLIS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + Math.floor(nanos / 1_000_000);
  return { localMillis: millis, nanoOfMilli: nanos % 1_000_000, offsetMs: offset };
}
