export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  /** Whether a level is written, so hot paths can skip building messages nobody reads. */
  enabled(level: LogLevel): boolean;
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

const ORDER: LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

/** Logs go to stderr only, so stdout stays clean for `--print-env` and `--json` output. */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = ORDER.indexOf(level);
  const make = (l: LogLevel) => (msg: string) => {
    if (ORDER.indexOf(l) <= at) write(msg);
  };
  return { enabled: (l) => ORDER.indexOf(l) <= at, error: make('error'), warn: make('warn'), info: make('info'), debug: make('debug') };
}

