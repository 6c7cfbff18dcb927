/**
 * Registration of the built-in scalar functions that are plain calls in SQL: math, string, conditional,
 * hashing. Return types follow Flink's BuiltInFunctionDefinitions (e.g. CHAR_LENGTH INT, POWER DOUBLE, UPPER keeps
 * the argument's string type, MD5 STRING).
 */

import {
  arithmeticType,
  findCommonType,
  getPrecision,
  getScale,
  isNumeric,
  type LogicalType,
  MAX_DECIMAL_PRECISION,
  SqlValidationError,
  Types,
} from '@tributary/core';
import * as C from './conditional.js';
import * as M from './math.js';
import { like, similarTo } from './regex.js';
import { argType, dynamic, type FunctionRegistry, fixed } from './registry.js';
import * as S from './string.js';

const STR = Types.string(false);
const INT = Types.int(false);
const DBL = Types.double(false);
const BOOL = Types.boolean(false);

/** CHAR(n) -> VARCHAR(n) as Flink's varyingString strategy; other strings unchanged. */
function varying(t: LogicalType): LogicalType {
  return t.root === 'CHAR' ? Types.varchar(t.length, t.nullable) : t.root === 'NULL' ? Types.string() : t;
}

/** Flink's findRoundDecimalType. */
export function roundDecimalType(p: number, s: number, r: number): LogicalType {
  if (r >= s) return Types.decimal(p, s);
  if (r < 0) return Types.decimal(Math.min(MAX_DECIMAL_PRECISION, 1 + p - s), 0);
  return Types.decimal(Math.min(MAX_DECIMAL_PRECISION, 1 + p - s + r), r);
}

function commonOf(name: string, args: readonly LogicalType[]): LogicalType {
  const t = findCommonType(args);
  if (t === undefined) {
    throw new SqlValidationError(`${name}: no common type for ${args.map((a) => a.toString()).join(', ')}`);
  }
  return t.root === 'NULL' ? Types.null() : t;
}

const toNum = (v: unknown): number => Number(v);

export function registerScalarBuiltins(r: FunctionRegistry): void {
  // ---- arithmetic ----
  r.scalar('ABS', 'ABS(<NUMERIC>)', [dynamic(['NUMERIC'], argType(0), (a) => M.absImpl(a[0]!))]);
  r.scalar('MOD', 'MOD(<EXACT_NUMERIC>, <EXACT_NUMERIC>)', [
    dynamic(
      ['EXACT_NUMERIC', 'EXACT_NUMERIC'],
      (a) => arithmeticType('%', a[0]!, a[1]!),
      (a, res) => M.arithmeticImpl('%', a[0]!, a[1]!, res),
    ),
  ]);
  r.scalar('POWER', 'POWER(<NUMERIC>, <NUMERIC>)', [fixed(['NUMERIC', 'NUMERIC'], DBL, M.power)]);
  r.scalar('POW', 'POW(<NUMERIC>, <NUMERIC>)', [fixed(['NUMERIC', 'NUMERIC'], DBL, M.power)]);
  for (const [name, f] of [
    ['SQRT', M.sqrt],
    ['EXP', M.exp],
    ['LN', M.ln],
    ['LOG10', M.log10],
    ['LOG2', M.log2],
    ['SIN', M.sin],
    ['COS', M.cos],
    ['TAN', M.tan],
    ['COT', M.cot],
    ['ASIN', M.asin],
    ['ACOS', M.acos],
    ['ATAN', M.atan],
    ['SINH', M.sinh],
    ['COSH', M.cosh],
    ['TANH', M.tanh],
    ['DEGREES', M.degrees],
    ['RADIANS', M.radians],
  ] as const) {
    r.scalar(name, `${name}(<NUMERIC>)`, [fixed(['NUMERIC'], DBL, f)]);
  }
  r.scalar('ATAN2', 'ATAN2(<NUMERIC>, <NUMERIC>)', [fixed(['NUMERIC', 'NUMERIC'], DBL, M.atan2)]);
  r.scalar('LOG', 'LOG(<NUMERIC>) | LOG(<NUMERIC> base, <NUMERIC>)', [
    fixed(['NUMERIC', 'NUMERIC'], DBL, M.log, { minArgs: 1 }),
  ]);
  const floorCeilType = (a: readonly LogicalType[]) =>
    a[0]!.root === 'DECIMAL' ? Types.decimal(Math.min(38, getPrecision(a[0]!) - getScale(a[0]!) + 1), 0) : a[0]!;
  r.scalar('FLOOR', 'FLOOR(<NUMERIC>)', [dynamic(['NUMERIC'], floorCeilType, (a) => M.floorImpl(a[0]!))]);
  r.scalar('CEIL', 'CEIL(<NUMERIC>)', [dynamic(['NUMERIC'], floorCeilType, (a) => M.ceilImpl(a[0]!))]);
  r.scalar('CEILING', 'CEILING(<NUMERIC>)', [dynamic(['NUMERIC'], floorCeilType, (a) => M.ceilImpl(a[0]!))]);
  const roundType = (a: readonly LogicalType[], lits?: readonly unknown[]) => {
    const t = a[0]!;
    if (t.root !== 'DECIMAL') return t;
    const n = lits?.[1];
    return roundDecimalType(t.precision, t.scale, n === undefined || n === null ? 0 : Number(n));
  };
  for (const [name, trunc] of [
    ['ROUND', false],
    ['TRUNCATE', true],
  ] as const) {
    r.scalar(name, `${name}(<NUMERIC> [, <INTEGER_NUMERIC>])`, [
      dynamic(
        ['NUMERIC', 'INTEGER_NUMERIC'],
        roundType,
        (a, res) => {
          const f = M.roundImpl(a[0]!, res, trunc);
          return (x: unknown, n?: unknown) => f(x, n === undefined ? 0 : toNum(n));
        },
        { minArgs: 1 },
      ),
    ]);
  }
  r.scalar('SIGN', 'SIGN(<NUMERIC>)', [dynamic(['NUMERIC'], argType(0), (a) => M.signImpl(a[0]!))]);
  r.scalar('PI', 'PI()', [fixed([], DBL.notNull(), () => Math.PI)]);
  r.scalar('E', 'E()', [fixed([], DBL.notNull(), () => Math.E)]);
  r.register({
    name: 'RAND',
    kind: 'scalar',
    deterministic: false,
    signature: 'RAND([<INTEGER_NUMERIC> seed])',
    overloads: [
      dynamic(
        ['INTEGER_NUMERIC'],
        () => DBL.notNull(),
        (a, _res, _ctx, lits) => {
          if (a.length === 0) return () => Math.random();
          const rnd = new M.JavaRandom(BigInt((lits?.[0] as number | bigint | undefined) ?? 0));
          return () => rnd.nextDouble();
        },
        { minArgs: 0, strict: false },
      ),
    ],
  });
  r.register({
    name: 'RAND_INTEGER',
    kind: 'scalar',
    deterministic: false,
    signature: 'RAND_INTEGER([<INTEGER_NUMERIC> seed,] <INTEGER_NUMERIC> bound)',
    overloads: [
      dynamic(
        ['INTEGER_NUMERIC'],
        () => INT.notNull(),
        () => (bound: unknown) => Math.floor(Math.random() * toNum(bound)),
      ),
      dynamic(
        ['INTEGER_NUMERIC', 'INTEGER_NUMERIC'],
        () => INT.notNull(),
        (_a, _r, _c, lits) => {
          const rnd = new M.JavaRandom(BigInt((lits?.[0] as number | bigint | undefined) ?? 0));
          return (_seed: unknown, bound: unknown) => rnd.nextInt(toNum(bound));
        },
      ),
    ],
  });

  // ---- string ----
  const strOf = (n: number) => Array.from({ length: n }, () => 'CHARACTER_STRING' as const);
  r.scalar('CHAR_LENGTH', 'CHAR_LENGTH(<STRING>)', [fixed(['CHARACTER_STRING'], INT, S.charLength)]);
  r.scalar('CHARACTER_LENGTH', 'CHARACTER_LENGTH(<STRING>)', [fixed(['CHARACTER_STRING'], INT, S.charLength)]);
  r.scalar('UPPER', 'UPPER(<STRING>)', [fixed(['CHARACTER_STRING'], (a) => varying(a[0]!), S.upper)]);
  r.scalar('LOWER', 'LOWER(<STRING>)', [fixed(['CHARACTER_STRING'], (a) => varying(a[0]!), S.lower)]);
  r.scalar('INITCAP', 'INITCAP(<STRING>)', [fixed(['CHARACTER_STRING'], (a) => varying(a[0]!), S.initcap)]);
  r.scalar('POSITION', 'POSITION(<STRING> IN <STRING>)', [fixed(strOf(2), INT, S.position)]);
  r.scalar('TRIM', 'TRIM([BOTH|LEADING|TRAILING] [<STRING>] FROM <STRING>)', [
    // binder passes (s, mode, chars)
    fixed(['CHARACTER_STRING', 'CHARACTER_STRING', 'CHARACTER_STRING'], STR, S.trim, { minArgs: 1 }),
  ]);
  r.scalar('LTRIM', 'LTRIM(<STRING> [, <STRING>])', [fixed(strOf(2), STR, S.ltrim, { minArgs: 1 })]);
  r.scalar('RTRIM', 'RTRIM(<STRING> [, <STRING>])', [fixed(strOf(2), STR, S.rtrim, { minArgs: 1 })]);
  r.scalar('BTRIM', 'BTRIM(<STRING> [, <STRING>])', [fixed(strOf(2), STR, S.btrim, { minArgs: 1 })]);
  r.scalar('REPEAT', 'REPEAT(<STRING>, <INTEGER_NUMERIC>)', [
    fixed(['CHARACTER_STRING', 'INTEGER_NUMERIC'], STR, (s: string, n: unknown) => S.repeat(s, toNum(n))),
  ]);
  r.scalar('REPLACE', 'REPLACE(<STRING>, <STRING>, <STRING>)', [fixed(strOf(3), STR, S.replace)]);
  r.scalar('OVERLAY', 'OVERLAY(<STRING> PLACING <STRING> FROM <INTEGER> [FOR <INTEGER>])', [
    fixed(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'INTEGER_NUMERIC', 'INTEGER_NUMERIC'],
      STR,
      (s: string, p: string, f: unknown, l?: unknown) =>
        S.overlay(s, p, toNum(f), l === undefined ? undefined : toNum(l)),
      { minArgs: 3 },
    ),
  ]);
  const substr = fixed(
    ['CHARACTER_STRING', 'INTEGER_NUMERIC', 'INTEGER_NUMERIC'],
    (a) => varying(a[0]!),
    (s: string, p: unknown, l?: unknown) => S.substring(s, toNum(p), l === undefined ? undefined : toNum(l)),
    { minArgs: 2 },
  );
  r.scalar('SUBSTRING', 'SUBSTRING(<STRING> FROM <INTEGER> [FOR <INTEGER>])', [substr]);
  r.scalar('SUBSTR', 'SUBSTR(<STRING>, <INTEGER> [, <INTEGER>])', [substr]);
  r.scalar('CONCAT', 'CONCAT(<STRING>, ...)', [
    fixed(['CHARACTER_STRING'], STR, S.concat, { variadic: true, minArgs: 1 }),
  ]);
  r.scalar('CONCAT_WS', 'CONCAT_WS(<STRING> separator, <STRING>, ...)', [
    fixed(['CHARACTER_STRING', 'CHARACTER_STRING'], (a) => STR.copy(a[0]!.nullable), S.concatWs, {
      variadic: true,
      minArgs: 1,
      strict: false,
    }),
  ]);
  const padSig = ['CHARACTER_STRING', 'INTEGER_NUMERIC', 'CHARACTER_STRING'] as const;
  r.scalar('LPAD', 'LPAD(<STRING>, <INTEGER>, <STRING>)', [
    fixed(padSig, STR.asNullable(), (s: string, n: unknown, p: string) => S.lpad(s, toNum(n), p)),
  ]);
  r.scalar('RPAD', 'RPAD(<STRING>, <INTEGER>, <STRING>)', [
    fixed(padSig, STR.asNullable(), (s: string, n: unknown, p: string) => S.rpad(s, toNum(n), p)),
  ]);
  r.scalar('FROM_BASE64', 'FROM_BASE64(<STRING>)', [fixed(['STRING_OR_BINARY'], STR, S.fromBase64)]);
  r.scalar('TO_BASE64', 'TO_BASE64(<STRING>)', [fixed(['STRING_OR_BINARY'], STR, S.toBase64)]);
  r.scalar('ASCII', 'ASCII(<STRING>)', [fixed(['CHARACTER_STRING'], INT, S.ascii)]);
  r.scalar('CHR', 'CHR(<INTEGER_NUMERIC>)', [fixed(['INTEGER_NUMERIC'], STR, S.chr)]);
  r.scalar('DECODE', 'DECODE(<BINARY>, <STRING> charset)', [
    fixed(['BINARY_STRING', 'CHARACTER_STRING'], STR, S.decode),
  ]);
  r.scalar('ENCODE', 'ENCODE(<STRING>, <STRING> charset)', [fixed(strOf(2), Types.bytes(), S.encode)]);
  r.scalar('INSTR', 'INSTR(<STRING>, <STRING>)', [fixed(strOf(2), INT, S.instr)]);
  r.scalar('LEFT', 'LEFT(<STRING>, <INTEGER>)', [
    fixed(['CHARACTER_STRING', 'INTEGER_NUMERIC'], STR, (s: string, n: unknown) => S.left(s, toNum(n))),
  ]);
  r.scalar('RIGHT', 'RIGHT(<STRING>, <INTEGER>)', [
    fixed(['CHARACTER_STRING', 'INTEGER_NUMERIC'], STR, (s: string, n: unknown) => S.right(s, toNum(n))),
  ]);
  r.scalar('LOCATE', 'LOCATE(<STRING>, <STRING> [, <INTEGER>])', [
    fixed(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'INTEGER_NUMERIC'],
      INT,
      (a: string, b: string, p?: unknown) => S.locate(a, b, p === undefined ? 1 : toNum(p)),
      { minArgs: 2 },
    ),
  ]);
  r.scalar('REGEXP', 'REGEXP(<STRING>, <STRING>)', [fixed(strOf(2), BOOL.asNullable(), S.regexp)]);
  r.scalar('REGEXP_EXTRACT', 'REGEXP_EXTRACT(<STRING>, <STRING> [, <INTEGER>])', [
    fixed(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'INTEGER_NUMERIC'],
      STR.asNullable(),
      (s: string, re: string, g?: unknown) => S.regexpExtract(s, re, g === undefined ? 0 : toNum(g)),
      { minArgs: 2 },
    ),
  ]);
  r.scalar('REGEXP_REPLACE', 'REGEXP_REPLACE(<STRING>, <STRING>, <STRING>)', [
    fixed(strOf(3), STR.asNullable(), S.regexpReplace),
  ]);
  r.scalar('SPLIT_INDEX', 'SPLIT_INDEX(<STRING>, <STRING>, <INTEGER>)', [
    fixed(
      ['CHARACTER_STRING', 'CHARACTER_STRING', 'INTEGER_NUMERIC'],
      STR.asNullable(),
      (s: string, d: string, i: unknown) => S.splitIndex(s, d, toNum(i)),
    ),
  ]);
  r.scalar('STR_TO_MAP', 'STR_TO_MAP(<STRING> [, <STRING>, <STRING>])', [
    fixed(strOf(3), Types.map(STR, STR), S.strToMap, { minArgs: 1 }),
  ]);
  r.scalar('REVERSE', 'REVERSE(<STRING>)', [fixed(['CHARACTER_STRING'], STR, S.reverse)]);
  r.scalar('PARSE_URL', 'PARSE_URL(<STRING>, <STRING> [, <STRING>])', [
    fixed(strOf(3), STR.asNullable(), S.parseUrl, { minArgs: 2 }),
  ]);
  r.scalar('LIKE', '<STRING> LIKE <STRING> [ESCAPE <STRING>]', [fixed(strOf(3), BOOL, like, { minArgs: 2 })]);
  r.scalar('SIMILAR', '<STRING> SIMILAR TO <STRING> [ESCAPE <STRING>]', [
    fixed(strOf(3), BOOL, similarTo, { minArgs: 2 }),
  ]);
  r.scalar('IS_ALPHA', 'IS_ALPHA(<STRING>)', [fixed(['CHARACTER_STRING'], BOOL, S.isAlpha)]);
  r.scalar('IS_DIGIT', 'IS_DIGIT(<STRING>)', [fixed(['CHARACTER_STRING'], BOOL, S.isDigit)]);
  r.scalar('IS_DECIMAL', 'IS_DECIMAL(<STRING>)', [fixed(['CHARACTER_STRING'], BOOL, S.isDecimal)]);
  r.register({
    name: 'UUID',
    kind: 'scalar',
    deterministic: false,
    signature: 'UUID()',
    overloads: [fixed([], STR.notNull(), S.uuid)],
  });

  // ---- conditional ----
  const common = (name: string) => (a: readonly LogicalType[]) => commonOf(name, a);
  r.scalar('COALESCE', 'COALESCE(<ANY>, ...)', [
    fixed(
      ['COMPARABLE'],
      (a) => {
        const t = commonOf('COALESCE', a);
        return a.some((x) => !x.nullable && x.root !== 'NULL') ? t.notNull() : t;
      },
      C.coalesce,
      { variadic: true, minArgs: 1, strict: false },
    ),
  ]);
  r.scalar('IFNULL', 'IFNULL(<ANY>, <ANY>)', [
    fixed(['COMPARABLE', 'COMPARABLE'], (a) => commonOf('IFNULL', a).copy(a[1]!.nullable), C.ifnull, { strict: false }),
  ]);
  r.scalar('NULLIF', 'NULLIF(<ANY>, <ANY>)', [
    fixed(['COMPARABLE', 'COMPARABLE'], (a) => a[0]!.asNullable(), C.nullif, { strict: false }),
  ]);
  r.scalar('IF', 'IF(<BOOLEAN>, <ANY>, <ANY>)', [
    fixed(['BOOLEAN', 'COMPARABLE', 'COMPARABLE'], (a) => commonOf('IF', a.slice(1)), C.if3, { strict: false }),
  ]);
  r.scalar('GREATEST', 'GREATEST(<COMPARABLE>, ...)', [
    fixed(['COMPARABLE'], common('GREATEST'), C.greatest, { variadic: true, minArgs: 1 }),
  ]);
  r.scalar('LEAST', 'LEAST(<COMPARABLE>, ...)', [
    fixed(['COMPARABLE'], common('LEAST'), C.least, { variadic: true, minArgs: 1 }),
  ]);

  // ---- hashing ----
  for (const [name, f] of [
    ['MD5', C.md5],
    ['SHA1', C.sha1],
    ['SHA224', C.sha224],
    ['SHA256', C.sha256],
    ['SHA384', C.sha384],
    ['SHA512', C.sha512],
  ] as const) {
    r.scalar(name, `${name}(<STRING>)`, [fixed(['STRING_OR_BINARY'], STR, f)]);
  }
  r.scalar('SHA2', 'SHA2(<STRING>, <INTEGER> hashLength)', [
    fixed(['STRING_OR_BINARY', 'INTEGER_NUMERIC'], STR.asNullable(), (v: string, b: unknown) => C.sha2(v, toNum(b))),
  ]);
}

/** The numeric check the binder uses for arithmetic operators. */
export function requireNumeric(op: string, t: LogicalType): void {
  if (!isNumeric(t)) throw new SqlValidationError(`Cannot apply '${op}' to arguments of type '${t.toString()}'`);
}
