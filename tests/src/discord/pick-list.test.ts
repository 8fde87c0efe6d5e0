import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  InteractionType,
  MessageFlags,
  type APIEmbed,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { describe, expect, it } from 'vitest';

import { commands } from '../../../commands/index.js';
import { InteractionRouter } from '../../../src/discord/interactions.js';
import { PICK_TTL_MS, pickId } from '../../../src/discord/pick-id.js';
import {
  commandFixture,
  ID,
  MEMBER,
  SERVER,
  type Fixture,
} from '../../commands/support/fixture.js';
import { capturingLogger } from '../storage/helpers.js';

// A member answers a pick list (the select menu under "Which one do you mean?"). The router is
// driven with a small stand-in for discord.js's StringSelectMenuInteraction; tests/e2e covers
// the same through the fake Discord for /like (conversation.test.ts: another member's list;
// edges.test.ts: an expired list and a custom id of another bot).

const OTHER = '200000000000000002';
const MINUTE = 60_000;

interface Answer {
  /** A new message, as interaction.reply sends it: the list stays as it was. */
  replies: InteractionReplyOptions[];
  /** The list's message replaced, as interaction.update does once a movie is chosen. */
  updates: InteractionUpdateOptions[];
}

interface Pick {
  customId: string;
  values: string[];
  /** Who chose. */
  member?: string;
  /** Where; null for a direct message. */
  guildId?: string | null;
}

/** What discord.js hands the router for a select menu, as far as the router reads it. */
function selectMenu(pick: Pick, answer: Answer): Interaction {
  const guildId = pick.guildId === undefined ? SERVER : pick.guildId;
  const fake = {
    type: InteractionType.MessageComponent,
    customId: pick.customId,
    values: pick.values,
    user: { id: pick.member ?? MEMBER },
    guildId,
    isAutocomplete: () => false,
    isChatInputCommand: () => false,
    isStringSelectMenu: () => true,
    inGuild: () => guildId !== null,
    reply: async (options: InteractionReplyOptions) => void answer.replies.push(options),
    update: async (options: InteractionUpdateOptions) => void answer.updates.push(options),
  };
  return fake as unknown as Interaction;
}

/** The custom id of a list MEMBER got from /<command>, made `age` ms ago. */
function listOf(command: string, age = 0, member = MEMBER): string {
  return pickId.encode({ command, option: 'title', member, at: Date.now() - age });
}

async function filesOf(f: Fixture): Promise<Record<string, string>> {
  await f.store.flush();
  const names = (await readdir(f.folder).catch(() => [])).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(f.folder, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, texts[i]]));
}

/** Runs one pick through the router, with the member liking Heat beforehand. */
async function choose(pick: Pick) {
  const f = await commandFixture();
  await f.seed([ID.heat]);
  const { logger, lines } = capturingLogger();
  const router = new InteractionRouter(commands, f.services, logger);
  const before = { likes: f.store.snapshot(), files: await filesOf(f) };

  const answer: Answer = { replies: [], updates: [] };
  await router.handle(selectMenu(pick, answer));

  const after = { likes: f.store.snapshot(), files: await filesOf(f) };
  const errors = lines.filter((line) => line.level >= 50);
  return { answer, before, after, errors, likes: f.store.likes(SERVER, MEMBER) };
}

function embedOf(options: InteractionReplyOptions | InteractionUpdateOptions): APIEmbed {
  const [embed] = options.embeds ?? [];
  return (embed && 'toJSON' in embed ? embed.toJSON() : embed) as APIEmbed;
}

const hamlet1996 = String(ID.hamlet1996);

const REFUSED: [string, Pick, string, string | undefined][] = [
  [
    'a list that belongs to another member',
    { customId: listOf('like', 0, OTHER), values: [hamlet1996] },
    'That list belongs to another member',
    'Run the command yourself to get your own.',
  ],
  [
    'a /like list made 16 minutes ago',
    { customId: listOf('like', 16 * MINUTE), values: [hamlet1996] },
    'That list has expired',
    'Run /like again.',
  ],
  [
    'a /similar list made 16 minutes ago',
    { customId: listOf('similar', 16 * MINUTE), values: [hamlet1996] },
    'That list has expired',
    'Run /similar again.',
  ],
  [
    'an expired list of another member',
    { customId: listOf('like', 16 * MINUTE, OTHER), values: [hamlet1996] },
    'That list belongs to another member',
    'Run the command yourself to get your own.',
  ],
  [
    'a list answered in a direct message',
    { customId: listOf('like'), values: [hamlet1996], guildId: null },
    'That list is not mine to answer',
    undefined,
  ],
  [
    'a list naming a command the bot does not have',
    { customId: listOf('watch'), values: [hamlet1996] },
    'That list is not mine to answer',
    undefined,
  ],
  [
    'the select menu of another bot',
    { customId: 'poll:1', values: [hamlet1996] },
    'That list is not mine to answer',
    undefined,
  ],
];

describe('a pick list answered by the wrong member, too late or from the wrong place', () => {
  it.each(REFUSED)(
    'given %s, then a private refusal and nothing stored',
    async (_, pick, title, text) => {
      const { answer, before, after, errors } = await choose(pick);

      expect(answer.updates).toEqual([]);
      expect(answer.replies).toHaveLength(1);
      const [reply] = answer.replies;
      expect(embedOf(reply).title).toBe(title);
      expect(embedOf(reply).description).toBe(text);
      expect(reply.flags).toBe(MessageFlags.Ephemeral);
      expect(reply.allowedMentions).toEqual({ parse: [] });
      expect(after).toEqual(before);
      expect(errors).toEqual([]);
    },
  );
});

const UNOFFERED: [string, string[], string][] = [
  ['a number that is no MovieLens id', ['91'], 'No movie matches “91”'],
  ['a mention', ['@everyone'], 'No movie matches “@\u200beveryone”'],
  ['no value at all', [], 'Which movie?'],
];

describe('a pick list answered with a value it never offered', () => {
  it.each(UNOFFERED)(
    'given %s, then the list says what is wrong and nothing is stored',
    async (_, values, title) => {
      const { answer, before, after, errors } = await choose({ customId: listOf('like'), values });

      expect(answer.replies).toEqual([]);
      expect(answer.updates).toHaveLength(1);
      expect(embedOf(answer.updates[0]).title).toBe(title);
      expect(answer.updates[0].allowedMentions).toEqual({ parse: [] });
      expect(after).toEqual(before);
      expect(errors).toEqual([]);
    },
  );
});

describe('a pick list answered in time by the member it was made for', () => {
  it('given a list made 14 minutes ago, then the chosen movie is liked and the list replaced', async () => {
    const { answer, likes } = await choose({
      customId: listOf('like', 14 * MINUTE),
      values: [hamlet1996],
    });

    expect(answer.replies).toEqual([]);
    expect(answer.updates).toHaveLength(1);
    expect(embedOf(answer.updates[0])).toMatchObject({
      title: 'Liked Hamlet (1996)',
      description: 'You like 2 movies now.',
    });
    expect(answer.updates[0].components).toEqual([]);
    expect(likes).toEqual([ID.heat, ID.hamlet1996]);
  });

  it('given the time limit, then it is the 15 minutes the refusals above rely on', () => {
    expect(PICK_TTL_MS).toBe(15 * MINUTE);
  });
});
