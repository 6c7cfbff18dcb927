/** Event time is epoch milliseconds. A record without a timestamp carries NO_TIMESTAMP. */
export const NO_TIMESTAMP = Number.NEGATIVE_INFINITY;
/** The watermark before any event-time progress. */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;
/** The watermark sent at end of input; fires every event-time timer. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;

export function formatTimestamp(ts: number): string {
  if (ts === NO_TIMESTAMP) return 'none';
  if (ts === MAX_WATERMARK) return '+inf';
  return new Date(ts).toISOString();
}
