export * from './ast.js';
export * from './ast-statements.js';
export { SqlParseError } from './errors.js';
export { formatFromItem, formatSql } from './format.js';
export { quoteIdent, quoteName, quoteString } from './format-expr.js';
export { Lexer, type LexStart, tokenize } from './lexer.js';
export { MAX_NESTING } from './parser-base.js';
export type { Pos, Span } from './span.js';
export { type ScriptStatement, splitStatements } from './split.js';
export {
  type ParseOptions,
  parseDataType,
  parseExpression,
  parseStatement,
  parseStatements,
} from './statement-parser.js';
export { CONTEXTUAL_KEYWORDS, RESERVED, type Token, type TokenKind } from './tokens.js';
