/**
 * String functions with Flink's semantics (SqlFunctionUtils / BinaryStringDataUtil). All take non-null
 * arguments unless noted; those returning `null` do so where Flink returns NULL for a non-null input
 * (invalid regex, out-of-range index, negative LPAD length...).
 */
import { SqlFunctionError } from '@tributary/core';
import { javaRegex, translateJavaReplacement } from './regex.js';

export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
export const upper = (s: string): string => s.toUpperCase();
export const lower = (s: string): string => s.toLowerCase();

/** POSITION(needle IN s): 1-based, 0 when absent. */
export function position(needle: string, s: string): number {
  return s.indexOf(needle) + 1;
}

function trimSet(s: string, chars: string, leading: boolean, trailing: boolean): string {
  let start = 0;
  let end = s.length;
  if (leading) while (start < end && chars.includes(s[start]!)) start++;
  if (trailing) while (end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}
/** TRIM([BOTH|LEADING|TRAILING] [chars] FROM s); chars default to a single space. */
export function trim(s: string, mode: 'BOTH' | 'LEADING' | 'TRAILING' = 'BOTH', chars = ' '): string {
  return trimSet(s, chars, mode !== 'TRAILING', mode !== 'LEADING');
}
export const ltrim = (s: string, chars = ' '): string => trimSet(s, chars, true, false);
export const rtrim = (s: string, chars = ' '): string => trimSet(s, chars, false, true);
/** BTRIM(s [, chars]) as both-sided trim. */
export const btrim = (s: string, chars = ' '): string => trimSet(s, chars, true, true);

export function repeat(s: string, n: number): string {
  return n <= 0 ? '' : s.repeat(n);
}
export function replace(s: string, search: string, replacement: string): string {
  return s.replaceAll(search, () => replacement);
}

/** OVERLAY(s PLACING r FROM pos [FOR len]); len defaults to the length of r. */
export function overlay(s: string, r: string, pos: number, len?: number): string {
  const l = len ?? r.length;
  return s.slice(0, Math.max(0, pos - 1)) + r + s.slice(Math.max(0, pos - 1 + l));
}

/** SUBSTRING / SUBSTR with Flink's (Spark's) rules: negative start counts from the end, clamped bounds. */
export function substring(s: string, pos: number, length?: number): string {
  const len = s.length;
  let start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
  let end = length === undefined ? len : start + length;
  end = Math.min(end, len);
  start = Math.max(start, 0);
  return start >= end ? '' : s.slice(start, end);
}

/** INITCAP: upper-case the first letter of each word, lower-case the rest (words split at non-alphanumerics). */
export function initcap(s: string): string {
  let out = '';
  let capNext = true;
  for (const c of s) {
    out += capNext ? c.toUpperCase() : c.toLowerCase();
    capNext = !/[\p{L}\p{N}]/u.test(c);
  }
  return out;
}

/** CONCAT (strict: any NULL gives NULL). */
export function concat(...parts: string[]): string {
  return parts.join('');
}
/** CONCAT_WS(sep, ...): NULL separator gives NULL; NULL arguments are skipped. Not strict. */
export function concatWs(sep: string | null, ...parts: (string | null)[]): string | null {
  if (sep === null || sep === undefined) return null;
  let out = '';
  let first = true;
  for (const p of parts) {
    if (p === null || p === undefined) continue;
    out += first ? p : sep + p;
    first = false;
  }
  return out;
}

/** LPAD as Flink: negative length or empty pad gives NULL; result truncated to len. */
export function lpad(base: string, len: number, pad: string): string | null {
  if (len < 0 || pad === '') return null;
  if (len === 0) return '';
  const padLen = Math.max(len - base.length, 0);
  let prefix = '';
  while (prefix.length < padLen) prefix += pad;
  return prefix.slice(0, padLen) + base.slice(0, len - padLen);
}
export function rpad(base: string, len: number, pad: string): string | null {
  if (len < 0 || pad === '') return null;
  if (len === 0) return '';
  const head = base.slice(0, len);
  let suffix = '';
  while (head.length + suffix.length < len) suffix += pad;
  return head + suffix.slice(0, len - head.length);
}

export function toBase64(s: string | Uint8Array): string {
  return Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
}
export function fromBase64(s: string | Uint8Array): string {
  return Buffer.from(typeof s === 'string' ? s : Buffer.from(s).toString('latin1'), 'base64').toString('utf8');
}

/** ASCII(s): code of the first character, 0 for ''. */
export function ascii(s: string): number {
  return s.length === 0 ? 0 : s.charCodeAt(0);
}
/** CHR(n): the character with code n mod 256; '' for negative n. */
export function chr(n: number | bigint): string {
  const v = Number(n);
  if (v < 0) return '';
  return String.fromCharCode(v & 0xff);
}

const CHARSETS: Record<string, BufferEncoding> = {
  'US-ASCII': 'ascii',
  'ISO-8859-1': 'latin1',
  'UTF-8': 'utf8',
  'UTF-16LE': 'utf16le',
  'UTF-16BE': 'utf16le',
  'UTF-16': 'utf16le',
};
function charset(name: string, fn: string): BufferEncoding {
  const cs = CHARSETS[name.toUpperCase()];
  if (cs === undefined) throw new SqlFunctionError(fn, `Unsupported charset '${name}'`);
  return cs;
}
function swap16(b: Buffer): Buffer {
  const c = Buffer.from(b);
  return c.length % 2 === 0 ? c.swap16() : c;
}
/** DECODE(bytes, charset) -> STRING. */
export function decode(b: Uint8Array, cs: string): string {
  const enc = charset(cs, 'DECODE');
  const u = cs.toUpperCase();
  let buf: Buffer = Buffer.from(b);
  if (u === 'UTF-16BE' || (u === 'UTF-16' && !(buf[0] === 0xff && buf[1] === 0xfe))) {
    if (u === 'UTF-16' && buf[0] === 0xfe && buf[1] === 0xff) buf = buf.subarray(2);
    buf = swap16(buf);
  } else if (u === 'UTF-16') buf = buf.subarray(2);
  return buf.toString(enc);
}
/** ENCODE(string, charset) -> BYTES (UTF-16 as Java writes it: big-endian with a byte-order mark). */
export function encode(s: string, cs: string): Uint8Array {
  const enc = charset(cs, 'ENCODE');
  const u = cs.toUpperCase();
  const b = Buffer.from(s, enc);
  if (u === 'UTF-16BE') return new Uint8Array(swap16(b));
  if (u === 'UTF-16') return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(b)]));
  return new Uint8Array(b);
}

/** INSTR(s, sub): 1-based index of the first occurrence, 0 when absent. */
export function instr(s: string, sub: string): number {
  return s.indexOf(sub) + 1;
}
export function left(s: string, n: number): string {
  return n <= 0 ? '' : s.slice(0, n);
}
export function right(s: string, n: number): string {
  return n <= 0 ? '' : n >= s.length ? s : s.slice(s.length - n);
}
/** LOCATE(sub, s [, pos]): 1-based index at or after pos, 0 when absent or pos < 1. */
export function locate(sub: string, s: string, pos = 1): number {
  if (pos < 1) return 0;
  return s.indexOf(sub, pos - 1) + 1;
}

/** REGEXP(s, regex): whether any substring matches; NULL for an invalid regex. */
export function regexp(s: string, regex: string): boolean | null {
  const re = javaRegex(regex);
  return re === null ? null : re.test(s);
}
/** REGEXP_EXTRACT(s, regex [, group]): group of the first match (default 0); NULL when absent/invalid. */
export function regexpExtract(s: string, regex: string, group = 0): string | null {
  const re = javaRegex(regex);
  if (re === null) return null;
  const m = re.exec(s);
  if (m === null || group < 0 || group >= m.length) return null;
  return m[group] ?? null;
}
/** REGEXP_REPLACE(s, regex, replacement) with Java's `$n` references; NULL for an invalid regex. */
export function regexpReplace(s: string, regex: string, replacement: string): string | null {
  const re = javaRegex(regex, 'g');
  if (re === null) return null;
  re.lastIndex = 0;
  return s.replace(re, translateJavaReplacement(replacement));
}
/** SPLIT_INDEX(s, delimiter, index): the 0-based index-th piece; NULL when out of range. */
export function splitIndex(s: string, delimiter: string, index: number): string | null {
  if (index < 0) return null;
  const parts = delimiter === '' ? [s] : s.split(delimiter);
  return index < parts.length ? parts[index]! : null;
}
/** STR_TO_MAP(s [, listDelimiter, keyValueDelimiter]); delimiters are regexes as in Flink (defaults ',' and '='). */
export function strToMap(s: string, listDelimiter = ',', kvDelimiter = '='): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const lre = javaRegex(listDelimiter, 'g');
  const kre = javaRegex(kvDelimiter);
  if (lre === null || kre === null) throw new SqlFunctionError('STR_TO_MAP', 'invalid delimiter');
  for (const entry of s.split(lre)) {
    const m = kre.exec(entry);
    if (m === null) out.set(entry, null);
    else out.set(entry.slice(0, m.index), entry.slice(m.index + m[0].length));
  }
  return out;
}
export function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}

const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

/** PARSE_URL(url, part [, key]) like java.net.URL: HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO. */
export function parseUrl(url: string, part: string, key?: string): string | null {
  const m = URL_RE.exec(url);
  if (m === null) return null;
  const [, protocol, authority, path, query, ref] = m;
  const userinfoAt = authority === undefined ? -1 : authority.lastIndexOf('@');
  switch (part.toUpperCase()) {
    case 'HOST': {
      if (authority === undefined) return null;
      const hostPort = authority.slice(userinfoAt + 1);
      const h = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0]!;
      return h;
    }
    case 'PATH':
      return path ?? '';
    case 'QUERY': {
      if (query === undefined) return null;
      if (key === undefined) return query;
      for (const kv of query.split('&')) {
        const eq = kv.indexOf('=');
        if ((eq < 0 ? kv : kv.slice(0, eq)) === key) return eq < 0 ? null : kv.slice(eq + 1);
      }
      return null;
    }
    case 'REF':
      return ref ?? null;
    case 'PROTOCOL':
      return protocol!;
    case 'FILE':
      return (path ?? '') + (query === undefined ? '' : `?${query}`);
    case 'AUTHORITY':
      return authority ?? null;
    case 'USERINFO':
      return userinfoAt < 0 ? null : authority!.slice(0, userinfoAt);
    default:
      return null;
  }
}

/** IS_ALPHA: only letters (and non-empty). */
export function isAlpha(s: string): boolean {
  return s.length > 0 && /^\p{L}+$/u.test(s);
}
/** IS_DIGIT: only digits (and non-empty). */
export function isDigit(s: string): boolean {
  return s.length > 0 && /^\p{Nd}+$/u.test(s);
}
/** IS_DECIMAL: parses as a decimal number (Flink's NumberUtils.isNumber-like check). */
export function isDecimal(s: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
}

/** UUID() -> random RFC 4122 v4 string. */
export function uuid(): string {
  return crypto.randomUUID();
}
