import type { Command, Invocation, Reply, Services } from '../commands/index.js';
import { problem } from '../commands/replies.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * Runs a command for any transport: logs what was asked and how long it
 * took, and turns an unexpected failure into a short apology for the member
 * and a full log line for the admin. No stack trace reaches the member.
 * @param command - the command
 * @param invocation - who asked, where, with what
 * @param services - what commands use
 * @param logger - the bot's logger
 * @param limiter - limits expensive commands per member, when given
 * @returns the reply to show
 */
export async function dispatch(
  command: Command,
  invocation: Invocation,
  services: Services,
  logger: Logger,
  limiter?: RateLimiter,
): Promise<Reply> {
  const name = command.definition.name;
  if (command.expensive && limiter) {
    // Per member, whatever the server: joining more servers buys no more answers.
    const decision = limiter.take(invocation.member);
    if (!decision.ok) {
      const seconds = Math.ceil(decision.retryInMs / 1000);
      logger.debug({ command: name, server: invocation.server, seconds }, 'Rate-limited a member');
      return problem('Slow down a little', `Try again in ${seconds} s.`);
    }
  }
  const started = performance.now();
  try {
    const reply = await command.run(invocation, services);
    const ms = Math.round(performance.now() - started);
    logger.debug(
      { command: name, server: invocation.server, ms, tone: reply.tone },
      `Answered /${name}`,
    );
    return reply;
  } catch (error) {
    logger.error(
      { command: name, server: invocation.server, err: error },
      `/${name} failed unexpectedly`,
    );
    return problem(
      'Something went wrong on my side',
      'Sorry about that. It has been logged; please try again.',
    );
  }
}
