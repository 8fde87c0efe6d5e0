/** What went wrong, so callers branch on data rather than on message text. */
export type CatalogErrorCode = 'DUPLICATE_ID';

/** A list of movies the catalog cannot be built from. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  /** What went wrong. */
  readonly code: CatalogErrorCode;

  /** The movie id concerned. */
  readonly movieId: number;

  /**
   * @param code - what went wrong
   * @param message - a sentence for the admin; "reelmate: " is put in front of it
   * @param movieId - the movie id concerned
   */
  constructor(code: CatalogErrorCode, message: string, movieId: number) {
    super(`reelmate: ${message}`);
    this.code = code;
    this.movieId = movieId;
  }
}
