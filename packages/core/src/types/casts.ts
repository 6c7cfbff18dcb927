/**
 * Which casts Flink allows (LogicalTypeCasts): implicit ones the binder may insert on its own (widening, as for
 * function arguments and set operations) and explicit ones a user may write as CAST / TRY_CAST.
 */
import { isBinaryString, isCharacterString, isExactNumeric, isInterval, isNumeric, isTimestamp } from './families.js';
import type { LogicalType, TypeRoot } from './logical-type.js';

const NUMERIC_ORDER: Partial<Record<TypeRoot, number>> = {
  TINYINT: 0,
  SMALLINT: 1,
  INTEGER: 2,
  BIGINT: 3,
  DECIMAL: 4,
  FLOAT: 5,
  DOUBLE: 6,
};

/** Implicit (safe, widening) cast as Flink's `supportsImplicitCast`. */
export function supportsImplicitCast(from: LogicalType, to: LogicalType): boolean {
  if (from.root === 'NULL') return true;
  if (from.nullable && !to.nullable) return false;
  if (from.equalsIgnoreNullability(to)) return true;
  const f = from.root;
  const t = to.root;
  if (isCharacterString(from) && isCharacterString(to)) return true;
  if (isBinaryString(from) && isBinaryString(to)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    // DECIMAL -> DECIMAL is implicit in Flink regardless of precision (it may round); integer -> DECIMAL too
    if (f === 'DECIMAL' && t === 'DECIMAL') return true;
    if (f === 'FLOAT' || f === 'DOUBLE') return t === 'DOUBLE' || (f === 'FLOAT' && t === 'FLOAT');
    return NUMERIC_ORDER[f]! <= NUMERIC_ORDER[t]!;
  }
  if (f === 'DATE' && (t === 'TIMESTAMP' || t === 'TIMESTAMP_LTZ')) return true;
  if (isTimestamp(from) && isTimestamp(to)) return true;
  if (f === 'TIME' && t === 'TIME') return true;
  if (f === t && isInterval(from)) return true;
  if (f === t && (f === 'ARRAY' || f === 'MULTISET')) return supportsImplicitCast(from.element!, to.element!);
  if (f === 'MAP' && t === 'MAP') {
    return supportsImplicitCast(from.key!, to.key!) && supportsImplicitCast(from.value!, to.value!);
  }
  if (f === 'ROW' && t === 'ROW') {
    const a = from.fields!;
    const b = to.fields!;
    return a.length === b.length && a.every((x, i) => supportsImplicitCast(x.type, b[i]!.type));
  }
  return false;
}

/**
 * Why an explicit cast is rejected, or undefined when it is allowed. Messages follow Flink's validator, including
 * its hints for the numeric <-> TIMESTAMP casts Flink deliberately forbids.
 */
export function explicitCastError(from: LogicalType, to: LogicalType): string | undefined {
  if (supportsExplicitCast(from, to)) return undefined;
  if (isNumeric(from) && to.root === 'TIMESTAMP') {
    return `The cast from NUMERIC type to TIMESTAMP type is not allowed. It's recommended to use TO_TIMESTAMP(FROM_UNIXTIME(numeric_col)) instead, note the numeric is in seconds.`;
  }
  if (isNumeric(from) && to.root === 'TIMESTAMP_LTZ') {
    return `The cast from NUMERIC type to TIMESTAMP_LTZ type is not allowed. It's recommended to use TO_TIMESTAMP_LTZ(numeric_col, precision) instead.`;
  }
  if (isTimestamp(from) && isNumeric(to)) {
    return `The cast from ${from.root === 'TIMESTAMP' ? 'TIMESTAMP' : 'TIMESTAMP_LTZ'} type to NUMERIC type is not allowed. It's recommended to use UNIX_TIMESTAMP(CAST(timestamp_col AS STRING)) instead.`;
  }
  return `Cast function cannot convert value of type ${from.toString()} to type ${to.toString()}`;
}

/** Explicit cast as Flink's `supportsExplicitCast` (nullability is checked at runtime, not here). */
export function supportsExplicitCast(from: LogicalType, to: LogicalType): boolean {
  if (from.root === 'NULL') return true;
  if (supportsImplicitCast(from.asNullable(), to.asNullable())) return true;
  const f = from.root;
  const t = to.root;
  if (isCharacterString(to)) return true; // every supported type has a string form
  if (t === 'BOOLEAN') return isCharacterString(from) || isNumeric(from);
  if (isBinaryString(to)) return isCharacterString(from);
  if (isNumeric(to)) {
    if (isCharacterString(from) || isNumeric(from) || f === 'BOOLEAN') return true;
    // single-field intervals convert to their internal count, as in Flink
    return isExactNumeric(to) && isInterval(from);
  }
  if (t === 'DATE') return isCharacterString(from) || isTimestamp(from);
  if (t === 'TIME') return isCharacterString(from) || isTimestamp(from) || f === 'TIME';
  if (t === 'TIMESTAMP' || t === 'TIMESTAMP_LTZ') {
    return isCharacterString(from) || f === 'DATE' || f === 'TIME' || isTimestamp(from);
  }
  if (isInterval(to)) return (isExactNumeric(from) && from.root !== 'DECIMAL') || isCharacterString(from);
  if (f === t && (f === 'ARRAY' || f === 'MULTISET')) return supportsExplicitCast(from.element!, to.element!);
  if (f === 'MAP' && t === 'MAP') {
    return supportsExplicitCast(from.key!, to.key!) && supportsExplicitCast(from.value!, to.value!);
  }
  if (f === 'ROW' && t === 'ROW') {
    const a = from.fields!;
    const b = to.fields!;
    return a.length === b.length && a.every((x, i) => supportsExplicitCast(x.type, b[i]!.type));
  }
  return false;
}
