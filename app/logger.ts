/**
 * Structured logs: one line per event, `level=... module=... msg="..." key=value ...` (logfmt, as
 * CometBFT prints), to stderr. Wall-clock time appears only here, never in state transitions.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, string | number | bigint | boolean | undefined>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function quote(value: string): string {
  return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

export function formatLogLine(level: LogLevel, msg: string, fields: LogFields, time?: Date): string {
  const parts = [`level=${level}`];
  if (time) parts.push(`time=${time.toISOString()}`);
  parts.push(`msg=${quote(msg)}`);
  // deterministic: log fields in the order the caller wrote them; logs are not state
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${quote(String(value))}`);
  }
  return parts.join(" ");
}

export function createLogger(options: {
  level?: LogLevel;
  write?: (line: string) => void;
  fields?: LogFields;
  timestamps?: boolean;
} = {}): Logger {
  const min = LEVELS[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const base = options.fields ?? {};
  const timestamps = options.timestamps ?? true;
  const log = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (LEVELS[level] < min) return;
    // deterministic: a log line's wall-clock time; logs are not state
    write(formatLogLine(level, msg, { ...base, ...fields }, timestamps ? new Date() : undefined));
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
    with: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that drops everything (unit tests). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

export function parseLogLevel(value: string): LogLevel {
  if (value === "debug" || value === "info" || value === "warn" || value === "error") return value;
  throw new Error(`invalid log level "${value}" (expected debug, info, warn or error)`);
}
