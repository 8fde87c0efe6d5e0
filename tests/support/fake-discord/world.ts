import {
  ChannelType,
  PermissionFlagsBits,
  type APIRole,
  type RoleFlags,
  type APITextChannel,
  type APIUser,
} from 'discord.js';
import type { FakeUserSeed, ResolvedOptions } from './options.js';
import { snowflakeFromTimestamp, type SnowflakeFactory } from './snowflake.js';

/** A guild as the fake keeps it; payloads are built from this on demand. */
export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  memberCount: number;
  channels: APITextChannel[];
  roles: APIRole[];
  joinedAt: string;
}

/** Every permission bit Discord defines: what an owner or administrator effectively holds. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce(
  (all, bit) => all | bit,
  0n,
);

/** What @everyone may do in the seeded guilds: enough to use a slash command bot. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

/** Timestamp, in ms after Discord's epoch, of the first default guild id (late 2022). */
const FIRST_GUILD_TIMESTAMP = 250_000_000_000n;

/**
 * The users, guilds and channels the fake Discord knows about. Guild i gets a snowflake whose
 * timestamp ends in i, so with 2 shards the first guild lives on shard 0 and the second on 1.
 */
export class World {
  readonly bot: APIUser;
  readonly users: APIUser[];
  readonly guilds: FakeGuild[];

  /**
   * @param options - the resolved seeds
   * @param snowflakes - source of ids for channels and roles
   */
  constructor(options: ResolvedOptions, snowflakes: SnowflakeFactory) {
    this.bot = { ...toUser({ id: options.applicationId, username: options.botName }), bot: true };
    this.users = options.users.map((seed) => toUser({ ...seed, id: seed.id ?? snowflakes.next() }));
    this.guilds = options.guilds.map((seed, index) => {
      const id = seed.id ?? snowflakeFromTimestamp(FIRST_GUILD_TIMESTAMP + BigInt(index));
      const channelNames = seed.channels ?? ['general', 'movie-night'];
      return {
        id,
        name: seed.name,
        ownerId: seed.ownerId ?? this.users[0]?.id ?? this.bot.id,
        memberCount: seed.memberCount ?? this.users.length + 1,
        channels: channelNames.map((name, position) =>
          toTextChannel(snowflakes.next(), id, name, position),
        ),
        roles: [everyoneRole(id), botRole(snowflakes.next(), options.botName)],
        joinedAt: new Date().toISOString(),
      };
    });
  }

  /**
   * @param id - a seeded user's id, or the bot's
   * @returns the user
   * @throws Error when nobody has that id, since a typo would otherwise pass silently
   */
  user(id: string): APIUser {
    const user = id === this.bot.id ? this.bot : this.users.find((u) => u.id === id);
    if (!user) throw new Error(`fake-discord: no user ${id}; seeded: ${this.#userIds()}`);
    return user;
  }

  /**
   * @param id - a seeded guild's id
   * @returns the guild
   * @throws Error when the bot is not in that guild
   */
  guild(id: string): FakeGuild {
    const guild = this.guilds.find((g) => g.id === id);
    if (!guild) throw new Error(`fake-discord: the bot is in no guild ${id}`);
    return guild;
  }

  /**
   * @param guild - where to look
   * @param channelId - a channel of that guild, or nothing for its first channel
   * @returns the channel
   */
  channel(guild: FakeGuild, channelId?: string): APITextChannel {
    const channel = channelId ? guild.channels.find((c) => c.id === channelId) : guild.channels[0];
    if (!channel) throw new Error(`fake-discord: guild ${guild.id} has no channel ${channelId}`);
    return channel;
  }

  /**
   * @param guild - the guild
   * @param userId - the member
   * @returns the member's permissions as Discord computes them for an interaction
   */
  permissionsOf(guild: FakeGuild, userId: string): bigint {
    return guild.ownerId === userId ? ALL_PERMISSIONS : MEMBER_PERMISSIONS;
  }

  /**
   * @param guild - the guild
   * @returns what the bot may do there: the union of its roles, sent as `app_permissions`
   */
  botPermissions(guild: FakeGuild): bigint {
    return guild.roles.reduce((all, r) => all | BigInt(r.permissions), 0n);
  }

  #userIds(): string {
    return this.users.map((u) => `${u.id} (${u.username})`).join(', ');
  }
}

function toUser(seed: FakeUserSeed & { id: string }): APIUser {
  return {
    id: seed.id,
    username: seed.username,
    discriminator: '0',
    global_name: seed.globalName ?? null,
    avatar: null,
  };
}

function toTextChannel(
  id: string,
  guildId: string,
  name: string,
  position: number,
): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    parent_id: null,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

/** Discord gives @everyone the guild's own id. */
function everyoneRole(guildId: string): APIRole {
  return role(guildId, '@everyone', 0, MEMBER_PERMISSIONS, false);
}

/** The managed role Discord creates when a bot joins. */
function botRole(id: string, botName: string): APIRole {
  const permissions = MEMBER_PERMISSIONS | PermissionFlagsBits.UseExternalEmojis;
  return role(id, botName, 1, permissions, true);
}

function role(id: string, name: string, position: number, permissions: bigint, managed: boolean) {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: String(permissions),
    managed,
    mentionable: false,
    flags: 0 as RoleFlags, // Discord's "no flags"; the enum has no member for it
  } satisfies APIRole;
}
