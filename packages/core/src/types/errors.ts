/** Errors of the SQL type system and function library; `code` is stable for programs and tests. */
import { TributaryError } from '../errors.js';

/** A type string that does not parse; names the offset and what was expected. */
export class TypeParseError extends TributaryError {
  readonly offset: number;
  constructor(input: string, offset: number, message: string) {
    super('SQL_TYPE_PARSE', `Could not parse type at position ${offset} of '${input}': ${message}`);
    this.offset = offset;
  }
}

/** An invalid expression type (function arguments, casts, operators) found while binding. */
export class SqlValidationError extends TributaryError {
  constructor(message: string) {
    super('SQL_VALIDATION', message);
  }
}

/** A CAST that fails at runtime on a value (TRY_CAST returns NULL instead). */
export class CastError extends TributaryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SQL_CAST', message, options);
  }
}

/** A built-in function failed on its input at runtime. */
export class SqlFunctionError extends TributaryError {
  constructor(fn: string, message: string, options?: { cause?: unknown }) {
    super('SQL_FUNCTION', `${fn}: ${message}`, options);
  }
}
