/**
 * Least restrictive common type (Flink's LogicalTypeMerging.findCommonType), used for UNION, CASE, IN, COALESCE,
 * comparisons and array/map constructors. Returns undefined when the types have no common type.
 */
import {
  getPrecision,
  getScale,
  isApproximateNumeric,
  isExactNumeric,
  isIntegerNumeric,
  isNumeric,
} from './families.js';
import { type LogicalType, MAX_DECIMAL_PRECISION, MAX_LENGTH, Types } from './logical-type.js';

const INT_RANK: Record<string, number> = { TINYINT: 0, SMALLINT: 1, INTEGER: 2, BIGINT: 3 };

export function findCommonType(types: readonly LogicalType[]): LogicalType | undefined {
  if (types.length === 0) return undefined;
  const nonNull = types.filter((t) => t.root !== 'NULL');
  const nullable = types.some((t) => t.nullable);
  if (nonNull.length === 0) return Types.null();
  let acc: LogicalType | undefined = nonNull[0]!.withTimeKind('REGULAR');
  for (let i = 1; i < nonNull.length && acc !== undefined; i++)
    acc = mergePair(acc, nonNull[i]!.withTimeKind('REGULAR'));
  return acc?.copy(nullable);
}

function mergePair(a: LogicalType, b: LogicalType): LogicalType | undefined {
  const nullable = a.nullable || b.nullable;
  const ra = a.root;
  const rb = b.root;
  // strings: CHAR(n) only when both are CHAR of the same length, otherwise VARCHAR of the longer length
  if ((ra === 'CHAR' || ra === 'VARCHAR') && (rb === 'CHAR' || rb === 'VARCHAR')) {
    if (ra === 'CHAR' && rb === 'CHAR' && a.length === b.length) return a.copy(nullable);
    return Types.varchar(Math.min(MAX_LENGTH, Math.max(a.length, b.length)), nullable);
  }
  if ((ra === 'BINARY' || ra === 'VARBINARY') && (rb === 'BINARY' || rb === 'VARBINARY')) {
    if (ra === 'BINARY' && rb === 'BINARY' && a.length === b.length) return a.copy(nullable);
    return Types.varbinary(Math.min(MAX_LENGTH, Math.max(a.length, b.length)), nullable);
  }
  if (isNumeric(a) && isNumeric(b)) return commonNumeric(a, b, nullable);
  if (ra === 'BOOLEAN' && rb === 'BOOLEAN') return Types.boolean(nullable);
  if (ra === 'DATE' && rb === 'DATE') return Types.date(nullable);
  if (ra === 'TIME' && rb === 'TIME') return Types.time(Math.max(a.precision, b.precision), nullable);
  const isTs = (r: string) => r === 'TIMESTAMP' || r === 'TIMESTAMP_LTZ';
  if ((isTs(ra) || ra === 'DATE') && (isTs(rb) || rb === 'DATE')) {
    const p = Math.max(isTs(ra) ? a.precision : 0, isTs(rb) ? b.precision : 0);
    return ra === 'TIMESTAMP_LTZ' || rb === 'TIMESTAMP_LTZ'
      ? Types.timestampLtz(p, nullable)
      : Types.timestamp(p, nullable);
  }
  if (ra === rb && (ra === 'INTERVAL_YEAR_MONTH' || ra === 'INTERVAL_DAY_TIME')) {
    // Flink widens to the full-range qualifier of the family
    return ra === 'INTERVAL_YEAR_MONTH'
      ? Types.intervalYearMonth('YEAR_TO_MONTH', Math.max(a.precision, b.precision), nullable)
      : Types.intervalDayTime(
          'DAY_TO_SECOND',
          Math.max(a.precision, b.precision),
          Math.max(a.scale, b.scale),
          nullable,
        );
  }
  if (ra === rb && (ra === 'ARRAY' || ra === 'MULTISET')) {
    const e = findCommonType([a.element!, b.element!]);
    if (e === undefined) return undefined;
    return ra === 'ARRAY' ? Types.array(e, nullable) : Types.multiset(e, nullable);
  }
  if (ra === 'MAP' && rb === 'MAP') {
    const k = findCommonType([a.key!, b.key!]);
    const v = findCommonType([a.value!, b.value!]);
    return k && v ? Types.map(k, v, nullable) : undefined;
  }
  if (ra === 'ROW' && rb === 'ROW') {
    const fa = a.fields!;
    const fb = b.fields!;
    if (fa.length !== fb.length) return undefined;
    const fields = [];
    for (let i = 0; i < fa.length; i++) {
      const t = findCommonType([fa[i]!.type, fb[i]!.type]);
      if (t === undefined) return undefined;
      fields.push({ name: fa[i]!.name, type: t });
    }
    return Types.row(fields, nullable);
  }
  return undefined;
}

function commonNumeric(a: LogicalType, b: LogicalType, nullable: boolean): LogicalType {
  if (isApproximateNumeric(a) || isApproximateNumeric(b)) {
    if (a.root === 'DOUBLE' || b.root === 'DOUBLE' || a.root === 'DECIMAL' || b.root === 'DECIMAL') {
      return Types.double(nullable);
    }
    return Types.float(nullable);
  }
  if (isIntegerNumeric(a) && isIntegerNumeric(b))
    return INT_RANK[a.root]! >= INT_RANK[b.root]! ? a.copy(nullable) : b.copy(nullable);
  // at least one DECIMAL: keep every integer digit and the larger scale
  return commonDecimal(a, b, nullable);
}

/** DECIMAL wide enough for both exact numerics (integers count as DECIMAL(digits, 0)). */
export function commonDecimal(a: LogicalType, b: LogicalType, nullable = true): LogicalType {
  if (!isExactNumeric(a) || !isExactNumeric(b)) throw new RangeError('commonDecimal needs exact numerics');
  const sa = getScale(a);
  const sb = getScale(b);
  const scale = Math.max(sa, sb);
  const intDigits = Math.max(getPrecision(a) - sa, getPrecision(b) - sb);
  const precision = Math.min(MAX_DECIMAL_PRECISION, intDigits + scale);
  return Types.decimal(precision, Math.min(scale, precision), nullable);
}

/** Whether two types may be compared with =, <, ... (a common type exists, as Flink requires). */
export function areComparable(a: LogicalType, b: LogicalType): boolean {
  return findCommonType([a, b]) !== undefined;
}
