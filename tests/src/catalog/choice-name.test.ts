import { describe, expect, it } from 'vitest';

import { Catalog, choiceName } from '../../../src/catalog/index.js';
import { movie, readMovies } from './movies.js';

describe('choiceName', () => {
  it('names every MovieLens 1M movie in 1 to 100 characters, as movies.dat writes it', () => {
    const catalog = new Catalog(readMovies());
    for (const film of catalog.all()) {
      const name = catalog.choiceName(film);
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(100);
      expect(name).toBe(film.title);
    }
  });

  it('given a title past 100 characters, shortens its name and keeps the year', () => {
    const name = choiceName(movie(1, `${'Very Long Title '.repeat(10)}(1999)`));
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^Very Long Title .*… \(1999\)$/);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const name = choiceName(movie(1, `${'🎬'.repeat(60)} (1999)`));
    expect(name).toBe(`${'🎬'.repeat(46)}… (1999)`);
    expect(name.length).toBe(100);
    expect(name).not.toMatch(/\p{Cs}/u);
  });

  it('given a title without a year or with no text, still gives a name', () => {
    expect(choiceName(movie(1, 'x'.repeat(150)))).toBe(`${'x'.repeat(99)}…`);
    expect(choiceName(movie(7, '   '))).toBe('Movie 7');
  });
});
