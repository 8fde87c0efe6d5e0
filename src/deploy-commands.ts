import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

/**
 * `npm run deploy-commands`: registers the slash commands with Discord, to
 * DEV_GUILD_ID when set (instant, for testing) or globally (for every server
 * the bot is in). The bot itself never registers at start.
 */
async function deploy(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.discordToken)
    throw new ConfigError('DISCORD_TOKEN', 'is needed to register commands');

  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = [...commands.values()].map((c) => c.definition.toJSON());
  const route = config.devGuildId
    ? Routes.applicationGuildCommands(application.id, config.devGuildId)
    : Routes.applicationCommands(application.id);
  await rest.put(route, { body });
  logger.info(
    { commands: body.map((c) => c.name), server: config.devGuildId ?? 'all (global)' },
    config.devGuildId
      ? 'Registered the commands in the development server'
      : 'Registered the commands globally',
  );
}

deploy().catch((error: Error) => {
  process.stderr.write(`reelmate could not register commands: ${error.message}\n`);
  process.exitCode = 1;
});
