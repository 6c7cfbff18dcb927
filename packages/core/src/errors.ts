/** Base class of every error Tributary raises on purpose; `code` is stable for programs, the message for people. */
export class TributaryError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A configuration value or key that cannot be accepted; names the key. */
export class ConfigError extends TributaryError {
  readonly key: string;
  constructor(key: string, message: string) {
    super('CONFIG', message);
    this.key = key;
  }
}

/** A program that cannot run as written; raised before any record flows. */
export class ProgramError extends TributaryError {
  constructor(message: string) {
    super('PROGRAM', message);
  }
}

/** A user function threw while processing: names the operator and subtask and keeps the user's error as cause. */
export class UserFunctionError extends TributaryError {
  readonly operator: string;
  readonly subtask: number;
  constructor(operator: string, subtask: number, parallelism: number, cause: unknown) {
    const inner = cause instanceof Error ? cause : new Error(String(cause));
    super(
      'USER_FUNCTION',
      `Operator '${operator}' (subtask ${subtask + 1}/${parallelism}) failed: ${inner.message}\n` +
        `Caused by: ${inner.stack ?? inner.message}`,
      { cause: inner },
    );
    this.operator = operator;
    this.subtask = subtask;
  }
}

/** The job was cancelled while a caller waited for it. */
export class JobCancelledError extends TributaryError {
  constructor(jobName: string) {
    super('CANCELED', `Job '${jobName}' was cancelled`);
  }
}
