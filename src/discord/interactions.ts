import {
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Command, Reply, Services } from '../../commands/index.js';
import { problem } from '../../commands/replies.js';
import { dispatch } from '../dispatch.js';
import type { Logger } from '../logger.js';
import { RateLimiter } from '../rate-limit.js';
import { toInvocation } from './invocation.js';
import { PICK_TTL_MS, pickId } from './pick-id.js';
import { clip, LIMITS, renderReply } from './render.js';

/**
 * Discord wants a first answer within 3 seconds. A command that has not
 * answered by this time is deferred (the member sees "thinking…") and its
 * reply edited in when ready.
 */
export const DEFER_AFTER_MS = 1500;

/** Expensive commands a member may run per window, and the window. */
export const EXPENSIVE_PER_WINDOW = 6;
export const WINDOW_MS = 30_000;

/** Routes every interaction of a client to the commands. */
export class InteractionRouter {
  readonly #commands: ReadonlyMap<string, Command>;
  readonly #services: Services;
  readonly #logger: Logger;
  readonly #limiter = new RateLimiter(EXPENSIVE_PER_WINDOW, WINDOW_MS);

  constructor(commands: ReadonlyMap<string, Command>, services: Services, logger: Logger) {
    this.#commands = commands;
    this.#services = services;
    this.#logger = logger;
  }

  /**
   * Handles one interaction. Never throws: failures are logged and, where
   * Discord still lets us, answered with a short apology.
   * @param interaction - from the client's interactionCreate event
   */
  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) return await this.#autocomplete(interaction);
      if (interaction.isChatInputCommand()) return await this.#command(interaction);
      if (interaction.isStringSelectMenu()) return await this.#pick(interaction);
    } catch (error) {
      this.#logger.error(
        {
          err: withoutInteractionToken(error),
          server: interaction.guildId,
          command: commandOf(interaction),
          kind: interaction.type,
        },
        'An interaction failed',
      );
    }
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.#commands.get(interaction.commandName);
    if (!command?.autocomplete || !interaction.inGuild()) return interaction.respond([]);

    const typed = String(interaction.options.getFocused());
    const invocation = { server: interaction.guildId, member: interaction.user.id, options: {} };
    const choices = command
      .autocomplete(invocation, typed, this.#services)
      .slice(0, 25)
      .map((c) => ({ name: clip(c.name, LIMITS.option), value: clip(c.value, LIMITS.option) }));
    await interaction.respond(choices);
  }

  async #command(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = this.#commands.get(interaction.commandName);
    if (!interaction.inGuild()) {
      return void (await interaction.reply(
        renderReply(
          problem('reelmate works inside servers', 'Use its commands in a server channel.'),
          interaction.user.id,
        ),
      ));
    }
    if (!command) {
      return void (await interaction.reply(
        renderReply(problem('I do not know that command'), interaction.user.id),
      ));
    }
    const invocation = toInvocation(interaction);
    await this.#answer(
      interaction,
      dispatch(command, invocation, this.#services, this.#logger, this.#limiter),
      invocation.options.share === true,
    );
  }

  /** A member chose from a pick list: run the command again with that movie. */
  async #pick(interaction: StringSelectMenuInteraction): Promise<void> {
    const target = pickId.decode(interaction.customId);
    const command = target && this.#commands.get(target.command);
    const member = interaction.user.id;
    if (!target || !command || !interaction.inGuild()) {
      return void (await interaction.reply(
        renderReply(problem('That list is not mine to answer'), member),
      ));
    }
    if (target.member !== member) {
      return void (await interaction.reply(
        renderReply(
          problem(
            'That list belongs to another member',
            'Run the command yourself to get your own.',
          ),
          member,
        ),
      ));
    }
    if (Date.now() - target.at > PICK_TTL_MS) {
      return void (await interaction.reply(
        renderReply(problem('That list has expired', `Run /${target.command} again.`), member),
      ));
    }

    const invocation = {
      server: interaction.guildId,
      member,
      options: { [target.option]: interaction.values[0] },
    };
    const reply = await dispatch(command, invocation, this.#services, this.#logger, this.#limiter);
    const { flags: _flags, ...rendered } = renderReply(reply, member);
    await interaction.update(rendered);
  }

  /** Replies at once when the command is quick, or defers and edits when it is not. */
  async #answer(
    interaction: ChatInputCommandInteraction,
    work: Promise<Reply>,
    shared: boolean,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), DEFER_AFTER_MS)),
    );
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    const member = interaction.user.id;
    if (first !== 'late') return void (await interaction.reply(renderReply(first, member)));

    await interaction.deferReply(shared ? {} : { flags: MessageFlags.Ephemeral });
    const { flags: _flags, ...rendered } = renderReply(await work, member);
    await interaction.editReply(rendered);
  }
}

/** The command an interaction belongs to, for the log: a pick list names its command in its id. */
function commandOf(interaction: Interaction): string | undefined {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    return interaction.commandName;
  }
  if (interaction.isStringSelectMenu()) return pickId.decode(interaction.customId)?.command;
  return undefined;
}

/** The token in an interaction's callback or webhook URL. */
const INTERACTION_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/?]+/;

/**
 * Discord's REST errors carry the URL of the failed request, and an interaction's URL holds the
 * interaction's token, with which anyone may answer as the bot for 15 minutes: the log gets the
 * URL without it.
 */
function withoutInteractionToken(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    error.url = error.url.replace(INTERACTION_TOKEN, '$1[hidden]');
  }
  return error;
}
