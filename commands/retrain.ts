import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { problem } from './replies.js';
import type { Command } from './types.js';

/** /retrain: retrains the model now (Manage Server permission only). */
export const retrain: Command = {
  definition: new SlashCommandBuilder()
    .setName('retrain')
    .setDescription('Retrain the model now on MovieLens and every member’s likes')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async run(invocation, services) {
    // Discord hides the command from members without the permission, but a
    // server can change that, so the handler checks too.
    if (!invocation.manager) {
      return problem('Only members who can manage this server can retrain', 'Ask a server admin.');
    }
    const started = services.retraining.start(
      `requested by ${invocation.member} in ${invocation.server}`,
    );
    if (started === 'too soon') {
      return {
        tone: 'info',
        title: 'The model was retrained a few minutes ago',
        text: 'Retrains are at least 10 minutes apart; try again later.',
        private: true,
      };
    }
    if (started === 'already running') {
      return {
        tone: 'info',
        title: 'A retrain is already running',
        text: '`/stats` shows the model once it is done.',
        private: true,
      };
    }
    return {
      tone: 'success',
      title: 'Retraining started',
      text: 'It takes under a minute. The current model keeps answering meanwhile; `/stats` shows the new one once it is in.',
      private: true,
    };
  },
};
