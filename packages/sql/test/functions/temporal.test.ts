import { localToInstant, NanoTimestamp, parseType, timeZone } from '@tributary/core';
import { createBuiltinRegistry, formatWithPattern, functionContext, parseWithPattern } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const reg = createBuiltinRegistry();
const utc = functionContext({ 'table.local-time-zone': 'UTC' }, { now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678) });
const sh = functionContext({ 'table.local-time-zone': 'Asia/Shanghai' }, { now: () => Date.UTC(2024, 0, 2, 20, 0, 0) });
const call = (name: string, types: string[], args: unknown[], ctx = utc) =>
  reg.invoke(name, types.map(parseType), args, ctx);
const ts = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const day = (y: number, mo: number, d: number) => ts(y, mo, d) / 86_400_000;

describe('Java date patterns', () => {
  const t = ts(2024, 3, 5, 14, 7, 9, 45);
  it('formats', () => {
    expect(formatWithPattern(t, 'yyyy-MM-dd HH:mm:ss')).toBe('2024-03-05 14:07:09');
    expect(formatWithPattern(t, 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2024-03-05 14:07:09.045');
    expect(formatWithPattern(t, 'yy/M/d h:mm a')).toBe('24/3/5 2:07 PM');
    expect(formatWithPattern(t, 'EEEE, MMMM dd')).toBe('Tuesday, March 05');
    expect(formatWithPattern(t, "EEE MMM d ''yy 'at' HH")).toBe("Tue Mar 5 '24 at 14");
    expect(formatWithPattern(t, 'D w')).toBe('65 10'); // 31 + 29 + 5; ISO week 10
    expect(formatWithPattern(t, 'yyyyMMddHHmmss')).toBe('20240305140709');
    expect(formatWithPattern(t, 'HH:mm Z', 0, 8 * 3600000)).toBe('14:07 +0800');
  });
  it('parses', () => {
    expect(parseWithPattern('2024-03-05 14:07:09', 'yyyy-MM-dd HH:mm:ss')?.localMillis).toBe(ts(2024, 3, 5, 14, 7, 9));
    expect(parseWithPattern('20240305', 'yyyyMMdd')?.localMillis).toBe(ts(2024, 3, 5));
    expect(parseWithPattern('05/Mar/2024:14:07:09 +0100', 'dd/MMM/yyyy:HH:mm:ss Z')?.offsetMs).toBe(3600000);
    expect(parseWithPattern('2024-02-30', 'yyyy-MM-dd')).toBeUndefined();
    expect(parseWithPattern('2024-03-05x', 'yyyy-MM-dd')).toBeUndefined();
    expect(parseWithPattern('12:30 AM', 'hh:mm a')?.localMillis).toBe(30 * 60000);
  });
});

describe('current time functions use the session clock and zone', () => {
  it('UTC', () => {
    expect(call('CURRENT_TIMESTAMP', [], [])).toBe(ts(2024, 1, 2, 3, 4, 5, 678));
    expect(call('LOCALTIMESTAMP', [], [])).toBe(ts(2024, 1, 2, 3, 4, 5, 678));
    expect(call('CURRENT_DATE', [], [])).toBe(day(2024, 1, 2));
    expect(call('CURRENT_TIME', [], [])).toBe((3 * 3600 + 4 * 60 + 5) * 1000 + 678);
    expect(reg.resolve('NOW', []).returnType.toString()).toBe('TIMESTAMP_LTZ(3) NOT NULL');
  });
  it('Asia/Shanghai is 8 hours ahead: the local date is already the next day', () => {
    expect(call('CURRENT_TIMESTAMP', [], [], sh)).toBe(ts(2024, 1, 2, 20));
    expect(call('LOCALTIMESTAMP', [], [], sh)).toBe(ts(2024, 1, 3, 4));
    expect(call('CURRENT_DATE', [], [], sh)).toBe(day(2024, 1, 3));
    expect(call('UNIX_TIMESTAMP', [], [], sh)).toBe(BigInt(ts(2024, 1, 2, 20) / 1000));
  });
});

describe('conversion functions', () => {
  it('DATE_FORMAT on TIMESTAMP, TIMESTAMP_LTZ and strings', () => {
    expect(call('DATE_FORMAT', ['TIMESTAMP(3)', 'STRING'], [ts(2024, 1, 2, 3, 4, 5), 'yyyy/MM/dd HH'])).toBe(
      '2024/01/02 03',
    );
    expect(call('DATE_FORMAT', ['TIMESTAMP_LTZ(3)', 'STRING'], [ts(2024, 1, 2, 20), 'yyyy-MM-dd HH:mm'], sh)).toBe(
      '2024-01-03 04:00',
    );
    expect(call('DATE_FORMAT', ['STRING', 'STRING'], ['2024-01-02 03:04:05', 'HH:mm'])).toBe('03:04');
    expect(
      call('DATE_FORMAT', ['TIMESTAMP(6)', 'STRING'], [new NanoTimestamp(ts(2024, 1, 2), 123456), 'ss.SSSSSS']),
    ).toBe('00.000123');
  });
  it('TO_TIMESTAMP / TO_DATE / TO_TIMESTAMP_LTZ', () => {
    expect(call('TO_TIMESTAMP', ['STRING'], ['2024-01-02 03:04:05'])).toBe(ts(2024, 1, 2, 3, 4, 5));
    expect(call('TO_TIMESTAMP', ['STRING', 'STRING'], ['02.01.2024', 'dd.MM.yyyy'])).toBe(ts(2024, 1, 2));
    expect(call('TO_TIMESTAMP', ['STRING'], ['garbage'])).toBeNull();
    expect(call('TO_DATE', ['STRING'], ['2024-01-02'])).toBe(day(2024, 1, 2));
    expect(call('TO_DATE', ['STRING', 'STRING'], ['20240102', 'yyyyMMdd'])).toBe(day(2024, 1, 2));
    expect(call('TO_TIMESTAMP_LTZ', ['BIGINT', 'INT'], [1704164645n, 0])).toBe(1704164645000);
    expect(call('TO_TIMESTAMP_LTZ', ['BIGINT', 'INT'], [1704164645123n, 3])).toBe(1704164645123);
    expect(call('TO_TIMESTAMP_LTZ', ['STRING', 'STRING'], ['2024-01-03 04:00:00', 'yyyy-MM-dd HH:mm:ss'], sh)).toBe(
      ts(2024, 1, 2, 20),
    );
  });
  it('UNIX_TIMESTAMP / FROM_UNIXTIME depend on the session zone', () => {
    expect(call('UNIX_TIMESTAMP', ['STRING'], ['1970-01-01 08:00:00'], sh)).toBe(0n);
    expect(call('UNIX_TIMESTAMP', ['STRING'], ['1970-01-01 08:00:00'])).toBe(28800n);
    expect(call('UNIX_TIMESTAMP', ['STRING', 'STRING'], ['1970/01/02', 'yyyy/MM/dd'])).toBe(86400n);
    expect(call('UNIX_TIMESTAMP', ['STRING'], ['bad'])).toBe(-9223372036854775808n);
    expect(call('FROM_UNIXTIME', ['BIGINT'], [0n], sh)).toBe('1970-01-01 08:00:00');
    expect(call('FROM_UNIXTIME', ['INT', 'STRING'], [86400, 'yyyy-MM-dd'])).toBe('1970-01-02');
  });
  it('CONVERT_TZ', () => {
    expect(
      call('CONVERT_TZ', ['STRING', 'STRING', 'STRING'], ['1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles']),
    ).toBe('1969-12-31 16:00:00');
    expect(call('CONVERT_TZ', ['STRING', 'STRING', 'STRING'], ['2024-07-01 12:00:00', 'Europe/Berlin', '+08:00'])).toBe(
      '2024-07-01 18:00:00',
    );
  });
});

describe('EXTRACT and field functions', () => {
  const t = ts(2024, 3, 5, 14, 7, 9, 45); // a Tuesday
  it('extracts fields from TIMESTAMP', () => {
    const ex = (u: string) => call('EXTRACT', ['STRING', 'TIMESTAMP(3)'], [u, t]);
    expect(ex('YEAR')).toBe(2024n);
    expect(ex('QUARTER')).toBe(1n);
    expect(ex('MONTH')).toBe(3n);
    expect(ex('WEEK')).toBe(10n);
    expect(ex('DAY')).toBe(5n);
    expect(ex('DOY')).toBe(65n);
    expect(ex('DOW')).toBe(3n); // Sunday=1, Tuesday=3
    expect(ex('ISODOW')).toBe(2n);
    expect(ex('HOUR')).toBe(14n);
    expect(ex('MINUTE')).toBe(7n);
    expect(ex('SECOND')).toBe(9n);
    expect(ex('MILLISECOND')).toBe(9045n);
    expect(ex('CENTURY')).toBe(21n);
    expect(ex('EPOCH')).toBe(BigInt(Math.floor(t / 1000)));
  });
  it('field shortcuts on DATE and LTZ', () => {
    expect(call('YEAR', ['DATE'], [day(1999, 12, 31)])).toBe(1999n);
    expect(call('DAYOFWEEK', ['DATE'], [day(2024, 3, 3)])).toBe(1n); // Sunday
    expect(call('DAYOFYEAR', ['DATE'], [day(2024, 12, 31)])).toBe(366n);
    expect(call('WEEK', ['DATE'], [day(2021, 1, 3)])).toBe(53n); // ISO week of 2020
    expect(call('HOUR', ['TIMESTAMP_LTZ(3)'], [ts(2024, 1, 2, 20)], sh)).toBe(4n);
    expect(call('EXTRACT', ['STRING', 'INTERVAL DAY TO SECOND(3)'], ['HOUR', 26 * 3600000])).toBe(2n);
    expect(call('EXTRACT', ['STRING', 'INTERVAL YEAR TO MONTH'], ['YEAR', 27])).toBe(2n);
    expect(() => call('EXTRACT', ['STRING', 'DATE'], ['HOUR', 0])).toThrow(/cannot extract HOUR/);
  });
});

describe('TIMESTAMPADD / TIMESTAMPDIFF / FLOOR / CEIL', () => {
  it('adds units, clamping months', () => {
    const add = (u: string, n: number, type: string, v: unknown, ctx = utc) =>
      call('TIMESTAMPADD', ['STRING', 'INT', type], [u, n, v], ctx);
    expect(add('MONTH', 1, 'TIMESTAMP(3)', ts(2024, 1, 31, 10))).toBe(ts(2024, 2, 29, 10));
    expect(add('YEAR', 1, 'DATE', day(2024, 2, 29))).toBe(day(2025, 2, 28));
    expect(add('WEEK', -1, 'DATE', day(2024, 1, 3))).toBe(day(2023, 12, 27));
    expect(add('HOUR', 25, 'TIMESTAMP(3)', ts(2024, 1, 1))).toBe(ts(2024, 1, 2, 1));
    expect(add('QUARTER', 1, 'TIMESTAMP(3)', ts(2024, 11, 30))).toBe(ts(2025, 2, 28));
    expect(add('SECOND', 30, 'TIME(0)', 86_390_000)).toBe(20_000);
    expect(reg.resolve('TIMESTAMPADD', ['STRING', 'INT', 'DATE'].map(parseType), ['HOUR']).returnType.toString()).toBe(
      'TIMESTAMP(0)',
    );
    expect(add('HOUR', 1, 'DATE', day(2024, 1, 1))).toBe(ts(2024, 1, 1, 1));
  });
  it('DAY on TIMESTAMP_LTZ keeps the wall-clock time across a DST change', () => {
    const berlin = functionContext({ 'table.local-time-zone': 'Europe/Berlin' });
    // 2024-03-30 12:00 CET (UTC+1) + 1 day = 2024-03-31 12:00 CEST (UTC+2)
    expect(call('TIMESTAMPADD', ['STRING', 'INT', 'TIMESTAMP_LTZ(3)'], ['DAY', 1, ts(2024, 3, 30, 11)], berlin)).toBe(
      ts(2024, 3, 31, 10),
    );
    expect(call('TIMESTAMPADD', ['STRING', 'INT', 'TIMESTAMP_LTZ(3)'], ['HOUR', 24, ts(2024, 3, 30, 11)], berlin)).toBe(
      ts(2024, 3, 31, 11),
    );
  });
  it('differences truncate toward zero', () => {
    const diff = (u: string, a: unknown, b: unknown, ta = 'TIMESTAMP(3)', tb = 'TIMESTAMP(3)') =>
      call('TIMESTAMPDIFF', ['STRING', ta, tb], [u, a, b]);
    expect(diff('DAY', ts(2024, 1, 1), ts(2024, 1, 3, 23))).toBe(2);
    expect(diff('HOUR', ts(2024, 1, 3), ts(2024, 1, 1, 1))).toBe(-47);
    expect(diff('MONTH', ts(2024, 1, 31), ts(2024, 2, 29))).toBe(0);
    expect(diff('MONTH', ts(2024, 1, 31), ts(2024, 3, 31))).toBe(2);
    expect(diff('YEAR', ts(2020, 6, 1), ts(2024, 5, 31))).toBe(3);
    expect(diff('DAY', day(2024, 1, 1), day(2024, 3, 1), 'DATE', 'DATE')).toBe(60);
  });
  it('floors and ceils to units', () => {
    const t = ts(2024, 5, 15, 13, 45, 30, 500); // Wednesday
    const fl = (u: string, v = t, type = 'TIMESTAMP(3)') => call('FLOOR_TO', [type, 'STRING'], [v, u]);
    const ce = (u: string, v = t, type = 'TIMESTAMP(3)') => call('CEIL_TO', [type, 'STRING'], [v, u]);
    expect(fl('YEAR')).toBe(ts(2024, 1, 1));
    expect(fl('QUARTER')).toBe(ts(2024, 4, 1));
    expect(fl('MONTH')).toBe(ts(2024, 5, 1));
    expect(fl('WEEK')).toBe(ts(2024, 5, 12)); // Sunday
    expect(fl('DAY')).toBe(ts(2024, 5, 15));
    expect(fl('HOUR')).toBe(ts(2024, 5, 15, 13));
    expect(fl('MINUTE')).toBe(ts(2024, 5, 15, 13, 45));
    expect(ce('HOUR')).toBe(ts(2024, 5, 15, 14));
    expect(ce('MONTH')).toBe(ts(2024, 6, 1));
    expect(ce('DAY', ts(2024, 5, 15))).toBe(ts(2024, 5, 15));
    expect(fl('MONTH', day(2024, 5, 15) as number, 'DATE')).toBe(day(2024, 5, 1));
    expect(ce('SECOND', new NanoTimestamp(ts(2024, 1, 1, 0, 0, 1), 5) as unknown as number, 'TIMESTAMP(9)')).toBe(
      ts(2024, 1, 1, 0, 0, 2),
    );
    // LTZ floors in the session zone: 20:00 UTC is 04:00 next day in Shanghai -> day starts 16:00 UTC
    expect(call('FLOOR_TO', ['TIMESTAMP_LTZ(3)', 'STRING'], [ts(2024, 1, 2, 20), 'DAY'], sh)).toBe(ts(2024, 1, 2, 16));
  });
});

describe('time zone conversion rules (Java ZonedDateTime)', () => {
  const berlin = timeZone('Europe/Berlin');
  it('moves a wall time inside a DST gap forward', () => {
    // 2024-03-31 02:30 does not exist in Berlin; Java gives 03:30 CEST = 01:30 UTC
    expect(localToInstant(ts(2024, 3, 31, 2, 30), berlin)).toBe(ts(2024, 3, 31, 1, 30));
  });
  it('takes the earlier offset for an ambiguous wall time', () => {
    // 2024-10-27 02:30 happens twice; the earlier (CEST, +2) is 00:30 UTC
    expect(localToInstant(ts(2024, 10, 27, 2, 30), berlin)).toBe(ts(2024, 10, 27, 0, 30));
  });
  it('accepts fixed offsets', () => {
    expect(timeZone('GMT+08:00').offsetAt(0)).toBe(8 * 3600000);
    expect(timeZone('-03:30').offsetAt(0)).toBe(-(3 * 3600000 + 1800000));
    expect(() => timeZone('Mars/Olympus')).toThrow(/Invalid time zone/);
  });
});
