import { describe, expect, it } from 'vitest';

import {
  countOption,
  findMovie,
  isYes,
  MAX_TEXT,
  quote,
  textOption,
} from '../../commands/options.js';
import type { Invocation, Reply } from '../../commands/types.js';
import { Catalog } from '../../src/catalog/index.js';
import { ID, MOVIES } from './support/fixture.js';

const withOptions = (options: Invocation['options']): Invocation => ({
  server: '100000000000000001',
  member: '200000000000000001',
  options,
});
const catalog = new Catalog(MOVIES);
/** Half of a character outside the Basic Multilingual Plane, such as an emoji. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('quote', () => {
  it('given @everyone or @here, then a zero-width space after @ keeps them from pinging', () => {
    expect(quote('@everyone')).toBe('@\u200beveryone');
    expect(quote('hi @here and @everyone')).toBe('hi @\u200bhere and @\u200beveryone');
  });

  it('given a user or role mention, then it cannot ping either', () => {
    expect(quote('<@123456789012345678>')).not.toMatch(/@(?!\u200b)/);
    expect(quote('<@&123456789012345678>')).not.toMatch(/@(?!\u200b)/);
  });

  it('given Markdown, then every formatting character is escaped', () => {
    expect(quote('**bold** _it_ `code` ~~gone~~ ||spoiler|| > quoted \\')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\> quoted \\\\',
    );
  });

  it('given plain text, then it is unchanged', () => {
    expect(quote('the matrix 1999')).toBe('the matrix 1999');
  });

  it('given more than 60 characters, then the first 57 and an ellipsis', () => {
    const long = 'abcdefghij'.repeat(10);

    expect(quote(long)).toBe(`${long.slice(0, 57)}…`);
    expect(quote('x'.repeat(60))).toBe('x'.repeat(60));
  });

  it('given an emoji where the text is cut, then no half of it is left behind', () => {
    const shown = quote(`${'a'.repeat(56)}${'🎬'.repeat(5)}`);

    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toMatch(LONE_SURROGATE);
    expect(shown).toBe(`${'a'.repeat(56)}…`);
  });

  it('given a mention cut short, then what is left still cannot ping', () => {
    expect(quote(`${'a'.repeat(56)}@everyone`)).toBe(`${'a'.repeat(56)}@\u200b…`);
  });
});

describe('textOption', () => {
  it('given text with spaces around it, then the trimmed text', () => {
    expect(textOption(withOptions({ title: '  heat  ' }), 'title', '/like title:Heat')).toBe(
      'heat',
    );
  });

  it('given text of exactly the maximum length, then it is accepted', () => {
    expect(textOption(withOptions({ title: 'a'.repeat(MAX_TEXT) }), 'title', '')).toBe(
      'a'.repeat(MAX_TEXT),
    );
  });

  it.each([
    ['absent', undefined, 'Which movie?'],
    ['empty', '', 'Which movie?'],
    ['whitespace', ' \u3000 ', 'Which movie?'],
    ['one past the maximum', 'a'.repeat(MAX_TEXT + 1), 'That title is too long'],
    ['5,000 characters', 'b'.repeat(5_000), 'That title is too long'],
    ['NUL', 'heat\u0000', 'That title has characters I cannot read'],
    ['an escape sequence', '\u001b[31mheat', 'That title has characters I cannot read'],
    ['DEL', 'he\u007fat', 'That title has characters I cannot read'],
    ['a right-to-left override', '\u202eevil', 'That title has characters I cannot read'],
    ['a byte-order mark inside', 'he\ufeffat', 'That title has characters I cannot read'],
    ['a zero-width space', 'he\u200bat', 'That title has characters I cannot read'],
    ['a C1 control character', 'he\u0085at', 'That title has characters I cannot read'],
    ['a tab inside', 'the\tmatrix', 'That title has characters I cannot read'],
  ])('given %s, then an error reply', (_case, title, expected) => {
    const result = textOption(withOptions({ title }), 'title', '/like title:The Matrix') as Reply;

    expect(result.tone).toBe('error');
    expect(result.title).toBe(expected);
    expect(result.private).toBe(true);
  });

  it('given nothing, then the error shows the example given', () => {
    const result = textOption(withOptions({}), 'title', '/similar title:Heat') as Reply;

    expect(result.text).toContain('`/similar title:Heat`');
  });
});

describe('countOption', () => {
  it('given nothing or an empty string, then the fallback', () => {
    expect(countOption(withOptions({}), 'count', 10, 25)).toBe(10);
    expect(countOption(withOptions({ count: '' }), 'count', 10, 25)).toBe(10);
  });

  it('given a whole number in range, as a number or as text, then that number', () => {
    expect(countOption(withOptions({ count: 1 }), 'count', 10, 25)).toBe(1);
    expect(countOption(withOptions({ count: 25 }), 'count', 10, 25)).toBe(25);
    expect(countOption(withOptions({ count: ' 7 ' }), 'count', 10, 25)).toBe(7);
  });

  it.each([0, -1, 26, 1e9, 2.5, Number.NaN, Infinity, 'abc', '1e9', '-5', '3 movies', true])(
    'given %s, then an error naming the option and its range',
    (count) => {
      const result = countOption(withOptions({ count }), 'count', 10, 25) as Reply;

      expect(result.tone).toBe('error');
      expect(result.title).toBe('count must be a whole number from 1 to 25');
      expect(result.text).toBe('For example `count:10`.');
    },
  );
});

describe('findMovie', () => {
  it('given a MovieLens id from the catalog, then that movie', () => {
    expect(findMovie(String(ID.heat), catalog, 'like', 'title')).toEqual(
      MOVIES.find((m) => m.id === ID.heat),
    );
  });

  it('given a title as people type it, then the movie', () => {
    expect(findMovie('the matrix', catalog, 'like', 'title')).toMatchObject({ id: ID.matrix });
  });

  it('given an ambiguous title, then a private pick list naming the command and option to re-run', () => {
    const reply = findMovie('hamlet', catalog, 'similar', 'title') as Reply;

    expect(reply).toMatchObject({
      tone: 'info',
      title: 'Which one do you mean?',
      private: true,
      pick: { command: 'similar', option: 'title' },
    });
    expect(reply.pick?.movies.map((m) => m.id)).toEqual([ID.hamlet1990, ID.hamlet1996]);
  });

  it('given an ambiguous title with a mention, then the pick list text cannot ping', () => {
    const reply = findMovie('hamlet @everyone', catalog, 'like', 'title') as Reply;

    expect(`${reply.title} ${reply.text}`).not.toMatch(/@(?!\u200b)/);
  });

  it('given a near miss, then an error suggesting the nearest titles in bold', () => {
    const reply = findMovie('matirx', catalog, 'like', 'title') as Reply;

    expect(reply).toMatchObject({
      tone: 'error',
      title: 'No movie matches “matirx”',
      text: 'Did you mean **Matrix, The (1999)**?',
    });
  });

  it('given an id no movie has, then it is searched as text and matches nothing', () => {
    const reply = findMovie('123456789', catalog, 'like', 'title') as Reply;

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No movie matches “123456789”');
  });
});

describe('isYes', () => {
  it.each([true, 'true', 'TRUE', ' yes ', 'Yes'])('given %s, then yes', (value) => {
    expect(isYes(value)).toBe(true);
  });

  it.each([false, 'false', 'no', '', 'y', 1, undefined, null])('given %s, then no', (value) => {
    expect(isYes(value)).toBe(false);
  });
});
