import { SqlParseError } from './errors.js';
import { Lexer } from './lexer.js';
import type { Pos, Span } from './span.js';
import type { Token } from './tokens.js';

/** One statement of a script: its text (without the terminating `;` and surrounding comments) and where it is. */
export interface ScriptStatement {
  text: string;
  span: Span;
}

/**
 * Splits a script at `;` outside string literals, quoted identifiers, comments and `BEGIN STATEMENT SET ... END` /
 * `EXECUTE STATEMENT SET BEGIN ... END` blocks. Never throws: after a lexical error (say an unclosed string) the rest
 * of the script is one statement, so parsing it reports the error at the right place. Pass a statement's
 * `span.start` to `parseStatement(text, { start })` to get script positions.
 */
export function splitStatements(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  const lx = new Lexer(script);
  let first: Token | undefined;
  let last: Token | undefined;
  const head: string[] = []; // first words of the current statement
  let inSet = false;
  let caseDepth = 0;

  const flush = () => {
    if (first && last) {
      out.push({
        text: script.slice(first.start.offset, last.end.offset),
        span: { start: first.start, end: last.end },
      });
    }
    first = last = undefined;
    head.length = 0;
    inSet = false;
    caseDepth = 0;
  };

  for (;;) {
    let t: Token;
    try {
      t = lx.next();
    } catch (e) {
      if (!(e instanceof SqlParseError)) throw e;
      const startPos: Pos = first ? first.start : { offset: e.offset, line: e.line, column: e.column };
      out.push({
        text: script.slice(startPos.offset),
        span: { start: startPos, end: endOf(script, startPos) },
      });
      return out;
    }
    if (t.kind === 'eof') {
      flush();
      return out;
    }
    if (t.kind === 'op' && t.text === ';' && !inSet) {
      flush();
      continue;
    }
    if (!first) first = t;
    last = t;
    if (t.kind !== 'word') continue;
    if (head.length < 4) {
      head.push(t.upper);
      const h = head.join(' ');
      if (h === 'BEGIN STATEMENT SET' || h === 'EXECUTE STATEMENT SET BEGIN') inSet = true;
    } else if (inSet) {
      if (t.upper === 'CASE') caseDepth++;
      else if (t.upper === 'END') {
        if (caseDepth > 0) caseDepth--;
        else inSet = false;
      }
    }
  }
}

function endOf(text: string, from: Pos): Pos {
  let line = from.line;
  let column = from.column;
  for (let i = from.offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { offset: text.length, line, column };
}
