import { AttachmentBuilder, type APIEmbed, type InteractionReplyOptions } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../commands/index.js';
import { renderReply } from '../../../src/discord/render.js';

const MEMBER = '200000000000000001';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function reply(overrides: Partial<Reply> = {}): Reply {
  return { tone: 'info', title: 'reelmate statistics', private: true, ...overrides };
}

function embedOf(options: InteractionReplyOptions): APIEmbed {
  const [embed] = options.embeds!;
  return 'toJSON' in embed ? embed.toJSON() : (embed as APIEmbed);
}

/** The characters Discord counts towards an embed's 6,000. */
function total(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    fields
  );
}

describe('renderReply with sections and files', () => {
  it('given sections, then each is an embed field after the description', () => {
    const embed = embedOf(
      renderReply(
        reply({
          text: 'Figures.',
          sections: [{ title: 'Catalog coverage', text: '1,386 distinct movies' }],
        }),
        MEMBER,
      ),
    );

    expect(embed.description).toBe('Figures.');
    expect(embed.fields).toEqual([{ name: 'Catalog coverage', value: '1,386 distinct movies' }]);
  });

  it('given a chart file named as the image, then it is attached with its description and shown in the embed', () => {
    const options = renderReply(
      reply({
        files: [{ name: 'coverage.png', data: PNG, description: 'Distinct movies by rank' }],
        image: 'coverage.png',
      }),
      MEMBER,
    );

    expect(options.files).toHaveLength(1);
    const [file] = options.files as AttachmentBuilder[];
    expect(file).toBeInstanceOf(AttachmentBuilder);
    expect(file.name).toBe('coverage.png');
    expect(file.description).toBe('Distinct movies by rank');
    expect(file.attachment).toBe(PNG);
    expect(embedOf(options).image).toEqual({ url: 'attachment://coverage.png' });
  });

  it('given an image that is not among the files, then the embed shows no image', () => {
    const embed = embedOf(renderReply(reply({ image: 'missing.png' }), MEMBER));

    expect(embed.image).toBeUndefined();
  });

  it('given no files, then the message carries no files at all', () => {
    expect(renderReply(reply({ text: 'Hello' }), MEMBER).files).toBeUndefined();
  });

  it('given 30 long sections and a long text, then at most 25 fields of at most 1,024 and 6,000 in all', () => {
    const sections = Array.from({ length: 30 }, (_, i) => ({
      title: `Group ${i} ${'n'.repeat(300)}`,
      text: 'v'.repeat(2_000),
    }));
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${'t'.repeat(80)}`).join('\n');

    const embed = embedOf(renderReply(reply({ text, sections, footer: 'f'.repeat(300) }), MEMBER));

    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    for (const field of embed.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    expect(total(embed)).toBeLessThanOrEqual(6000);
    expect(embed.description!.length).toBeGreaterThan(0);
  });

  it('given a long multi-line text beside sections, then the text is cut after a whole line', () => {
    const lines = Array.from(
      { length: 80 },
      (_, i) => `**#${i}** female, 25-34, programmer: ${'x'.repeat(60)}`,
    );
    const sections = [{ title: 'By occupation', text: 'o'.repeat(1_000) }];

    const embed = embedOf(renderReply(reply({ text: lines.join('\n'), sections }), MEMBER));

    const shown = embed.description!.split('\n');
    expect(shown.at(-1)).toBe('…');
    expect(shown.slice(0, -1)).toEqual(lines.slice(0, shown.length - 1));
    expect(total(embed)).toBeLessThanOrEqual(6000);
  });

  it('given titles with Markdown characters, then they are escaped inside the bold movie lines', () => {
    const embed = embedOf(
      renderReply(reply({ movies: [{ id: 2791, title: 'M*A*S*H (1970)' }] }), MEMBER),
    );

    expect(embed.description).toBe('1. **M\\*A\\*S\\*H (1970)**');
  });
});
