import type { TableFactoryContext } from '@tributary/connectors';
import type { LogicalType, TributaryError } from '@tributary/core';

export function tableCtx(
  options: Record<string, string>,
  columns: Record<string, LogicalType>,
  partitionKeys: string[] = [],
): TableFactoryContext {
  return {
    tableName: '`default_catalog`.`default_database`.`t`',
    columns: Object.entries(columns).map(([name, type]) => ({ name, type })),
    primaryKey: undefined,
    partitionKeys,
    options,
    streaming: true,
  };
}

/** The error a function throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): TributaryError {
  try {
    fn();
  } catch (e) {
    return e as TributaryError;
  }
  throw new Error('expected an error');
}
