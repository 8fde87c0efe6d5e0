/** One line of movies.dat. */
export interface Movie {
  /** The MovieLens movie id. */
  id: number;
  /** The title exactly as movies.dat has it, year included, e.g. "Matrix, The (1999)". */
  title: string;
  /** The year in the title's trailing "(1999)", or null when the title has none. */
  year: number | null;
  /** Genre names such as "Sci-Fi"; empty when the line lists none. */
  genres: string[];
}

/** One line of users.dat, its codes decoded to the words of the MovieLens 1M README. */
export interface Profile {
  /** The MovieLens user id. */
  id: number;
  /** "female" or "male". */
  gender: string;
  /** An age band label: "Under 18", "18-24", "25-34", "35-44", "45-49", "50-55" or "56+". */
  age: string;
  /** An occupation such as "programmer" or "K-12 student"; "other" when not specified. */
  occupation: string;
}

/**
 * Ratings in columns: entry i of each array comes from the i-th rating line of ratings.dat. The model code
 * reads these three fields as they are.
 */
export interface Ratings {
  /** MovieLens user ids. */
  users: Int32Array;
  /** MovieLens movie ids. */
  items: Int32Array;
  /** Star ratings, 1 to 5 in MovieLens 1M. */
  values: Float32Array;
}
