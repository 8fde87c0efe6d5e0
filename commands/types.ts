import type { SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Recommender } from '../model/recommender.js';
import type { Catalog } from '../src/catalog/index.js';
import type { Movie, Profile } from '../src/movielens/types.js';
import type { TopListFigures } from '../src/stats/top-lists.js';
import type { LikeStore } from '../src/storage/index.js';

/** Retraining as commands see it. */
export interface Retraining {
  /**
   * Starts a retrain now unless one is running or one ended less than the cooldown ago (a
   * retrain keeps both cores busy, so members cannot chain them).
   */
  start(reason: string): 'started' | 'already running' | 'too soon';
  /** True while a retrain runs. */
  busy(): boolean;
  /** When the next scheduled retrain is due, or null when none is scheduled. */
  nextRun(): Date | null;
}

/** What a command needs from the bot, passed in so commands know nothing of how it is kept. */
export interface Services {
  catalog: Catalog;
  likes: LikeStore;
  /** The model serving now; it changes when a retrain is swapped in. */
  recommender(): Recommender;
  retraining: Retraining;
  /** MovieLens profiles (users.dat, decoded) by user id; absent where a process has none. */
  profiles?: ReadonlyMap<number, Profile>;
  /**
   * Everybody's top 10 under the model serving now, with the catalog coverage and the groups
   * derived from them. Computed off the event loop once per model, so a call may wait for
   * the computation; absent where a process does not compute them.
   */
  topLists?(): Promise<TopListFigures>;
}

/** One use of a command: who asked, where, with which options. */
export interface Invocation {
  /** The server (Discord guild) id; the console is one server of its own. */
  server: string;
  /** The member (Discord user) id. */
  member: string;
  /** True when the member may manage the server (Discord's Manage Server permission). */
  manager?: boolean;
  /** Option values by name, as the member gave them. */
  options: Record<string, string | number | boolean | undefined>;
}

/** A movie named in a reply, with its MovieLens id so machines can read it too. */
export interface MovieLine {
  id: number;
  title: string;
  /** A short note after the title, such as the reason for a recommendation. */
  note?: string;
}

/** A headed block of an answer: an embed field in Discord, a paragraph in the console. */
export interface Section {
  title: string;
  /** Plain text; may hold **bold** and line breaks; at most 1,024 characters. */
  text: string;
}

/** A file sent with an answer, such as a chart. */
export interface ReplyFile {
  /** The file name, with its extension: `coverage.png`. */
  name: string;
  data: Buffer;
  /** What it shows, for people who cannot see it (Discord's alt text). */
  description: string;
}

/** An answer, independent of how it is shown (console text, JSON, Discord embed). */
export interface Reply {
  tone: 'info' | 'success' | 'error';
  title: string;
  /** Plain text; may hold **bold** and line breaks. */
  text?: string;
  /** The movie the answer is about (liked, removed, compared with), for machine-readable output. */
  subject?: MovieLine;
  /** Movies listed in order, numbered when shown. */
  movies?: MovieLine[];
  /** Headed blocks after the text and the movies. */
  sections?: Section[];
  /** Files to attach. */
  files?: ReplyFile[];
  /** The name of an attached image to show inside the answer. */
  image?: string;
  /** A last line in small print. */
  footer?: string;
  /** True when only the member who asked should see it. */
  private: boolean;
  /** When a title was ambiguous: the candidates to pick from, re-running `command` with one. */
  pick?: { command: string; option: string; movies: Movie[] };
}

/** An autocomplete choice: the name shown and the value sent back. */
export interface Choice {
  name: string;
  value: string;
}

/** A slash command: its Discord definition, its handler and its autocomplete. */
export interface Command {
  definition: SlashCommandOptionsOnlyBuilder;
  /** True for commands that cost real work; transports rate-limit them per member. */
  expensive?: boolean;
  run(invocation: Invocation, services: Services): Promise<Reply>;
  autocomplete?(invocation: Invocation, typed: string, services: Services): Choice[];
}
