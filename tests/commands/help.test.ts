import { describe, expect, it } from 'vitest';

import { help } from '../../commands/help.js';
import { commands } from '../../commands/index.js';
import { commandFixture } from './support/fixture.js';

describe('/help', () => {
  it('lists every command the bot has, each on its own line with what it does', async () => {
    const f = await commandFixture();

    const reply = await f.run(help);

    const lines = reply.text!.split('\n');
    expect(commands.size).toBeGreaterThan(0);
    for (const name of commands.keys()) {
      const line = lines.find((l) => l.startsWith(`\`/${name}`));
      expect(line, `/${name}`).toMatch(/ — \S/);
    }
  });

  it('names no command the bot does not have', async () => {
    const f = await commandFixture();

    const reply = await f.run(help);

    const named = [...reply.text!.matchAll(/^`\/([a-z]+)/gm)].map((m) => m[1]);
    expect(named.sort()).toEqual([...commands.keys()].sort());
  });

  it('answers privately, as information', async () => {
    const f = await commandFixture();

    const reply = await f.run(help);

    expect(reply.tone).toBe('info');
    expect(reply.private).toBe(true);
  });
});
