import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MovieLensError, parseMovies, parseUsers } from '../../../src/movielens/index.js';
import { ML_1M } from '../../support/shared-data.js';

/** Runs `action`, expecting a MovieLensError, and returns it for closer checks. */
function caught(action: () => unknown): MovieLensError {
  try {
    action();
  } catch (error) {
    if (error instanceof MovieLensError) return error;
    throw error;
  }
  throw new Error('expected a MovieLensError, nothing was thrown');
}

describe('parseMovies', () => {
  it('given Latin-1 bytes, then accented titles decode to the right characters', () => {
    const text =
      '582::Metisse (Café au Lait) (1993)::Comedy\n73::Misérables, Les (1995)::Drama|Musical\n';
    const bytes = Buffer.from(text, 'latin1');

    const movies = parseMovies(bytes);

    // One byte per accented letter proves the fixture really is Latin-1, not UTF-8.
    expect(bytes.length).toBe(text.length);
    expect(movies.map((movie) => movie.title)).toEqual([
      'Metisse (Café au Lait) (1993)',
      'Misérables, Les (1995)',
    ]);
  });

  it('given the real movies.dat, then accented titles decode as in the file', () => {
    const movies = parseMovies(readFileSync(`${ML_1M}/movies.dat`));
    const byId = new Map(movies.map((movie) => [movie.id, movie]));

    expect(movies).toHaveLength(3883);
    expect(byId.get(73)).toEqual({
      id: 73,
      title: 'Misérables, Les (1995)',
      year: 1995,
      genres: ['Drama', 'Musical'],
    });
    expect(byId.get(1320)?.title).toBe('Alien³ (1992)');
    expect(byId.get(2571)?.title).toBe('Matrix, The (1999)');
  });

  it('given titles with and without a trailing year, then the year is parsed or null', () => {
    const text = [
      '2571::Matrix, The (1999)::Action|Sci-Fi|Thriller',
      '570::Slingshot, The (Kådisbellan ) (1993)::Comedy|Drama',
      '9999::A Title Without Year::Drama',
      '9998::Year (2001) Not At The End::Drama',
    ].join('\n');

    const movies = parseMovies(Buffer.from(text, 'latin1'));

    expect(movies.map((movie) => movie.year)).toEqual([1999, 1993, null, null]);
    expect(movies[0].title).toBe('Matrix, The (1999)');
  });

  it('given a line with no genres, then genres is empty', () => {
    const [movie] = parseMovies(Buffer.from('5::Father of the Bride Part II (1995)::\n'));

    expect(movie.genres).toEqual([]);
  });

  it('given a movie line without separators, then it throws BAD_LINE with the line number', () => {
    const bytes = Buffer.from('1::Toy Story (1995)::Animation\n\nToy Story 2 (1999)\n', 'latin1');

    const error = caught(() => parseMovies(bytes, 'movies.dat'));

    expect(error.code).toBe('BAD_LINE');
    expect(error.line).toBe(3);
    expect(error.message).toContain('movies.dat, line 3');
  });
});

describe('parseUsers', () => {
  it('given the real users.dat, then user 1 is a female K-12 student under 18', () => {
    const profiles = parseUsers(readFileSync(`${ML_1M}/users.dat`, 'latin1'));

    expect(profiles).toHaveLength(6040);
    expect(profiles[0]).toEqual({
      id: 1,
      gender: 'female',
      age: 'Under 18',
      occupation: 'K-12 student',
    });
  });

  it('given each age and a few occupation codes, then they decode to the README words', () => {
    const text = [
      '2::M::56::16::70072',
      '3::M::25::15::55117',
      '4::M::45::7::02460',
      '5::M::25::20::55455',
      '6::F::50::9::55117',
      '7::M::35::1::06810',
      '8::M::18::12::11413',
      '9::F::1::0::61614',
    ].join('\n');

    const profiles = parseUsers(text);

    expect(profiles.map((profile) => [profile.gender, profile.age, profile.occupation])).toEqual([
      ['male', '56+', 'self-employed'],
      ['male', '25-34', 'scientist'],
      ['male', '45-49', 'executive/managerial'],
      ['male', '25-34', 'writer'],
      ['female', '50-55', 'homemaker'],
      ['male', '35-44', 'academic/educator'],
      ['male', '18-24', 'programmer'],
      ['female', 'Under 18', 'other'],
    ]);
  });

  it.each([
    ['an unknown gender', '2::X::56::16::70072'],
    ['an age that is not a band', '2::M::17::16::70072'],
    ['an occupation past 20', '2::M::56::21::70072'],
    ['a missing zip code field', '2::M::56::16'],
  ])('given %s, then it throws BAD_LINE with the line number', (_, bad) => {
    const error = caught(() => parseUsers(`1::F::1::10::48067\n${bad}\n`, 'users.dat'));

    expect(error.code).toBe('BAD_LINE');
    expect(error.line).toBe(2);
    expect(error.file).toBe('users.dat');
  });
});
