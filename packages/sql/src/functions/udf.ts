/**
 * User-defined functions written in TypeScript: scalar (`eval`), table (`eval` emitting rows) and aggregate
 * (createAccumulator / accumulate / retract / merge / getValue). `registerUdf` turns them into registry
 * definitions the binder resolves exactly like built-ins. Parameter and result types are declared explicitly
 * (as Flink's @DataTypeHint would) because TypeScript types are erased at runtime.
 */

import type { LogicalType } from '@tributary/core';
import { parseType, SqlValidationError, supportsImplicitCast } from '@tributary/core';
import type { AggregateFunction } from './aggregates/aggregate-function.js';
import type { FunctionRegistry, Overload } from './registry.js';

type TypeSpec = LogicalType | string;

interface UdfBase {
  readonly name: string;
  /** Parameter types (type strings such as 'INT' or LogicalTypes); omitted = any arguments. */
  readonly params?: readonly TypeSpec[];
  readonly variadic?: boolean;
  /** Default true. */
  readonly deterministic?: boolean;
}

export interface ScalarUdf extends UdfBase {
  readonly kind: 'scalar';
  readonly returnType: TypeSpec | ((args: readonly LogicalType[]) => LogicalType);
  /** Called per row. With `strict` (default true) it never sees NULL arguments: NULL in gives NULL out. */
  readonly strict?: boolean;
  eval(...args: any[]): unknown;
}

export interface TableUdf extends UdfBase {
  readonly kind: 'table';
  /** Row type of the emitted rows (a ROW type string or LogicalType). */
  readonly resultType: TypeSpec;
  /** Called per input row; calls `emit` once per output row (array of field values). */
  eval(emit: (row: unknown[]) => void, ...args: any[]): void;
}

export interface AggregateUdf<ACC = any, T = unknown> extends UdfBase, AggregateFunction<ACC, T> {
  readonly kind: 'aggregate';
  readonly resultType: TypeSpec;
}

export type Udf = ScalarUdf | TableUdf | AggregateUdf;

function toType(t: TypeSpec): LogicalType {
  return typeof t === 'string' ? parseType(t) : t;
}

/** Validates and registers a UDF; the name must not shadow a built-in unless `replace` is set. */
export function registerUdf(registry: FunctionRegistry, udf: Udf, replace = false): void {
  const name = udf.name.toUpperCase();
  if (!/^[A-Z_][A-Z0-9_$]*$/.test(name)) throw new SqlValidationError(`Invalid function name '${udf.name}'`);
  if (!replace && registry.lookup(name) !== undefined) {
    throw new SqlValidationError(`Function '${udf.name}' already exists`);
  }
  const params = udf.params?.map(toType);
  const paramCheck = (args: readonly LogicalType[]): string | undefined => {
    if (params === undefined) return undefined;
    const n = args.length;
    const ok = udf.variadic ? n >= params.length - 1 : n === params.length;
    if (!ok) return `${udf.name} expects ${params.length} argument(s), got ${n}`;
    for (let i = 0; i < n; i++) {
      const p = params[Math.min(i, params.length - 1)]!;
      if (!supportsImplicitCast(args[i]!.asNullable(), p.asNullable())) {
        return `${udf.name}: argument ${i + 1} of type ${args[i]} cannot be passed as ${p}`;
      }
    }
    return undefined;
  };
  const signature = `${name}(${params?.map((p) => p.toString()).join(', ') ?? '...'})`;
  const base = { params: ['ANY'] as const, variadic: true, minArgs: 0, check: paramCheck };
  let overload: Overload;
  switch (udf.kind) {
    case 'scalar': {
      const rt = udf.returnType;
      const strict = udf.strict ?? true;
      overload = {
        ...base,
        strict,
        returnType: (a) => {
          const t = typeof rt === 'function' ? rt(a) : toType(rt);
          return strict && a.some((x) => x.nullable) ? t.asNullable() : t;
        },
        create: () => udf.eval.bind(udf),
      };
      break;
    }
    case 'table': {
      const rt = toType(udf.resultType);
      if (rt.root !== 'ROW') throw new SqlValidationError(`Table function ${udf.name} must declare a ROW result type`);
      overload = {
        ...base,
        strict: false,
        returnType: () => rt,
        create: () => {
          throw new SqlValidationError(`${udf.name} is a table function; use it with LATERAL TABLE(...)`);
        },
        table: () => udf.eval.bind(udf),
      };
      break;
    }
    case 'aggregate': {
      const rt = toType(udf.resultType);
      overload = {
        ...base,
        strict: false,
        returnType: () => rt,
        create: () => {
          throw new SqlValidationError(`${udf.name} is an aggregate function`);
        },
        aggregate: () => udf,
      };
      break;
    }
  }
  registry.register({
    name,
    kind: udf.kind,
    deterministic: udf.deterministic ?? true,
    signature,
    overloads: [overload],
  });
}
