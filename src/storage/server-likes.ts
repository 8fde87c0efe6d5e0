import { Low, type Adapter } from 'lowdb';

import type { Logger } from '../logger.js';
import { applyChange, replay, type Change, type ChangeOutcome } from './changes.js';
import { StorageError } from './errors.js';
import { toDocument, type Members, type ServerDocument } from './server-document.js';
import type { AdapterFactory, ServerFiles } from './server-files.js';

interface Pending {
  change: Change;
  resolve: (outcome: ChangeOutcome) => void;
  reject: (error: StorageError) => void;
}

/**
 * One server's liked lists: what is on disk, what members see, and the changes in between.
 * Members see a change at once; it is acknowledged only once it is on disk, and taken back if
 * the write fails, so that memory matches disk again.
 */
export class ServerLikes {
  /** The server id. */
  readonly server: string;

  readonly #db: Low<ServerDocument>;
  readonly #backup: Adapter<ServerDocument>;
  readonly #file: string;
  readonly #logger: Logger;
  #saved: Members;
  #view: Members;
  #pending: Pending[] = [];

  /**
   * @param server - a checked server id
   * @param files - the server's files
   * @param members - the liked lists on disk
   * @param adapterFor - makes the adapter each file is written through
   * @param logger - where failures are logged
   */
  constructor(
    server: string,
    files: ServerFiles,
    members: Members,
    adapterFor: AdapterFactory,
    logger: Logger,
  ) {
    this.server = server;
    this.#db = new Low(adapterFor(files.main), toDocument(members));
    this.#backup = adapterFor(files.backup);
    this.#file = files.main;
    this.#logger = logger;
    this.#saved = members;
    this.#view = new Map(members);
  }

  /** The liked lists as members see them, changes not yet on disk included. */
  get view(): Members {
    return this.#view;
  }

  /**
   * Applies a change in memory and waits for it to be saved by the next `commit`.
   * @param change - the change
   * @returns what the change did, once it is on disk
   */
  change(change: Change): Promise<ChangeOutcome> {
    applyChange(this.#view, change);
    return new Promise((resolve, reject) => this.#pending.push({ change, resolve, reject }));
  }

  /**
   * Writes every waiting change in one go, then the last good copy. Outcomes are worked out
   * again against what is on disk, so they hold even if an earlier write failed. Settles the
   * changes' promises and never rejects itself.
   */
  async commit(): Promise<void> {
    const batch = this.#pending.splice(0);
    const next: Members = new Map(this.#saved);
    const outcomes = batch.map(({ change }) => applyChange(next, change));
    if (!outcomes.some(({ changed }) => changed)) {
      batch.forEach(({ resolve }, index) => resolve(outcomes[index]));
      return;
    }

    const previous = this.#db.data;
    this.#db.data = toDocument(next);
    try {
      await this.#db.write();
    } catch (cause) {
      this.#db.data = previous;
      this.#view = replay(
        this.#saved,
        this.#pending.map(({ change }) => change),
      );
      this.#fail(batch, cause);
      return;
    }

    this.#saved = next;
    batch.forEach(({ resolve }, index) => resolve(outcomes[index]));
    await this.#writeBackup(this.#db.data);
  }

  #fail(batch: Pending[], cause: unknown): void {
    const { server } = this;
    this.#logger.error(
      { server, file: this.#file, err: cause },
      'Could not save a server file; the change was not kept',
    );
    const message = `could not save the likes of server ${server}; the change was not kept`;
    const error = new StorageError('SAVE_FAILED', message, { server, file: this.#file, cause });
    for (const { reject } of batch) reject(error);
  }

  async #writeBackup(document: ServerDocument): Promise<void> {
    try {
      await this.#backup.write(document);
    } catch (err) {
      // The like itself is saved; only the copy used after a corruption is now older.
      const { server } = this;
      this.#logger.warn({ server, file: this.#file, err }, 'Could not update the last good copy');
    }
  }
}
