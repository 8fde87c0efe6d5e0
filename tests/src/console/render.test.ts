import { describe, expect, it } from 'vitest';

import type { Reply } from '../../../commands/index.js';
import { renderJson, renderText } from '../../../src/console/render.js';

const hamlets = [
  { id: 3723, title: 'Hamlet (1990)', year: 1990, genres: ['Drama'] },
  { id: 1411, title: 'Hamlet (1996)', year: 1996, genres: ['Drama'] },
];

describe('renderText', () => {
  it('given a reply with movies, then a title line, the text, numbered movies with notes, the footer and a blank line', () => {
    const reply: Reply = {
      tone: 'success',
      title: 'Recommended for you',
      text: 'From the movie you like in this server.',
      movies: [
        {
          id: 260,
          title: 'Star Wars: Episode IV - A New Hope (1977)',
          note: 'because you liked Matrix, The (1999)',
        },
        { id: 1214, title: 'Alien (1979)' },
      ],
      footer: 'Page 1 of 2: use page:2 for more',
      private: true,
    };

    expect(renderText(reply)).toBe(
      [
        '# Recommended for you',
        'From the movie you like in this server.',
        ' 1. Star Wars: Episode IV - A New Hope (1977) — because you liked Matrix, The (1999)',
        ' 2. Alien (1979)',
        'Page 1 of 2: use page:2 for more',
        '',
        '',
      ].join('\n'),
    );
  });

  it('given ten or more movies, then the numbers stay aligned', () => {
    const movies = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, title: `Film ${i + 1}` }));

    const lines = renderText({ tone: 'info', title: 'Many', movies, private: true }).split('\n');

    expect(lines[1]).toBe(' 1. Film 1');
    expect(lines[9]).toBe(' 9. Film 9');
    expect(lines[10]).toBe('10. Film 10');
    expect(lines[12]).toBe('12. Film 12');
  });

  it('given an error, then the title line starts with "!" instead of "#"', () => {
    const text = renderText({
      tone: 'error',
      title: 'Which movie?',
      text: 'Give a title.',
      private: true,
    });

    expect(text).toBe('! Which movie?\nGive a title.\n\n');
  });

  it('given a pick list, then the candidates are numbered and the member is told to answer with a number', () => {
    const reply: Reply = {
      tone: 'info',
      title: 'Which one do you mean?',
      text: 'Several movies match “hamlet”. Pick one:',
      private: true,
      pick: { command: 'like', option: 'title', movies: hamlets },
    };

    expect(renderText(reply).split('\n')).toEqual([
      '# Which one do you mean?',
      'Several movies match “hamlet”. Pick one:',
      ' 1. Hamlet (1990)',
      ' 2. Hamlet (1996)',
      'Answer with the number of your choice.',
      '',
      '',
    ]);
  });

  it('given bold and escaped characters in the text, then plain text comes out', () => {
    const text = renderText({
      tone: 'error',
      title: 'No movie matches',
      text: '**This server**: Did you mean **Matrix, The (1999)**? You typed \\*\\_x\\_\\* \\> \\\\',
      private: true,
    });

    expect(text).toBe(
      '! No movie matches\nThis server: Did you mean Matrix, The (1999)? You typed *_x_* > \\\n\n',
    );
  });

  it('given member text escaped in the title, then the title shows it as typed', () => {
    const text = renderText({
      tone: 'error',
      title: 'No movie matches “\\*\\*zz\\*\\* \\~x\\~”',
      private: true,
    });

    expect(text).toBe('! No movie matches “**zz** ~x~”\n\n');
  });

  it('given a reply without text or movies, then only the title line', () => {
    expect(renderText({ tone: 'info', title: 'Done', private: true })).toBe('# Done\n\n');
  });
});

describe('renderJson', () => {
  it('given a reply, then one line of JSON with the command, its fields and movie ids', () => {
    const out = renderJson('recommend', {
      tone: 'success',
      title: 'Recommended for you',
      movies: [{ id: 1214, title: 'Alien (1979)', note: 'because you liked Matrix, The (1999)' }],
      private: true,
    });

    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd()).not.toContain('\n');
    expect(JSON.parse(out)).toEqual({
      command: 'recommend',
      tone: 'success',
      title: 'Recommended for you',
      movies: [{ id: 1214, title: 'Alien (1979)', note: 'because you liked Matrix, The (1999)' }],
      private: true,
    });
  });

  it('given a pick list, then its candidates come as choices with ids, without the internal pick fields', () => {
    const out = JSON.parse(
      renderJson('like', {
        tone: 'info',
        title: 'Which one do you mean?',
        private: true,
        pick: { command: 'like', option: 'title', movies: hamlets },
      }),
    );

    expect(out.choices).toEqual([
      { id: 3723, title: 'Hamlet (1990)' },
      { id: 1411, title: 'Hamlet (1996)' },
    ]);
    expect(out.pick).toBeUndefined();
  });

  it('given text with a line break, then it stays on one JSON line', () => {
    const out = renderJson('like', {
      tone: 'success',
      title: 'Liked',
      text: 'a\nb',
      private: true,
    });

    expect(out.split('\n')).toHaveLength(2);
    expect(JSON.parse(out).text).toBe('a\nb');
  });
});
