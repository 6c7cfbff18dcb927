import { open } from 'node:fs/promises';
import { ConfigError } from '@tributary/core';
import { NEXMARK_CSV_COLUMNS, nexmarkEventToCsv, nexmarkEventToJson } from './event-format.js';
import { NexmarkEventGenerator } from './generator.js';
import { GeneratorConfig } from './generator-config.js';
import type { NexmarkEvent } from './model.js';
import { type NexmarkOptions, resolveNexmarkConfig } from './options.js';

export interface WriteNexmarkEventsOptions extends NexmarkOptions {
  format: 'json' | 'csv';
  path: string;
  /** CSV only: write NEXMARK_CSV_COLUMNS as a first line (off by default: Flink's csv format reads no header). */
  header?: boolean;
}

export interface WriteNexmarkEventsResult {
  readonly path: string;
  readonly events: number;
  readonly bytes: number;
}

/**
 * The events of a bounded configuration (`events.num` > 0) in generation order: with several generators, one
 * event of each in turn, so timestamps stay nearly ordered as if the generators ran side by side. The same
 * events as `NexmarkSource` with the same options and `num.event.generators` (default 1 here).
 */
export function* nexmarkEvents(options: NexmarkOptions): Generator<NexmarkEvent> {
  const config = resolveNexmarkConfig(options);
  if (config.numEvents <= 0) throw new ConfigError('events.num', 'nexmark events for a file need events.num > 0');
  const n = config.numEventGenerators ?? 1;
  const gc = new GeneratorConfig(config, n);
  const gen = new NexmarkEventGenerator(gc);
  const ranges = gc.split(n);
  const longest = Math.max(...ranges.map((r) => r.maxEvents));
  for (let k = 0; k < longest; k++) {
    for (const r of ranges) if (k < r.maxEvents) yield gen.event(r.firstEventId, k);
  }
}

/** Writes the events of a bounded configuration to a JSON-lines or CSV file (see event-format.ts for columns). */
export async function writeNexmarkEvents(options: WriteNexmarkEventsOptions): Promise<WriteNexmarkEventsResult> {
  const { format, path, header, ...rest } = options;
  if (format !== 'json' && format !== 'csv')
    throw new ConfigError('format', `writeNexmarkEvents format must be 'json' or 'csv', got ${String(format)}`);
  if (typeof path !== 'string' || path === '') throw new ConfigError('path', 'writeNexmarkEvents needs a file path');
  const toLine = format === 'json' ? nexmarkEventToJson : nexmarkEventToCsv;
  const events = nexmarkEvents(rest);
  const file = await open(path, 'w');
  let count = 0;
  let bytes = 0;
  try {
    let chunk = format === 'csv' && header === true ? `${NEXMARK_CSV_COLUMNS.join(',')}\n` : '';
    for (const e of events) {
      chunk += `${toLine(e)}\n`;
      count++;
      if (chunk.length >= 1 << 20) {
        const buf = Buffer.from(chunk, 'utf8');
        await file.write(buf);
        bytes += buf.length;
        chunk = '';
      }
    }
    const buf = Buffer.from(chunk, 'utf8');
    await file.write(buf);
    bytes += buf.length;
  } finally {
    await file.close();
  }
  return { path, events: count, bytes };
}
