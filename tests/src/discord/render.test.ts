import {
  ComponentType,
  type APIActionRowComponent,
  type APIEmbed,
  type APIStringSelectComponent,
  type InteractionReplyOptions,
} from 'discord.js';
import { describe, expect, it } from 'vitest';

import type { MovieLine, Reply } from '../../../commands/index.js';
import { pickId } from '../../../src/discord/pick-id.js';
import { clip, renderReply } from '../../../src/discord/render.js';
import type { Movie } from '../../../src/movielens/types.js';

const MEMBER = '200000000000000001';

/** The reply's one embed, as discord.js would send it. */
function embedOf(options: InteractionReplyOptions): APIEmbed {
  expect(options.embeds).toHaveLength(1);
  const [embed] = options.embeds!;
  return 'toJSON' in embed ? embed.toJSON() : (embed as APIEmbed);
}

/** The reply's components, as discord.js would send them (builders validate on toJSON). */
function rowsOf(options: InteractionReplyOptions) {
  return (options.components ?? []).map(
    (row) =>
      ('toJSON' in row ? row.toJSON() : row) as APIActionRowComponent<APIStringSelectComponent>,
  );
}

/** The characters Discord counts towards an embed's 6,000: title, description, footer, author, fields. */
function discordTotal(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

function reply(overrides: Partial<Reply> = {}): Reply {
  return { tone: 'info', title: 'Your top 10', private: true, ...overrides };
}

function movie(id: number, title: string): Movie {
  return { id, title, year: null, genres: [] };
}

describe('renderReply', () => {
  it('given a private reply, then it is ephemeral (flags 64)', () => {
    expect(renderReply(reply({ private: true }), MEMBER).flags).toBe(64);
  });

  it('given a public reply, then it has no flags', () => {
    const options = renderReply(reply({ private: false }), MEMBER);
    expect(options.flags).toBeUndefined();
  });

  it('given any reply, then mentions are parsed for nobody', () => {
    const options = renderReply(reply({ text: '@everyone <@200000000000000002>' }), MEMBER);
    expect(options.allowedMentions).toEqual({ parse: [] });
  });

  it('given a short reply, then the embed holds the title, the text, the numbered movies and the footer', () => {
    const movies: MovieLine[] = [
      { id: 2571, title: 'Matrix, The (1999)', note: 'because you liked Heat (1995)' },
      { id: 260, title: 'Star Wars: Episode IV - A New Hope (1977)' },
    ];
    const options = renderReply(
      reply({ tone: 'success', text: 'Here you go.', movies, footer: 'Trained today' }),
      MEMBER,
    );
    const embed = embedOf(options);
    expect(embed).toMatchObject({
      title: 'Your top 10',
      description: [
        'Here you go.',
        '1. **Matrix, The (1999)** — because you liked Heat (1995)',
        '2. **Star Wars: Episode IV - A New Hope (1977)**',
      ].join('\n'),
      footer: { text: 'Trained today' },
      color: 0x57f287,
    });
    expect(options.components).toEqual([]);
  });

  it('given 25 movies with long titles, a 5,000-character text and long title and footer, then the embed stays within Discord’s limits', () => {
    const movies = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      title: `${'A very long title '.repeat(15)}(${1990 + i})`,
      note: `because you liked ${'Another long title '.repeat(5)}`,
    }));
    const options = renderReply(
      reply({
        title: 'T'.repeat(400),
        text: 'x'.repeat(5_000),
        movies,
        footer: 'f'.repeat(3_000),
      }),
      MEMBER,
    );
    const embed = embedOf(options);
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.footer!.text.length).toBeLessThanOrEqual(2048);
    expect(discordTotal(embed)).toBeLessThanOrEqual(6000);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.description!.endsWith('…')).toBe(true);
  });

  it('given 25 movies with long titles and no text, then as many whole lines as fit are shown, then an ellipsis', () => {
    const movies = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      title: `${'Long '.repeat(50)}(${1990 + i})`,
    }));
    const embed = embedOf(renderReply(reply({ movies, footer: 'f'.repeat(2_000) }), MEMBER));
    const lines = embed.description!.split('\n');

    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(discordTotal(embed)).toBeLessThanOrEqual(6000);
    expect(lines.at(-1)).toBe('…');
    lines.slice(0, -1).forEach((line, i) => expect(line).toBe(`${i + 1}. **${movies[i].title}**`));
  });

  it('given a title of emoji longer than the limit, then it is cut between characters, never inside one', () => {
    const embed = embedOf(renderReply(reply({ title: '🎬'.repeat(300) }), MEMBER));
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(embed.title).toBe(`${'🎬'.repeat(127)}…`);
  });

  it('given a pick list, then one action row holds a string select of the movies, ids as values', () => {
    const movies = [movie(1411, 'Hamlet (1996)'), movie(3723, 'Hamlet (1990)')];
    const before = Date.now();
    const options = renderReply(
      reply({
        title: 'Which one do you mean?',
        pick: { command: 'like', option: 'title', movies },
      }),
      MEMBER,
    );
    const after = Date.now();

    const rows = rowsOf(options);
    expect(rows).toHaveLength(1);
    expect(rows[0].type).toBe(ComponentType.ActionRow);
    expect(rows[0].components).toHaveLength(1);
    const [select] = rows[0].components;
    expect(select.type).toBe(ComponentType.StringSelect);
    expect(select.options).toEqual([
      { label: 'Hamlet (1996)', value: '1411' },
      { label: 'Hamlet (1990)', value: '3723' },
    ]);

    expect(select.custom_id.length).toBeLessThanOrEqual(100);
    const target = pickId.decode(select.custom_id);
    expect(target).toMatchObject({ command: 'like', option: 'title', member: MEMBER });
    expect(target!.at).toBeGreaterThanOrEqual(before);
    expect(target!.at).toBeLessThanOrEqual(after);
  });

  it('given a pick list of 30 movies with titles over 100 characters, then the select offers 25 with labels of at most 100', () => {
    const movies = Array.from({ length: 30 }, (_, i) => movie(i + 1, `${'Title '.repeat(30)}${i}`));
    const options = renderReply(
      reply({ pick: { command: 'similar', option: 'title', movies } }),
      MEMBER,
    );

    const [select] = rowsOf(options)[0].components;
    expect(select.options).toHaveLength(25);
    for (const [i, option] of select.options.entries()) {
      expect(option.label.length).toBeLessThanOrEqual(100);
      expect(option.label).toBe(clip(movies[i].title, 100));
      expect(option.value).toBe(String(i + 1));
    }
  });
});

describe('clip', () => {
  it('keeps text up to the limit and cuts longer text with an ellipsis, within the limit', () => {
    expect(clip('Heat (1995)', 11)).toBe('Heat (1995)');
    expect(clip('Heat (1995)', 10)).toBe('Heat (199…');
    expect(clip('Heat (1995)', 10)).toHaveLength(10);
  });
});
