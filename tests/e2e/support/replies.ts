import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ComponentType,
  MessageFlags,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord.js';
import type { InteractionAnswer } from '../../support/fake-discord/index.js';

/** A numbered movie line of a reply: `3. **Heat (1995)** — because you liked …`. */
export interface ListedMovie {
  rank: number;
  title: string;
  note: string | null;
}

const MOVIE_LINE = /^(\d+)\. \*\*(.+?)\*\*(?: — (.+))?$/;

/**
 * @param answer - what the bot sent to an interaction
 * @returns its one embed
 * @throws Error when the answer holds no embed or several
 */
export function embedOf(answer: InteractionAnswer): APIEmbed {
  const embeds = answer.data.embeds ?? [];
  if (embeds.length !== 1) {
    throw new Error(`e2e: expected one embed, got ${JSON.stringify(answer.data)}`);
  }
  return embeds[0];
}

/**
 * @param embed - a reply's embed
 * @returns the numbered movies of its description, in order
 */
export function listedMovies(embed: APIEmbed): ListedMovie[] {
  return (embed.description ?? '').split('\n').flatMap((line) => {
    const match = MOVIE_LINE.exec(line);
    if (!match) return [];
    return [
      { rank: Number(match[1]), title: unescape(match[2]), note: unescape(match[3]) ?? null },
    ];
  });
}

/** Undoes the Markdown escaping of a title such as M\*A\*S\*H (1970). */
function unescape<T extends string | undefined>(text: T): T {
  return text?.replace(/\\([\\*_`~|>])/g, '$1') as T;
}

/**
 * Whether only the member who asked sees the answer: the ephemeral flag (64) on the message
 * it produced, which also covers a deferred reply edited later.
 * @param answer - a reply to a command
 * @returns true when ephemeral
 */
export function isEphemeral(answer: InteractionAnswer): boolean {
  const flags = answer.message?.flags ?? answer.data.flags ?? 0;
  return (flags & MessageFlags.Ephemeral) !== 0;
}

/**
 * @param answer - a reply
 * @returns the string select menu of its first action row, if any
 */
export function selectMenuOf(answer: InteractionAnswer): APIStringSelectComponent | undefined {
  for (const row of answer.data.components ?? []) {
    if (row.type !== ComponentType.ActionRow) continue;
    const menu = row.components.find((c) => c.type === ComponentType.StringSelect);
    if (menu) return menu as APIStringSelectComponent;
  }
  return undefined;
}

/**
 * Reads a server's liked lists as the bot stored them: `DATA_DIR/servers/<guild>.json`.
 * @param dataDir - the bot's DATA_DIR
 * @param guildId - the server
 * @returns the MovieLens ids each member likes, in order; empty when there is no file
 */
export async function storedLikes(
  dataDir: string,
  guildId: string,
): Promise<Record<string, number[]>> {
  const text = await readFile(join(dataDir, 'servers', `${guildId}.json`), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  if (text === null) return {};
  const document = JSON.parse(text) as { members: Record<string, { likes: { movie: number }[] }> };
  return Object.fromEntries(
    Object.entries(document.members).map(([member, { likes }]) => [
      member,
      likes.map((l) => l.movie),
    ]),
  );
}
