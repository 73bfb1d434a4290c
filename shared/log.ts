/** Structured logging: one JSON line per event, secrets redacted by one helper. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values never reach a log line (SPEC §2.3). */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|id_token_hint|private|pepper/i;
const MAX_DEPTH = 6;

/** Returns a copy of `value` with every secret-looking field replaced by `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) {
    return '[truncated]';
  }
  if (Array.isArray(value)) {
    return value.map((item) => redact(item, depth + 1));
  }
  if (value instanceof Error) {
    return { name: value.name, message: value.message };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `fields` too. */
  with(fields: Record<string, unknown>): Logger;
}

/** Writes a line through the console method of its level, so the platform keeps the level. */
function toConsole(line: string, at: LogLevel): void {
  console[at](line);
}

/** Creates a logger that writes JSON lines at or above `level`. */
export function createLogger(
  base: Record<string, unknown> = {},
  level: LogLevel = 'info',
  write: (line: string, at: LogLevel) => void = toConsole,
): Logger {
  const emit = (at: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[at] < LEVELS[level]) {
      return;
    }
    const line = { time: new Date().toISOString(), level: at, event, ...base, ...fields };
    write(JSON.stringify(redact(line)), at);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    with: (fields) => createLogger({ ...base, ...fields }, level, write),
  };
}

/** Parses a LOG_LEVEL value, defaulting to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  return value && value in LEVELS ? (value as LogLevel) : 'info';
}
