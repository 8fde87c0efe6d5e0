import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Adapter } from 'lowdb';
import { afterEach } from 'vitest';

import type { Command, Invocation, Reply, Retraining, Services } from '../../../commands/index.js';
import type { Model } from '../../../model/model.js';
import { Recommender } from '../../../model/recommender.js';
import { Catalog } from '../../../src/catalog/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Movie } from '../../../src/movielens/types.js';
import {
  AtomicJsonFile,
  LikeStore,
  type AdapterFactory,
  type LikeStoreOptions,
  type ServerDocument,
} from '../../../src/storage/index.js';
import { handModel } from '../../model/support/models.js';

/** MovieLens ids of the fixture's movies, named for readable tests. */
export const ID = {
  toyStory: 1,
  heat: 6,
  starWars: 260,
  bladeRunner: 541,
  fargo: 608,
  alien: 1214,
  hamlet1996: 1411,
  matrix: 2571,
  hamlet1990: 3723,
} as const;

function movie(id: number, title: string, genres: string[]): Movie {
  const year = /\((\d{4})\)$/.exec(title);
  return { id, title, year: year ? Number(year[1]) : null, genres };
}

/** Nine movies as movies.dat names them; Blade Runner is the one the model does not know. */
export const MOVIES: readonly Movie[] = [
  movie(ID.toyStory, 'Toy Story (1995)', ['Animation', "Children's", 'Comedy']),
  movie(ID.heat, 'Heat (1995)', ['Action', 'Crime', 'Thriller']),
  movie(ID.starWars, 'Star Wars: Episode IV - A New Hope (1977)', ['Action', 'Sci-Fi']),
  movie(ID.bladeRunner, 'Blade Runner (1982)', ['Film-Noir', 'Sci-Fi']),
  movie(ID.fargo, 'Fargo (1996)', ['Crime', 'Drama', 'Thriller']),
  movie(ID.alien, 'Alien (1979)', ['Action', 'Horror', 'Sci-Fi', 'Thriller']),
  movie(ID.hamlet1996, 'Hamlet (1996)', ['Drama']),
  movie(ID.matrix, 'Matrix, The (1999)', ['Action', 'Sci-Fi', 'Thriller']),
  movie(ID.hamlet1990, 'Hamlet (1990)', ['Drama']),
];

/**
 * Eight known movies in three hand-set dimensions (science fiction, crime, drama), so that a
 * science-fiction like ranks the other science-fiction films first.
 */
const KNOWN: [number, number[], number][] = [
  // id, vector, popularity (training interactions)
  [ID.toyStory, [0.3, 0, 0.6], 350],
  [ID.heat, [0.1, 1, 0], 200],
  [ID.starWars, [0.9, 0, 0.2], 400],
  [ID.fargo, [0, 0.9, 0.3], 300],
  [ID.alien, [0.8, 0.3, 0], 250],
  [ID.hamlet1996, [0, 0.1, 1], 50],
  [ID.matrix, [1, 0.2, 0], 380],
  [ID.hamlet1990, [0, 0, 0.9], 20],
];

/** MovieLens ids of the known movies, most popular first. */
export const POPULAR_ORDER = [...KNOWN].sort((a, b) => b[2] - a[2]).map(([id]) => id);

/** @returns the hand-made model of the fixture */
export function fixtureModel(): Model {
  return handModel(
    KNOWN.map(([id]) => id),
    KNOWN.map(([, vector]) => vector),
    { popularity: KNOWN.map(([, , popularity]) => popularity) },
  );
}

/** A retraining the test drives: it records each start and answers what the test set. */
export class FakeRetraining implements Retraining {
  running = false;
  /** True as if a retrain had ended a few minutes ago. */
  recent = false;
  next: Date | null = null;
  readonly reasons: string[] = [];

  start(reason: string): 'started' | 'already running' | 'too soon' {
    if (this.running) return 'already running';
    if (this.recent) return 'too soon';
    this.reasons.push(reason);
    this.running = true;
    return 'started';
  }

  busy(): boolean {
    return this.running;
  }

  nextRun(): Date | null {
    return this.next;
  }
}

/** The server and member most tests speak as. */
export const SERVER = '100000000000000001';
export const MEMBER = '200000000000000001';

/** Everything a command test needs: services over the fixture, and ways to drive them. */
export interface Fixture {
  services: Services;
  store: LikeStore;
  retraining: FakeRetraining;
  /** The servers folder of the store. */
  folder: string;
  /** Runs a command as MEMBER in SERVER unless `who` says otherwise. */
  run(command: Command, options?: Invocation['options'], who?: Partial<Invocation>): Promise<Reply>;
  /** Likes movies directly in the store, for setting a test up. */
  seed(movies: number[], who?: { server?: string; member?: string }): Promise<void>;
}

const opened: { store: LikeStore; folder: string }[] = [];

afterEach(async () => {
  for (const { store, folder } of opened.splice(0)) {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
});

/**
 * Services over the fixture: a catalog of MOVIES (or the given movies), the hand-made model,
 * a real LikeStore in a fresh temporary folder (removed after the test) and a fake retraining.
 * @param options.movies - another catalog
 * @param options.model - another model
 * @param options.fileAdapter - see LikeStoreOptions, to make writes fail
 * @returns the fixture
 */
export async function commandFixture(
  options: {
    movies?: readonly Movie[];
    model?: Model;
    fileAdapter?: LikeStoreOptions['fileAdapter'];
  } = {},
): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'reelmate-commands-'));
  const folder = join(root, 'servers');
  const store = await LikeStore.open(folder, silentLogger(), { fileAdapter: options.fileAdapter });
  opened.push({ store, folder: root });

  const recommender = new Recommender(options.model ?? fixtureModel());
  const retraining = new FakeRetraining();
  const services: Services = {
    catalog: new Catalog(options.movies ?? MOVIES),
    likes: store,
    recommender: () => recommender,
    retraining,
  };

  return {
    services,
    store,
    retraining,
    folder,
    run: (command, values = {}, who = {}) =>
      command.run({ server: SERVER, member: MEMBER, options: values, ...who }, services),
    seed: async (movies, who = {}) => {
      const { server = SERVER, member = MEMBER } = who;
      // Started together so the store writes them in one go; they keep the order given.
      await Promise.all(movies.map((id) => store.like(server, member, id)));
    },
  };
}

/**
 * @param reply - a reply
 * @returns the MovieLens ids of the movies it lists, in order
 */
export function ids(reply: Reply): number[] {
  return (reply.movies ?? []).map((m) => m.id);
}

/**
 * Server files that are written normally until the test says the disk is full.
 * @returns the adapter factory for commandFixture, and the switch
 */
export function diskThatCanFail(): { fileAdapter: AdapterFactory; fail: () => void } {
  let failing = false;
  const fileAdapter = (file: string): Adapter<ServerDocument> => {
    const real = new AtomicJsonFile<ServerDocument>(file);
    return {
      read: () => real.read(),
      write: async (data) => {
        if (failing) throw new Error('disk full (simulated)');
        await real.write(data);
      },
    };
  };
  return { fileAdapter, fail: () => (failing = true) };
}
