/**
 * JSON functions: JSON_VALUE, JSON_QUERY, JSON_EXISTS, IS JSON, JSON_STRING, JSON_OBJECT, JSON_ARRAY,
 * JSON_QUOTE, JSON_UNQUOTE. Output JSON is compact as Jackson writes it (`{"a":1}`).
 * ON EMPTY / ON ERROR behaviours are resolved once by the `*For` factories; the returned functions take the
 * document text and path text (both non-null; NULL input gives NULL before the call).
 */

import type { Decimal, LogicalType } from '@tributary/core';
import {
  type CastContext,
  castFunction,
  DEFAULT_CAST_CONTEXT,
  formatDouble,
  formatValue,
  SqlFunctionError,
  Types,
} from '@tributary/core';
import { compileJsonPath, queryJsonPath } from './json-path.js';

/** Marks a string argument that already is JSON (output of JSON_OBJECT/JSON_ARRAY/JSON_QUERY) to nest it raw. */
export class RawJson {
  constructor(readonly text: string) {}
}

function parseDoc(text: string): { ok: true; doc: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: e };
  }
}

/** Compact JSON text of a parsed JSON value. */
export function stringifyJson(v: unknown): string {
  return JSON.stringify(v);
}

/** JSON text of a SQL value of type t (what JSON_STRING / JSON_OBJECT / JSON_ARRAY embed). */
export function sqlToJson(v: unknown, t: LogicalType, ctx: CastContext = DEFAULT_CAST_CONTEXT): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof RawJson) return v.text;
  switch (t.root) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return String(v);
    case 'FLOAT':
    case 'DOUBLE':
      return Number.isFinite(v) ? formatDouble(v as number).replace(/E/, 'E') : JSON.stringify(String(v));
    case 'DECIMAL':
      return (v as Decimal).toPlainString();
    case 'CHAR':
    case 'VARCHAR':
      return JSON.stringify(v);
    case 'BINARY':
    case 'VARBINARY':
      return JSON.stringify(Buffer.from(v as Uint8Array).toString('base64'));
    case 'ARRAY':
      return `[${(v as unknown[]).map((x) => sqlToJson(x, t.element!, ctx)).join(',')}]`;
    case 'MAP':
    case 'MULTISET': {
      const parts: string[] = [];
      const kt = t.root === 'MAP' ? t.key! : t.element!;
      for (const [k, x] of v as Map<unknown, unknown>) {
        const key = k === null ? 'null' : formatValue(k, kt, { zone: ctx.zone });
        parts.push(`${JSON.stringify(key)}:${t.root === 'MAP' ? sqlToJson(x, t.value!, ctx) : String(x)}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'ROW':
      return `{${t.fields!.map((f, i) => `${JSON.stringify(f.name)}:${sqlToJson((v as unknown[])[i], f.type, ctx)}`).join(',')}}`;
    default:
      return JSON.stringify(formatValue(v, t, { zone: ctx.zone }));
  }
}

/** JSON_STRING(v): NULL for NULL, otherwise the JSON text. */
export function jsonStringFor(t: LogicalType, ctx?: CastContext): (v: unknown) => string {
  return (v) => sqlToJson(v, t, ctx);
}

/** JSON_OBJECT(KEY k VALUE v ... [NULL|ABSENT ON NULL]); default NULL ON NULL. Keys must be non-null. */
export function jsonObjectFor(
  valueTypes: readonly LogicalType[],
  onNull: 'NULL' | 'ABSENT' = 'NULL',
  ctx?: CastContext,
): (...keysAndValues: unknown[]) => string {
  return (...kv) => {
    const parts: string[] = [];
    for (let i = 0; i + 1 < kv.length; i += 2) {
      const k = kv[i];
      const v = kv[i + 1];
      if (k === null || k === undefined) throw new SqlFunctionError('JSON_OBJECT', 'key must not be NULL');
      if ((v === null || v === undefined) && onNull === 'ABSENT') continue;
      parts.push(`${JSON.stringify(String(k))}:${sqlToJson(v, valueTypes[i / 2]!, ctx)}`);
    }
    return `{${parts.join(',')}}`;
  };
}

/** JSON_ARRAY(v ... [NULL|ABSENT ON NULL]); default ABSENT ON NULL. */
export function jsonArrayFor(
  valueTypes: readonly LogicalType[],
  onNull: 'NULL' | 'ABSENT' = 'ABSENT',
  ctx?: CastContext,
): (...values: unknown[]) => string {
  return (...vs) => {
    const parts: string[] = [];
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i];
      if ((v === null || v === undefined) && onNull === 'ABSENT') continue;
      parts.push(sqlToJson(v, valueTypes[i]!, ctx));
    }
    return `[${parts.join(',')}]`;
  };
}

export type JsonKind = 'VALUE' | 'SCALAR' | 'ARRAY' | 'OBJECT';
/** `s IS JSON [VALUE|SCALAR|ARRAY|OBJECT]` (FALSE for invalid JSON). */
export function isJson(s: string, kind: JsonKind = 'VALUE'): boolean {
  const p = parseDoc(s);
  if (!p.ok) return false;
  const d = p.doc;
  switch (kind) {
    case 'VALUE':
      return true;
    case 'ARRAY':
      return Array.isArray(d);
    case 'OBJECT':
      return typeof d === 'object' && d !== null && !Array.isArray(d);
    case 'SCALAR':
      return typeof d !== 'object' || d === null;
  }
}

export type ExistsOnError = 'TRUE' | 'FALSE' | 'UNKNOWN' | 'ERROR';
/** JSON_EXISTS(json, path [ {TRUE|FALSE|UNKNOWN|ERROR} ON ERROR ]); default FALSE ON ERROR. */
export function jsonExistsFor(onError: ExistsOnError = 'FALSE'): (json: string, path: string) => boolean | null {
  const handle = (e: unknown): boolean | null => {
    if (onError === 'ERROR') throw e instanceof SqlFunctionError ? e : new SqlFunctionError('JSON_EXISTS', String(e));
    return onError === 'TRUE' ? true : onError === 'FALSE' ? false : null;
  };
  return (json, pathText) => {
    const p = parseDoc(json);
    if (!p.ok) return handle(p.error);
    try {
      return queryJsonPath(p.doc, compileJsonPath(pathText)) !== undefined;
    } catch (e) {
      return handle(e);
    }
  };
}

export interface OnBehaviour {
  readonly mode: 'NULL' | 'ERROR' | 'DEFAULT';
  readonly value?: unknown;
}

/**
 * JSON_VALUE(json, path [RETURNING t] [b ON EMPTY] [b ON ERROR]); defaults NULL ON EMPTY, NULL ON ERROR.
 * The scalar found is converted to the RETURNING type with CAST rules from its text form.
 */
export function jsonValueFor(
  returning: LogicalType = Types.string(),
  onEmpty: OnBehaviour = { mode: 'NULL' },
  onError: OnBehaviour = { mode: 'NULL' },
  ctx: CastContext = DEFAULT_CAST_CONTEXT,
): (json: string, path: string) => unknown {
  const fromText = castFunction(Types.string(), returning, ctx);
  const fromBool = returning.root === 'BOOLEAN' ? (b: boolean) => b : (b: boolean) => fromText(String(b));
  const err = (msg: string, cause?: unknown): unknown => {
    if (onError.mode === 'ERROR') throw new SqlFunctionError('JSON_VALUE', msg, { cause });
    return onError.mode === 'DEFAULT' ? onError.value : null;
  };
  return (json, pathText) => {
    const p = parseDoc(json);
    if (!p.ok) return err(`invalid JSON document: ${json}`, p.error);
    let r: unknown;
    try {
      r = queryJsonPath(p.doc, compileJsonPath(pathText));
    } catch (e) {
      return err((e as Error).message, e);
    }
    if (r === undefined) {
      if (onEmpty.mode === 'ERROR') throw new SqlFunctionError('JSON_VALUE', `No results for path: ${pathText}`);
      return onEmpty.mode === 'DEFAULT' ? onEmpty.value : null;
    }
    if (r === null) return null;
    if (typeof r === 'object')
      return err(`Strict jsonpath mode requires scalar value, and the actual value is: '${stringifyJson(r)}'`);
    try {
      if (typeof r === 'boolean') return fromBool(r);
      return fromText(typeof r === 'number' ? numberText(r) : String(r));
    } catch (e) {
      return err((e as Error).message, e);
    }
  };
}

function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : formatDouble(n);
}

export type Wrapper = 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL';
export type QueryBehaviour = 'NULL' | 'EMPTY_ARRAY' | 'EMPTY_OBJECT' | 'ERROR';

/** JSON_QUERY(json, path [wrapper] [b ON EMPTY] [b ON ERROR]); defaults WITHOUT ARRAY WRAPPER, NULL, NULL. */
export function jsonQueryFor(
  wrapper: Wrapper = 'WITHOUT',
  onEmpty: QueryBehaviour = 'NULL',
  onError: QueryBehaviour = 'NULL',
  returnArray = false,
): (json: string, path: string) => string | string[] | null {
  const behave = (b: QueryBehaviour, msg: string): string | string[] | null => {
    switch (b) {
      case 'NULL':
        return null;
      case 'EMPTY_ARRAY':
        return returnArray ? [] : '[]';
      case 'EMPTY_OBJECT':
        return '{}';
      case 'ERROR':
        throw new SqlFunctionError('JSON_QUERY', msg);
    }
  };
  return (json, pathText) => {
    const p = parseDoc(json);
    if (!p.ok) return behave(onError, `invalid JSON document: ${json}`);
    let r: unknown;
    try {
      r = queryJsonPath(p.doc, compileJsonPath(pathText));
    } catch (e) {
      return behave(onError, (e as Error).message);
    }
    if (r === undefined) return behave(onEmpty, `No results for path: ${pathText}`);
    const structured = typeof r === 'object' && r !== null;
    if (wrapper === 'UNCONDITIONAL' || (wrapper === 'CONDITIONAL' && !Array.isArray(r))) r = [r];
    else if (!structured) {
      return behave(
        onError,
        `Strict jsonpath mode requires array or object value, and the actual value is: '${stringifyJson(r)}'`,
      );
    }
    if (returnArray) {
      if (!Array.isArray(r)) return behave(onError, 'Result is not an array');
      return r.map((x) => (typeof x === 'string' ? x : stringifyJson(x)));
    }
    return stringifyJson(r);
  };
}

/** JSON_QUOTE(s): s as a JSON string literal. */
export function jsonQuote(s: string): string {
  return JSON.stringify(s);
}
/** JSON_UNQUOTE(s): the content of a JSON string literal; s itself when it is not one. */
export function jsonUnquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      const v = JSON.parse(s);
      if (typeof v === 'string') return v;
    } catch {
      return s;
    }
  }
  return s;
}
