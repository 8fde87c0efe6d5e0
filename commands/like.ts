import { SlashCommandBuilder } from 'discord.js';
import { StorageError } from '../src/storage/index.js';
import { findMovie, textOption } from './options.js';
import { line, plural, problem } from './replies.js';
import type { Choice, Command, Services } from './types.js';

/**
 * Autocomplete from the whole catalog, best match first.
 * @returns at most 25 choices whose value is the MovieLens id
 */
export function catalogChoices(typed: string, services: Services): Choice[] {
  const { catalog } = services;
  return catalog
    .search(typed, 25)
    .map(({ movie }) => ({ name: catalog.choiceName(movie), value: String(movie.id) }));
}

/** /like title: adds a movie to the member's likes in this server. */
export const like: Command = {
  definition: new SlashCommandBuilder()
    .setName('like')
    .setDescription('Tell reelmate you like a movie')
    .addStringOption((o) =>
      o
        .setName('title')
        .setDescription('The movie, e.g. The Matrix')
        .setRequired(true)
        .setAutocomplete(true),
    ),

  async run(invocation, services) {
    const text = textOption(invocation, 'title', '/like title:The Matrix');
    if (typeof text !== 'string') return text;
    const movie = findMovie(text, services.catalog, 'like', 'title');
    if (!('id' in movie)) return movie;

    let saved;
    try {
      saved = await services.likes.like(invocation.server, invocation.member, movie.id);
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      return problem(
        'Your like could not be saved',
        'Nothing was changed. Please try again in a moment.',
      );
    }
    const total = `You like ${plural(saved.count, 'movie')} now.`;
    const subject = line(movie);
    if (!saved.added) {
      return {
        tone: 'info',
        title: `You already like ${movie.title}`,
        text: total,
        subject,
        private: true,
      };
    }

    const unknown = services.recommender().knows(movie.id)
      ? ''
      : '\nNobody in the training data rated it yet, so it will shape your recommendations after it has.';
    return {
      tone: 'success',
      title: `Liked ${movie.title}`,
      text: total + unknown,
      subject,
      private: true,
    };
  },

  autocomplete: (_invocation, typed, services) => catalogChoices(typed, services),
};
