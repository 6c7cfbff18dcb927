import { TributaryError } from '@tributary/core';
import { denormalizeKey, normalizeKey } from '../../keys/key-hash.js';

/**
 * Binary layout of lmdb keys (all big-endian so byte order equals numeric order):
 *
 *   [key group u16][state id u16][key][namespace][suffix]
 *
 * The key group comes first so a key-group range is one contiguous lmdb range (restore, rescaling, scans);
 * the state id next so one state of one key group is contiguous too. Keys, namespaces and map user keys are
 * "tagged" values: a type byte and a fixed width or u16-length-prefixed body, so every part is self-delimiting
 * and a (kg, state, key, namespace) prefix selects exactly one entry and its map entries. Order within a state
 * follows the bytes, not the JavaScript values (no caller needs value order).
 *
 * Keys travel to lmdb as latin1 strings (one char per byte): the same string is the key of the write-back
 * cache's Map, so a record costs one string and no Buffer allocation.
 */

export const MAX_KEY_BYTES = 1978; // lmdb's default maximum key size

const TAG_NUMBER = 1;
const TAG_STRING = 2;
const TAG_FALSE = 3;
const TAG_TRUE = 4;
const TAG_NULL = 5;
const TAG_BIGINT = 6;

/** Map state record kinds after the namespace. */
export const SUFFIX_MAP_HEADER = 0;
export const SUFFIX_MAP_ENTRY = 1;

/** Writes tagged values into one reusable buffer. */
export class KeyWriter {
  readonly buf = Buffer.allocUnsafe(4096);
  pos = 0;

  reset(): this {
    this.pos = 0;
    return this;
  }

  u8(v: number): this {
    this.buf[this.pos++] = v;
    return this;
  }

  u16(v: number): this {
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  /** Appends raw bytes already encoded (e.g. the current key's encoding). */
  bytes(src: Buffer, len: number): this {
    src.copy(this.buf, this.pos, 0, len);
    this.pos += len;
    return this;
  }

  /** Appends a value as keys are compared: Map semantics (SameValueZero) after `normalizeKey`. */
  tagged(value: unknown, what: string): this {
    const v = normalizeKey(value);
    const b = this.buf;
    switch (typeof v) {
      case 'number':
        b[this.pos++] = TAG_NUMBER;
        // -0 and 0 are the same Map key; write one canonical form.
        b.writeDoubleBE(v === 0 ? 0 : v, this.pos);
        this.pos += 8;
        return this;
      case 'string':
        b[this.pos++] = TAG_STRING;
        return this.string(v, what);
      case 'boolean':
        b[this.pos++] = v ? TAG_TRUE : TAG_FALSE;
        return this;
      case 'bigint':
        b[this.pos++] = TAG_BIGINT;
        return this.string(v.toString(), what);
      default:
        b[this.pos++] = TAG_NULL;
        return this;
    }
  }

  private string(s: string, what: string): this {
    const room = MAX_KEY_BYTES - this.pos - 2;
    if (s.length * 3 > room && Buffer.byteLength(s) > room) {
      throw new TributaryError(
        'STATE_KEY_TOO_LARGE',
        `${what} is too large for the lmdb state backend (${Buffer.byteLength(s)} bytes; keys are limited to about ${MAX_KEY_BYTES} bytes including state and namespace)`,
      );
    }
    const n = this.buf.write(s, this.pos + 2, 'utf8');
    this.buf.writeUInt16BE(n, this.pos);
    this.pos += 2 + n;
    return this;
  }

  /** The written bytes as the latin1 string lmdb and the cache use. */
  toKey(): string {
    return this.buf.toString('latin1', 0, this.pos);
  }
}

/** Reads back what KeyWriter wrote, from a key string. */
export class KeyReader {
  private buf: Buffer = Buffer.alloc(0);
  pos = 0;

  load(key: string): this {
    this.buf = Buffer.from(key, 'latin1');
    this.pos = 0;
    return this;
  }

  u16(): number {
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u8(): number {
    return this.buf[this.pos++]!;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Decodes one tagged value back into the user's key form (composite keys are rebuilt from JSON). */
  tagged(): unknown {
    const tag = this.buf[this.pos++];
    switch (tag) {
      case TAG_NUMBER: {
        const v = this.buf.readDoubleBE(this.pos);
        this.pos += 8;
        return v;
      }
      case TAG_STRING:
        return denormalizeKey(this.string());
      case TAG_FALSE:
        return false;
      case TAG_TRUE:
        return true;
      case TAG_NULL:
        return null;
      case TAG_BIGINT:
        return BigInt(this.string());
      default:
        throw new TributaryError('STATE_CORRUPT', `Unknown key tag ${tag} in lmdb state key`);
    }
  }

  /** Skips one tagged value and returns the position after it. */
  skipTagged(): number {
    const tag = this.buf[this.pos++];
    if (tag === TAG_NUMBER) this.pos += 8;
    else if (tag === TAG_STRING || tag === TAG_BIGINT) this.pos += 2 + this.buf.readUInt16BE(this.pos);
    return this.pos;
  }

  private string(): string {
    const n = this.buf.readUInt16BE(this.pos);
    const s = this.buf.toString('utf8', this.pos + 2, this.pos + 2 + n);
    this.pos += 2 + n;
    return s;
  }
}

/** The smallest string greater than every string that starts with `prefix` (exclusive end of a prefix scan). */
export function prefixEnd(prefix: string): string {
  let i = prefix.length - 1;
  while (i >= 0 && prefix.charCodeAt(i) === 0xff) i--;
  if (i < 0) return '\u00ff'.repeat(prefix.length + 1);
  return prefix.slice(0, i) + String.fromCharCode(prefix.charCodeAt(i) + 1);
}

/** u16 as two latin1 chars. */
export function u16Chars(v: number): string {
  return String.fromCharCode(v >>> 8, v & 0xff);
}
