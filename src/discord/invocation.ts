import {
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import type { Invocation } from '../../commands/index.js';

/**
 * Turns a slash-command interaction into a transport-free invocation.
 * User options carry the user's id; `manager` says whether the member may
 * manage the server.
 * @param interaction - the interaction, from a server
 * @returns who asked, where, with which options
 */
export function toInvocation(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
): Invocation {
  const options: Invocation['options'] = {};
  const add = (option: CommandInteractionOption) => {
    options[option.name] = option.user?.id ?? option.value ?? undefined;
  };
  interaction.options.data.forEach(add);
  const manager = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
  return { server: interaction.guildId, member: interaction.user.id, manager, options };
}
