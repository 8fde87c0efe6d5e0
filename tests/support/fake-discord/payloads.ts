import {
  ApplicationFlags,
  GatewayIntentBits,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type APIApplication,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIUser,
  type GuildMemberFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord.js';
import type { FakeGuild, World } from './world.js';

/**
 * @param world - who the bot is and where
 * @param privilegedIntents - the privileged intents the application has enabled
 * @returns the application object of `GET /applications/@me`; READY carries its id and flags
 */
export function applicationPayload(world: World, privilegedIntents: bigint): APIApplication {
  const flags = applicationFlags(privilegedIntents);
  return {
    id: world.bot.id,
    name: world.bot.username,
    icon: null,
    description: 'A movie recommender (fake Discord application for tests).',
    summary: '',
    bot_public: true,
    bot_require_code_grant: false,
    bot: world.bot,
    owner: world.users[0],
    verify_key: '0'.repeat(64),
    team: null,
    flags,
    flags_new: String(flags),
    approximate_guild_count: world.guilds.length,
  };
}

/**
 * @param world - who the bot is and where
 * @param session - the session being opened
 * @param privilegedIntents - the privileged intents the application has enabled
 * @returns the READY payload: every guild of the shard starts unavailable until GUILD_CREATE
 */
export function readyPayload(
  world: World,
  session: { id: string; shard: [number, number]; resumeUrl: string; guilds: FakeGuild[] },
  privilegedIntents: bigint,
): GatewayReadyDispatchData {
  const flags = applicationFlags(privilegedIntents);
  return {
    v: 10,
    user: { ...world.bot, verified: true, mfa_enabled: false },
    guilds: session.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: session.resumeUrl,
    shard: session.shard,
    application: { id: world.bot.id, flags, flags_new: String(flags) },
  };
}

/**
 * @param world - who the bot is and where
 * @param guild - the guild becoming available
 * @returns a GUILD_CREATE payload complete enough for discord.js to cache guild and channels
 */
export function guildCreatePayload(world: World, guild: FakeGuild): GatewayGuildCreateDispatchData {
  const members = [world.bot, ...world.users].map((user) => memberOf(guild, user));
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.memberCount,
    voice_states: [],
    members,
    channels: guild.channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/**
 * @param guild - the guild
 * @param user - the member's user
 * @param permissions - the member's computed permissions in the interaction's channel
 * @returns the `member` object of a guild interaction
 */
export function interactionMember(
  guild: FakeGuild,
  user: APIUser,
  permissions: bigint,
): APIInteractionGuildMember {
  return { ...memberOf(guild, user), user, permissions: String(permissions) };
}

function memberOf(guild: FakeGuild, user: APIUser): APIGuildMember {
  const roles = user.bot ? guild.roles.filter((r) => r.managed).map((r) => r.id) : [];
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: guild.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags, // Discord's "no flags"; the enum has no member for it
    pending: false,
    communication_disabled_until: null,
  };
}

/** Discord sets a "limited" flag for each privileged intent enabled in the developer portal. */
function applicationFlags(privilegedIntents: bigint): number {
  const enabled = (intent: GatewayIntentBits) => (privilegedIntents & BigInt(intent)) !== 0n;
  let flags = ApplicationFlags.ApplicationCommandBadge;
  if (enabled(GatewayIntentBits.GuildMembers)) flags |= ApplicationFlags.GatewayGuildMembersLimited;
  if (enabled(GatewayIntentBits.GuildPresences)) flags |= ApplicationFlags.GatewayPresenceLimited;
  if (enabled(GatewayIntentBits.MessageContent)) {
    flags |= ApplicationFlags.GatewayMessageContentLimited;
  }
  return flags;
}
