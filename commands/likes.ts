import { SlashCommandBuilder } from 'discord.js';
import { ID_PATTERN } from '../src/storage/index.js';
import { countOption, isYes } from './options.js';
import { line, plural, problem } from './replies.js';
import type { Command } from './types.js';

/** Likes shown per page. */
export const PAGE_SIZE = 15;

/** /likes [member] [page] [share]: a member's likes in this server, their own by default. */
export const likes: Command = {
  definition: new SlashCommandBuilder()
    .setName('likes')
    .setDescription("Show a member's liked movies in this server")
    .addUserOption((o) => o.setName('member').setDescription('Whose likes (yours by default)'))
    .addIntegerOption((o) => o.setName('page').setDescription('Which page').setMinValue(1))
    .addBooleanOption((o) =>
      o.setName('share').setDescription('Show the answer to everyone in the channel'),
    ),

  async run(invocation, services) {
    const member =
      typeof invocation.options.member === 'string' ? invocation.options.member : invocation.member;
    // Discord always sends a member id; typed text (console mode) may be anything.
    if (!ID_PATTERN.test(member)) {
      const hint = 'Choose a member, or leave the option out to see your own likes.';
      return problem('That is not a member', hint);
    }
    const own = member === invocation.member;
    const liked = services.likes.likes(invocation.server, member);
    const whose = own ? 'You like' : `<@${member}> likes`;
    if (liked.length === 0) {
      const hint = own ? 'Add one with `/like`, for example `/like title:Heat`.' : undefined;
      return {
        tone: 'info',
        title: `${own ? 'You have' : 'This member has'} no likes here yet`,
        text: hint,
        private: true,
      };
    }

    const pages = Math.ceil(liked.length / PAGE_SIZE);
    const page = countOption(invocation, 'page', 1, Infinity);
    if (typeof page !== 'number') return page;
    if (page > pages)
      return problem(`There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`}`);

    const movies = liked
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map((id) => services.catalog.get(id))
      .filter((m) => m !== undefined)
      .map((m) => line(m));
    return {
      tone: 'info',
      title: own ? 'Your likes' : 'Their likes',
      text: `${whose} ${plural(liked.length, 'movie')} in this server.`,
      movies,
      footer: pages > 1 ? pageFooter(page, pages) : undefined,
      private: !isYes(invocation.options.share),
    };
  },
};

/** Where the member is in a long list, and how to see more when there is more. */
function pageFooter(page: number, pages: number): string {
  const where = `Page ${page} of ${pages}`;
  return page < pages ? `${where}: use page:${page + 1} for more` : where;
}
