/**
 * Java regular expressions (what Flink's REGEXP* functions take) translated to JS RegExp, plus SQL LIKE and
 * SIMILAR TO patterns compiled to anchored RegExps. Compiled patterns are cached by source text because generated
 * code passes the same (usually literal) pattern on every record.
 *
 * Translation covers the Java-only syntax that appears in practice: leading inline flags `(?i)(?s)(?m)(?x)`,
 * `\Q...\E` quoting, POSIX classes `\p{Alpha}` & co, possessive quantifiers (treated as greedy) and atomic groups
 * (treated as non-capturing). Anything JS still rejects is reported as invalid (Flink returns NULL for those).
 */
import { SqlFunctionError } from '@tributary/core';

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: 'a-z',
  javaUpperCase: 'A-Z',
  javaWhitespace: ' \\t\\n\\x0B\\f\\r',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Translates a Java regex to a JS source and flags; throws on syntax JS cannot express. */
export function translateJavaRegex(java: string): { source: string; flags: string } {
  let flags = '';
  let src = java;
  for (;;) {
    const m = /^\(\?([imsxu]+)\)/.exec(src);
    if (m === null) break;
    for (const f of m[1]!) if (f !== 'x' && f !== 'u' && !flags.includes(f)) flags += f;
    src = src.slice(m[0].length);
  }
  let out = '';
  let inClass = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        out += escapeRegex(lit);
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if ((n === 'p' || n === 'P') && src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        const name = src.slice(i + 3, close).replace(/^Is/, '');
        const posix = POSIX[name];
        if (posix !== undefined) {
          out += inClass ? (n === 'p' ? posix : '') : n === 'p' ? `[${posix}]` : `[^${posix}]`;
          i = close;
          continue;
        }
        out += src.slice(i, close + 1);
        i = close;
        continue;
      }
      if (n === 'Z') {
        out += '(?=\\n?$)';
        i++;
        continue;
      }
      if (n === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (n === 'z') {
        out += '$';
        i++;
        continue;
      }
      out += c + (n ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass++;
    else if (c === ']' && inClass > 0) inClass--;
    else if (!inClass && (c === '+' || c === '*' || c === '?' || c === '}')) {
      out += c;
      // possessive quantifier (`a*+`, `a++`): JS has none, keep it greedy
      if (src[i + 1] === '+') i++;
      continue;
    } else if (!inClass && c === '(' && src[i + 1] === '?' && src[i + 2] === '>') {
      out += '(?:';
      i += 2;
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}

const cache = new Map<string, RegExp | null>();

/** The compiled Java regex (global flag off), or null when it is invalid. Cached. */
export function javaRegex(pattern: string, extraFlags = ''): RegExp | null {
  const key = extraFlags + '\u0000' + pattern;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let re: RegExp | null = null;
  try {
    const t = translateJavaRegex(pattern);
    const flags = t.flags + extraFlags;
    try {
      re = new RegExp(t.source, flags + 'u');
    } catch {
      re = new RegExp(t.source, flags);
    }
  } catch {
    re = null;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

/** Translates a Java replacement string (`$1`, `${name}`, `\$`) to a JS one. */
export function translateJavaReplacement(rep: string): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      out += n === '$' ? '$$' : n;
    } else if (c === '$' && rep[i + 1] === '{') {
      const close = rep.indexOf('}', i);
      out += `$<${rep.slice(i + 2, close)}>`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

const likeCache = new Map<string, RegExp>();

/**
 * SQL LIKE: `%` any sequence, `_` one character, the esc character makes the next `%`, `_` or itself literal.
 * Every other character is escaped for RegExp, so user text can never inject regex syntax.
 */
export function likeRegex(pattern: string, esc?: string | null): RegExp {
  const key = (esc ?? '') + '\u0000' + pattern;
  const hit = likeCache.get(key);
  if (hit !== undefined) return hit;
  if (esc !== undefined && esc !== null && esc.length !== 1) {
    throw new SqlFunctionError('LIKE', `Invalid escape character '${esc}'`);
  }
  let src = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (esc && c === esc) {
      const n = pattern[i + 1];
      if (n !== '%' && n !== '_' && n !== esc) {
        throw new SqlFunctionError('LIKE', `Invalid escape sequence '${pattern}', ${i}`);
      }
      src += escapeRegex(n);
      i++;
    } else if (c === '%') src += '[\\s\\S]*';
    else if (c === '_') src += '[\\s\\S]';
    else src += escapeRegex(c);
  }
  const re = new RegExp(src + '$');
  if (likeCache.size > 1000) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

export function like(s: string, pattern: string, esc?: string | null): boolean {
  return likeRegex(pattern, esc).test(s);
}

const similarCache = new Map<string, RegExp>();

/**
 * SQL SIMILAR TO: LIKE's wildcards plus regex alternation/grouping/quantifiers/bracket classes, matched against
 * the whole string. Characters without SQL meaning are escaped.
 */
export function similarRegex(pattern: string, esc?: string | null): RegExp {
  const key = (esc ?? '') + '\u0000' + pattern;
  const hit = similarCache.get(key);
  if (hit !== undefined) return hit;
  let src = '^(?:';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (esc && c === esc) {
      const n = pattern[i + 1];
      if (n === undefined) throw new SqlFunctionError('SIMILAR TO', `Invalid escape sequence in '${pattern}'`);
      src += escapeRegex(n);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      src += c === '\\' ? '\\\\' : c;
      continue;
    }
    switch (c) {
      case '%':
        src += '[\\s\\S]*';
        break;
      case '_':
        src += '[\\s\\S]';
        break;
      case '[':
        inClass = true;
        src += c;
        break;
      case '|':
      case '*':
      case '+':
      case '?':
      case '(':
      case ')':
      case '{':
      case '}':
        src += c;
        break;
      default:
        src += escapeRegex(c);
    }
  }
  let re: RegExp;
  try {
    re = new RegExp(src + ')$');
  } catch (e) {
    throw new SqlFunctionError('SIMILAR TO', `Invalid pattern '${pattern}'`, { cause: e });
  }
  if (similarCache.size > 1000) similarCache.clear();
  similarCache.set(key, re);
  return re;
}

export function similarTo(s: string, pattern: string, esc?: string | null): boolean {
  return similarRegex(pattern, esc).test(s);
}
