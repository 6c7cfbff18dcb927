/**
 * A small SQL/JSON path evaluator for JSON_VALUE / JSON_QUERY / JSON_EXISTS, following the behaviour Flink
 * inherits from Calcite + Jayway JsonPath:
 *   [lax|strict] $ ( .key | ."key" | .* | ['key'] | ["key"] | [n] | [n, m] | [n to m] | [last] | [*] )*
 * Lax mode turns structural mismatches (missing key, index out of range, member access on a non-object) into
 * an empty result; strict mode makes them errors. A path with a wildcard or multi-index is "indefinite": its
 * matches are returned together as one JSON array (Jayway's list result), e.g. `$.a[*].c` -> ["c1","c2"].
 */
import { SqlFunctionError } from '@tributary/core';

type Step =
  | { kind: 'key'; key: string }
  | { kind: 'anyKey' }
  | { kind: 'index'; indexes: ({ from: number | 'last'; to: number | 'last' } | number | 'last')[] }
  | { kind: 'anyIndex' };

export interface JsonPath {
  readonly strict: boolean;
  readonly steps: readonly Step[];
  readonly indefinite: boolean;
  readonly text: string;
}

export class JsonPathError extends SqlFunctionError {
  constructor(msg: string) {
    super('JSON path', msg);
  }
}

const pathCache = new Map<string, JsonPath>();

export function compileJsonPath(text: string): JsonPath {
  const hit = pathCache.get(text);
  if (hit !== undefined) return hit;
  let s = text.trim();
  let strict = false;
  const mode = /^(lax|strict)\s+/i.exec(s);
  if (mode !== null) {
    strict = mode[1]!.toLowerCase() === 'strict';
    s = s.slice(mode[0].length);
  }
  if (s[0] !== '$')
    throw new JsonPathError(`Illegal jsonpath spec: ${text}, format of the spec should be: '<lax|strict> $'`);
  const steps: Step[] = [];
  let i = 1;
  let indefinite = false;
  const fail = (): never => {
    throw new JsonPathError(`Invalid JSON path '${text}' at position ${i}`);
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '.') {
      i++;
      if (s[i] === '*') {
        steps.push({ kind: 'anyKey' });
        indefinite = true;
        i++;
      } else if (s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) fail();
        steps.push({ kind: 'key', key: s.slice(i + 1, end) });
        i = end + 1;
      } else {
        const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
        if (m === null) fail();
        steps.push({ kind: 'key', key: m![0] });
        i += m![0].length;
      }
    } else if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) fail();
      const body = s.slice(i + 1, end).trim();
      i = end + 1;
      if (body === '*') {
        steps.push({ kind: 'anyIndex' });
        indefinite = true;
      } else if (/^'.*'$|^".*"$/.test(body)) {
        steps.push({ kind: 'key', key: body.slice(1, -1) });
      } else {
        const parts = body.split(',').map((p) => p.trim());
        const idx = (x: string): number | 'last' => {
          if (x === 'last') return 'last';
          if (!/^\d+$/.test(x)) fail();
          return Number(x);
        };
        const indexes = parts.map((p) => {
          const r = /^(\S+)\s+to\s+(\S+)$/.exec(p);
          return r === null ? idx(p) : { from: idx(r[1]!), to: idx(r[2]!) };
        });
        if (indexes.length > 1 || typeof indexes[0] === 'object') indefinite = true;
        steps.push({ kind: 'index', indexes });
      }
    } else fail();
  }
  const p: JsonPath = { strict, steps, indefinite, text };
  if (pathCache.size > 1000) pathCache.clear();
  pathCache.set(text, p);
  return p;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Evaluates a path; returns the matches (possibly empty). Throws JsonPathError for strict-mode violations. */
export function evaluateJsonPath(doc: unknown, path: JsonPath): unknown[] {
  let cur: unknown[] = [doc];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (step.kind) {
        case 'key':
          if (isObject(v) && Object.hasOwn(v, step.key)) next.push(v[step.key]);
          else if (path.strict) {
            throw new JsonPathError(
              isObject(v) ? `No results for path: $['${step.key}']` : `Expected an object to read key '${step.key}'`,
            );
          }
          break;
        case 'anyKey':
          if (isObject(v)) next.push(...Object.values(v));
          else if (path.strict) throw new JsonPathError('Expected an object for .*');
          break;
        case 'anyIndex':
          if (Array.isArray(v)) next.push(...v);
          else if (path.strict) throw new JsonPathError('Expected an array for [*]');
          break;
        case 'index': {
          if (!Array.isArray(v)) {
            if (path.strict) throw new JsonPathError('Expected an array to index');
            break;
          }
          const resolve = (x: number | 'last') => (x === 'last' ? v.length - 1 : x);
          for (const ix of step.indexes) {
            const from = typeof ix === 'object' ? resolve(ix.from) : resolve(ix);
            const to = typeof ix === 'object' ? resolve(ix.to) : resolve(ix);
            for (let k = from; k <= to; k++) {
              if (k >= 0 && k < v.length) next.push(v[k]);
              else if (path.strict) throw new JsonPathError(`Index ${k} out of bounds for array of length ${v.length}`);
            }
          }
          break;
        }
      }
    }
    cur = next;
  }
  return cur;
}

/**
 * The single result of a path as Flink sees it: undefined for "empty", the value for a definite path, and the
 * array of all matches for an indefinite one.
 */
export function queryJsonPath(doc: unknown, path: JsonPath): unknown {
  const r = evaluateJsonPath(doc, path);
  if (path.indefinite) return r.length === 0 ? undefined : r;
  return r.length === 0 ? undefined : r[0];
}
