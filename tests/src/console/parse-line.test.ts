import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { parseLine } from '../../../src/console/parse-line.js';

describe('parseLine', () => {
  it('given a command with free text, then the text fills its title option', () => {
    expect(parseLine('/like the matrix', commands)).toEqual({
      kind: 'command',
      name: 'like',
      options: { title: 'the matrix' },
    });
  });

  it('given named options, then each takes the text up to the next name', () => {
    expect(parseLine('/similar title:heat 1995 count:5', commands)).toEqual({
      kind: 'command',
      name: 'similar',
      options: { title: 'heat 1995', count: '5' },
    });
  });

  it('given a bare number for a command without text options, then it fills the number option', () => {
    expect(parseLine('/recommend 5', commands)).toEqual({
      kind: 'command',
      name: 'recommend',
      options: { count: '5' },
    });
  });

  it('given no leading slash or capital letters, then the command is still found', () => {
    expect(parseLine('  LIKE heat ', commands)).toMatchObject({ kind: 'command', name: 'like' });
  });

  it('given a bare number or /pick N, then it answers a pick list', () => {
    expect(parseLine('2', commands)).toEqual({ kind: 'pick', choice: 2 });
    expect(parseLine('/pick 3', commands)).toEqual({ kind: 'pick', choice: 3 });
  });

  it('given a blank line or a comment, then there is nothing to do', () => {
    expect(parseLine('   ', commands)).toEqual({ kind: 'empty' });
    expect(parseLine('# a note', commands)).toEqual({ kind: 'empty' });
  });

  it('given an unknown command, then it is reported by name', () => {
    expect(parseLine('/dance now', commands)).toEqual({ kind: 'unknown', name: 'dance' });
  });

  it('given a title with a colon that is not an option name, then the colon stays in the title', () => {
    expect(parseLine('/like star wars: episode iv', commands)).toMatchObject({
      options: { title: 'star wars: episode iv' },
    });
  });
});
