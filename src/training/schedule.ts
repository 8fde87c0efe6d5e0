import cron, { type ScheduledTask, type TaskOptions } from 'node-cron';
import type { Logger } from '../logger.js';
import type { Retrainer } from './retrainer.js';

/**
 * Runs the retrainer on a cron schedule. A run that comes due while one is
 * still going joins it instead of starting a second; a failed run is logged
 * by the retrainer and the schedule goes on.
 * @param retrainer - the retrainer
 * @param expression - cron expression, e.g. "30 4 * * *"
 * @param timezone - IANA time zone, e.g. "UTC"
 * @param logger - the bot's logger
 * @returns the scheduled task (stop it at shutdown)
 */
export function scheduleRetraining(
  retrainer: Retrainer,
  expression: string,
  timezone: string,
  logger: Logger,
): ScheduledTask {
  const task = cron.schedule(expression, () => retrainer.run('scheduled'), {
    timezone,
    name: 'retrain',
    noOverlap: true,
    logger: cronLogger(logger.child({ cron: expression })),
  });
  logger.info(
    { cron: expression, timezone, next: task.getNextRun()?.toISOString() },
    'Nightly retraining scheduled',
  );
  return task;
}

/** node-cron's own messages (a tick skipped or missed) as JSON lines, not coloured console text. */
function cronLogger(logger: Logger): NonNullable<TaskOptions['logger']> {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  const err = (message: string | Error, error?: Error) =>
    error ?? (message instanceof Error ? message : undefined);
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, error) => logger.error({ err: err(message, error) }, text(message)),
    debug: (message, error) => logger.debug({ err: err(message, error) }, text(message)),
  };
}

/**
 * @param expression - a cron expression
 * @returns whether node-cron accepts it
 */
export function isValidCron(expression: string): boolean {
  return cron.validate(expression);
}
