import { ApplicationCommandType, type APIApplicationCommand } from 'discord.js';
import type { SnowflakeFactory } from './snowflake.js';

type CommandBody = Record<string, unknown> & { name: string };

/** The application commands registered through the fake, global and per guild. */
export class CommandStore {
  readonly #byScope = new Map<string, APIApplicationCommand[]>();
  readonly #snowflakes: SnowflakeFactory;
  readonly #applicationId: string;

  /**
   * @param snowflakes - source of command ids and versions
   * @param applicationId - the owning application
   */
  constructor(snowflakes: SnowflakeFactory, applicationId: string) {
    this.#snowflakes = snowflakes;
    this.#applicationId = applicationId;
  }

  /**
   * Bulk overwrite, as `PUT .../commands` does: commands keep their id when a command of the
   * same name and type existed, the rest are new, and missing ones are deleted.
   *
   * @param guildId - the guild, or null for global commands
   * @param bodies - the validated command bodies
   * @returns the stored commands
   */
  replace(guildId: string | null, bodies: CommandBody[]): APIApplicationCommand[] {
    const previous = this.list(guildId);
    const commands = bodies.map((body) => this.#toCommand(guildId, body, previous));
    this.#byScope.set(scopeKey(guildId), commands);
    return commands;
  }

  /**
   * Create-or-update of one command, as `POST .../commands` does.
   *
   * @param guildId - the guild, or null for global commands
   * @param body - the validated command body
   * @param commandId - the command being edited; by default the one with the same name
   * @returns the stored command and whether it is new
   */
  upsert(
    guildId: string | null,
    body: CommandBody,
    commandId?: string,
  ): { command: APIApplicationCommand; created: boolean } {
    const previous = this.list(guildId);
    const command = this.#toCommand(guildId, body, previous, commandId);
    const created = !previous.some((c) => c.id === command.id);
    const rest = previous.filter((c) => c.id !== command.id);
    this.#byScope.set(scopeKey(guildId), [...rest, command]);
    return { command, created };
  }

  /**
   * @param guildId - the guild, or null for global commands
   * @returns the commands of that scope
   */
  list(guildId: string | null): APIApplicationCommand[] {
    return this.#byScope.get(scopeKey(guildId)) ?? [];
  }

  /**
   * @param guildId - the guild, or null for global commands
   * @param commandId - the command
   * @returns whether it existed
   */
  remove(guildId: string | null, commandId: string): boolean {
    const commands = this.list(guildId);
    const kept = commands.filter((c) => c.id !== commandId);
    this.#byScope.set(scopeKey(guildId), kept);
    return kept.length !== commands.length;
  }

  /**
   * The command a user would pick in a guild: a guild command shadows a global one.
   *
   * @param name - the command name
   * @param guildId - where it is used
   * @returns the command, or undefined when none is registered
   */
  resolve(name: string, guildId: string | null): APIApplicationCommand | undefined {
    const chatInput = (c: APIApplicationCommand) =>
      c.name === name && c.type === ApplicationCommandType.ChatInput;
    const local = guildId ? this.list(guildId).find(chatInput) : undefined;
    return local ?? this.list(null).find(chatInput);
  }

  #toCommand(
    guildId: string | null,
    body: CommandBody,
    previous: APIApplicationCommand[],
    commandId?: string,
  ): APIApplicationCommand {
    const type =
      (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const existing = commandId
      ? previous.find((c) => c.id === commandId)
      : previous.find((c) => c.name === body.name && c.type === type);
    return {
      ...(body as Partial<APIApplicationCommand>),
      id: existing?.id ?? this.#snowflakes.next(),
      application_id: this.#applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      version: this.#snowflakes.next(),
      type,
      name: body.name,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: (body.default_member_permissions as string | null) ?? null,
      nsfw: body.nsfw === true,
    };
  }
}

function scopeKey(guildId: string | null): string {
  return guildId ?? 'global';
}
