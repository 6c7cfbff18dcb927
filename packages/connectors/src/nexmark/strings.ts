import { JavaRandom } from './java-random.js';

/**
 * String fields as the reference's StringsGenerator draws them (same random calls in the same order, so the
 * numbers drawn after a string stay aligned with the reference). Tables the reference fills from an unseeded
 * random (the 1 MiB `extra` pool, bid URLs) are filled here from a fixed seed, so runs are reproducible.
 */
export const TABLE_SEED = 0;

const MIN_STRING_LENGTH = 3;

const codeBuffer: number[] = [];

/** A random string of 3..maxLength-1 letters with `special` at about 1 in 13 positions, trimmed like Java's trim(). */
export function nextString(r: JavaRandom, maxLength: number, special: number): string {
  const len = MIN_STRING_LENGTH + r.nextInt(maxLength - MIN_STRING_LENGTH);
  const codes = codeBuffer;
  codes.length = len;
  for (let i = 0; i < len; i++) codes[i] = r.nextInt(13) === 0 ? special : 97 + r.nextInt(26);
  // Java's trim(): only the space special can be trimmed.
  let start = 0;
  let end = len;
  if (special === 32) {
    while (start < end && codes[start] === 32) start++;
    while (end > start && codes[end - 1] === 32) end--;
  }
  if (start === 0 && end === len) return String.fromCharCode.apply(null, codes);
  return String.fromCharCode.apply(null, codes.slice(start, end));
}

/** The reference's character loop (it draws one int per 6 characters; Java's signed % yields chars below 'a'). */
function exactStringByChars(r: JavaRandom, length: number): string {
  const codes = new Uint16Array(length);
  let rnd = 0;
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (n === 0) {
      rnd = r.nextInt32();
      n = 6;
    }
    codes[i] = 97 + (rnd % 26);
    rnd = (rnd / 26) | 0;
    n--;
  }
  let s = '';
  for (let i = 0; i < length; i += 8192) s += String.fromCharCode(...codes.subarray(i, Math.min(length, i + 8192)));
  return s;
}

const EXTRA_POOL_LENGTH = 1024 * 1024;
let extraPool: string | undefined;

function pool(): string {
  if (extraPool === undefined) extraPool = exactStringByChars(new JavaRandom(TABLE_SEED), EXTRA_POOL_LENGTH);
  return extraPool;
}

/** A random string of exactly `length` characters: a slice of the shared pool, as the reference does (cheap). */
export function nextExactString(r: JavaRandom, length: number): string {
  const p = pool();
  if (length < EXTRA_POOL_LENGTH / 2) {
    const offset = r.nextInt(EXTRA_POOL_LENGTH - length);
    return p.substring(offset, offset + length);
  }
  return exactStringByChars(r, length);
}

/** Padding such that currentSize + its length averages desiredAverageSize (±20%). */
export function nextExtra(r: JavaRandom, currentSize: number, desiredAverageSize: number): string {
  if (currentSize > desiredAverageSize) return '';
  const desired = desiredAverageSize - currentSize;
  const delta = Math.round(desired * 0.2);
  const minSize = desired - delta;
  const size = minSize + (delta === 0 ? 0 : r.nextInt(2 * delta));
  return nextExactString(r, size);
}

/** The reference's Math.abs(Integer.reverse(i)) (abs of MIN_VALUE stays negative in Java). */
function absReverse(i: number): number {
  let x = i >>> 0;
  let rev = 0;
  for (let b = 0; b < 32; b++) {
    rev = (rev << 1) | (x & 1);
    x >>>= 1;
  }
  rev |= 0;
  return rev === -2147483648 ? rev : Math.abs(rev);
}

const UNDERSCORE = 95;

function baseUrl(r: JavaRandom): string {
  return `https://www.nexmark.com/${nextString(r, 5, UNDERSCORE)}/${nextString(r, 5, UNDERSCORE)}/${nextString(r, 5, UNDERSCORE)}/item.htm?query=1`;
}

export const HOT_CHANNELS: readonly string[] = ['Google', 'Facebook', 'Baidu', 'Apple'];
export const CHANNELS_NUMBER = 10_000;

export interface ChannelTables {
  readonly hotUrls: readonly string[];
  readonly channels: readonly string[];
  readonly urls: readonly string[];
}

let channelTables: ChannelTables | undefined;

/** Hot channel URLs and the 10,000 'channel-i' URLs (90% carry a channel_id parameter), built once. */
export function channels(): ChannelTables {
  if (channelTables !== undefined) return channelTables;
  const r = new JavaRandom(TABLE_SEED);
  const hotUrls = HOT_CHANNELS.map(() => baseUrl(r));
  const names: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < CHANNELS_NUMBER; i++) {
    let url = baseUrl(r);
    if (r.nextInt(10) > 0) url = `${url}&channel_id=${absReverse(i)}`;
    names.push(`channel-${i}`);
    urls.push(url);
  }
  channelTables = { hotUrls, channels: names, urls };
  return channelTables;
}

/** '0000'..'9999', for credit card numbers without formatting per event. */
export const FOUR_DIGITS: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
