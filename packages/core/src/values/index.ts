/**
 * Runtime representation of SQL values (what generated code and operators pass around):
 *
 * | SQL type                  | JS value                                                                    |
 * |---------------------------|-----------------------------------------------------------------------------|
 * | NULL (any type)           | `null`                                                                      |
 * | BOOLEAN                   | boolean                                                                     |
 * | TINYINT / SMALLINT / INT  | number, kept in range with Java wrap (`(a + b) \| 0`, shifts)               |
 * | BIGINT                    | bigint, wrapped with BigInt.asIntN(64)                                      |
 * | FLOAT / DOUBLE            | number (FLOAT rounded with Math.fround)                                     |
 * | DECIMAL(p, s)             | `Decimal` (unscaled bigint + scale), HALF_UP, overflow -> NULL              |
 * | CHAR / VARCHAR / STRING   | string                                                                      |
 * | BINARY / VARBINARY / BYTES| Uint8Array                                                                  |
 * | DATE                      | number: days since 1970-01-01                                               |
 * | TIME(p)                   | number: milliseconds of the day                                             |
 * | TIMESTAMP(p), p <= 3      | number: epoch millis of the wall-clock time                                 |
 * | TIMESTAMP(p), p > 3       | `NanoTimestamp` { millis, nanoOfMilli }                                     |
 * | TIMESTAMP_LTZ(p)          | same shapes, as an instant (epoch millis UTC)                               |
 * | INTERVAL YEAR TO MONTH    | number of months                                                            |
 * | INTERVAL DAY TO SECOND    | number of milliseconds                                                      |
 * | ARRAY<T>                  | JS array                                                                    |
 * | MAP<K, V>                 | Map                                                                         |
 * | MULTISET<T>               | Map<value, count>                                                           |
 * | ROW<...>                  | JS array of field values                                                    |
 */
export * from './cast.js';
export * from './compare.js';
export * from './decimal.js';
export * from './format.js';
export * from './numeric.js';
export * from './temporal.js';
export * from './time-zone.js';
