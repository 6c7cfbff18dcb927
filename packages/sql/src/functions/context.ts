/**
 * What built-in functions may read from the session: the local time zone (`table.local-time-zone`), a clock
 * for CURRENT_TIMESTAMP & co, and a seed source for RAND without a seed. Injected so tests are deterministic and
 * batch queries can pin "now" to the query start as Flink does.
 */
import type { Clock } from '@tributary/core';
import { type TimeZone, timeZone } from '@tributary/core';

export interface FunctionContext {
  readonly zone: TimeZone;
  /** Epoch millis of "now" (processing time in streaming; the query start in batch). */
  now(): number;
}

/** Flink's option key for the session time zone. */
export const LOCAL_TIME_ZONE_OPTION = 'table.local-time-zone';

/** Builds a context from session configuration (`table.local-time-zone`, default the system zone) and a clock. */
export function functionContext(
  config: { get?(key: string): unknown } | Record<string, unknown> = {},
  clock?: Pick<Clock, 'now'>,
): FunctionContext {
  const raw =
    typeof (config as { get?: unknown }).get === 'function'
      ? (config as { get(key: string): unknown }).get(LOCAL_TIME_ZONE_OPTION)
      : (config as Record<string, unknown>)[LOCAL_TIME_ZONE_OPTION];
  const id =
    raw === undefined || raw === null || raw === 'default'
      ? Intl.DateTimeFormat().resolvedOptions().timeZone
      : String(raw);
  const zone = timeZone(id);
  return { zone, now: clock ? () => clock.now() : () => Date.now() };
}

export const DEFAULT_FUNCTION_CONTEXT: FunctionContext = { zone: timeZone('UTC'), now: () => Date.now() };
