import { SlashCommandBuilder } from 'discord.js';
import { ageWords, exploreFigures, SAMPLE_TOP, type ExploreFigures } from '../src/stats/explore.js';
import { SUPPORT, type Attribute, type Group } from '../src/stats/groups.js';
import type { TopListFigures } from '../src/stats/top-lists.js';
import { countOption, isYes } from './options.js';
import { problem } from './replies.js';
import type { Command, Invocation, Reply, Section, Services } from './types.js';

/** Profiles sampled unless the member asks for another number. */
export const DEFAULT_COUNT = 30;
/** The most profiles one answer samples. */
export const MAX_COUNT = 50;
/** The largest seed: Discord's integer options go no further. */
export const MAX_SEED = 2 ** 31 - 1;
/** The name of the groups chart attached to the answer. */
export const GROUPS_CHART = 'explore.png';
/** The name of the whole answer as plain text, attached to it. */
export const LISTING = 'explore.txt';
/** Over-represented movies shown per group. */
const PER_GROUP = 2;
/** Embed fields hold at most 1,024 characters. */
const FIELD_MAX = 1024;

const HEADINGS: Record<Attribute, string> = {
  gender: 'By gender',
  age: 'By age band',
  occupation: 'By occupation',
};

/** /explore [count] [seed] [share]: recommendations for random MovieLens profiles, and by group. */
export const explore: Command = {
  expensive: true,
  definition: new SlashCommandBuilder()
    .setName('explore')
    .setDescription('Recommendations for random MovieLens profiles, and how groups differ')
    .addIntegerOption((o) =>
      o
        .setName('count')
        .setDescription(`How many profiles (1 to ${MAX_COUNT}, ${DEFAULT_COUNT} by default)`)
        .setMinValue(1)
        .setMaxValue(MAX_COUNT),
    )
    .addIntegerOption((o) =>
      o
        .setName('seed')
        .setDescription('The same seed draws the same profiles again')
        .setMinValue(0)
        .setMaxValue(MAX_SEED),
    )
    .addBooleanOption((o) =>
      o.setName('share').setDescription('Show the answer to everyone in the channel'),
    ),

  async run(invocation, services) {
    const count = countOption(invocation, 'count', DEFAULT_COUNT, MAX_COUNT);
    if (typeof count !== 'number') return count;
    const seed = seedOption(invocation);
    if (typeof seed !== 'number') return seed;
    if (!services.topLists || !services.profiles) {
      return problem('Exploring is not available here', 'This process has no MovieLens profiles.');
    }

    let figures: TopListFigures;
    try {
      figures = await services.topLists();
    } catch {
      // The statistics service has logged why for the admin.
      return problem('I could not work out everybody’s recommendations', 'Please try again later.');
    }
    const explored = exploreFigures(figures, services.profiles, count, seed);
    const title = `Top ${SAMPLE_TOP} for ${explored.sample.length} random MovieLens profiles`;
    const text = sampleText(explored, services);
    const sections = groupSections(explored.groups, services);
    const footer =
      `Lift: the share of a group's users with the movie in their top 10 ÷ the share of all ` +
      `${figures.movielens.users.length.toLocaleString('en')} MovieLens users. A movie counts ` +
      `when at least ${SUPPORT.minUsers} users and ${100 * SUPPORT.minShare}% of the group get it.`;
    return {
      tone: 'info',
      title,
      text,
      sections,
      files: [
        {
          // Discord's embed holds 6,000 characters: the whole answer goes along as text.
          name: LISTING,
          data: Buffer.from(plainText([title, text, ...sections.map(asText), footer]), 'utf8'),
          description: 'Every sampled profile with its top 5, and every group, as plain text.',
        },
        {
          name: GROUPS_CHART,
          data: Buffer.from(figures.charts.groups),
          description:
            'For each gender, age band and occupation, the lift of the movie most ' +
            'over-represented in its users’ top 10.',
        },
      ],
      image: GROUPS_CHART,
      footer,
      private: !isYes(invocation.options.share),
    };
  },
};

/**
 * Reads the seed option: a whole number from 0 to MAX_SEED, or a random one when absent.
 * @returns the seed, or an error reply
 */
function seedOption(invocation: Invocation): number | Reply {
  const raw = invocation.options.seed;
  if (raw === undefined || raw === '') return Math.floor(Math.random() * MAX_SEED);
  // Only spaces is not a seed: an error, as countOption gives for a count.
  const text = typeof raw === 'string' ? raw.trim() : raw;
  // Plain digits only: "1e3" or "0x10" are not what a member means by a seed.
  const n = typeof text === 'number' ? text : /^\d+$/.test(String(text)) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) {
    return problem(
      `seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en')}`,
      'The same seed draws the same profiles again, for example `seed:42`.',
    );
  }
  return n;
}

function sampleText(explored: ExploreFigures, services: Services): string {
  const lines = explored.sample.map(({ user, words, movies }) => {
    const titles = movies.map((id) => escape(services.catalog.get(id)?.title ?? `movie ${id}`));
    return `**#${user}** ${words}: ${titles.join(' · ')}`;
  });
  const again =
    `Seed ${explored.seed}: \`/explore seed:${explored.seed}\` draws the same profiles again. ` +
    `Everything is also in ${LISTING}.`;
  return [again, ...lines].join('\n');
}

/** One section per attribute, split where a section would pass an embed field's limit. */
function groupSections(groups: readonly Group[], services: Services): Section[] {
  const sections: Section[] = [];
  for (const attribute of Object.keys(HEADINGS) as Attribute[]) {
    const lines = groups
      .filter((g) => g.attribute === attribute)
      .map((g) => groupLine(g, services));
    const parts: string[][] = [[]];
    for (const line of lines) {
      const part = parts[parts.length - 1];
      if (part.length > 0 && [...part, line].join('\n').length > FIELD_MAX) parts.push([line]);
      else part.push(line);
    }
    parts.forEach((part, i) => {
      const numbered = parts.length > 1 ? ` (${i + 1}/${parts.length})` : '';
      sections.push({ title: `${HEADINGS[attribute]}${numbered}`, text: part.join('\n') });
    });
  }
  return sections;
}

function groupLine(group: Group, services: Services): string {
  const name = group.attribute === 'age' ? ageWords(group.value) : group.value;
  const who = `**${name}** (${group.users.toLocaleString('en')})`;
  if (group.movies.length === 0) return `${who}: nothing stands out`;
  const movies = group.movies.slice(0, PER_GROUP).map((m) => {
    const title = escape(services.catalog.get(m.movie)?.title ?? `movie ${m.movie}`);
    return `${title} ${m.lift.toFixed(1)}×`;
  });
  return `${who}: ${movies.join(' · ')}`;
}

function asText(section: Section): string {
  return `${section.title}\n${section.text}`;
}

/** Titles such as "M*A*S*H (1970)" would otherwise turn partly into italics. */
function escape(title: string): string {
  return title.replace(/[\\*_`~|>]/g, '\\$&');
}

/** Paragraphs without Discord's Markdown, ending with a newline. */
function plainText(paragraphs: string[]): string {
  const text = paragraphs.join('\n\n').replace(/\*\*(.+?)\*\*/g, '$1');
  return text.replace(/(?<!\\)`/g, '').replace(/\\([\\*_`~|>])/g, '$1') + '\n';
}
