/**
 * What went wrong, so callers branch on data rather than on message text.
 * - `SAVE_FAILED`: a change could not be written to disk and was not kept
 * - `BAD_ID`: a server, member or movie id that cannot be stored
 * - `READ_FAILED`: the servers folder or a server file could not be read at start
 * - `LOCKED`: another running reelmate process owns the servers folder
 */
export type StorageErrorCode = 'SAVE_FAILED' | 'BAD_ID' | 'READ_FAILED' | 'LOCKED';

/** Where the problem was found; each field is set only when it is known. */
export interface StorageErrorContext {
  /** The server concerned. */
  server?: string;
  /** The file being read or written. */
  file?: string;
  /** The lower-level error behind this one. */
  cause?: unknown;
}

/** A liked list that could not be read or saved, or an id that cannot be stored. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  /** What went wrong. */
  readonly code: StorageErrorCode;

  /** The server concerned, when known. */
  readonly server: string | undefined;

  /** The file being read or written, when known. */
  readonly file: string | undefined;

  /**
   * @param code - what went wrong
   * @param message - a sentence for the admin; "reelmate: " is put in front of it
   * @param context - where it went wrong
   * @defaultValue context `{}`
   */
  constructor(code: StorageErrorCode, message: string, context: StorageErrorContext = {}) {
    super(`reelmate: ${message}`, { cause: context.cause });
    this.code = code;
    this.server = context.server;
    this.file = context.file;
  }
}
