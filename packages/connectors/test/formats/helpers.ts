import { type FormatContext, TableOptions } from '@tributary/connectors';
import { Decimal, type LogicalType, NanoTimestamp, Types } from '@tributary/core';

export function formatCtx(columns: Record<string, LogicalType>, options: Record<string, string> = {}): FormatContext {
  return {
    tableName: 't',
    columns: Object.entries(columns).map(([name, type]) => ({ name, type })),
    options: new TableOptions(options, 't'),
  };
}

/** Columns of every scalar type the text formats support, and a row of values for them computed by hand. */
export const scalarColumns = {
  b: Types.boolean(),
  ti: Types.tinyint(),
  si: Types.smallint(),
  i: Types.int(),
  bi: Types.bigint(),
  f: Types.float(),
  d: Types.double(),
  dec: Types.decimal(20, 3),
  s: Types.string(),
  by: Types.bytes(),
  dt: Types.date(),
  tm: Types.time(0),
  ts: Types.timestamp(3),
  ts9: Types.timestamp(9),
  ltz: Types.timestampLtz(3),
};

const day = 19724; // 2024-01-02
const tsMs = day * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000 + 60; // 2024-01-02 03:04:05.060

export const scalarRow = [
  true,
  -128,
  32767,
  -2147483648,
  9007199254740993n, // beyond double precision
  Math.fround(1.1),
  -2.5e-7,
  Decimal.of('12345678901234567.891'),
  'x, "quoted"; a\\b',
  new Uint8Array([0, 255, 16]),
  day,
  (13 * 3600 + 14 * 60 + 15) * 1000,
  tsMs,
  new NanoTimestamp(tsMs, 789),
  tsMs,
];

/** Text of the row's temporal values in Flink's SQL standard. */
export const scalarTexts = {
  dt: '2024-01-02',
  tm: '13:14:15',
  ts: '2024-01-02 03:04:05.06',
  ts9: '2024-01-02 03:04:05.060000789',
  ltz: '2024-01-02 03:04:05.06Z',
  by: 'AP8Q',
};
