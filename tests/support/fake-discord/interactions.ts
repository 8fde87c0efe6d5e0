import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIUser,
  type APIMessageComponentSelectMenuInteraction,
} from 'discord.js';
import type { InteractionState } from './interaction-store.js';
import { toDataOptions, type OptionsInput } from './interaction-options.js';
import { interactionMember } from './payloads.js';
import type { FakeState } from './state.js';
import { MEMBER_PERMISSIONS, type FakeGuild } from './world.js';

/** Who interacts, and where. */
export interface InteractionContextInput {
  /** The guild; leave out for a DM with the bot. */
  guildId?: string;
  /** A seeded user's id. */
  userId: string;
  /** @defaultValue the guild's first channel (or the user's DM channel) */
  channelId?: string;
  /** The member's permissions. @defaultValue all for the owner, everyday ones for others */
  permissions?: bigint | string;
  /** The user's client language. @defaultValue `Locale.EnglishUS` */
  locale?: Locale;
}

/** A slash command as a user types it. */
export interface CommandInput extends InteractionContextInput {
  name: string;
  /** Values by name (typed from the registered command if any), or the raw API array. */
  options?: OptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  /** Users, channels, roles or attachments that options refer to, passed through as given. */
  resolved?: APIInteractionDataResolved;
}

/** A user typing into an autocomplete option. */
export interface AutocompleteInput extends CommandInput {
  /** The option being typed in; its value in `options` is the text typed so far. */
  focused: string;
}

/** A user picking from a string select menu on a message the bot sent. */
export interface ComponentInput extends InteractionContextInput {
  customId: string;
  values?: string[];
  /** A message the bot posted through the fake, e.g. `(await handle.final()).message.id`. */
  messageId: string;
}

/** A built interaction: what goes over the gateway and what the fake remembers. */
export interface BuiltInteraction<P extends APIInteraction = APIInteraction> {
  payload: P;
  state: InteractionState;
}

/** Discord's attachment limit for a guild without boosts, sent as `attachment_size_limit`. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * Builds INTERACTION_CREATE payloads shaped like Discord's: ids and a secret token, the guild,
 * channel and member with permissions as string bitfields, app_permissions, locales,
 * entitlements and integration owners.
 */
export class InteractionFactory {
  readonly #state: FakeState;
  readonly #dmChannels = new Map<string, string>();

  /** @param state - the fake's shared state */
  constructor(state: FakeState) {
    this.#state = state;
  }

  /**
   * @param input - the command as typed
   * @returns a type 2 (APPLICATION_COMMAND) interaction
   */
  command(input: CommandInput): BuiltInteraction<APIChatInputApplicationCommandInteraction> {
    const data = this.#commandData(input);
    const { base, state } = this.#base(input, InteractionType.ApplicationCommand);
    return { payload: { ...base, type: InteractionType.ApplicationCommand, data }, state };
  }

  /**
   * @param input - the command being typed, with the focused option
   * @returns a type 4 (APPLICATION_COMMAND_AUTOCOMPLETE) interaction
   */
  autocomplete(
    input: AutocompleteInput,
  ): BuiltInteraction<APIApplicationCommandAutocompleteInteraction> {
    const data = this.#commandData(input);
    const { base, state } = this.#base(input, InteractionType.ApplicationCommandAutocomplete);
    return {
      payload: { ...base, type: InteractionType.ApplicationCommandAutocomplete, data },
      state,
    };
  }

  /**
   * @param input - the selection
   * @returns a type 3 (MESSAGE_COMPONENT) interaction for a string select
   * @throws Error when the message was not posted through this fake
   */
  component(input: ComponentInput): BuiltInteraction<APIMessageComponentSelectMenuInteraction> {
    const message = this.#state.messages.get(input.messageId);
    if (!message) throw new Error(`fake-discord: the bot never posted message ${input.messageId}`);

    const context = { ...input, channelId: input.channelId ?? message.channel_id };
    const { base, state } = this.#base(context, InteractionType.MessageComponent);
    state.originalMessageId = message.id;
    const data = {
      custom_id: input.customId,
      component_type: ComponentType.StringSelect as const,
      values: input.values ?? [],
    };
    const payload = { ...base, type: InteractionType.MessageComponent as const, data, message };
    return { payload, state };
  }

  #commandData(input: CommandInput | AutocompleteInput) {
    const command = this.#state.commands.resolve(input.name, input.guildId ?? null);
    const focused = 'focused' in input ? input.focused : undefined;
    const target = { ...input, commandName: input.name, command, focused };
    return {
      id: command?.id ?? this.#state.snowflakes.next(),
      name: input.name,
      type: ApplicationCommandType.ChatInput as const,
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      options: toDataOptions(input.options, target),
      ...(input.resolved ? { resolved: input.resolved } : {}),
    };
  }

  #base(input: InteractionContextInput, type: InteractionType) {
    const { world, options, snowflakes } = this.#state;
    const user = world.user(input.userId);
    const id = snowflakes.next();
    const token = `fake.${randomBytes(48).toString('base64url')}`;
    const locale = input.locale ?? Locale.EnglishUS;
    const common = {
      id,
      application_id: world.bot.id,
      token,
      version: 1 as const,
      locale,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };

    const guild = input.guildId ? world.guild(input.guildId) : null;
    const scope = guild ? this.#guildScope(guild, input, user, locale) : this.#dmScope(input, user);
    const state: InteractionState = {
      id,
      token,
      type,
      guildId: guild?.id ?? null,
      channelId: scope.channel_id,
      user,
      deadline: Date.now() + options.interactionDeadlineMs,
      acknowledgement: null,
      originalMessageId: null,
      followUpIds: [],
    };
    this.#state.interactions.add(state);
    return { base: { ...common, ...scope }, state };
  }

  #guildScope(guild: FakeGuild, input: InteractionContextInput, user: APIUser, locale: Locale) {
    const { world } = this.#state;
    const channel = world.channel(guild, input.channelId);
    const permissions = BigInt(input.permissions ?? world.permissionsOf(guild, user.id));
    const appPermissions = String(world.botPermissions(guild));
    return {
      guild_id: guild.id,
      guild: { id: guild.id, locale, features: [] },
      guild_locale: Locale.EnglishUS,
      channel_id: channel.id,
      channel: { ...channel, permissions: String(permissions) },
      member: interactionMember(guild, user, permissions),
      app_permissions: appPermissions,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
    };
  }

  #dmScope(input: InteractionContextInput, user: APIUser) {
    const channelId = input.channelId ?? this.#dmChannelOf(user.id);
    return {
      user,
      channel_id: channelId,
      channel: {
        id: channelId,
        type: ChannelType.DM as const,
        recipients: [user],
        last_message_id: null,
        flags: 0,
      },
      // In DMs the bot holds the everyday permissions; there are no roles to compute from.
      app_permissions: String(MEMBER_PERMISSIONS),
      authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: user.id },
      context: InteractionContextType.BotDM,
    };
  }

  #dmChannelOf(userId: string): string {
    const known = this.#dmChannels.get(userId);
    if (known) return known;
    const created = this.#state.snowflakes.next();
    this.#dmChannels.set(userId, created);
    return created;
  }
}
