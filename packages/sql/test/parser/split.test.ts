import { splitStatements } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

describe('splitStatements', () => {
  it('splits at ; outside strings, quoted names and comments, dropping empty statements', () => {
    const script = "SELECT ';' AS `a;b`; -- x; y\n/* ; */ SELECT 2;;\n  ;SHOW TABLES";
    expect(splitStatements(script).map((s) => s.text)).toEqual(["SELECT ';' AS `a;b`", 'SELECT 2', 'SHOW TABLES']);
  });

  it('keeps statement set blocks together (CASE ... END inside does not end them)', () => {
    const script = `SET 'a' = 'b';
BEGIN STATEMENT SET;
INSERT INTO s1 SELECT CASE WHEN x THEN 1 ELSE 2 END FROM t;
INSERT INTO s2 SELECT * FROM t;
END;
EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END;
SELECT 1`;
    const parts = splitStatements(script);
    expect(parts.map((s) => s.text.split('\n')[0])).toEqual([
      "SET 'a' = 'b'",
      'BEGIN STATEMENT SET;',
      'EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END',
      'SELECT 1',
    ]);
    expect(parts[1]!.text.endsWith('END')).toBe(true);
  });

  it('gives each statement its span in the script', () => {
    const script = 'SELECT 1;\n  -- c\n  SELECT\n 2 ;';
    const [a, b] = splitStatements(script);
    expect(a!.span).toEqual({ start: { offset: 0, line: 1, column: 1 }, end: { offset: 8, line: 1, column: 9 } });
    expect(b!.span).toEqual({ start: { offset: 19, line: 3, column: 3 }, end: { offset: 28, line: 4, column: 3 } });
    expect(script.slice(b!.span.start.offset, b!.span.end.offset)).toBe(b!.text);
  });

  it('never throws: after a lexical error the rest is one statement', () => {
    const parts = splitStatements("SELECT 1; SELECT 'open; SELECT 3");
    expect(parts.map((s) => s.text)).toEqual(['SELECT 1', "SELECT 'open; SELECT 3"]);
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements(' -- only a comment\n')).toEqual([]);
  });
});
