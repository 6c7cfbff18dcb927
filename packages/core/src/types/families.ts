/** Type families as Flink's LogicalTypeFamily defines them, for binder checks and function signatures. */
import type { LogicalType, TypeRoot } from './logical-type.js';

export type TypeFamily =
  | 'PREDEFINED'
  | 'CONSTRUCTED'
  | 'CHARACTER_STRING'
  | 'BINARY_STRING'
  | 'NUMERIC'
  | 'INTEGER_NUMERIC'
  | 'EXACT_NUMERIC'
  | 'APPROXIMATE_NUMERIC'
  | 'DATETIME'
  | 'TIME'
  | 'TIMESTAMP'
  | 'INTERVAL'
  | 'COLLECTION'
  | 'EXTENSION';

const FAMILIES: Record<TypeRoot, readonly TypeFamily[]> = {
  CHAR: ['PREDEFINED', 'CHARACTER_STRING'],
  VARCHAR: ['PREDEFINED', 'CHARACTER_STRING'],
  BOOLEAN: ['PREDEFINED'],
  BINARY: ['PREDEFINED', 'BINARY_STRING'],
  VARBINARY: ['PREDEFINED', 'BINARY_STRING'],
  DECIMAL: ['PREDEFINED', 'NUMERIC', 'EXACT_NUMERIC'],
  TINYINT: ['PREDEFINED', 'NUMERIC', 'INTEGER_NUMERIC', 'EXACT_NUMERIC'],
  SMALLINT: ['PREDEFINED', 'NUMERIC', 'INTEGER_NUMERIC', 'EXACT_NUMERIC'],
  INTEGER: ['PREDEFINED', 'NUMERIC', 'INTEGER_NUMERIC', 'EXACT_NUMERIC'],
  BIGINT: ['PREDEFINED', 'NUMERIC', 'INTEGER_NUMERIC', 'EXACT_NUMERIC'],
  FLOAT: ['PREDEFINED', 'NUMERIC', 'APPROXIMATE_NUMERIC'],
  DOUBLE: ['PREDEFINED', 'NUMERIC', 'APPROXIMATE_NUMERIC'],
  DATE: ['PREDEFINED', 'DATETIME'],
  TIME: ['PREDEFINED', 'DATETIME', 'TIME'],
  TIMESTAMP: ['PREDEFINED', 'DATETIME', 'TIMESTAMP'],
  TIMESTAMP_LTZ: ['PREDEFINED', 'DATETIME', 'TIMESTAMP'],
  INTERVAL_YEAR_MONTH: ['PREDEFINED', 'INTERVAL'],
  INTERVAL_DAY_TIME: ['PREDEFINED', 'INTERVAL'],
  ARRAY: ['CONSTRUCTED', 'COLLECTION'],
  MULTISET: ['CONSTRUCTED', 'COLLECTION'],
  MAP: ['CONSTRUCTED', 'EXTENSION'],
  ROW: ['CONSTRUCTED'],
  NULL: ['EXTENSION'],
};

export function families(t: LogicalType): readonly TypeFamily[] {
  return FAMILIES[t.root];
}
export function isFamily(t: LogicalType, f: TypeFamily): boolean {
  return FAMILIES[t.root].includes(f);
}
export const isNumeric = (t: LogicalType) => isFamily(t, 'NUMERIC');
export const isExactNumeric = (t: LogicalType) => isFamily(t, 'EXACT_NUMERIC');
export const isIntegerNumeric = (t: LogicalType) => isFamily(t, 'INTEGER_NUMERIC');
export const isApproximateNumeric = (t: LogicalType) => isFamily(t, 'APPROXIMATE_NUMERIC');
export const isCharacterString = (t: LogicalType) => isFamily(t, 'CHARACTER_STRING');
export const isBinaryString = (t: LogicalType) => isFamily(t, 'BINARY_STRING');
export const isDatetime = (t: LogicalType) => isFamily(t, 'DATETIME');
export const isTimestamp = (t: LogicalType) => isFamily(t, 'TIMESTAMP');
export const isInterval = (t: LogicalType) => isFamily(t, 'INTERVAL');
export const isCollection = (t: LogicalType) => isFamily(t, 'COLLECTION');
export const isConstructed = (t: LogicalType) => isFamily(t, 'CONSTRUCTED');

/** Integer types ordered by width; index in this list is the widening order. */
export const INTEGER_ROOTS: readonly TypeRoot[] = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'];

/** Decimal precision that holds every value of an integer type (Flink's getPrecision of integer types). */
export function integerDigits(root: TypeRoot): number {
  switch (root) {
    case 'TINYINT':
      return 3;
    case 'SMALLINT':
      return 5;
    case 'INTEGER':
      return 10;
    case 'BIGINT':
      return 19;
    default:
      throw new RangeError(`${root} is not an integer type`);
  }
}

/** Precision of a numeric/temporal type as Flink's LogicalTypeChecks.getPrecision reports it. */
export function getPrecision(t: LogicalType): number {
  if (isIntegerNumeric(t)) return integerDigits(t.root);
  if (t.root === 'FLOAT') return 7;
  if (t.root === 'DOUBLE') return 15;
  return t.precision;
}
export function getScale(t: LogicalType): number {
  return t.root === 'DECIMAL' ? t.scale : 0;
}
/** Length of CHAR/VARCHAR/BINARY/VARBINARY. */
export function getLength(t: LogicalType): number {
  return t.length;
}
