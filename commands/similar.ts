import { SlashCommandBuilder } from 'discord.js';
import { catalogChoices } from './like.js';
import { countOption, findMovie, isYes, textOption } from './options.js';
import { line } from './replies.js';
import type { Command } from './types.js';

/** /similar title [count]: the movies most like a title. */
export const similar: Command = {
  expensive: true,
  definition: new SlashCommandBuilder()
    .setName('similar')
    .setDescription('Movies most similar to a title')
    .addStringOption((o) =>
      o
        .setName('title')
        .setDescription('The movie, e.g. Heat')
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addIntegerOption((o) =>
      o
        .setName('count')
        .setDescription('How many (1 to 25, 10 by default)')
        .setMinValue(1)
        .setMaxValue(25),
    )
    .addBooleanOption((o) =>
      o.setName('share').setDescription('Show the answer to everyone in the channel'),
    ),

  async run(invocation, services) {
    const count = countOption(invocation, 'count', 10, 25);
    if (typeof count !== 'number') return count;
    const text = textOption(invocation, 'title', '/similar title:Heat');
    if (typeof text !== 'string') return text;
    const movie = findMovie(text, services.catalog, 'similar', 'title');
    if (!('id' in movie)) return movie;

    const recommender = services.recommender();
    if (!recommender.knows(movie.id)) {
      return {
        tone: 'info',
        title: `Not enough is known about ${movie.title} yet`,
        text: 'Nobody in the training data rated it, so I cannot tell what it is like.',
        private: true,
      };
    }
    const movies = recommender.similar(movie.id, count).flatMap((s) => {
      const found = services.catalog.get(s.movie);
      return found ? [line(found, `similarity ${s.similarity.toFixed(2)}`)] : [];
    });
    return {
      tone: 'success',
      title: `Movies like ${movie.title}`,
      subject: line(movie),
      movies,
      private: !isYes(invocation.options.share),
    };
  },

  autocomplete: (_invocation, typed, services) => catalogChoices(typed, services),
};
