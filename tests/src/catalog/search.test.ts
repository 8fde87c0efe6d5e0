import { beforeAll, describe, expect, it } from 'vitest';

import { Catalog } from '../../../src/catalog/index.js';
import { movie, readMovies } from './movies.js';

let catalog: Catalog;

beforeAll(() => {
  catalog = new Catalog(readMovies());
});

/** The titles of the first `count` results, best first. */
function titles(query: string, count = 25): string[] {
  return catalog.search(query, count).map(({ movie }) => movie.title);
}

describe('Catalog.search on MovieLens 1M', () => {
  it('holds every movie of movies.dat, each reachable by id', () => {
    expect(catalog.size).toBe(3883);
    expect(catalog.all()).toHaveLength(3883);
    expect(catalog.get(2571)?.title).toBe('Matrix, The (1999)');
    expect(catalog.get(999_999)).toBeUndefined();
  });

  it('given "the matrix", puts "Matrix, The (1999)" first with a perfect score', () => {
    const [first] = catalog.search('the matrix');
    expect(first.movie.title).toBe('Matrix, The (1999)');
    expect(first.score).toBe(0);
  });

  it('given the title as movies.dat writes it, or without its article, finds the same film', () => {
    expect(titles('Matrix, The (1999)', 1)).toEqual(['Matrix, The (1999)']);
    expect(titles('matrix', 1)).toEqual(['Matrix, The (1999)']);
  });

  it('given "matrix 1999", puts the 1999 film first', () => {
    expect(titles('matrix 1999', 1)).toEqual(['Matrix, The (1999)']);
  });

  it('given "star wars", returns the four Star Wars films first', () => {
    expect(titles('star wars', 4).sort()).toEqual([
      'Star Wars: Episode I - The Phantom Menace (1999)',
      'Star Wars: Episode IV - A New Hope (1977)',
      'Star Wars: Episode V - The Empire Strikes Back (1980)',
      'Star Wars: Episode VI - Return of the Jedi (1983)',
    ]);
  });

  it("given other trailing articles (Les, La, Il, L'), finds the natural order", () => {
    expect(titles('les miserables', 2).sort()).toEqual([
      'Misérables, Les (1995)',
      'Misérables, Les (1998)',
    ]);
    expect(titles('la ceremonie', 1)).toEqual(['Cérémonie, La (1995)']);
    expect(titles('il postino', 1)).toEqual(['Postino, Il (The Postman) (1994)']);
    expect(titles("l'enfer", 1)).toEqual(["Enfer, L' (1994)"]);
  });

  it('given a name the title gives in parentheses, finds it after the film of that name', () => {
    expect(titles('the postman', 2)).toEqual([
      'Postman, The (1997)',
      'Postino, Il (The Postman) (1994)',
    ]);
    expect(titles('leon the professional', 1)).toEqual([
      'Professional, The (a.k.a. Leon: The Professional) (1994)',
    ]);
  });

  it('ignores case and accents on either side', () => {
    for (const query of ['MISERABLES', 'misérables', 'MISÉRABLES', 'Miserables']) {
      expect(titles(query, 1)).toEqual(['Misérables, Les (1995)']);
    }
    for (const query of ['deja vu', 'DÉJÀ VU']) {
      expect(titles(query, 1)).toEqual(['Déjà Vu (1997)']);
    }
  });

  it('folds compatibility characters: "alien 3" and "alien3" find "Alien³ (1992)"', () => {
    expect(titles('alien 3', 1)).toEqual(['Alien³ (1992)']);
    expect(titles('alien3', 1)).toEqual(['Alien³ (1992)']);
  });

  it('given one typo, still puts the film first', () => {
    expect(titles('shawshank redemtion', 1)).toEqual(['Shawshank Redemption, The (1994)']);
    expect(titles('godfater', 1)).toEqual(['Godfather, The (1972)']);
    expect(titles('matirx', 1)).toEqual(['Matrix, The (1999)']);
  });

  it('given a prefix as typed so far, offers the titles that start with it first', () => {
    expect(titles('toy sto', 2)).toEqual(['Toy Story (1995)', 'Toy Story 2 (1999)']);
  });

  it('given a year, prefers the title of that year among several (Hamlet, Psycho)', () => {
    expect(titles('hamlet', 5)).toEqual([
      'Hamlet (1948)',
      'Hamlet (1964)',
      'Hamlet (1990)',
      'Hamlet (1996)',
      'Hamlet (2000)',
    ]);
    expect(titles('hamlet 1996', 1)).toEqual(['Hamlet (1996)']);
    expect(titles('Hamlet (1990)', 1)).toEqual(['Hamlet (1990)']);
    expect(titles('psycho 1998', 1)).toEqual(['Psycho (1998)']);
    expect(titles('psycho 1960', 1)).toEqual(['Psycho (1960)']);
  });

  it('given "heat 1995", prefers Heat (1995) and lets films of other years drop', () => {
    const results = catalog.search('heat 1995');
    expect(results[0].movie.title).toBe('Heat (1995)');
    const heathers = results.find(({ movie }) => movie.title === 'Heathers (1989)');
    expect(heathers?.score).toBeGreaterThan(catalog.search('heat')[1].score);
  });

  it('given a number that is part of the title, does not take it for the year', () => {
    expect(titles('airport 1975', 1)).toEqual(['Airport 1975 (1974)']);
    expect(titles('fantasia 2000', 1)).toEqual(['Fantasia 2000 (1999)']);
  });

  it('given only a year, searches no titles except one named by that number', () => {
    expect(catalog.search('1995')).toEqual([]);
    expect(catalog.search('(1999)')).toEqual([]);
    expect(titles('2010')).toEqual(['2010 (1984)']);
  });

  it('given one character, returns only titles that start with it', () => {
    const results = catalog.search('z');
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(25);
    for (const { movie } of results) expect(movie.title.toLowerCase()).toMatch(/^z/);
    expect(titles('m', 1)).toEqual(['M (1931)']);
  });

  it('given an article on its own, answers only titles that start with it', () => {
    const results = catalog.search('a');
    expect(results).toHaveLength(25);
    for (const { movie } of results) expect(movie.title).toMatch(/^A|, (A|An)\b/);
  });

  it('trims the query and collapses its whitespace', () => {
    expect(titles('   the \t\n  matrix   ', 1)).toEqual(['Matrix, The (1999)']);
    expect(titles(`the matrix${' '.repeat(4990)}`, 1)).toEqual(['Matrix, The (1999)']);
  });

  it('given a 5,000-character query, answers quickly with nothing rather than noise', () => {
    for (const query of ['x'.repeat(5000), 'the matrix '.repeat(455), 'é'.repeat(5000)]) {
      const started = performance.now();
      expect(catalog.search(query)).toEqual([]);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('given a long query that starts with a title, still answers within the length limit', () => {
    const query = `Star Wars ${'x'.repeat(4990)}`;
    expect(catalog.search(query).length).toBeLessThanOrEqual(25);
    expect(catalog.resolve(query).kind).toBe('none');
  });

  it('given empty text, whitespace, emoji or control characters only, returns no results', () => {
    const unsearchable = ['', '   ', '\t\n', '🎬🍿', '👨‍👩‍👧', '\u0000\u0007\u001b', '\u200b', '!?…'];
    for (const query of unsearchable) {
      expect(catalog.search(query)).toEqual([]);
    }
  });

  it('ignores control and invisible characters inside a title', () => {
    expect(titles('the\u0000matrix', 1)).toEqual(['Matrix, The (1999)']);
    expect(titles('mat\u200brix', 1)).toEqual(['Matrix, The (1999)']);
    expect(titles('🎬 the matrix 🍿', 1)).toEqual(['Matrix, The (1999)']);
  });

  it('returns at most `limit` results, scored from 0 to 1 and best first', () => {
    const results = catalog.search('the', 10);
    expect(results).toHaveLength(10);
    const scores = results.map(({ score }) => score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
    expect(catalog.search('the', 0)).toEqual([]);
  });

  it('answers a keystroke in a few milliseconds on average', () => {
    const typed = catalog
      .all()
      .filter((_, index) => index % 40 === 0)
      .flatMap(({ title }) => [...Array(12).keys()].map((length) => title.slice(0, length + 1)));

    const started = performance.now();
    for (const query of typed) catalog.search(query);
    const average = (performance.now() - started) / typed.length;

    // About 1 ms on the development machine under load; the bound leaves room for slow CI.
    expect(average).toBeLessThan(10);
  });
});

describe('Catalog.search on a small fixture', () => {
  const small = new Catalog([
    movie(1, "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)"),
    movie(2, 'Amelia (2009)'),
    movie(3, 'Matrix, The (1999)'),
  ]);

  it('given "amelie" or "AMÉLIE", finds "Amélie" first', () => {
    for (const query of ['amelie', 'AMÉLIE', 'Amélie', 'AMELIE']) {
      const [first] = small.search(query);
      expect(first.movie.id).toBe(1);
      expect(first.score).toBe(0);
    }
  });

  it('finds a film by the original title in its parentheses', () => {
    expect(small.search('le fabuleux destin d amelie poulain')[0].movie.id).toBe(1);
  });

  it('refuses two movies with the same id, with a code', () => {
    expect(() => new Catalog([movie(1, 'A (2000)'), movie(1, 'B (2001)')])).toThrow(
      expect.objectContaining({ name: 'CatalogError', code: 'DUPLICATE_ID', movieId: 1 }),
    );
  });
});
