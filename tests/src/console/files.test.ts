import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command, Reply } from '../../../commands/index.js';
import { renderJson, renderText } from '../../../src/console/render.js';
import { runConsole } from '../../../src/console/session.js';
import { silentLogger } from '../../../src/logger.js';
import { commandFixture } from '../../commands/support/fixture.js';

const CHART = Buffer.from('89504e470d0a1a0a', 'hex');

const WITH_CHART: Reply = {
  tone: 'info',
  title: 'Statistics',
  text: 'Figures.',
  sections: [{ title: 'Catalog coverage', text: '**1,386** distinct movies' }],
  files: [{ name: 'coverage.png', data: CHART, description: 'Distinct movies by rank' }],
  image: 'coverage.png',
  private: true,
};

/** A command that answers with a chart. */
const chart: Command = {
  definition: new SlashCommandBuilder().setName('chart').setDescription('A chart'),
  run: async () => WITH_CHART,
};

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Runs `/chart` in a console session writing files into a fresh folder. */
async function session(json: boolean): Promise<{ out: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'reelmate-console-files-'));
  folders.push(dir);
  const f = await commandFixture();
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const done = runConsole({
    input,
    output,
    commands: new Map([['chart', chart]]),
    services: f.services,
    logger: silentLogger(),
    json,
    filesDir: dir,
  });
  input.end('/chart\n');
  await done;
  return { out, dir };
}

describe('console answers with files', () => {
  it('given a reply with a chart, then the chart is written to the folder and the text says where', async () => {
    const { out, dir } = await session(false);

    expect(await readFile(join(dir, 'coverage.png'))).toEqual(CHART);
    expect(await readdir(dir)).toEqual(['coverage.png']);
    expect(out).toBe(
      [
        '# Statistics',
        'Figures.',
        '',
        'Catalog coverage',
        '1,386 distinct movies',
        '',
        `coverage.png written to ${join(dir, 'coverage.png')}`,
        '',
        '',
      ].join('\n'),
    );
  });

  it('given JSON mode, then the files are listed by name, size and path, never as bytes', async () => {
    const { out, dir } = await session(true);

    const answer = JSON.parse(out);
    expect(answer.files).toEqual([
      {
        name: 'coverage.png',
        bytes: CHART.length,
        description: 'Distinct movies by rank',
        path: join(dir, 'coverage.png'),
      },
    ]);
    expect(answer.sections).toEqual(WITH_CHART.sections);
    expect(answer.image).toBe('coverage.png');
    expect(out).not.toContain('"data"');
  });
});

describe('renderText and renderJson without a written file', () => {
  it('given a file that was not written, then the text says so and JSON gives no path', () => {
    expect(renderText(WITH_CHART)).toContain('coverage.png could not be written');
    expect(JSON.parse(renderJson('stats', WITH_CHART)).files[0].path).toBeNull();
  });
});
