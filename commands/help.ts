import { SlashCommandBuilder } from 'discord.js';
import type { Command } from './types.js';

const TEXT = [
  '`/like title` — tell me a movie you like (start typing to pick from the list)',
  '`/unlike title` — take a movie back out of your likes',
  '`/likes [member]` — the movies you (or another member) like in this server',
  '`/recommend [count]` — your personal top 10, each with the like it comes from',
  '`/similar title [count]` — the 10 movies most like a title',
  '`/stats` — this server’s likes, the model’s figures and how much of the catalog it reaches',
  '`/explore [count] [seed]` — top 5s of random MovieLens profiles, and how groups differ',
  '`/retrain` — retrain the model now (members who can manage the server)',
  '`/help` — this list',
  '',
  'Likes belong to this server: other servers never see them. Answers are private unless you add `share:true`.',
].join('\n');

/** /help: what each command does. */
export const help: Command = {
  definition: new SlashCommandBuilder().setName('help').setDescription('What reelmate can do'),

  async run() {
    return {
      tone: 'info',
      title: 'reelmate recommends movies from what you like',
      text: TEXT,
      private: true,
    };
  },
};
