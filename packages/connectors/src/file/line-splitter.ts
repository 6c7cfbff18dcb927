/** Lines cut from one read, with the byte offset just after each line's terminator (the resume position). */
export interface LineBatch {
  readonly lines: string[];
  readonly ends: number[];
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts a byte stream into lines terminated by \n or \r\n. Lines are cut at byte level and decoded whole, so a
 * multi-byte UTF-8 character split across two reads is never decoded in halves (0x0a never occurs inside a
 * multi-byte sequence). Bytes after the last terminator wait for the next read; `end()` returns them as the last
 * line when the file does not end with a newline.
 */
export class LineSplitter {
  private rest: Buffer | undefined;
  /** File offset of the first byte of `rest` (or of the next chunk when there is no rest). */
  private restOffset: number;

  constructor(startOffset: number) {
    this.restOffset = startOffset;
  }

  /** Feeds the next bytes of the file (contiguous with the previous ones). */
  push(chunk: Buffer): LineBatch {
    const buf = this.rest === undefined ? chunk : Buffer.concat([this.rest, chunk]);
    const base = this.restOffset;
    const lines: string[] = [];
    const ends: number[] = [];
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) break;
      const stop = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
      lines.push(buf.toString('utf8', pos, stop));
      pos = nl + 1;
      ends.push(base + pos);
    }
    if (pos < buf.length) {
      // Copy so the retained tail does not pin the whole read buffer.
      this.rest = Buffer.from(buf.subarray(pos));
    } else this.rest = undefined;
    this.restOffset = base + pos;
    return { lines, ends };
  }

  /** End of file: the unterminated last line, if any. */
  end(): LineBatch {
    const rest = this.rest;
    if (rest === undefined || rest.length === 0) return { lines: [], ends: [] };
    this.rest = undefined;
    const stop = rest[rest.length - 1] === CR ? rest.length - 1 : rest.length;
    const end = this.restOffset + rest.length;
    this.restOffset = end;
    return { lines: [rest.toString('utf8', 0, stop)], ends: [end] };
  }
}
