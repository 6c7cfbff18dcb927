/**
 * Result types of arithmetic and aggregates, following Flink's LogicalTypeMerging / FlinkTypeSystem:
 * - DECIMAL rules of SQL Server that Flink adopted (precision capped at 38 keeping at least 6 fractional digits),
 * - integer arithmetic stays in the wider integer type (including division: INT / INT is INT),
 * - SUM keeps the argument type (DECIMAL(38, s)), AVG keeps it too (DECIMAL(38, max(6, s))), COUNT is BIGINT NOT NULL.
 */

import { commonDecimal, findCommonType } from './common-type.js';
import { SqlValidationError } from './errors.js';
import { getPrecision, getScale, isApproximateNumeric, isExactNumeric, isInterval, isNumeric } from './families.js';
import { type LogicalType, MAX_DECIMAL_PRECISION, Types } from './logical-type.js';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

const MINIMUM_ADJUSTED_SCALE = 6;

/** Flink's adjustPrecisionScale: when precision overflows 38, keep integer digits and at least 6 (or s) fraction digits. */
export function adjustPrecisionScale(precision: number, scale: number): { precision: number; scale: number } {
  if (precision <= MAX_DECIMAL_PRECISION) return { precision, scale };
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  const adjustedScale = Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale);
  return { precision: MAX_DECIMAL_PRECISION, scale: adjustedScale };
}

function dec(p: number, s: number, nullable: boolean): LogicalType {
  const r = adjustPrecisionScale(p, s);
  return Types.decimal(r.precision, r.scale, nullable);
}

export function decimalPlusType(p1: number, s1: number, p2: number, s2: number, nullable = true): LogicalType {
  const s = Math.max(s1, s2);
  const p = Math.max(p1 - s1, p2 - s2) + s + 1;
  return dec(p, s, nullable);
}
export function decimalTimesType(p1: number, s1: number, p2: number, s2: number, nullable = true): LogicalType {
  return dec(p1 + p2 + 1, s1 + s2, nullable);
}
export function decimalDivideType(p1: number, s1: number, p2: number, s2: number, nullable = true): LogicalType {
  const s = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
  const p = p1 - s1 + s2 + s;
  return dec(p, s, nullable);
}
export function decimalModType(p1: number, s1: number, p2: number, s2: number, nullable = true): LogicalType {
  const s = Math.max(s1, s2);
  const p = Math.min(p1 - s1, p2 - s2) + s;
  return dec(p, s, nullable);
}

/** Result type of `a op b`, or a SqlValidationError naming both types. */
export function arithmeticType(op: ArithmeticOp, a: LogicalType, b: LogicalType): LogicalType {
  const nullable = a.nullable || b.nullable;
  const bad = (): never => {
    throw new SqlValidationError(`Cannot apply '${op}' to arguments of type '${a.toString()}' and '${b.toString()}'`);
  };
  if (a.root === 'NULL' && b.root === 'NULL') return Types.null();
  if (a.root === 'NULL') return arithmeticType(op, b.asNullable(), b.asNullable()).asNullable();
  if (b.root === 'NULL') return arithmeticType(op, a.asNullable(), a.asNullable()).asNullable();
  if (isNumeric(a) && isNumeric(b)) {
    if (isApproximateNumeric(a) || isApproximateNumeric(b)) return findCommonType([a, b])!.copy(nullable);
    if (a.root === 'DECIMAL' || b.root === 'DECIMAL') {
      const p1 = getPrecision(a);
      const s1 = getScale(a);
      const p2 = getPrecision(b);
      const s2 = getScale(b);
      switch (op) {
        case '+':
        case '-':
          return decimalPlusType(p1, s1, p2, s2, nullable);
        case '*':
          return decimalTimesType(p1, s1, p2, s2, nullable);
        case '/':
          return decimalDivideType(p1, s1, p2, s2, nullable);
        case '%':
          return decimalModType(p1, s1, p2, s2, nullable);
      }
    }
    // MOD of integers has the type of the second argument (Flink's `argument(1)` strategy)
    if (op === '%') return b.copy(nullable);
    return findCommonType([a, b])!.copy(nullable);
  }
  // datetime +/- interval
  const temporal = (t: LogicalType) =>
    t.root === 'DATE' || t.root === 'TIME' || t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ';
  if ((op === '+' || op === '-') && temporal(a) && isInterval(b)) {
    if (a.root === 'DATE' && b.root === 'INTERVAL_DAY_TIME' && b.resolution !== 'DAY') {
      // DATE + INTERVAL with a time part: Calcite keeps DATE (time part dropped) for DAY-only, TIMESTAMP otherwise
      return Types.timestamp(0, nullable);
    }
    return a.withTimeKind('REGULAR').copy(nullable);
  }
  if (op === '+' && isInterval(a) && temporal(b)) return arithmeticType('+', b, a);
  if ((op === '+' || op === '-') && isInterval(a) && isInterval(b) && a.root === b.root) {
    return findCommonType([a, b])!.copy(nullable);
  }
  if ((op === '*' || op === '/') && isInterval(a) && isNumeric(b)) return a.copy(nullable);
  if (op === '*' && isNumeric(a) && isInterval(b)) return b.copy(nullable);
  return bad();
}

/** Unary minus keeps the operand type. */
export function negateType(a: LogicalType): LogicalType {
  if (!isNumeric(a) && !isInterval(a))
    throw new SqlValidationError(`Cannot apply '-' to arguments of type '-<${a.toString()}>'`);
  return a;
}

export type AggKind =
  | 'COUNT'
  | 'COUNT_STAR'
  | 'SUM'
  | 'SUM0'
  | 'AVG'
  | 'MIN'
  | 'MAX'
  | 'LISTAGG'
  | 'FIRST_VALUE'
  | 'LAST_VALUE'
  | 'STDDEV_POP'
  | 'STDDEV_SAMP'
  | 'VAR_POP'
  | 'VAR_SAMP'
  | 'COLLECT';

/** SUM's type: the argument type, DECIMAL(38, s) for decimals; always nullable (empty group gives NULL). */
export function sumAggType(arg: LogicalType): LogicalType {
  if (arg.root === 'DECIMAL') return Types.decimal(MAX_DECIMAL_PRECISION, arg.scale);
  return arg.copy(true);
}
/** AVG's type: the argument type (AVG(BIGINT) is BIGINT), DECIMAL(38, max(6, s)) for decimals. */
export function avgAggType(arg: LogicalType): LogicalType {
  if (arg.root === 'DECIMAL') return decimalDivideType(MAX_DECIMAL_PRECISION, arg.scale, 20, 0, true);
  return arg.copy(true);
}

/** Result type of an aggregate call given its argument types. */
export function aggregateResultType(kind: AggKind, args: readonly LogicalType[]): LogicalType {
  const arg = args[0];
  const needNumeric = () => {
    if (arg === undefined || !isNumeric(arg)) {
      throw new SqlValidationError(`Cannot apply '${kind}' to arguments of type '${kind}(<${arg?.toString() ?? ''}>)'`);
    }
  };
  switch (kind) {
    case 'COUNT':
    case 'COUNT_STAR':
      return Types.bigint(false);
    case 'SUM':
      needNumeric();
      return sumAggType(arg!);
    case 'SUM0':
      needNumeric();
      return sumAggType(arg!).copy(false);
    case 'AVG':
    case 'STDDEV_POP':
    case 'STDDEV_SAMP':
    case 'VAR_POP':
    case 'VAR_SAMP':
      needNumeric();
      return avgAggType(arg!);
    case 'MIN':
    case 'MAX':
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      if (arg === undefined) throw new SqlValidationError(`${kind} requires one argument`);
      return arg.withTimeKind('REGULAR').copy(true);
    case 'LISTAGG':
      return Types.string(true);
    case 'COLLECT':
      if (arg === undefined) throw new SqlValidationError('COLLECT requires one argument');
      return Types.multiset(arg.withTimeKind('REGULAR'), false);
  }
}

/** Exact-numeric helper used by the binder for literals: smallest DECIMAL for both operands. */
export function decimalFor(a: LogicalType, b: LogicalType): LogicalType {
  if (!isExactNumeric(a) || !isExactNumeric(b)) throw new SqlValidationError('decimalFor needs exact numerics');
  return commonDecimal(a, b);
}
