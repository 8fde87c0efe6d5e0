/** Milliseconds between the Unix epoch and Discord's epoch (the first second of 2015). */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes Discord snowflakes: a millisecond timestamp in the top 42 bits and a counter in the
 * low 12, so ids sort by creation time as discord.js expects.
 */
export class SnowflakeFactory {
  #increment = 0n;

  /**
   * @returns a fresh snowflake stamped with the current time
   */
  next(): string {
    return this.at(Date.now());
  }

  /**
   * @param unixMs - the creation time to encode
   * @returns a fresh snowflake stamped with `unixMs`
   */
  at(unixMs: number): string {
    this.#increment = (this.#increment + 1n) & 0xfffn;
    return String(((BigInt(unixMs) - DISCORD_EPOCH) << 22n) | this.#increment);
  }
}

/**
 * Discord's sharding formula: a guild's events go to shard `(guild_id >> 22) % num_shards`.
 *
 * @param guildId - the guild's snowflake
 * @param shardCount - how many shards the bot runs
 * @returns the id of the shard that receives the guild's events
 */
export function shardIdFor(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * @param timestampMs - milliseconds since Discord's epoch
 * @returns the snowflake with that timestamp and all other bits zero
 */
export function snowflakeFromTimestamp(timestampMs: bigint): string {
  return String(timestampMs << 22n);
}
