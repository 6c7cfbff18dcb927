import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSource, LineSplitter } from '@tributary/connectors';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { afterAll, describe, expect, it } from 'vitest';
import { drain, readerContext, sleep } from './support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'trib-filesrc-'));
  dirs.push(d);
  return d;
}

/** Reference line split: \n or \r\n terminators, an unterminated last line counts, a final terminator does not. */
function linesOf(text: string): string[] {
  const parts = text.split(/\r?\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const FILES: Record<string, string> = {
  'a.txt': 'alpha\r\nbeta\r\n\r\ngamma\r\n',
  'b.txt': 'naïve café\n日本語のテキスト\n😀 emoji 🎉 party\nlast line without newline ✓',
  'sub/c.txt': 'x\ny\r\nz',
  'sub/deeper/d.txt': '',
  '.hidden.txt': 'must not be read\n',
  _marker: 'must not be read\n',
};

function writeFiles(root: string): string[] {
  const expected: string[] = [];
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
    if (!name.startsWith('.') && !name.startsWith('_')) expected.push(...linesOf(text));
  }
  return expected;
}

describe('LineSplitter', () => {
  it('cuts lines at byte level for every chunk size, keeping multi-byte characters whole', () => {
    const text = FILES['b.txt']! + '\r\nend\r\n';
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= 17; size++) {
      const s = new LineSplitter(0);
      const lines: string[] = [];
      const ends: number[] = [];
      for (let off = 0; off < bytes.length; off += size) {
        const b = s.push(bytes.subarray(off, off + size));
        lines.push(...b.lines);
        ends.push(...b.ends);
      }
      const last = s.end();
      lines.push(...last.lines);
      ends.push(...last.ends);
      expect(lines).toEqual(linesOf(text));
      // Each end offset points just after the line's terminator in the original bytes.
      let pos = 0;
      for (let i = 0; i < lines.length; i++) {
        pos += Buffer.byteLength(lines[i]!) + (bytes[pos + Buffer.byteLength(lines[i]!)] === 0x0d ? 2 : 1);
        expect(ends[i]).toBe(Math.min(pos, bytes.length));
      }
    }
  });
});

describe('FileSource', () => {
  it('reads every visible file of a directory tree (CRLF, UTF-8 across tiny reads)', async () => {
    const root = tempDir();
    const expected = writeFiles(root);
    for (const chunk of [1, 3, 5, 64 * 1024]) {
      const src = FileSource.forTextLines(root).withOptions({ readChunkBytes: chunk, queuedReads: 2 });
      const r = src.createReader(readerContext({ batchSize: 4 }));
      r.addSplits(await src.createSplits(1));
      r.start?.();
      const got = await drain(r);
      expect(got.sort()).toEqual([...expected].sort());
    }
  });

  it('reads a single file and runs as a bounded job at parallelism 2', async () => {
    const root = tempDir();
    const expected = writeFiles(root);
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const out = await env.fromSource(FileSource.forTextLines(root), undefined, 'files').executeAndCollect().toArray();
    expect(out.sort()).toEqual([...expected].sort());
    const single = await StreamExecutionEnvironment.create()
      .fromSource(FileSource.forTextLines(join(root, 'a.txt')), undefined, 'file')
      .executeAndCollect()
      .toArray();
    expect(single).toEqual(['alpha', 'beta', '', 'gamma']);
  });

  it('restores from a snapshot taken mid-file and resumes exactly at the next line', async () => {
    const root = tempDir();
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} — ${'é'.repeat(i % 7)}`);
    writeFileSync(join(root, 'big.txt'), lines.join('\r\n'));
    writeFileSync(join(root, 'small.txt'), 'one\ntwo\n');
    const expected = [...lines, 'one', 'two'];
    for (const stopAfter of [1, 7, 130, 499, 501]) {
      const src = FileSource.forTextLines(root).withOptions({ readChunkBytes: 333 });
      const first = src.createReader(readerContext({ batchSize: 10 }));
      first.addSplits(await src.createSplits(1));
      first.start?.();
      const before = await drain(first, stopAfter);
      const state = structuredClone(first.snapshotState(1));
      first.close?.();
      const second = src.createReader(readerContext({ batchSize: 3 }));
      second.addSplits(state);
      second.start?.();
      const after = await drain(second);
      expect([...before, ...after]).toEqual(expected);
    }
  });

  it('reports a missing path clearly', async () => {
    await expect(FileSource.forTextLines('/nonexistent/trib-xyz').createSplits(1)).rejects.toThrow(
      /FileSource: cannot read '\/nonexistent\/trib-xyz'/,
    );
  });

  it('monitorContinuously picks up a file added while the job runs', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'first.txt'), 'a1\na2\n');
    // Checkpoints make the collect sink hand over what it buffered (it flushes at barriers).
    const env = StreamExecutionEnvironment.create({
      'execution.checkpointing.interval': '20 ms',
      'execution.checkpointing.dir': tempDir(),
    }).setParallelism(2);
    const stream = env
      .fromSource(FileSource.forTextLines(root).monitorContinuously(20), undefined, 'monitor')
      .executeAndCollect();
    const seen: string[] = [];
    let added = false;
    for await (const line of stream) {
      seen.push(line);
      if (!added && seen.length === 2) {
        // Files must appear atomically: write hidden, then rename into place.
        writeFileSync(join(root, '.second.tmp'), 'b1\nb2\nb3');
        renameSync(join(root, '.second.tmp'), join(root, 'second.txt'));
        added = true;
      }
      if (seen.length === 5) break;
    }
    await stream.job.cancel();
    await stream.job.result().catch(() => {});
    expect(seen.sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
  });

  it('continuous monitoring state redistributes by file group and never re-reads a file', async () => {
    const root = tempDir();
    for (let i = 0; i < 12; i++) writeFileSync(join(root, `f${i}.txt`), `f${i}-1\nf${i}-2\n`);
    const src = FileSource.forTextLines(root).monitorContinuously(10);
    const splits = await src.createSplits(3);
    const readers = [0, 1, 2].map((p) => {
      const r = src.createReader(readerContext({ subtaskIndex: p, parallelism: 3 }));
      r.addSplits(splits.filter((_, i) => i % 3 === p));
      r.start?.();
      return r;
    });
    const got: string[] = [];
    for (const r of readers) got.push(...(await drain(r, 0)));
    // Unbounded readers never end: poll until all 24 lines arrived.
    for (let round = 0; got.length < 24 && round < 200; round++) {
      for (const r of readers) r.pollNext({ collect: (v: string) => void got.push(v) });
      await sleep(5);
    }
    expect(got.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => [`f${i}-1`, `f${i}-2`])
        .flat()
        .sort(),
    );
    const state = readers.flatMap((r) => r.snapshotState(1));
    for (const r of readers) r.close?.();
    // Restore at parallelism 2 and add one new file: only that file is read.
    writeFileSync(join(root, 'new.txt'), 'new-1\n');
    const restored = [0, 1].map((p) => {
      const r = src.createReader(readerContext({ subtaskIndex: p, parallelism: 2 }));
      r.addSplits(state.filter((_, i) => i % 2 === p));
      r.start?.();
      return r;
    });
    const more: string[] = [];
    for (let round = 0; round < 40; round++) {
      for (const r of restored) r.pollNext({ collect: (v: string) => void more.push(v) });
      await sleep(5);
    }
    for (const r of restored) r.close?.();
    expect(more).toEqual(['new-1']);
  });
});
