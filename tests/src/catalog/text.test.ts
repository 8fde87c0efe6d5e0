import { describe, expect, it } from 'vitest';

import { normaliseText } from '../../../src/catalog/normalise.js';
import { parseQuery } from '../../../src/catalog/query.js';
import { titleNames } from '../../../src/catalog/title-names.js';

describe('normaliseText', () => {
  it('drops accents, case, punctuation and apostrophes, and reads "&" as "and"', () => {
    expect(normaliseText('Misérables, Les')).toBe('miserables les');
    expect(normaliseText("Schindler's List")).toBe('schindlers list');
    expect(normaliseText('Bill & Ted')).toBe('bill and ted');
    expect(normaliseText('Kjærlighetens kjøtere')).toBe('kjaerlighetens kjotere');
  });

  it('leaves nothing of emoji, symbols and control characters', () => {
    expect(normaliseText('🎬 \u0000\u001b ✨')).toBe('');
  });
});

describe('parseQuery', () => {
  it('splits a trailing year, with or without parentheses', () => {
    expect(parseQuery('Heat (1995)')).toEqual({ full: 'heat 1995', title: 'heat', year: 1995 });
    expect(parseQuery('heat 1995')).toEqual({ full: 'heat 1995', title: 'heat', year: 1995 });
  });

  it('keeps a number that cannot be a year as part of the title', () => {
    expect(parseQuery('Detroit 9000')).toEqual({
      full: 'detroit 9000',
      title: 'detroit 9000',
      year: null,
    });
  });

  it('given only a year, leaves the title empty', () => {
    expect(parseQuery('1999')).toEqual({ full: '1999', title: '', year: 1999 });
  });

  it('given nothing searchable, returns null', () => {
    expect(parseQuery(' \t ')).toBeNull();
    expect(parseQuery('🍿')).toBeNull();
  });

  it('looks at the first 200 characters only', () => {
    expect(parseQuery('a'.repeat(5000))?.full).toHaveLength(200);
  });
});

describe('titleNames', () => {
  it('gives the title, its natural form and its form without the article', () => {
    expect(titleNames('Matrix, The (1999)')).toEqual({
      primary: ['matrix the', 'the matrix', 'matrix'],
      alternates: [],
    });
    expect(titleNames("Enfer, L' (1994)").primary).toContain('lenfer');
  });

  it('gives the names in parentheses as alternates, "a.k.a." left out', () => {
    const names = titleNames('Professional, The (a.k.a. Leon: The Professional) (1994)');
    expect(names.alternates).toEqual(['leon the professional']);
    expect(titleNames('Postino, Il (The Postman) (1994)').alternates).toEqual(['the postman']);
  });
});
