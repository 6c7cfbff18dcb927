import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatNexmarkTimestamp,
  NEXMARK_CSV_COLUMNS,
  nexmarkEventFromCsv,
  nexmarkEventFromJson,
  nexmarkEvents,
  parseNexmarkTimestamp,
  splitCsvRow,
  writeNexmarkEvents,
} from '@tributary/connectors';
import { describe, expect, it } from 'vitest';
import { generatorEvents } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'nexmark-files-'));

describe('nexmark event files', () => {
  it('timestamps are Flink TIMESTAMP(3) text in UTC', () => {
    expect(formatNexmarkTimestamp(Date.UTC(2015, 6, 15))).toBe('2015-07-15 00:00:00.000');
    expect(formatNexmarkTimestamp(Date.UTC(2024, 1, 29, 23, 59, 58, 7))).toBe('2024-02-29 23:59:58.007');
    expect(formatNexmarkTimestamp(Date.UTC(1999, 11, 31, 9, 5, 3, 450))).toBe('1999-12-31 09:05:03.450');
    expect(parseNexmarkTimestamp('2024-02-29 23:59:58.007')).toBe(Date.UTC(2024, 1, 29, 23, 59, 58, 7));
    expect(() => parseNexmarkTimestamp('yesterday')).toThrow(/TIMESTAMP\(3\)/);
  });

  it('events in file order interleave the generators and equal the generators events', () => {
    const options = { 'events.num': 30, 'num.event.generators': 3 } as const;
    const gens = generatorEvents(options, 3);
    const expected = Array.from({ length: 10 }, (_, k) => gens.map((g) => g[k]!)).flat();
    expect([...nexmarkEvents(options)]).toEqual(expected);
  });

  for (const format of ['json', 'csv'] as const) {
    it(`${format}: round trip gives back the generated events`, async () => {
      const path = join(dir, `events.${format}`);
      const options = { 'events.num': 5000, 'out.of.order.group.size': 5 } as const;
      const r = await writeNexmarkEvents({ format, path, ...options });
      const text = readFileSync(path, 'utf8');
      expect(r).toEqual({ path, events: 5000, bytes: Buffer.byteLength(text) });
      const lines = text.trimEnd().split('\n');
      const parse = format === 'json' ? nexmarkEventFromJson : nexmarkEventFromCsv;
      expect(lines.map(parse)).toEqual(generatorEvents(options, 1)[0]);
    });
  }

  it('json lines have Flink nexmark field names and null rows for the other types', async () => {
    const path = join(dir, 'head.json');
    await writeNexmarkEvents({ format: 'json', path, 'events.num': 50 });
    const rows = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const person = rows.find((r) => r.event_type === 0);
    expect(Object.keys(person)).toEqual(['event_type', 'person', 'auction', 'bid', 'dateTime']);
    expect(Object.keys(person.person)).toEqual([
      'id',
      'name',
      'emailAddress',
      'creditCard',
      'city',
      'state',
      'dateTime',
      'extra',
    ]);
    expect(person.auction).toBeNull();
    expect(person.bid).toBeNull();
    const bid = rows.find((r) => r.event_type === 2);
    expect(Object.keys(bid.bid)).toEqual(['auction', 'bidder', 'price', 'channel', 'url', 'dateTime', 'extra']);
    // Event 1 of 1 generator at 10,000 events/s: base time + 100 µs, truncated to the millisecond.
    expect(rows[0].dateTime).toBe('2015-07-15 00:00:00.000');
    expect(rows[49].dateTime).toBe('2015-07-15 00:00:00.005');
  });

  it('csv: header on request, nulls as empty fields, strings quoted', async () => {
    const path = join(dir, 'head.csv');
    await writeNexmarkEvents({ format: 'csv', path, header: true, 'events.num': 3 });
    const [header, first] = readFileSync(path, 'utf8').split('\n');
    expect(header).toBe(NEXMARK_CSV_COLUMNS.join(','));
    const fields = splitCsvRow(first!);
    expect(fields.length).toBe(27);
    expect(fields[0]).toBe('1'); // the first event (id 2) is an auction
    expect(fields.slice(1, 9)).toEqual(Array(8).fill(null));
    expect(fields[9]).toBe('1001');
    expect(first).toContain(`,"${fields[10]}",`);
    expect(splitCsvRow('a,"x ""y"", z",,""')).toEqual(['a', 'x "y", z', null, '']);
  });

  it('refuses unbounded configurations and bad formats', async () => {
    await expect(writeNexmarkEvents({ format: 'json', path: join(dir, 'x') })).rejects.toThrow(/events.num > 0/);
    await expect(writeNexmarkEvents({ format: 'xml' as never, path: join(dir, 'x'), 'events.num': 1 })).rejects.toThrow(
      /'json' or 'csv'/,
    );
  });
});
