export * from '@tributary/connectors';
export { type Clock, Configuration, ManualClock, SystemClock } from '@tributary/core';
export * from '@tributary/datastream';
