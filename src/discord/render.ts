import {
  ActionRowBuilder,
  AttachmentBuilder,
  EmbedBuilder,
  MessageFlags,
  StringSelectMenuBuilder,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Reply } from '../../commands/index.js';
import { pickId } from './pick-id.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  footer: 2048,
  total: 6000,
  option: 100,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** An attachment's description (alt text). */
  attachmentDescription: 1024,
} as const;

const COLORS = { info: 0x5865f2, success: 0x57f287, error: 0xed4245 } as const;

/**
 * Shows a reply as a Discord message: one embed (its sections as fields, its image from an
 * attachment), its files attached, and a select menu when the reply is a pick list. The
 * embed keeps within Discord's limits: sections first, then as much of the text as fits.
 * Mentions never ping anyone.
 * @param reply - the reply
 * @param member - who asked: only they may answer the pick list
 * @returns options for reply() or editReply()
 */
export function renderReply(reply: Reply, member: string): InteractionReplyOptions {
  const title = clip(reply.title, LIMITS.title);
  const footer = reply.footer ? clip(reply.footer, LIMITS.footer) : undefined;
  // Room for the sections, leaving the text a few lines at least.
  const fields = asFields(reply, LIMITS.total - title.length - (footer?.length ?? 0) - 500);
  const used = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = LIMITS.total - title.length - (footer?.length ?? 0) - used;
  const description = describe(reply, Math.min(LIMITS.description, room));

  const embed = new EmbedBuilder().setColor(COLORS[reply.tone]).setTitle(title);
  if (description) embed.setDescription(description);
  if (fields.length) embed.addFields(fields);
  if (reply.image && reply.files?.some((f) => f.name === reply.image)) {
    embed.setImage(`attachment://${reply.image}`);
  }
  if (footer) embed.setFooter({ text: footer });

  const options: InteractionReplyOptions = {
    embeds: [embed],
    allowedMentions: { parse: [] },
    components: [],
  };
  if (reply.files?.length) {
    options.files = reply.files.map(
      (f) =>
        new AttachmentBuilder(f.data, {
          name: f.name,
          description: clip(f.description, LIMITS.attachmentDescription),
        }),
    );
  }
  if (reply.private) options.flags = MessageFlags.Ephemeral;
  if (reply.pick) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(
        pickId.encode({ command: reply.pick.command, option: reply.pick.option, member }),
      )
      .setPlaceholder('Choose a movie')
      .addOptions(
        reply.pick.movies
          .slice(0, 25)
          .map((m) => ({ label: clip(m.title, LIMITS.option), value: String(m.id) })),
      );
    options.components = [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)];
  }
  return options;
}

/** The sections as embed fields, as many as fit in `max` characters, each clipped to its limits. */
function asFields(reply: Reply, max: number): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  let used = 0;
  for (const section of (reply.sections ?? []).slice(0, LIMITS.fields)) {
    const name = clip(section.title, LIMITS.fieldName);
    const value = clip(section.text, LIMITS.fieldValue);
    if (used + name.length + value.length > max) break;
    used += name.length + value.length;
    fields.push({ name, value });
  }
  return fields;
}

/** The text and the numbered movies, cut at a line boundary to fit `max`. */
function describe(reply: Reply, max: number): string {
  const lines = reply.text ? reply.text.split('\n') : [];
  reply.movies?.forEach((m, i) => {
    const note = m.note ? ` — ${escapeMarkdown(m.note)}` : '';
    lines.push(`${i + 1}. **${escapeMarkdown(m.title)}**${note}`);
  });
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > max - 2) return out ? `${out}\n…` : clip(line, max);
    out = next;
  }
  return out;
}

/**
 * Titles such as "M*A*S*H (1970)" hold Markdown characters, which would turn into italics.
 * @param text - plain text
 * @returns the text with Discord's Markdown characters escaped
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_`~|>]/g, '\\$&');
}

/**
 * @param text - any text
 * @param max - the most characters
 * @returns the text, cut with an ellipsis when longer than max
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Lengths count UTF-16 units: never keep half of an emoji's surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 2]) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}
