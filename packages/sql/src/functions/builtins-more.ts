/**
 * Registration of temporal, JSON, collection and aggregate built-ins. Functions whose SQL syntax carries a
 * keyword (EXTRACT(unit FROM x), TIMESTAMPADD(unit, ...), FLOOR(x TO unit), JSON_VALUE ... RETURNING ... ON ERROR)
 * receive those keywords as literal string arguments from the binder; `create` reads them from `literals` so the
 * choice is made once per query.
 */

import {
  type AggKind,
  aggregateResultType,
  findCommonType,
  type LogicalType,
  parseType,
  SqlValidationError,
  Types,
} from '@tributary/core';
import { builtinAggregate } from './aggregates/builtin.js';
import * as Col from './collection.js';
import * as J from './json.js';
import { dynamic, type FunctionRegistry, fixed, type Overload } from './registry.js';
import * as T from './temporal.js';

const STR = Types.string(false);
const INT = Types.int(false);
const BIGINT = Types.bigint(false);
const BOOL = Types.boolean(false);
const num = (v: unknown) => Number(v);

function unitLiteral(fn: string, lits: readonly unknown[] | undefined, i: number): string {
  const u = lits?.[i];
  if (typeof u !== 'string') throw new SqlValidationError(`${fn} requires a literal time unit`);
  return u.toUpperCase();
}

function elementOf(a: LogicalType): LogicalType {
  return a.element ?? Types.null();
}

export function registerMoreBuiltins(r: FunctionRegistry): void {
  // ---- current time (non-deterministic, read the session clock) ----
  const now = (name: string, t: LogicalType, f: (ctx: any) => unknown) =>
    r.register({
      name,
      kind: 'scalar',
      deterministic: false,
      signature: `${name}()`,
      overloads: [
        dynamic(
          [],
          () => t,
          (_a, _r, ctx) => () => f(ctx),
        ),
      ],
    });
  now('CURRENT_TIMESTAMP', Types.timestampLtz(3, false), T.currentTimestamp);
  now('NOW', Types.timestampLtz(3, false), T.currentTimestamp);
  now('CURRENT_ROW_TIMESTAMP', Types.timestampLtz(3, false), T.currentTimestamp);
  now('LOCALTIMESTAMP', Types.timestamp(3, false), T.localTimestamp);
  now('CURRENT_DATE', Types.date(false), T.currentDate);
  now('CURRENT_TIME', Types.time(0, false), T.currentTime);
  now('LOCALTIME', Types.time(0, false), T.currentTime);

  r.scalar('DATE_FORMAT', 'DATE_FORMAT(<TIMESTAMP|STRING>, <STRING>)', [
    dynamic(
      ['TIMESTAMP', 'CHARACTER_STRING'],
      () => STR,
      (a, _r, ctx) => T.dateFormatFor(a[0]!, ctx.zone),
    ),
    dynamic(
      ['CHARACTER_STRING', 'CHARACTER_STRING'],
      () => STR.asNullable(),
      (a, _r, ctx) => T.dateFormatFor(a[0]!, ctx.zone),
    ),
    dynamic(
      ['DATE', 'CHARACTER_STRING'],
      () => STR,
      (a, _r, ctx) => T.dateFormatFor(a[0]!, ctx.zone),
    ),
  ]);
  r.scalar('TO_TIMESTAMP', 'TO_TIMESTAMP(<STRING> [, <STRING> format])', [
    fixed(['CHARACTER_STRING', 'CHARACTER_STRING'], Types.timestamp(3).asNullable(), T.toTimestamp, { minArgs: 1 }),
  ]);
  r.scalar('TO_DATE', 'TO_DATE(<STRING> [, <STRING> format])', [
    fixed(['CHARACTER_STRING', 'CHARACTER_STRING'], Types.date().asNullable(), T.toDate, { minArgs: 1 }),
  ]);
  r.scalar(
    'TO_TIMESTAMP_LTZ',
    'TO_TIMESTAMP_LTZ(<NUMERIC> [, <INTEGER> precision]) | TO_TIMESTAMP_LTZ(<STRING>, <STRING> [, <STRING>])',
    [
      fixed(['NUMERIC', 'INTEGER_NUMERIC'], Types.timestampLtz(3).asNullable(), T.toTimestampLtz, { minArgs: 1 }),
      dynamic(
        ['CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING'],
        () => Types.timestampLtz(3).asNullable(),
        (_a, _r, ctx) => (s: string, f?: string, z?: string) => T.toTimestampLtzFromString(ctx, s, f, z),
        { minArgs: 1 },
      ),
    ],
  );
  r.register({
    name: 'UNIX_TIMESTAMP',
    kind: 'scalar',
    deterministic: false,
    signature: 'UNIX_TIMESTAMP([<STRING> [, <STRING> format]])',
    overloads: [
      dynamic(
        [],
        () => BIGINT.notNull(),
        (_a, _r, ctx) => () => T.unixTimestampNow(ctx),
      ),
      dynamic(
        ['CHARACTER_STRING', 'CHARACTER_STRING'],
        () => BIGINT,
        (_a, _r, ctx) => (s: string, f?: string) => T.unixTimestamp(ctx, s, f),
        { minArgs: 1 },
      ),
    ],
  });
  r.scalar('FROM_UNIXTIME', 'FROM_UNIXTIME(<INTEGER_NUMERIC> [, <STRING> format])', [
    dynamic(
      ['INTEGER_NUMERIC', 'CHARACTER_STRING'],
      () => STR,
      (_a, _r, ctx) => (s: number | bigint, f?: string) => T.fromUnixtime(ctx, s, f),
      { minArgs: 1 },
    ),
  ]);
  r.scalar('CONVERT_TZ', 'CONVERT_TZ(<STRING>, <STRING>, <STRING>)', [
    fixed(['CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING'], STR.asNullable(), T.convertTz),
  ]);
  // EXTRACT(unit FROM x): the binder passes ('unit', x)
  r.scalar('EXTRACT', 'EXTRACT(<TIME UNIT> FROM <DATETIME|INTERVAL>)', [
    dynamic(
      ['CHARACTER_STRING', 'ANY'],
      () => BIGINT,
      (a, _r, ctx, lits) => {
        const f = T.extractFor(unitLiteral('EXTRACT', lits, 0) as T.TimeUnit, a[1]!, ctx.zone);
        return (_u: unknown, v: unknown) => f(v);
      },
    ),
  ]);
  for (const [name, unit] of [
    ['YEAR', 'YEAR'],
    ['QUARTER', 'QUARTER'],
    ['MONTH', 'MONTH'],
    ['WEEK', 'WEEK'],
    ['DAYOFYEAR', 'DOY'],
    ['DAYOFMONTH', 'DAY'],
    ['DAYOFWEEK', 'DOW'],
    ['HOUR', 'HOUR'],
    ['MINUTE', 'MINUTE'],
    ['SECOND', 'SECOND'],
  ] as const) {
    r.scalar(name, `${name}(<DATETIME>)`, [
      dynamic(
        ['DATETIME'],
        () => BIGINT,
        (a, _r, ctx) => T.extractFor(unit, a[0]!, ctx.zone),
      ),
    ]);
  }
  r.scalar('TIMESTAMPADD', 'TIMESTAMPADD(<TIME UNIT>, <INTEGER>, <DATETIME>)', [
    dynamic(
      ['CHARACTER_STRING', 'INTEGER_NUMERIC', 'DATETIME'],
      (a, lits) => {
        const u = typeof lits?.[0] === 'string' ? (lits[0] as string).toUpperCase() : 'DAY';
        const sub = ['HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'].includes(u);
        return a[2]!.root === 'DATE' && sub ? Types.timestamp(0) : a[2]!.withTimeKind('REGULAR');
      },
      (a, _r, ctx, lits) => {
        const f = T.timestampAddFor(unitLiteral('TIMESTAMPADD', lits, 0) as T.AddUnit, a[2]!, ctx.zone);
        return (_u: unknown, n: number | bigint, v: unknown) => f(n, v);
      },
    ),
  ]);
  r.scalar('TIMESTAMPDIFF', 'TIMESTAMPDIFF(<TIME UNIT>, <DATETIME>, <DATETIME>)', [
    dynamic(
      ['CHARACTER_STRING', 'DATETIME', 'DATETIME'],
      () => INT,
      (a, _r, ctx, lits) => {
        const f = T.timestampDiffFor(unitLiteral('TIMESTAMPDIFF', lits, 0) as T.AddUnit, a[1]!, a[2]!, ctx.zone);
        return (_u: unknown, x: unknown, y: unknown) => f(x, y);
      },
    ),
  ]);
  for (const [name, ceil] of [
    ['FLOOR_TO', false],
    ['CEIL_TO', true],
  ] as const) {
    // FLOOR(x TO unit) / CEIL(x TO unit): binder passes (x, 'unit')
    r.scalar(name, `${name.slice(0, -3)}(<DATETIME> TO <TIME UNIT>)`, [
      dynamic(
        ['DATETIME', 'CHARACTER_STRING'],
        (a) => a[0]!.withTimeKind('REGULAR'),
        (a, _r, ctx, lits) => {
          const f = T.floorCeilFor(unitLiteral(name, lits, 1) as T.FloorUnit, a[0]!, ctx.zone, ceil);
          return (v: unknown) => f(v);
        },
      ),
    ]);
  }

  // ---- JSON ----
  r.scalar('IS_JSON', '<STRING> IS JSON [VALUE|SCALAR|ARRAY|OBJECT]', [
    fixed(
      ['CHARACTER_STRING', 'CHARACTER_STRING'],
      BOOL.notNull(),
      (s: string | null, k?: string) => (s === null ? false : J.isJson(s, (k?.toUpperCase() ?? 'VALUE') as J.JsonKind)),
      { minArgs: 1, strict: false },
    ),
  ]);
  // JSON_EXISTS(json, path [, onError])
  r.scalar('JSON_EXISTS', 'JSON_EXISTS(<STRING>, <STRING> [{TRUE|FALSE|UNKNOWN|ERROR} ON ERROR])', [
    dynamic(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING'],
      () => BOOL.asNullable(),
      (_a, _r, _c, lits) => {
        const f = J.jsonExistsFor(((lits?.[2] as string | undefined)?.toUpperCase() ?? 'FALSE') as J.ExistsOnError);
        return (j: string | null, p: string | null) => (j === null || p === null ? null : f(j, p));
      },
      { minArgs: 2, strict: false },
    ),
  ]);
  // JSON_VALUE(json, path [, returningType, onEmptyMode, onEmptyDefault, onErrorMode, onErrorDefault])
  r.scalar('JSON_VALUE', 'JSON_VALUE(<STRING>, <STRING> [RETURNING <TYPE>] [... ON EMPTY] [... ON ERROR])', [
    dynamic(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'ANY', 'ANY', 'ANY', 'ANY', 'ANY'],
      (_a, lits) => (typeof lits?.[2] === 'string' ? parseType(lits[2] as string) : STR).asNullable(),
      (_a, res, ctx, lits) => {
        const beh = (m: unknown, v: unknown): J.OnBehaviour => ({
          mode: ((m as string | undefined)?.toUpperCase() ?? 'NULL') as J.OnBehaviour['mode'],
          value: v ?? null,
        });
        const f = J.jsonValueFor(res, beh(lits?.[3], lits?.[4]), beh(lits?.[5], lits?.[6]), { zone: ctx.zone });
        return (j: string | null, p: string | null) => (j === null || p === null ? null : f(j, p));
      },
      { minArgs: 2, strict: false },
    ),
  ]);
  // JSON_QUERY(json, path [, wrapper, onEmpty, onError])
  r.scalar('JSON_QUERY', 'JSON_QUERY(<STRING>, <STRING> [wrapper] [... ON EMPTY] [... ON ERROR])', [
    dynamic(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING'],
      () => STR.asNullable(),
      (_a, _r, _c, lits) => {
        const up = (i: number, d: string) => ((lits?.[i] as string | undefined)?.toUpperCase() ?? d).replace(' ', '_');
        const f = J.jsonQueryFor(
          up(2, 'WITHOUT') as J.Wrapper,
          up(3, 'NULL') as J.QueryBehaviour,
          up(4, 'NULL') as J.QueryBehaviour,
        );
        return (j: string | null, p: string | null) => (j === null || p === null ? null : f(j, p));
      },
      { minArgs: 2, strict: false },
    ),
  ]);
  r.scalar('JSON_STRING', 'JSON_STRING(<ANY>)', [
    dynamic(
      ['ANY'],
      () => STR,
      (a, _r, ctx) => J.jsonStringFor(a[0]!, { zone: ctx.zone }),
    ),
  ]);
  r.scalar('JSON_QUOTE', 'JSON_QUOTE(<STRING>)', [fixed(['CHARACTER_STRING'], STR, J.jsonQuote)]);
  r.scalar('JSON_UNQUOTE', 'JSON_UNQUOTE(<STRING>)', [fixed(['CHARACTER_STRING'], STR, J.jsonUnquote)]);
  // JSON_OBJECT('NULL'|'ABSENT', k1, v1, ...), JSON_ARRAY('NULL'|'ABSENT', v1, ...): the ON NULL mode first
  r.scalar('JSON_OBJECT', 'JSON_OBJECT([KEY <STRING> VALUE <ANY>, ...] [NULL|ABSENT ON NULL])', [
    dynamic(
      ['CHARACTER_STRING', 'ANY'],
      () => STR.notNull(),
      (a, _r, ctx, lits) => {
        const mode = ((lits?.[0] as string | undefined)?.toUpperCase() ?? 'NULL') as 'NULL' | 'ABSENT';
        const valueTypes = a.slice(1).filter((_t, i) => i % 2 === 1);
        const f = J.jsonObjectFor(valueTypes, mode, { zone: ctx.zone });
        return (_m: unknown, ...kv: unknown[]) => f(...kv);
      },
      { variadic: true, minArgs: 1, strict: false },
    ),
  ]);
  r.scalar('JSON_ARRAY', 'JSON_ARRAY([<ANY>, ...] [NULL|ABSENT ON NULL])', [
    dynamic(
      ['CHARACTER_STRING', 'ANY'],
      () => STR.notNull(),
      (a, _r, ctx, lits) => {
        const mode = ((lits?.[0] as string | undefined)?.toUpperCase() ?? 'ABSENT') as 'NULL' | 'ABSENT';
        const f = J.jsonArrayFor(a.slice(1), mode, { zone: ctx.zone });
        return (_m: unknown, ...vs: unknown[]) => f(...vs);
      },
      { variadic: true, minArgs: 1, strict: false },
    ),
  ]);

  // ---- collections and constructors ----
  const common = (name: string, ts: readonly LogicalType[]) => {
    const t = findCommonType(ts);
    if (t === undefined) throw new SqlValidationError(`${name}: no common type for ${ts.join(', ')}`);
    return t.root === 'NULL' ? Types.null() : t;
  };
  r.scalar('ARRAY', 'ARRAY[<ANY>, ...]', [
    fixed(['ANY'], (a) => Types.array(common('ARRAY', a), false), Col.arrayOf, {
      variadic: true,
      minArgs: 1,
      strict: false,
    }),
  ]);
  r.scalar('MAP', 'MAP[<ANY>, <ANY>, ...]', [
    fixed(
      ['ANY'],
      (a) => {
        if (a.length % 2 !== 0) throw new SqlValidationError('MAP requires an even number of arguments');
        return Types.map(
          common(
            'MAP',
            a.filter((_t, i) => i % 2 === 0),
          ),
          common(
            'MAP',
            a.filter((_t, i) => i % 2 === 1),
          ),
          false,
        );
      },
      Col.mapOf,
      { variadic: true, minArgs: 2, strict: false },
    ),
  ]);
  r.scalar('ROW', 'ROW(<ANY>, ...)', [
    fixed(
      ['ANY'],
      (a) =>
        Types.row(
          a.map((t, i) => ({ name: `EXPR$${i}`, type: t })),
          false,
        ),
      Col.rowOf,
      {
        variadic: true,
        minArgs: 1,
        strict: false,
      },
    ),
  ]);
  r.scalar('CARDINALITY', 'CARDINALITY(<ARRAY|MAP|MULTISET>)', [
    fixed(['ARRAY'], INT, (a: unknown[]) => Col.cardinality(a)),
    fixed(['MAP'], INT, (m: Map<unknown, unknown>) => Col.cardinality(m)),
    fixed(['MULTISET'], INT, (m: Map<unknown, unknown>) => Col.cardinality(m, true)),
  ]);
  r.scalar('ELEMENT', 'ELEMENT(<ARRAY>)', [fixed(['ARRAY'], (a) => elementOf(a[0]!).asNullable(), Col.element)]);
  const arrAndElem = (
    name: string,
    rt: (a: readonly LogicalType[]) => LogicalType,
    f: (...x: any[]) => unknown,
  ): Overload =>
    fixed(['ARRAY', 'ANY'], rt, f, {
      check: (a) =>
        a[1]!.root === 'NULL' || findCommonType([elementOf(a[0]!), a[1]!]) !== undefined
          ? undefined
          : `${name}: element type ${a[1]} does not match ${a[0]}`,
    });
  r.scalar('ARRAY_CONTAINS', 'ARRAY_CONTAINS(<ARRAY>, <ANY>)', [
    { ...arrAndElem('ARRAY_CONTAINS', () => BOOL, Col.arrayContains), strict: false },
  ]);
  r.scalar('ARRAY_POSITION', 'ARRAY_POSITION(<ARRAY>, <ANY>)', [
    { ...arrAndElem('ARRAY_POSITION', () => INT, Col.arrayPosition), strict: false },
  ]);
  r.scalar('ARRAY_REMOVE', 'ARRAY_REMOVE(<ARRAY>, <ANY>)', [
    { ...arrAndElem('ARRAY_REMOVE', (a) => a[0]!, Col.arrayRemove), strict: false },
  ]);
  r.scalar('ARRAY_DISTINCT', 'ARRAY_DISTINCT(<ARRAY>)', [fixed(['ARRAY'], (a) => a[0]!, Col.arrayDistinct)]);
  r.scalar('ARRAY_REVERSE', 'ARRAY_REVERSE(<ARRAY>)', [fixed(['ARRAY'], (a) => a[0]!, Col.arrayReverse)]);
  r.scalar('ARRAY_SLICE', 'ARRAY_SLICE(<ARRAY>, <INTEGER> [, <INTEGER>])', [
    fixed(
      ['ARRAY', 'INTEGER_NUMERIC', 'INTEGER_NUMERIC'],
      (a) => a[0]!,
      (arr: unknown[], s: unknown, e?: unknown) => Col.arraySlice(arr, num(s), e === undefined ? undefined : num(e)),
      { minArgs: 2 },
    ),
  ]);
  r.scalar('ARRAY_UNION', 'ARRAY_UNION(<ARRAY>, <ARRAY>)', [
    fixed(['ARRAY', 'ARRAY'], (a) => common('ARRAY_UNION', a), Col.arrayUnion),
  ]);
  r.scalar('ARRAY_CONCAT', 'ARRAY_CONCAT(<ARRAY>, ...)', [
    fixed(['ARRAY'], (a) => common('ARRAY_CONCAT', a), Col.arrayConcat, { variadic: true, minArgs: 1 }),
  ]);
  r.scalar('ARRAY_JOIN', 'ARRAY_JOIN(<ARRAY<STRING>>, <STRING> [, <STRING>])', [
    fixed(
      ['ARRAY', 'CHARACTER_STRING', 'CHARACTER_STRING'],
      STR,
      (a: unknown[], d: string, n?: string | null) => Col.arrayJoin(a, d, n),
      { minArgs: 2 },
    ),
  ]);
  r.scalar('MAP_KEYS', 'MAP_KEYS(<MAP>)', [fixed(['MAP'], (a) => Types.array(a[0]!.key!, false), Col.mapKeys)]);
  r.scalar('MAP_VALUES', 'MAP_VALUES(<MAP>)', [fixed(['MAP'], (a) => Types.array(a[0]!.value!, false), Col.mapValues)]);
  r.scalar('MAP_ENTRIES', 'MAP_ENTRIES(<MAP>)', [
    fixed(
      ['MAP'],
      (a) =>
        Types.array(
          Types.row([
            { name: 'key', type: a[0]!.key! },
            { name: 'value', type: a[0]!.value! },
          ]),
          false,
        ),
      Col.mapEntries,
    ),
  ]);
  r.scalar('MAP_FROM_ARRAYS', 'MAP_FROM_ARRAYS(<ARRAY>, <ARRAY>)', [
    fixed(['ARRAY', 'ARRAY'], (a) => Types.map(elementOf(a[0]!), elementOf(a[1]!)), Col.mapFromArrays),
  ]);

  // ---- aggregates ----
  const agg = (name: string, kind: AggKind, params: Overload['params'], minArgs = params.length) =>
    r.register({
      name,
      kind: 'aggregate',
      deterministic: true,
      signature: `${name}(${params.map((p) => `<${p}>`).join(', ')})`,
      overloads: [
        {
          params,
          minArgs,
          strict: false,
          returnType: (a) => aggregateResultType(a.length === 0 ? 'COUNT_STAR' : kind, a),
          create: () => {
            throw new SqlValidationError(`${name} is an aggregate function and cannot be called as a scalar`);
          },
          aggregate: (a) => builtinAggregate(a.length === 0 ? 'COUNT_STAR' : kind, a),
        },
      ],
    });
  r.register({
    name: 'COUNT',
    kind: 'aggregate',
    deterministic: true,
    signature: 'COUNT(*) | COUNT(<ANY>, ...)',
    overloads: [
      {
        params: ['ANY'],
        variadic: true,
        minArgs: 0,
        strict: false,
        returnType: () => BIGINT.notNull(),
        create: () => {
          throw new SqlValidationError('COUNT is an aggregate function');
        },
        aggregate: (a) => builtinAggregate(a.length === 0 ? 'COUNT_STAR' : 'COUNT', a),
      },
    ],
  });
  agg('SUM', 'SUM', ['NUMERIC']);
  agg('SUM0', 'SUM0', ['NUMERIC']);
  agg('AVG', 'AVG', ['NUMERIC']);
  agg('MIN', 'MIN', ['COMPARABLE']);
  agg('MAX', 'MAX', ['COMPARABLE']);
  agg('LISTAGG', 'LISTAGG', ['CHARACTER_STRING', 'CHARACTER_STRING'], 1);
  agg('FIRST_VALUE', 'FIRST_VALUE', ['ANY']);
  agg('LAST_VALUE', 'LAST_VALUE', ['ANY']);
  agg('STDDEV_POP', 'STDDEV_POP', ['NUMERIC']);
  agg('STDDEV_SAMP', 'STDDEV_SAMP', ['NUMERIC']);
  agg('STDDEV', 'STDDEV_SAMP', ['NUMERIC']);
  agg('VAR_POP', 'VAR_POP', ['NUMERIC']);
  agg('VAR_SAMP', 'VAR_SAMP', ['NUMERIC']);
  agg('VARIANCE', 'VAR_SAMP', ['NUMERIC']);
  agg('COLLECT', 'COLLECT', ['ANY']);
}
