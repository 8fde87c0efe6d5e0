import { SlashCommandBuilder } from 'discord.js';
import type { Model } from '../model/model.js';
import { isYes } from './options.js';
import { line, plural } from './replies.js';
import type { Command, Invocation, MovieLine, Services } from './types.js';

/** /stats [share]: this server's likes and the model's figures. */
export const stats: Command = {
  definition: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Statistics about this server’s likes and the model')
    .addBooleanOption((o) => o.setName('share').setDescription('Show the answer to everyone in the channel')),

  async run(invocation, services) {
    const server = serverFigures(invocation, services);
    const model = services.recommender().model;
    return {
      tone: 'info',
      title: 'reelmate statistics',
      text: [server.text, '', modelText(model, services)].join('\n'),
      movies: server.top,
      footer: server.top.length ? 'Most liked in this server, with the number of members who like each' : undefined,
      private: !isYes(invocation.options.share),
    };
  },
};

function serverFigures(invocation: Invocation, services: Services): { text: string; top: MovieLine[] } {
  const members = services.likes.members(invocation.server);
  const counts = new Map<number, number>();
  let total = 0;
  for (const liked of members.values()) {
    total += liked.length;
    liked.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
  }
  const withLikes = [...members.values()].filter((l) => l.length > 0).length;
  const top = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 10)
    .flatMap(([id, n]) => {
      const movie = services.catalog.get(id);
      return movie ? [line(movie, plural(n, 'like'))] : [];
    });
  return { text: `**This server**: ${plural(withLikes, 'member')} with likes, ${plural(total, 'like')} in total.`, top };
}

function modelText(model: Model, services: Services): string {
  const s = model.settings;
  const e = model.evaluation;
  const next = services.retraining.nextRun();
  const when = (d: string | Date) => new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return [
    `**Model**: trained ${when(model.trainedAt)} in ${model.fitSeconds.toFixed(1)} s` +
      (services.retraining.busy() ? ' (a retrain is running now)' : ''),
    `Next retrain: ${next ? when(next) : 'not scheduled'}`,
    `Trained on ${model.trainedOn.users.toLocaleString('en')} users (${plural(model.members.length, 'member')}), ` +
      `${model.trainedOn.items.toLocaleString('en')} movies, ${model.trainedOn.interactions.toLocaleString('en')} interactions`,
    `Settings: ${s.factors} factors, ${s.iterations} iterations, regularization ${s.regularization}, ` +
      `alpha ${s.alpha}, ${s.weighting} weighting, ${s.cgSteps} CG steps`,
    e
      ? `Held-out figures: ndcg@10 ${e['ndcg@10'].toFixed(3)}, precision@10 ${e['precision@10'].toFixed(3)}, ` +
        `map@10 ${e['map@10'].toFixed(3)}, coverage@10 ${e['coverage@10'].toFixed(3)}`
      : 'Held-out figures: not measured for this model',
  ].join('\n');
}
