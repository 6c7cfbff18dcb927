export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Minimal leveled logger writing to stderr, so stdout stays for job output. */
export class Logger {
  constructor(
    private readonly name: string,
    private level: LogLevel = (process.env.TRIBUTARY_LOG_LEVEL as LogLevel) ?? 'warn',
  ) {}
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  private write(level: LogLevel, msg: string): void {
    if (ORDER[level] < ORDER[this.level]) return;
    process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} [${this.name}] ${msg}\n`);
  }
  debug(msg: string): void {
    this.write('debug', msg);
  }
  info(msg: string): void {
    this.write('info', msg);
  }
  warn(msg: string): void {
    this.write('warn', msg);
  }
  error(msg: string): void {
    this.write('error', msg);
  }
}

export function getLogger(name: string): Logger {
  return new Logger(name);
}
