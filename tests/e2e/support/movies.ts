/** MovieLens 1M movies the end-to-end conversations use, with their ids in movies.dat. */
export const MATRIX = { id: 2571, title: 'Matrix, The (1999)' };
export const HEAT = { id: 6, title: 'Heat (1995)' };
/** One of five Hamlets, so "hamlet" alone is ambiguous. */
export const HAMLET_1996 = { id: 1411, title: 'Hamlet (1996)' };
export const HAMLETS = [
  'Hamlet (1948)',
  'Hamlet (1964)',
  'Hamlet (1990)',
  'Hamlet (1996)',
  'Hamlet (2000)',
];

/** Generous: the machine is shared, and a slow answer is deferred and then edited. */
export const ANSWER = { timeoutMs: 20_000 };
