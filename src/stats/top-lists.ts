import { coverageOf, topLists, type Coverage, type SeenRows } from '../../model/coverage.js';
import { IdIndex } from '../../model/ids.js';
import type { Model } from '../../model/model.js';
import { Recommender } from '../../model/recommender.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import type { Profile } from '../movielens/index.js';
import type { MemberLikes } from '../storage/index.js';
import { coverageChart, groupsChart } from './charts.js';
import { overRepresented, type Group } from './groups.js';

/** The length of everybody's list: the top 10 that /recommend shows by default. */
export const TOP = 10;

/** What the top-list thread needs; everything is copied to it. */
export interface TopListsJob {
  model: Model;
  /** MovieLens ratings: what each MovieLens user has seen, never recommended back to them. */
  seen: { users: Int32Array; items: Int32Array };
  /** Members' likes now, folded in against the model's item factors. */
  members: MemberLikes[];
  /** users.dat, for the groups. */
  profiles: Profile[];
  /** [MovieLens id, title] of movies.dat, for chart labels. */
  titles: [number, string][];
}

/** Everybody's top 10 under one model, and what is derived from them. */
export interface TopListFigures {
  /** The model's training time: which model these figures belong to. */
  trainedAt: string;
  /** When they were computed, ISO 8601; members' likes are as of then. */
  computedAt: string;
  /** How long the computation took. */
  seconds: number;
  /** MovieLens users (trained user factors) and their top 10 as MovieLens movie ids. */
  movielens: { users: number[]; movies: Int32Array; k: number };
  /** Members with at least one like the model knows, folded in. */
  members: number;
  /** Catalog coverage of every list, MovieLens users' and members'. */
  coverage: Coverage;
  /** Over-represented movies per gender, age band and occupation (MovieLens users). */
  groups: Group[];
  /** PNG charts of the coverage and of the groups. */
  charts: { coverage: Uint8Array; groups: Uint8Array };
}

/**
 * Ranks the catalog for every MovieLens user and every member, and derives the coverage,
 * the groups and their charts. Seconds of work on full MovieLens: run it in a worker
 * (run-top-lists.ts), never on the bot's event loop.
 * @param job - the model and data
 * @returns the figures
 */
export function computeTopLists(job: TopListsJob): TopListFigures {
  const started = performance.now();
  const { model } = job;
  const f = model.settings.factors;
  const items = IdIndex.of(model.items);

  // MovieLens users are the user rows that are not members' rows.
  const memberRows = new Set(model.members.map((m) => m.id));
  const rows = model.users.flatMap((id, row) => (memberRows.has(id) ? [] : [row]));
  const users = rows.map((row) => model.users[row]);

  const recommender = new Recommender(model);
  const folded = job.members.flatMap((m) => {
    const vector = recommender.memberVector(m.likes);
    return vector
      ? [{ vector, liked: m.likes.map((id) => items.rowOf(id)).filter((r) => r >= 0) }]
      : [];
  });

  const vectors = new Float64Array((rows.length + folded.length) * f);
  rows.forEach((row, u) => vectors.set(model.userFactors.subarray(row * f, row * f + f), u * f));
  folded.forEach(({ vector }, m) => vectors.set(vector, (rows.length + m) * f));
  const seen = seenRows(
    job.seen,
    users,
    items,
    folded.map((m) => m.liked),
  );

  const lists = topLists(vectors, model.itemFactors, f, seen, TOP);
  const coverage = coverageOf(lists, model.items.length);
  const movies = lists.rows
    .slice(0, users.length * TOP)
    .map((row) => (row < 0 ? 0 : model.items[row]));
  const movielens = { users, movies, k: TOP };
  const groups = overRepresented(movielens, new Map(job.profiles.map((p) => [p.id, p])));
  const charts = {
    coverage: coverageChart(coverage),
    groups: groupsChart(groups, new Map(job.titles)),
  };

  return {
    trainedAt: model.trainedAt,
    computedAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    movielens,
    members: folded.length,
    coverage,
    groups,
    charts,
  };
}

/** The item rows each list may not hold: MovieLens users' ratings, then members' likes. */
function seenRows(
  ratings: TopListsJob['seen'],
  users: number[],
  items: IdIndex,
  memberLikes: number[][],
): SeenRows {
  const values = new Float32Array(ratings.users.length);
  const index = { users: IdIndex.of(users), items };
  const { matrix } = buildUserItemMatrix({ ...ratings, values }, index);

  const liked = memberLikes.reduce((n, rows) => n + rows.length, 0);
  const indptr = new Int32Array(users.length + memberLikes.length + 1);
  const indices = new Int32Array(matrix.indices.length + liked);
  indptr.set(matrix.indptr);
  indices.set(matrix.indices);
  let end = matrix.indices.length;
  memberLikes.forEach((rows, m) => {
    indices.set(rows, end);
    end += rows.length;
    indptr[users.length + m + 1] = end;
  });
  return { indptr, indices };
}
