import { beforeAll, describe, expect, it } from 'vitest';

import { Catalog, type Resolution } from '../../../src/catalog/index.js';
import type { Movie } from '../../../src/movielens/types.js';
import { readMovies } from './movies.js';

let catalog: Catalog;

beforeAll(() => {
  catalog = new Catalog(readMovies());
});

/** The titles a resolution offers, whatever its kind. */
function offered(resolution: Resolution): string[] {
  const movies: Movie[] =
    resolution.kind === 'match'
      ? [resolution.movie]
      : resolution.kind === 'ambiguous'
        ? resolution.options
        : resolution.suggestions;
  return movies.map(({ title }) => title);
}

describe('Catalog.resolve on MovieLens 1M', () => {
  it('given an exact title, matches it even when longer titles start the same way', () => {
    expect(catalog.resolve('heat')).toEqual({ kind: 'match', movie: catalog.get(6) });
    expect(catalog.resolve('the matrix')).toEqual({ kind: 'match', movie: catalog.get(2571) });
    expect(offered(catalog.resolve('godfather'))).toEqual(['Godfather, The (1972)']);
  });

  it('given a typo with one clear winner, matches it', () => {
    expect(offered(catalog.resolve('matrx'))).toEqual(['Matrix, The (1999)']);
    expect(catalog.resolve('shawshank redemtion').kind).toBe('match');
  });

  it('given a title shared by films of several years, offers those films', () => {
    const hamlet = catalog.resolve('hamlet');
    expect(hamlet.kind).toBe('ambiguous');
    expect(offered(hamlet)).toEqual([
      'Hamlet (1948)',
      'Hamlet (1964)',
      'Hamlet (1990)',
      'Hamlet (1996)',
      'Hamlet (2000)',
    ]);
    expect(catalog.resolve('psycho')).toMatchObject({ kind: 'ambiguous' });
    expect(offered(catalog.resolve('psycho'))).toEqual(['Psycho (1960)', 'Psycho (1998)']);
  });

  it('given the year as well, matches the one film', () => {
    expect(offered(catalog.resolve('hamlet 1996'))).toEqual(['Hamlet (1996)']);
    expect(catalog.resolve('psycho (1960)').kind).toBe('match');
  });

  it('given a year no film of that title has, offers the films of other years', () => {
    const resolution = catalog.resolve('hamlet 1997');
    expect(resolution.kind).toBe('ambiguous');
    expect(offered(resolution)).toHaveLength(5);
  });

  it('given the start of a series, offers its close titles and no others', () => {
    const starWars = catalog.resolve('star wars');
    expect(starWars.kind).toBe('ambiguous');
    expect(offered(starWars)).toHaveLength(4);
    for (const title of offered(starWars)) expect(title).toMatch(/^Star Wars: Episode/);

    expect(offered(catalog.resolve('titanc')).sort()).toEqual(['Titanic (1953)', 'Titanic (1997)']);
  });

  it('given a poor match, answers none with the nearest titles as suggestions', () => {
    const resolution = catalog.resolve('matirx');
    expect(resolution.kind).toBe('none');
    expect(offered(resolution)[0]).toBe('Matrix, The (1999)');
    expect(offered(resolution).length).toBeLessThanOrEqual(3);
  });

  it('given nothing like a title, answers none with no suggestions', () => {
    for (const query of ['qwzxv', '', '   ', '🎬', '\u0000', '1995', 'x'.repeat(5000)]) {
      expect(catalog.resolve(query)).toEqual({ kind: 'none', suggestions: [] });
    }
  });

  it('resolves every title of movies.dat, typed as it is written, to itself', () => {
    for (const movie of catalog.all()) {
      expect(catalog.resolve(movie.title)).toEqual({ kind: 'match', movie });
    }
  });

  // The check the thresholds in src/catalog/resolve.ts were chosen by, on every fourth title.
  it('given a title with one wrong, missing or extra letter, almost always finds it', () => {
    const sample = catalog.all().filter((_, index) => index % 4 === 0);
    const counts = { match: 0, ambiguous: 0, none: 0, wrong: 0 };
    sample.forEach((movie, index) => {
      const resolution = catalog.resolve(typo(naturalTitle(movie.title), index));
      const found = offered(resolution).includes(movie.title);
      if (resolution.kind === 'match') counts[found ? 'match' : 'wrong']++;
      else counts[resolution.kind]++;
    });

    expect(counts.match / sample.length).toBeGreaterThan(0.9);
    expect((counts.match + counts.ambiguous) / sample.length).toBeGreaterThan(0.97);
    expect(counts.wrong / sample.length).toBeLessThan(0.01);
  });

  it('given strings of random letters, almost always answers none', () => {
    const queries = [...Array(300).keys()].map(randomLetters);
    const none = queries.filter((query) => catalog.resolve(query).kind === 'none');
    expect(none.length / queries.length).toBeGreaterThan(0.95);
  });
});

/** "Matrix, The (1999)" as someone would type it: "The Matrix". */
function naturalTitle(title: string): string {
  const name = title.replace(/\s*\(.*$/, '');
  const article = /^(.+), (The|An|A)$/.exec(name);
  return article ? `${article[2]} ${article[1]}` : name;
}

/** The text with one letter changed, dropped or added, chosen by `seed`. */
function typo(text: string, seed: number): string {
  const at = 1 + ((seed * 7919) % Math.max(1, text.length - 1));
  const letter = String.fromCharCode(97 + ((seed * 31) % 26));
  if (seed % 3 === 0) return text.slice(0, at) + letter + text.slice(at + 1);
  if (seed % 3 === 1) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + letter + text.slice(at);
}

/** Four to eleven lowercase letters chosen by `seed`. */
function randomLetters(seed: number): string {
  const length = 4 + (seed % 8);
  let state = seed + 1;
  let text = '';
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(97 + (state % 26));
  }
  return text;
}
