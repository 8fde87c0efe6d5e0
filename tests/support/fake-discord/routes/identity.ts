import { applicationPayload } from '../payloads.js';
import { json } from '../replies.js';
import type { RouteDefinition } from '../router.js';
import type { FakeState } from '../state.js';

/** A day, as Discord resets the session start budget. */
const SESSION_LIMIT_RESET_MS = 86_400_000;

/**
 * The routes discord.js calls while logging in, and the bot's own user and application.
 *
 * @param state - the fake's shared state
 * @returns the route table entries
 */
export function identityRoutes(state: FakeState): RouteDefinition[] {
  const { options, urls, world } = state;
  return [
    {
      method: 'GET',
      pattern: '/gateway',
      auth: 'none',
      handle: () => json({ url: urls.gateway }),
    },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: 'bot',
      handle: () =>
        json({
          url: urls.gateway,
          shards: options.shards,
          session_start_limit: {
            total: 1_000,
            remaining: state.sessionStartsRemaining,
            reset_after: SESSION_LIMIT_RESET_MS,
            max_concurrency: options.maxConcurrency,
          },
        }),
    },
    {
      method: 'GET',
      pattern: '/users/@me',
      auth: 'bot',
      handle: () => json({ ...world.bot, verified: true, mfa_enabled: false }),
    },
    {
      method: 'GET',
      pattern: '/applications/@me',
      auth: 'bot',
      handle: () => json(applicationPayload(world, options.privilegedIntents)),
    },
  ];
}
