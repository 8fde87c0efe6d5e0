import { mkdir, readdir } from 'node:fs/promises';

import type { Logger } from '../logger.js';
import { AtomicJsonFile } from './atomic-json-file.js';
import type { Change, ChangeOutcome } from './changes.js';
import { StorageError } from './errors.js';
import { checkIds } from './ids.js';
import type { Members, ServerDocument } from './server-document.js';
import { loadServer, serverFiles, serverIds, type AdapterFactory } from './server-files.js';
import { ServerLikes } from './server-likes.js';

/** Settings of a like store; tests use them to watch or break writes. */
export interface LikeStoreOptions {
  /**
   * Makes the lowdb adapter a server file is read and written through.
   * @defaultValue an {@link AtomicJsonFile} for the file
   */
  fileAdapter?: AdapterFactory;
}

/** One member's likes in one server, as retraining needs them. */
export interface MemberLikes {
  /** The server id. */
  server: string;
  /** The member id. */
  member: string;
  /** Movie ids in the order liked. */
  likes: number[];
}

/**
 * Members' liked lists, one lowdb JSON file per server under one folder. Every file is read
 * once at start; changes are made in memory and written through a single queue, one write at
 * a time, and a change is acknowledged only once it is durably on disk.
 */
export class LikeStore {
  readonly #folder: string;
  readonly #logger: Logger;
  readonly #adapterFor: AdapterFactory;
  readonly #servers = new Map<string, ServerLikes>();
  readonly #scheduled = new Set<ServerLikes>();
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(folder: string, logger: Logger, adapterFor: AdapterFactory) {
    this.#folder = folder;
    this.#logger = logger;
    this.#adapterFor = adapterFor;
  }

  /**
   * Opens the servers folder, creating it if missing, and reads every server file in it.
   * Unreadable files are set aside and their last good copy used, with a warning in the log.
   * @param folder - the servers folder
   * @param logger - where warnings about server files go
   * @param options - see {@link LikeStoreOptions}
   * @defaultValue options `{}`
   * @returns the store, ready
   * @throws StorageError `READ_FAILED` when the folder or a file cannot be read
   */
  static async open(
    folder: string,
    logger: Logger,
    options: LikeStoreOptions = {},
  ): Promise<LikeStore> {
    const adapterFor = options.fileAdapter ?? ((file) => new AtomicJsonFile<ServerDocument>(file));
    const store = new LikeStore(folder, logger, adapterFor);

    for (const server of serverIds(await listFolder(folder))) {
      const members = await loadServer(folder, server, adapterFor, logger);
      store.#servers.set(server, store.#createServer(server, members));
    }
    return store;
  }

  /**
   * @param server - the server id
   * @param member - the member id
   * @returns the movie ids the member likes in that server, in the order liked
   * @throws StorageError `BAD_ID` for an id that cannot be stored
   */
  likes(server: string, member: string): number[] {
    checkIds(server, member);
    const likes = this.#servers.get(server)?.view.get(member) ?? [];
    return likes.map(({ movie }) => movie);
  }

  /**
   * Adds a movie to a member's likes.
   * @param server - the server id
   * @param member - the member id
   * @param movie - the MovieLens movie id
   * @returns whether it was added (false if already liked) and how many the member likes now,
   * once the change is on disk
   * @throws StorageError `BAD_ID` for a bad id; `SAVE_FAILED` when it could not be saved, in
   * which case it was not kept
   */
  async like(
    server: string,
    member: string,
    movie: number,
  ): Promise<{ added: boolean; count: number }> {
    checkIds(server, member, movie);
    const { changed, count } = await this.#change(server, { kind: 'like', member, movie });
    return { added: changed, count };
  }

  /**
   * Takes a movie out of a member's likes.
   * @param server - the server id
   * @param member - the member id
   * @param movie - the MovieLens movie id
   * @returns whether it was removed (false if it was not liked) and how many the member likes
   * now, once the change is on disk
   * @throws StorageError `BAD_ID` for a bad id; `SAVE_FAILED` when it could not be saved, in
   * which case the movie stays liked
   */
  async unlike(
    server: string,
    member: string,
    movie: number,
  ): Promise<{ removed: boolean; count: number }> {
    checkIds(server, member, movie);
    const { changed, count } = await this.#change(server, { kind: 'unlike', member, movie });
    return { removed: changed, count };
  }

  /**
   * @param server - the server id
   * @returns each member with likes in that server, and their movie ids in the order liked
   * @throws StorageError `BAD_ID` for an id that cannot be stored
   */
  members(server: string): Map<string, number[]> {
    checkIds(server);
    return movieIds(this.#servers.get(server)?.view ?? new Map());
  }

  /** @returns the ids of the servers where at least one member likes a movie, sorted */
  servers(): string[] {
    const servers = [...this.#servers.values()].filter(({ view }) => view.size > 0);
    return servers.map(({ server }) => server).sort();
  }

  /** @returns every member's likes in every server, sorted by server then member */
  snapshot(): MemberLikes[] {
    return this.servers().flatMap((server) =>
      [...this.members(server)]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([member, likes]) => ({ server, member, likes })),
    );
  }

  /** Resolves once every change asked for so far is on disk, or has failed. */
  async flush(): Promise<void> {
    let queue: Promise<void>;
    do {
      queue = this.#queue;
      await queue;
    } while (queue !== this.#queue);
  }

  /** Waits for the changes already asked for, then refuses new ones. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #change(server: string, change: Omit<Change, 'at'>): Promise<ChangeOutcome> {
    if (this.#closed) {
      const message = 'the like store is closed; the change was not kept';
      return Promise.reject(new StorageError('SAVE_FAILED', message, { server }));
    }

    // A server gets its file with its first like; an unlike there has nothing to take out.
    const state = this.#servers.get(server) ?? (change.kind === 'like' && this.#addServer(server));
    if (!state) return Promise.resolve({ changed: false, count: 0 });

    const outcome = state.change({ ...change, at: new Date().toISOString() });
    this.#schedule(state);
    return outcome;
  }

  /** Queues one commit per server with waiting changes; a commit takes all of them. */
  #schedule(state: ServerLikes): void {
    if (this.#scheduled.has(state)) return;
    this.#scheduled.add(state);
    const commit = () => {
      this.#scheduled.delete(state);
      return state.commit();
    };
    // A commit settles its changes and does not reject; the catch keeps a bug in it from
    // stopping every later write.
    this.#queue = this.#queue.then(commit).catch((err: unknown) => {
      this.#logger.error({ server: state.server, err }, 'The like store could not run a write');
    });
  }

  #addServer(server: string): ServerLikes {
    const state = this.#createServer(server, new Map());
    this.#servers.set(server, state);
    return state;
  }

  #createServer(server: string, members: Members): ServerLikes {
    const files = serverFiles(this.#folder, server);
    return new ServerLikes(server, files, members, this.#adapterFor, this.#logger);
  }
}

/** Creates the folder if needed and lists it. */
async function listFolder(folder: string): Promise<string[]> {
  try {
    await mkdir(folder, { recursive: true });
    return await readdir(folder);
  } catch (cause) {
    const message = `could not open the servers folder ${folder}`;
    throw new StorageError('READ_FAILED', message, { file: folder, cause });
  }
}

function movieIds(members: Members): Map<string, number[]> {
  return new Map([...members].map(([member, likes]) => [member, likes.map(({ movie }) => movie)]));
}
