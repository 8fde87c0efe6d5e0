/** What went wrong, so callers branch on data rather than on message text. */
export type MovieLensErrorCode =
  'BAD_LINE' | 'MISSING_FILE' | 'DOWNLOAD_FAILED' | 'CHECKSUM_MISMATCH' | 'BAD_ARCHIVE';

/** Where the problem was found; each field is set only when it is known. */
export interface MovieLensErrorContext {
  /** The file being read or written. */
  file?: string;
  /** The 1-based line number of a malformed line. */
  line?: number;
  /** The HTTP status of a failed download. */
  status?: number;
  /** The address of a failed download. */
  url?: string;
  /** The lower-level error behind this one. */
  cause?: unknown;
}

/**
 * A problem with the MovieLens files: a malformed line, a missing file, or a download or
 * archive that cannot be trusted.
 */
export class MovieLensError extends Error {
  override readonly name = 'MovieLensError';

  /** What went wrong. */
  readonly code: MovieLensErrorCode;

  /** The file being read or written, when known. */
  readonly file: string | undefined;

  /** The 1-based line number, for `BAD_LINE`. */
  readonly line: number | undefined;

  /** The HTTP status, for a `DOWNLOAD_FAILED` that got an answer. */
  readonly status: number | undefined;

  /** The download address, for download errors. */
  readonly url: string | undefined;

  /**
   * @param code - what went wrong
   * @param message - a sentence for the admin; "reelmate: " is put in front of it
   * @param context - where it went wrong
   * @defaultValue context `{}`
   */
  constructor(code: MovieLensErrorCode, message: string, context: MovieLensErrorContext = {}) {
    super(`reelmate: ${message}`, { cause: context.cause });
    this.code = code;
    this.file = context.file;
    this.line = context.line;
    this.status = context.status;
    this.url = context.url;
  }
}
