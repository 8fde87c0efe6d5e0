import { SlashCommandBuilder } from 'discord.js';
import type { Model, PerUser } from '../model/model.js';
import type { TopListFigures } from '../src/stats/top-lists.js';
import { isYes } from './options.js';
import { line, plural } from './replies.js';
import type { Command, Invocation, MovieLine, Reply, Services } from './types.js';

/** The name of the coverage chart attached to the answer. */
export const COVERAGE_CHART = 'coverage.png';

/** /stats [share]: this server's likes and the model's figures. */
export const stats: Command = {
  expensive: true,
  definition: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Statistics about this server’s likes and the model')
    .addBooleanOption((o) =>
      o.setName('share').setDescription('Show the answer to everyone in the channel'),
    ),

  async run(invocation, services) {
    const server = serverFigures(invocation, services);
    const model = services.recommender().model;
    const coverage = await coverageParts(services);
    return {
      tone: 'info',
      title: 'reelmate statistics',
      text: [server.text, '', modelText(model, services)].join('\n'),
      movies: server.top,
      ...coverage,
      footer: server.top.length
        ? 'Most liked in this server, with the number of members who like each'
        : undefined,
      private: !isYes(invocation.options.share),
    };
  },
};

/** A server's likes in figures. */
export interface ServerLikeCounts {
  /** Members with at least one like. */
  members: number;
  /** Likes in total. */
  likes: number;
  /** The ten most-liked movies: [MovieLens id, members who like it], most liked first. */
  top: [number, number][];
}

/**
 * @param members - each member's liked movie ids in one server
 * @returns members with likes, likes in total, the ten most liked (ties: lower id first)
 */
export function likeCounts(members: ReadonlyMap<string, readonly number[]>): ServerLikeCounts {
  const counts = new Map<number, number>();
  let total = 0;
  for (const liked of members.values()) {
    total += liked.length;
    liked.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
  }
  const withLikes = [...members.values()].filter((l) => l.length > 0).length;
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
  return { members: withLikes, likes: total, top };
}

function serverFigures(
  invocation: Invocation,
  services: Services,
): { text: string; top: MovieLine[] } {
  const counts = likeCounts(services.likes.members(invocation.server));
  const top = counts.top.flatMap(([id, n]) => {
    const movie = services.catalog.get(id);
    return movie ? [line(movie, plural(n, 'like'))] : [];
  });
  const text =
    `**This server**: ${plural(counts.members, 'member')} with likes, ` +
    `${plural(counts.likes, 'like')} in total.`;
  return { text, top };
}

function modelText(model: Model, services: Services): string {
  const s = model.settings;
  const e = model.evaluation;
  const next = services.retraining.nextRun();
  return [
    `**Model**: trained ${when(model.trainedAt)} in ${model.fitSeconds.toFixed(1)} s` +
      (services.retraining.busy() ? ' (a retrain is running now)' : ''),
    `Next retrain: ${next ? when(next) : 'not scheduled'}`,
    `Trained on ${model.trainedOn.users.toLocaleString('en')} users (${plural(model.members.length, 'member')}), ` +
      `${model.trainedOn.items.toLocaleString('en')} movies, ${model.trainedOn.interactions.toLocaleString('en')} interactions`,
    perUserText(model.trainedOn.perUser),
    `Settings: ${s.factors} factors, ${s.iterations} iterations, regularization ${s.regularization}, ` +
      `alpha ${s.alpha}, ${s.weighting} weighting, ${s.cgSteps} CG steps`,
    e
      ? `Held-out figures: ndcg@10 ${e['ndcg@10'].toFixed(3)}, precision@10 ${e['precision@10'].toFixed(3)}, ` +
        `map@10 ${e['map@10'].toFixed(3)}, coverage@10 ${e['coverage@10'].toFixed(3)}`
      : 'Held-out figures: not measured for this model',
  ].join('\n');
}

function perUserText(perUser: PerUser | undefined): string {
  if (!perUser) {
    return 'Interactions per user: not recorded for this model (the next retrain records them)';
  }
  const n = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 1 });
  return (
    `Interactions per user: min ${n(perUser.min)}, median ${n(perUser.median)}, ` +
    `mean ${n(perUser.mean)}, max ${n(perUser.max)}`
  );
}

/** The catalog coverage section and its chart; waits for the figures while they are computed. */
async function coverageParts(
  services: Services,
): Promise<Pick<Reply, 'sections' | 'files' | 'image'>> {
  const title = 'Catalog coverage';
  if (!services.topLists) return { sections: [{ title, text: 'Not computed by this process.' }] };
  let figures: TopListFigures;
  try {
    figures = await services.topLists();
  } catch {
    // The statistics service has logged why for the admin.
    const text = 'Could not be computed right now; please try again later.';
    return { sections: [{ title, text }] };
  }

  const c = figures.coverage;
  const n = (x: number) => x.toLocaleString('en');
  const users = figures.movielens.users.length;
  const lists =
    `${n(users)} MovieLens user${users === 1 ? '' : 's'} and ` +
    `${plural(figures.members, 'member')}`;
  const text = [
    `**${n(c.distinct)} distinct movies** (${(100 * c.share).toFixed(1)}% of the ${n(c.catalog)} ` +
      `the model knows) in the top ${c.k} of ${lists}, leaving out what each has seen or liked.`,
    `Distinct at rank 1, 2, … ${c.k}: ${c.perRank.map(n).join(' · ')}`,
    `Distinct in the top 1, 2, … ${c.k}: ${c.cumulative.map(n).join(' · ')}`,
    `Members' likes as of ${when(figures.computedAt)}.`,
  ].join('\n');
  const chart = {
    name: COVERAGE_CHART,
    data: Buffer.from(figures.charts.coverage),
    description:
      `Distinct movies in everybody's top ${c.k} at each rank (bars) and in the top 1 to ${c.k} ` +
      `(line): ${n(c.perRank[0] ?? 0)} at rank 1, ${n(c.distinct)} in the top ${c.k}.`,
  };
  return { sections: [{ title, text }], files: [chart], image: COVERAGE_CHART };
}

function when(d: string | Date): string {
  return new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
