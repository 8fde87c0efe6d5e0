import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Command, Invocation, Reply, Services } from '../../commands/index.js';
import { explore } from '../../commands/explore.js';
import { like } from '../../commands/like.js';
import { likes } from '../../commands/likes.js';
import { recommend } from '../../commands/recommend.js';
import { similar } from '../../commands/similar.js';
import { unlike } from '../../commands/unlike.js';
import { Catalog } from '../../src/catalog/index.js';
import { renderText } from '../../src/console/render.js';
import { renderReply } from '../../src/discord/render.js';
import { dispatch } from '../../src/dispatch.js';
import { readMovies } from '../src/catalog/movies.js';
import { capturingLogger } from '../src/storage/helpers.js';
import { commandFixture, MEMBER, SERVER } from './support/fixture.js';

// Every option a member types into, against every kind of bad input. Add a row to INPUTS and
// each option it applies to gets a case. Commands search the real MovieLens 1M titles, so a
// stray fuzzy match of odd input would be caught here.

const CATALOG = new Catalog(readMovies());
const HEAT = 6;
/** Liked by the member in every case, so that "@everyone" has something it could unlike. */
const EVERYONE_SAYS = 1057;

/** What an option answers to a value: the reply title it expects, or how it treats the value. */
type Answer = RegExp | 'same as leaving it out' | 'valid';
type Kind = 'title' | 'member' | 'page' | 'count' | 'seed';

interface Target {
  command: Command;
  option: string;
  kind: Kind;
  /** Other options the command needs so that the one under test is what gets checked. */
  base?: Invocation['options'];
}

const TARGETS: Target[] = [
  { command: like, option: 'title', kind: 'title' },
  { command: unlike, option: 'title', kind: 'title' },
  { command: similar, option: 'title', kind: 'title' },
  { command: likes, option: 'member', kind: 'member' },
  { command: likes, option: 'page', kind: 'page' },
  { command: recommend, option: 'count', kind: 'count' },
  { command: similar, option: 'count', kind: 'count', base: { title: String(HEAT) } },
  { command: explore, option: 'count', kind: 'count' },
  { command: explore, option: 'seed', kind: 'seed' },
];

const WHICH = /^Which movie\?$/;
const TOO_LONG = /^That title is too long$/;
const UNREADABLE = /^That title has characters I cannot read$/;
/** Names the text it could not find, so the member sees what went wrong. */
const NO_MATCH = /^(?:No movie matches|None of your likes matches) “.+”$/s;
const PICK = /^Which one do you mean\?$/;
const NOT_MEMBER = /^That is not a member$/;
const NOBODY = /^This member has no likes here yet$/;
const COUNT = /^count must be a whole number from 1 to (?:25|50)$/;
const PAGE = /^page must be a whole number 1 or more$/;
const ONE_PAGE = /^There is only 1 page$/;
const SEED = /^seed must be a whole number from 0 to 2,147,483,647$/;
const LEFT_OUT = 'same as leaving it out';

/** Text meant as a number: as a title it is searched like any other short title, so not here. */
const numeric = (member = NOT_MEMBER) => ({ member, page: PAGE, count: COUNT, seed: SEED });
/** Text no option takes: titles say what is wrong with them, numbers that they must be numbers. */
const text = (title: RegExp, member = NOT_MEMBER) => ({ title, ...numeric(member) });

interface Input {
  name: string;
  value: string | number;
  /** By kind, or by `command.option` where one option differs from its kind. */
  answers: Partial<Record<Kind | `${string}.${string}`, Answer>>;
}

const INPUTS: Input[] = [
  {
    name: 'empty text',
    value: '',
    answers: { title: WHICH, member: NOT_MEMBER, page: LEFT_OUT, count: LEFT_OUT, seed: LEFT_OUT },
  },
  { name: 'only spaces, a tab and wide spaces', value: '  \t\u00a0\u3000 ', answers: text(WHICH) },
  { name: 'only line breaks', value: '\n\r\n', answers: text(WHICH) },
  { name: '5,000 characters', value: 'x'.repeat(5_000), answers: text(TOO_LONG) },
  { name: '5,000 digits', value: '9'.repeat(5_000), answers: text(TOO_LONG) },
  { name: 'only emoji', value: '🎬🍿', answers: text(NO_MATCH) },
  { name: 'an emoji family and a flag', value: '👨‍👩‍👧 🇫🇷', answers: text(NO_MATCH) },
  {
    name: 'a long run of emoji, cut where echoed',
    value: '💥'.repeat(80),
    answers: text(NO_MATCH),
  },
  { name: 'combining marks alone', value: '\u0301\u0302\u0303', answers: text(NO_MATCH) },
  {
    name: 'letters under stacked combining marks',
    value: 'Z\u0334\u0321a\u0337\u0322l\u0336g\u0338o\u0335',
    answers: text(NO_MATCH),
  },
  { name: 'a keycap emoji for a number', value: '5️⃣', answers: numeric() },
  { name: 'a NUL character', value: 'heat\u0000', answers: text(UNREADABLE) },
  { name: 'a bell inside a title', value: 'he\u0007at', answers: text(UNREADABLE) },
  { name: 'a terminal escape sequence', value: '\u001b[2Jheat', answers: text(UNREADABLE) },
  { name: 'DEL and a C1 control', value: 'heat\u007f\u0085', answers: text(UNREADABLE) },
  { name: 'a tab between words', value: 'heat\tfargo', answers: text(UNREADABLE) },
  { name: 'two lines', value: 'heat\nfargo', answers: text(UNREADABLE) },
  { name: 'a Windows line break', value: 'heat\r\nfargo', answers: text(UNREADABLE) },
  { name: 'a Unicode line separator', value: 'heat\u2028fargo', answers: text(UNREADABLE) },
  { name: 'a Unicode paragraph separator', value: 'heat\u2029fargo', answers: text(UNREADABLE) },
  {
    name: 'bold, underline, strike-through and code',
    value: '**bold** __under__ ~~gone~~ `code`',
    answers: text(NO_MATCH),
  },
  { name: 'spoiler and quote Markdown', value: '||spoiler|| > quote', answers: text(NO_MATCH) },
  { name: 'a masked link', value: '[free nitro](https://example.com)', answers: text(NO_MATCH) },
  { name: '@everyone', value: '@everyone', answers: text(NO_MATCH) },
  { name: '@everyone in code', value: '`@everyone`', answers: text(NO_MATCH) },
  { name: '@here', value: '@here', answers: { ...text(PICK), 'unlike.title': NO_MATCH } },
  { name: 'a user mention', value: '<@123456789012345678>', answers: text(NO_MATCH) },
  { name: 'a nickname mention', value: '<@!123>', answers: text(NO_MATCH) },
  { name: 'a role mention', value: '<@&456>', answers: text(NO_MATCH) },
  { name: 'a channel mention', value: '<#789>', answers: text(NO_MATCH) },
  { name: 'a path', value: '../../etc/passwd', answers: text(NO_MATCH) },
  { name: '__proto__', value: '__proto__', answers: text(NO_MATCH, NOBODY) },
  {
    name: 'a snowflake that is nobody',
    value: '123456789012345678',
    answers: text(NO_MATCH, NOBODY),
  },
  {
    name: 'a number that is no MovieLens id (a gap)',
    value: '91',
    answers: { ...text(NO_MATCH, NOBODY), page: ONE_PAGE, seed: 'valid' },
  },
  {
    name: 'an id past the last movie',
    value: '4000',
    answers: { ...text(NO_MATCH, NOBODY), page: ONE_PAGE, seed: 'valid' },
  },
  {
    name: 'the id of a movie the member has not liked',
    value: '2571',
    answers: {
      ...text(NO_MATCH, NOBODY),
      'like.title': 'valid',
      'similar.title': 'valid',
      page: ONE_PAGE,
      seed: 'valid',
    },
  },
  { name: 'zero as text', value: '0', answers: { ...text(NO_MATCH, NOBODY), seed: 'valid' } },
  {
    name: 'minus one as text',
    value: '-1',
    answers: { ...text(PICK, NOBODY), 'unlike.title': NO_MATCH },
  },
  { name: '1.5 as text', value: '1.5', answers: numeric() },
  { name: '1e9 as text', value: '1e9', answers: numeric(NOBODY) },
  { name: 'abc', value: 'abc', answers: text(NO_MATCH, NOBODY) },
  { name: 'hexadecimal', value: '0x10', answers: numeric(NOBODY) },
  { name: 'a plus sign', value: '+5', answers: numeric() },
  { name: 'a number and a word', value: '5 movies', answers: numeric() },
  { name: 'full-width digits', value: '１０', answers: numeric() },
  { name: '20 digits', value: '9'.repeat(20), answers: text(NO_MATCH, NOBODY) },
  // Numbers as Discord sends them for integer options; no text option ever receives one.
  { name: 'count 0', value: 0, answers: { page: PAGE, count: COUNT, seed: 'valid' } },
  { name: 'count -1', value: -1, answers: { page: PAGE, count: COUNT, seed: SEED } },
  {
    name: 'count 26',
    value: 26,
    answers: { page: ONE_PAGE, count: COUNT, 'explore.count': 'valid', seed: 'valid' },
  },
  { name: 'count 51', value: 51, answers: { page: ONE_PAGE, count: COUNT, seed: 'valid' } },
  { name: 'count 1e9', value: 1e9, answers: { page: ONE_PAGE, count: COUNT, seed: 'valid' } },
  { name: 'count 1.5', value: 1.5, answers: { page: PAGE, count: COUNT, seed: SEED } },
  { name: 'count 2^31', value: 2 ** 31, answers: { page: ONE_PAGE, count: COUNT, seed: SEED } },
];

interface Case {
  input: Input;
  target: Target;
  answer: Exclude<Answer, 'valid'>;
}

const CASES: Case[] = INPUTS.flatMap((input) =>
  TARGETS.flatMap((target) => {
    const key = `${target.command.definition.name}.${target.option}` as const;
    const answer = input.answers[key] ?? input.answers[target.kind];
    return answer === undefined || answer === 'valid' ? [] : [{ input, target, answer }];
  }),
);

/** Traces of an internal failure that must never reach a member. */
const LEAKS = [
  /^\s*at\s/m,
  /\bat \S+ \(/,
  /\w*Error:/,
  /\b(?:Storage|Catalog|Type|Range|Syntax|Reference)Error\b/,
  /\bE(?:NOENT|NOSPC|ACCES|ROFS|PERM|ISDIR|IO|EXIST|BADF|MFILE)\b/,
  /(?:^|[\s(“"'])\/(?:work|tmp|home|root|usr|var|proc)\//,
  /\.(?:ts|js|json):\d+/,
  /node:internal/,
  /reelmate: /,
];

/** Every piece of text a reply shows, as the command wrote it and as each transport shows it. */
function shownText(reply: Reply): string[] {
  const rendered = renderReply(reply, MEMBER);
  return [
    reply.title,
    reply.text ?? '',
    reply.footer ?? '',
    ...(reply.sections ?? []).flatMap((s) => [s.title, s.text]),
    ...(reply.movies ?? []).flatMap((m) => [m.title, m.note ?? '']),
    ...(reply.pick?.movies ?? []).map((m) => m.title),
    JSON.stringify(rendered.embeds),
    renderText(reply),
  ];
}

/** The member text a reply echoes, between its curly quotes. */
function echoes(reply: Reply): string[] {
  return [...`${reply.title}\n${reply.text ?? ''}`.matchAll(/“([^]*?)”/g)].map((m) => m[1]);
}

/** Whether a string holds half of a surrogate pair: broken text for Discord and terminals. */
function hasLoneSurrogate(value: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** The likes in memory and every file of the servers folder, byte for byte. */
async function storedState(store: Services['likes'], folder: string) {
  await store.flush();
  const names = (await readdir(folder)).sort();
  const files = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
  return { likes: store.snapshot(), files: Object.fromEntries(names.map((n, i) => [n, files[i]])) };
}

async function runCase({ input, target }: Case) {
  const f = await commandFixture();
  await f.seed([HEAT, EVERYONE_SAYS]);
  const services: Services = { ...f.services, catalog: CATALOG };
  const { logger, lines } = capturingLogger();
  const ask = (options: Invocation['options']) =>
    dispatch(target.command, { server: SERVER, member: MEMBER, options }, services, logger);

  const before = await storedState(f.store, f.folder);
  const reply = await ask({ ...target.base, [target.option]: input.value });
  const after = await storedState(f.store, f.folder);
  const withoutIt = await ask({ ...target.base });
  return { reply, before, after, withoutIt, errors: lines.filter((l) => l.level >= 50) };
}

const title = (c: Case) =>
  `/${c.target.command.definition.name} ${c.target.option}: ${c.input.name}`;

describe(`bad input: ${CASES.length} cases (${INPUTS.length} inputs × the ${TARGETS.length} options they apply to)`, () => {
  it.each(CASES.map((c) => [title(c), c] as const))('given %s', async (_name, c) => {
    const { reply, before, after, withoutIt, errors } = await runCase(c);

    // The member gets an answer made for them, not an apology for a failure.
    expect(errors).toEqual([]);
    expect(reply.private).toBe(true);
    if (c.answer === LEFT_OUT) {
      expect(reply).toEqual(withoutIt);
    } else {
      expect(reply.title).toMatch(c.answer);
      expect(reply.tone).toBe(c.answer === PICK || c.answer === NOBODY ? 'info' : 'error');
      if (reply.tone === 'error' && c.answer !== ONE_PAGE) expect(reply.text ?? '').not.toBe('');
    }

    // Nothing is stored: not in memory, not on disk.
    expect(after).toEqual(before);

    // Nothing the member typed can ping anyone, format the answer, or break its text.
    expect(/[\n\r\u2028\u2029]/.test(reply.title)).toBe(false);
    for (const shown of shownText(reply)) {
      expect(shown).not.toMatch(/@(?:everyone|here)/i);
      expect(shown).not.toMatch(/<@[!&]?\d+>/);
      expect(hasLoneSurrogate(shown)).toBe(false);
      for (const leak of LEAKS) expect(shown).not.toMatch(leak);
    }
    for (const echo of echoes(reply)) {
      expect(echo).not.toMatch(/(?<!\\)[*_~`|>]/);
      expect(echo).not.toMatch(/@(?!\u200b)/);
      expect(echo.replace(/\\(?=[\\*_`~|>])|\u200b/g, '').length).toBeLessThanOrEqual(60);
    }
    expect(renderReply(reply, MEMBER).allowedMentions).toEqual({ parse: [] });
  });
});
