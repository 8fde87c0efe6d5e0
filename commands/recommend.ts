import { SlashCommandBuilder } from 'discord.js';
import { countOption, isYes } from './options.js';
import { line } from './replies.js';
import type { Command } from './types.js';

/** Discord shows 25 items comfortably; more would not fit an embed. */
export const MAX_COUNT = 25;

/** /recommend [count] [share]: the member's personal top list. */
export const recommend: Command = {
  expensive: true,
  definition: new SlashCommandBuilder()
    .setName('recommend')
    .setDescription('Your personal movie recommendations')
    .addIntegerOption((o) =>
      o
        .setName('count')
        .setDescription('How many (1 to 25, 10 by default)')
        .setMinValue(1)
        .setMaxValue(MAX_COUNT),
    )
    .addBooleanOption((o) =>
      o.setName('share').setDescription('Show the answer to everyone in the channel'),
    ),

  async run(invocation, services) {
    const count = countOption(invocation, 'count', 10, MAX_COUNT);
    if (typeof count !== 'number') return count;
    const { catalog } = services;
    const recommender = services.recommender();
    const liked = services.likes.likes(invocation.server, invocation.member);
    const shared = !isYes(invocation.options.share);

    if (!liked.some((id) => recommender.knows(id))) {
      const movies = recommender
        .popular(count, liked)
        .map((id) => catalog.get(id))
        .filter((m) => m !== undefined)
        .map((m) => line(m));
      return {
        tone: 'info',
        title: 'Popular movies to start with',
        text: 'Tell me what you like with `/like` and these become yours alone.',
        movies,
        private: shared,
      };
    }

    const movies = recommender.recommend(liked, count).flatMap((r) => {
      const movie = catalog.get(r.movie);
      if (!movie) return [];
      const reason = r.because === null ? undefined : catalog.get(r.because);
      return [line(movie, reason ? `because you liked ${reason.title}` : undefined)];
    });
    return {
      tone: 'success',
      title: 'Recommended for you',
      text: `From the ${liked.length === 1 ? 'movie' : `${liked.length} movies`} you like in this server.`,
      movies,
      private: shared,
    };
  },
};
