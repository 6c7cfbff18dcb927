/**
 * Function registry: name -> overloads, each with parameter checks, return-type inference and an implementation
 * factory. The binder calls `resolve(name, argTypes)`; the code generator calls `overload.create(argTypes,
 * returnType, ctx)` once per query and embeds the returned plain function, calling it per record.
 *
 * Null handling is explicit per overload: `strict` functions are only ever called with non-null arguments (the
 * generated code short-circuits to NULL), others receive nulls and decide themselves (COALESCE, CONCAT_WS, AND...).
 */

import type { LogicalType, TypeRoot } from '@tributary/core';
import { closestMatch, families, SqlValidationError, type TypeFamily } from '@tributary/core';
import type { AggregateFunction } from './aggregates/aggregate-function.js';
import { DEFAULT_FUNCTION_CONTEXT, type FunctionContext } from './context.js';

/** A parameter constraint: a type family, a concrete root, or ANY. */
export type ParamSpec = TypeFamily | TypeRoot | 'ANY' | 'STRING_OR_BINARY' | 'COMPARABLE';

export type ScalarImpl = (...args: any[]) => unknown;
export type TableFunctionImpl = (emit: (row: unknown[]) => void, ...args: any[]) => void;

export interface Overload {
  /** Parameter constraints; with `variadic` the last one repeats (zero or more times beyond `minArgs`). */
  readonly params: readonly ParamSpec[];
  readonly variadic?: boolean;
  /** Minimum number of arguments when some trailing params are optional (defaults to params.length). */
  readonly minArgs?: number;
  /** Return type from the (checked) argument types; `literals[i]` is the value of argument i when it is a literal. */
  readonly returnType: (args: readonly LogicalType[], literals?: readonly unknown[]) => LogicalType;
  /** true: called only with non-null args, NULL in -> NULL out. */
  readonly strict: boolean;
  /**
   * Builds the per-record function for these argument types; `literals[i]` is argument i's value when it is a
   * literal (time units, JSON behaviours, ROUND digits), so the choice is made once per query.
   */
  readonly create: (
    args: readonly LogicalType[],
    result: LogicalType,
    ctx: FunctionContext,
    literals?: readonly unknown[],
  ) => ScalarImpl;
  /** Aggregate functions: the accumulator-based implementation. */
  readonly aggregate?: (args: readonly LogicalType[], result: LogicalType) => AggregateFunction;
  /** Table functions: called with an emitter and the arguments, emits rows (arrays of field values). */
  readonly table?: (args: readonly LogicalType[], result: LogicalType) => TableFunctionImpl;
  /** Extra validation beyond families (e.g. both args of one type); returns an error text or undefined. */
  readonly check?: (args: readonly LogicalType[]) => string | undefined;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate' | 'table';
  readonly overloads: readonly Overload[];
  /** False for RAND, NOW, UUID...: the optimizer must not constant-fold these. */
  readonly deterministic: boolean;
  /** Signature text shown in errors, e.g. `SUBSTRING(<STRING>, <INTEGER_NUMERIC> [, <INTEGER_NUMERIC>])`. */
  readonly signature: string;
}

export interface ResolvedCall {
  readonly definition: FunctionDefinition;
  readonly overload: Overload;
  readonly returnType: LogicalType;
}

/** Does an argument type satisfy a parameter constraint (NULL literals satisfy everything)? */
export function matchesParam(spec: ParamSpec, t: LogicalType): boolean {
  if (t.root === 'NULL' || spec === 'ANY' || spec === 'COMPARABLE') return true;
  if (spec === 'STRING_OR_BINARY') {
    const f = families(t);
    return f.includes('CHARACTER_STRING') || f.includes('BINARY_STRING');
  }
  if (t.root === spec) return true;
  return families(t).includes(spec as TypeFamily);
}

function arityOk(o: Overload, n: number): boolean {
  const min = o.minArgs ?? (o.variadic ? o.params.length - 1 : o.params.length);
  if (n < min) return false;
  return o.variadic ? true : n <= o.params.length;
}

function paramAt(o: Overload, i: number): ParamSpec {
  return i < o.params.length ? o.params[i]! : o.params[o.params.length - 1]!;
}

export class FunctionRegistry {
  private readonly functions = new Map<string, FunctionDefinition>();

  register(def: FunctionDefinition): this {
    this.functions.set(def.name.toUpperCase(), def);
    return this;
  }

  /** Adds a scalar function from overloads (helper for built-ins and UDFs). */
  scalar(name: string, signature: string, overloads: Overload[], deterministic = true): this {
    return this.register({ name: name.toUpperCase(), kind: 'scalar', overloads, deterministic, signature });
  }

  lookup(name: string): FunctionDefinition | undefined {
    return this.functions.get(name.toUpperCase());
  }

  names(): string[] {
    return [...this.functions.keys()].sort();
  }

  /** Picks the first overload whose parameters accept the argument types; SqlValidationError otherwise. */
  resolve(name: string, argTypes: readonly LogicalType[], literals?: readonly unknown[]): ResolvedCall {
    const def = this.lookup(name);
    const call = `${name.toUpperCase()}(${argTypes.map((t) => t.toString()).join(', ')})`;
    if (def === undefined) {
      const hint = closestMatch(name, this.functions.keys());
      throw new SqlValidationError(
        `No match found for function signature ${call}` + (hint ? `. Did you mean '${hint}'?` : ''),
      );
    }
    let lastCheckError: string | undefined;
    for (const o of def.overloads) {
      if (!arityOk(o, argTypes.length)) continue;
      let ok = true;
      for (let i = 0; i < argTypes.length && ok; i++) ok = matchesParam(paramAt(o, i), argTypes[i]!);
      if (!ok) continue;
      const err = o.check?.(argTypes);
      if (err !== undefined) {
        lastCheckError = err;
        continue;
      }
      return { definition: def, overload: o, returnType: o.returnType(argTypes, literals) };
    }
    throw new SqlValidationError(
      `Invalid function call:\n${call}\n` +
        (lastCheckError !== undefined ? `${lastCheckError}\n` : '') +
        `Supported signatures are:\n${def.signature}`,
    );
  }

  /**
   * Resolves and evaluates a call on concrete values (tests, constant folding, the interpreter fallback).
   * Applies the strict NULL rule the generated code applies.
   */
  invoke(
    name: string,
    argTypes: readonly LogicalType[],
    args: readonly unknown[],
    ctx: FunctionContext = DEFAULT_FUNCTION_CONTEXT,
  ): unknown {
    const r = this.resolve(name, argTypes, args);
    if (r.overload.strict && args.some((a) => a === null || a === undefined)) return null;
    const fn = r.overload.create(argTypes, r.returnType, ctx, args);
    const out = fn(...args);
    return out === undefined ? null : out;
  }
}

// ---- helpers to declare overloads tersely ----

/** Overload whose implementation does not depend on argument types. */
export function fixed(
  params: readonly ParamSpec[],
  returnType: LogicalType | ((args: readonly LogicalType[], literals?: readonly unknown[]) => LogicalType),
  impl: ScalarImpl,
  opts: { strict?: boolean; variadic?: boolean; minArgs?: number; check?: Overload['check'] } = {},
): Overload {
  const rt = typeof returnType === 'function' ? returnType : () => returnType;
  return {
    params,
    returnType: (args, literals) => {
      const t = rt(args, literals);
      // a strict function's result is nullable as soon as one argument is
      return (opts.strict ?? true) && args.some((a) => a.nullable) ? t.asNullable() : t;
    },
    strict: opts.strict ?? true,
    create: () => impl,
    ...(opts.variadic !== undefined ? { variadic: opts.variadic } : {}),
    ...(opts.minArgs !== undefined ? { minArgs: opts.minArgs } : {}),
    ...(opts.check !== undefined ? { check: opts.check } : {}),
  };
}

/** Overload whose implementation is specialised per argument/return types or needs the session context. */
export function dynamic(
  params: readonly ParamSpec[],
  returnType: (args: readonly LogicalType[], literals?: readonly unknown[]) => LogicalType,
  create: Overload['create'],
  opts: { strict?: boolean; variadic?: boolean; minArgs?: number; check?: Overload['check'] } = {},
): Overload {
  const strict = opts.strict ?? true;
  return {
    params,
    returnType: (args, literals) => {
      const t = returnType(args, literals);
      return strict && args.some((a) => a.nullable) ? t.asNullable() : t;
    },
    strict,
    create,
    ...(opts.variadic !== undefined ? { variadic: opts.variadic } : {}),
    ...(opts.minArgs !== undefined ? { minArgs: opts.minArgs } : {}),
    ...(opts.check !== undefined ? { check: opts.check } : {}),
  };
}

/** The return type of the n-th argument. */
export const argType =
  (n: number) =>
  (args: readonly LogicalType[]): LogicalType =>
    args[n]!;
