import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Field names whose values never reach a log line, wherever they appear. */
const SECRET_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'headers.authorization',
];

/**
 * Creates the one logger of the process: JSON lines on standard error, so
 * console mode can keep standard output for answers.
 * @param level - the lowest level written
 * @defaultValue level `info`
 * @param destination - where lines go
 * @defaultValue destination standard error
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'reelmate' },
    redact: { paths: SECRET_PATHS, censor: '[hidden]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination ?? pino.destination(2));
}

/** A logger that writes nothing, for tests and library callers. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
