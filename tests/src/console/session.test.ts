import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { commands } from '../../../commands/index.js';
import type { Services } from '../../../commands/index.js';
import { CONSOLE_MEMBER, CONSOLE_SERVER, runConsole } from '../../../src/console/session.js';
import { createLogger, silentLogger, type Logger } from '../../../src/logger.js';
import { commandFixture, ID } from '../../commands/support/fixture.js';

/**
 * Runs a console session over the lines given, to the end of input.
 * @returns everything written to the output
 */
async function session(
  services: Services,
  lines: string[],
  options: { json?: boolean; logger?: Logger } = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));

  const done = runConsole({
    input,
    output,
    commands,
    services,
    logger: options.logger ?? silentLogger(),
    json: options.json ?? false,
  });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return written;
}

/** Splits text output into answers, one per reply. */
const answers = (text: string) => text.split('\n\n').filter((a) => a !== '');

describe('runConsole', () => {
  it('given several lines, then each answer is written in order, as the console member', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like the matrix', '/like heat 1995', '/likes']);

    expect(answers(out)).toEqual([
      '# Liked Matrix, The (1999)\nYou like 1 movie now.',
      '# Liked Heat (1995)\nYou like 2 movies now.',
      '# Your likes\nYou like 2 movies in this server.\n 1. Matrix, The (1999)\n 2. Heat (1995)',
    ]);
    expect(f.store.likes(CONSOLE_SERVER, CONSOLE_MEMBER)).toEqual([ID.matrix, ID.heat]);
  });

  it('given blank lines and comments, then they get no answer', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['', '   ', '# just a note', '/likes']);

    expect(answers(out)).toEqual([
      '# You have no likes here yet\nAdd one with `/like`, for example `/like title:Heat`.',
    ]);
  });

  it('given named options, then the command gets them', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like the matrix', '/recommend count:2']);

    const recommended = answers(out)[1].split('\n');
    expect(recommended[0]).toBe('# Recommended for you');
    expect(recommended.slice(2)).toEqual([
      ' 1. Star Wars: Episode IV - A New Hope (1977) — because you liked Matrix, The (1999)',
      ' 2. Alien (1979) — because you liked Matrix, The (1999)',
    ]);
  });

  it('given a pick list answered with "2", then the command runs with the second movie', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like hamlet', '2']);

    const [pick, liked] = answers(out);
    expect(pick).toContain(
      ' 1. Hamlet (1990)\n 2. Hamlet (1996)\nAnswer with the number of your choice.',
    );
    expect(liked).toBe('# Liked Hamlet (1996)\nYou like 1 movie now.');
    expect(f.store.likes(CONSOLE_SERVER, CONSOLE_MEMBER)).toEqual([ID.hamlet1996]);
  });

  it('given "/pick 1" after a /similar pick list, then /similar runs with the first movie', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/similar hamlet count:2', '/pick 1']);

    expect(answers(out)[1]).toMatch(/^# Movies like Hamlet \(1990\)\n/);
  });

  it('given a number with no pick list pending, then a friendly error and nothing is liked', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['2']);

    expect(answers(out)).toEqual([
      '! There is nothing to pick from\nStart with a command such as `/like`.',
    ]);
    expect(f.store.likes(CONSOLE_SERVER, CONSOLE_MEMBER)).toEqual([]);
  });

  it('given a number beyond the pick list, then an error, and the list can still be answered', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like hamlet', '9', '1']);

    const [, beyond, liked] = answers(out);
    expect(beyond).toMatch(/^! Pick a number from 1 to 2/);
    expect(liked).toMatch(/^# Liked Hamlet \(1990\)/);
  });

  it('given a pick list already answered, then a second number finds nothing to pick', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like hamlet', '1', '2']);

    expect(answers(out)[2]).toMatch(/^! There is nothing to pick from/);
    expect(f.store.likes(CONSOLE_SERVER, CONSOLE_MEMBER)).toEqual([ID.hamlet1990]);
  });

  it('given another command after a pick list, then a number no longer answers the old list', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like hamlet', '/likes', '2']);

    expect(answers(out)[2]).toMatch(/^! There is nothing to pick from/);
    expect(f.store.likes(CONSOLE_SERVER, CONSOLE_MEMBER)).toEqual([]);
  });

  it('given an unknown command, then an error listing the known ones, and the session goes on', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/dance now', '/like heat']);

    const [unknown, liked] = answers(out);
    expect(unknown.split('\n')[0]).toBe('! There is no /dance');
    for (const name of commands.keys()) expect(unknown).toContain(`/${name}`);
    expect(liked).toMatch(/^# Liked Heat \(1995\)/);
  });

  it('given /retrain, then it runs with the rights of whoever runs the console', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/retrain']);

    expect(out).toMatch(/^# Retraining started\n/);
    expect(f.retraining.reasons).toEqual([`requested by ${CONSOLE_MEMBER} in ${CONSOLE_SERVER}`]);
  });

  it('given a command that fails unexpectedly, then a short apology, a logged error, and the session goes on', async () => {
    const f = await commandFixture();
    const logged: Record<string, unknown>[] = [];
    const logger = createLogger('debug', {
      write: (line: string) => logged.push(JSON.parse(line)),
    });
    const services: Services = {
      ...f.services,
      recommender: () => {
        throw new Error('model folder vanished (simulated)');
      },
    };

    const out = await session(services, ['/recommend', '/help'], { logger });

    const [failed, help] = answers(out);
    expect(failed.split('\n')[0]).toBe('! Something went wrong on my side');
    expect(failed).not.toContain('vanished');
    expect(help).toMatch(/^# reelmate/);
    expect(logged).toContainEqual(
      expect.objectContaining({ command: 'recommend', msg: '/recommend failed unexpectedly' }),
    );
  });

  it('given json, then one JSON object per answer with the command, the title and movie ids', async () => {
    const f = await commandFixture();

    const out = await session(
      f.services,
      ['/like the matrix', '/recommend 3', '/like hamlet', '/dance'],
      {
        json: true,
      },
    );

    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const [liked, recommended, pick, unknown] = lines.map((line) => JSON.parse(line));
    expect(liked).toMatchObject({
      command: 'like',
      tone: 'success',
      title: 'Liked Matrix, The (1999)',
    });
    expect(recommended).toMatchObject({ command: 'recommend', title: 'Recommended for you' });
    expect(recommended.movies.map((m: { id: number }) => m.id)).toEqual([
      ID.starWars,
      ID.alien,
      ID.toyStory,
    ]);
    expect(recommended.movies[0]).toEqual({
      id: ID.starWars,
      title: 'Star Wars: Episode IV - A New Hope (1977)',
      note: 'because you liked Matrix, The (1999)',
    });
    expect(pick).toMatchObject({ command: 'like', title: 'Which one do you mean?' });
    expect(pick.choices).toEqual([
      { id: ID.hamlet1990, title: 'Hamlet (1990)' },
      { id: ID.hamlet1996, title: 'Hamlet (1996)' },
    ]);
    expect(unknown).toMatchObject({
      command: 'unknown',
      tone: 'error',
      title: 'There is no /dance',
    });
  });

  it('given json and a pick list answered with a number, then the answer names the command that ran', async () => {
    const f = await commandFixture();

    const out = await session(f.services, ['/like hamlet', '2'], { json: true });

    const answered = JSON.parse(out.trimEnd().split('\n')[1]);
    expect(answered).toMatchObject({ command: 'like', title: 'Liked Hamlet (1996)' });
  });

  it('keeps reading until input ends, and ends then', async () => {
    const f = await commandFixture();
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    let ended = false;

    const done = runConsole({
      input,
      output,
      commands,
      services: f.services,
      logger: silentLogger(),
      json: false,
    }).then(() => (ended = true));
    input.write('/like heat\n');
    while (!written.includes('\n\n')) await new Promise((resolve) => setImmediate(resolve));

    expect(written).toMatch(/^# Liked Heat \(1995\)/);
    expect(ended).toBe(false);
    input.end();
    await done;
    expect(ended).toBe(true);
  });

  it('given a last line without a newline, then it is still answered', async () => {
    const f = await commandFixture();
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));

    const done = runConsole({
      input,
      output,
      commands,
      services: f.services,
      logger: silentLogger(),
      json: false,
    });
    input.end('/like fargo');
    await done;

    expect(written).toMatch(/^# Liked Fargo \(1996\)/);
  });
});
