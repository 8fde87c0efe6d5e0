import cron, { type ScheduledTask } from 'node-cron';
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
  });
  logger.info({ cron: expression, timezone, next: task.getNextRun()?.toISOString() }, 'Nightly retraining scheduled');
  return task;
}

/**
 * @param expression - a cron expression
 * @returns whether node-cron accepts it
 */
export function isValidCron(expression: string): boolean {
  return cron.validate(expression);
}
