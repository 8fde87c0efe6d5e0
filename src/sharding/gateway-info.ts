import { REST, Routes } from 'discord.js';

/** What Discord recommends for this bot's gateway connections. */
export interface GatewayInfo {
  shards: number;
  /** How many shards may identify in the same 5-second window. */
  maxConcurrency: number;
}

/**
 * Asks Discord (at the configured REST base, never a hard-coded host) how
 * many shards to run. discord.js's own helper always asks discord.com,
 * which would bypass DISCORD_API_URL.
 * @param token - the bot token
 * @param apiUrl - the REST base
 * @returns the recommendation
 */
export async function fetchGatewayInfo(token: string, apiUrl: string): Promise<GatewayInfo> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit?: { max_concurrency?: number };
  };
  return { shards: info.shards, maxConcurrency: info.session_start_limit?.max_concurrency ?? 1 };
}
