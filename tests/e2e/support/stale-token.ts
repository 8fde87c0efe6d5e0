import { botEnv, ChildScript } from './bot-process.js';
import type { E2eSession } from './session.js';

/**
 * Starts a bot whose DISCORD_TOKEN the fake no longer accepts, as when an admin resets the
 * token in the Developer Portal and forgets `.env`: the bot gets the fake's current token,
 * then the fake switches to `newToken`. The bot is added to the session's scripts, so the
 * session kills it on close and hygiene checks read its output.
 * @param session - a session whose bot has ended
 * @param newToken - the token the fake accepts from now on
 * @returns the bot, started; it has not logged in and will not
 * @throws Error when the session's bot still runs
 */
export function startBotWithStaleToken(session: E2eSession, newToken: string): ChildScript {
  if (!session.bot.exit) throw new Error('e2e: stop the bot before starting another');
  const env = botEnv(session.fake, session.folders);
  session.fake.rotateToken(newToken);
  const bot = new ChildScript('src/main.ts', env);
  session.scripts.push(bot);
  return bot;
}
