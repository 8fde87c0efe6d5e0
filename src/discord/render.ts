import {
  ActionRowBuilder,
  EmbedBuilder,
  MessageFlags,
  StringSelectMenuBuilder,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Reply } from '../../commands/index.js';
import { pickId } from './pick-id.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = { title: 256, description: 4096, footer: 2048, total: 6000, option: 100 } as const;

const COLORS = { info: 0x5865f2, success: 0x57f287, error: 0xed4245 } as const;

/**
 * Shows a reply as a Discord message: one embed, and a select menu when the
 * reply is a pick list. Mentions never ping anyone.
 * @param reply - the reply
 * @param member - who asked: only they may answer the pick list
 * @returns options for reply() or editReply()
 */
export function renderReply(reply: Reply, member: string): InteractionReplyOptions {
  const title = clip(reply.title, LIMITS.title);
  const footer = reply.footer ? clip(reply.footer, LIMITS.footer) : undefined;
  const room = LIMITS.total - title.length - (footer?.length ?? 0);
  const description = describe(reply, Math.min(LIMITS.description, room));

  const embed = new EmbedBuilder().setColor(COLORS[reply.tone]).setTitle(title);
  if (description) embed.setDescription(description);
  if (footer) embed.setFooter({ text: footer });

  const options: InteractionReplyOptions = { embeds: [embed], allowedMentions: { parse: [] }, components: [] };
  if (reply.private) options.flags = MessageFlags.Ephemeral;
  if (reply.pick) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(pickId.encode({ command: reply.pick.command, option: reply.pick.option, member }))
      .setPlaceholder('Choose a movie')
      .addOptions(
        reply.pick.movies.slice(0, 25).map((m) => ({ label: clip(m.title, LIMITS.option), value: String(m.id) })),
      );
    options.components = [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)];
  }
  return options;
}

/** The text and the numbered movies, cut at a line boundary to fit `max`. */
function describe(reply: Reply, max: number): string {
  const lines = reply.text ? [reply.text] : [];
  reply.movies?.forEach((m, i) => lines.push(`${i + 1}. **${m.title}**${m.note ? ` — ${m.note}` : ''}`));
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > max - 2) return out ? `${out}\n…` : clip(line, max);
    out = next;
  }
  return out;
}

/**
 * @param text - any text
 * @param max - the most characters
 * @returns the text, cut with an ellipsis when longer than max
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
