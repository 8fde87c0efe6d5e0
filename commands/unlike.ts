import { SlashCommandBuilder } from 'discord.js';
import { StorageError } from '../src/storage/index.js';
import { holdsMention, quote, textOption } from './options.js';
import { line, plural, problem } from './replies.js';
import type { Choice, Command, Invocation, Services } from './types.js';

/** The member's likes that match typed text, best first; all of them for empty text. */
function matchingLikes(invocation: Invocation, typed: string, services: Services) {
  const { catalog, likes } = services;
  const liked = likes.likes(invocation.server, invocation.member);
  if (typed.trim() === '') return liked.map((id) => catalog.get(id)).filter((m) => m !== undefined);

  const mine = new Set(liked);
  return catalog
    .search(typed, catalog.size)
    .filter(({ movie }) => mine.has(movie.id))
    .map(({ movie }) => movie);
}

/** /unlike title: removes a movie from the member's likes in this server. */
export const unlike: Command = {
  definition: new SlashCommandBuilder()
    .setName('unlike')
    .setDescription('Remove a movie from your likes')
    .addStringOption((o) =>
      o
        .setName('title')
        .setDescription('One of the movies you like')
        .setRequired(true)
        .setAutocomplete(true),
    ),

  async run(invocation, services) {
    const text = textOption(invocation, 'title', '/unlike title:The Matrix');
    if (typeof text !== 'string') return text;
    const liked = services.likes.likes(invocation.server, invocation.member);

    const byId =
      /^\d{1,9}$/.test(text) && liked.includes(Number(text))
        ? services.catalog.get(Number(text))
        : undefined;
    // A mention is not a title: "@everyone" must not take out "Everyone Says I Love You".
    const movie =
      byId ?? (holdsMention(text) ? undefined : matchingLikes(invocation, text, services)[0]);
    if (!movie) {
      const hint =
        liked.length === 0
          ? 'You have no likes yet: add some with `/like`.'
          : 'See them with `/likes`.';
      return problem(`None of your likes matches “${quote(text)}”`, hint);
    }

    let removed;
    try {
      removed = await services.likes.unlike(invocation.server, invocation.member, movie.id);
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      return problem(
        'That change could not be saved',
        'Nothing was changed. Please try again in a moment.',
      );
    }
    return {
      tone: 'success',
      title: `Removed ${movie.title} from your likes`,
      subject: line(movie),
      text: `You like ${plural(removed.count, 'movie')} now.`,
      private: true,
    };
  },

  autocomplete(invocation, typed, services): Choice[] {
    return matchingLikes(invocation, typed, services)
      .slice(0, 25)
      .map((movie) => ({ name: services.catalog.choiceName(movie), value: String(movie.id) }));
  },
};
