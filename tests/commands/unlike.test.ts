import { describe, expect, it } from 'vitest';

import { unlike } from '../../commands/unlike.js';
import { silentLogger } from '../../src/logger.js';
import { LikeStore } from '../../src/storage/index.js';
import { commandFixture, diskThatCanFail, ID, MEMBER, SERVER } from './support/fixture.js';

const OTHER = '200000000000000002';

describe('/unlike', () => {
  it('given typed text naming one of my likes, then it is removed and the new count shown', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat, ID.matrix]);

    const reply = await f.run(unlike, { title: 'heat' });

    expect(reply).toEqual({
      tone: 'success',
      title: 'Removed Heat (1995) from your likes',
      subject: { id: ID.heat, title: 'Heat (1995)' },
      text: 'You like 1 movie now.',
      private: true,
    });
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.matrix]);
  });

  it('given an autocomplete choice (the id of one of my likes), then that movie is removed', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat, ID.matrix]);

    const reply = await f.run(unlike, { title: String(ID.matrix) });

    expect(reply.title).toBe('Removed Matrix, The (1999) from your likes');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
  });

  it('given a title shared by remakes, then only the one I like is considered, without a pick list', async () => {
    const f = await commandFixture();
    await f.seed([ID.hamlet1996]);

    const reply = await f.run(unlike, { title: 'hamlet' });

    expect(reply.title).toBe('Removed Hamlet (1996) from your likes');
    expect(reply.pick).toBeUndefined();
    expect(f.store.likes(SERVER, MEMBER)).toEqual([]);
  });

  it('given a movie I do not like, then a friendly error pointing at /likes and nothing changes', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(unlike, { title: 'fargo' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('None of your likes matches “fargo”');
    expect(reply.text).toContain('/likes');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
  });

  it('given the id of a movie I do not like, then nothing is removed', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(unlike, { title: String(ID.fargo) });

    expect(reply.tone).toBe('error');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
  });

  it('given no likes at all, then the hint says to add some with /like', async () => {
    const f = await commandFixture();

    const reply = await f.run(unlike, { title: 'heat' });

    expect(reply.tone).toBe('error');
    expect(reply.text).toContain('/like');
    expect(reply.text).toMatch(/no likes yet/);
  });

  it('given a movie only another member likes, then their like stays', async () => {
    const f = await commandFixture();
    await f.seed([ID.fargo], { member: OTHER });
    await f.seed([ID.heat]);

    const reply = await f.run(unlike, { title: String(ID.fargo) });

    expect(reply.tone).toBe('error');
    expect(f.store.likes(SERVER, OTHER)).toEqual([ID.fargo]);
  });

  it.each([
    ['empty', '', 'Which movie?'],
    ['whitespace only', '   ', 'Which movie?'],
    ['5,000 characters', 'x'.repeat(5_000), 'That title is too long'],
    ['a control character', 'heat\u001b[2J', 'That title has characters I cannot read'],
  ])('given %s, then a friendly error and my likes stay', async (_case, title, expected) => {
    const f = await commandFixture();
    await f.seed([ID.heat]);

    const reply = await f.run(unlike, { title });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(expected);
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat]);
  });

  it('given a mention in typed text, then the echo cannot ping', async () => {
    const f = await commandFixture();

    const reply = await f.run(unlike, { title: '@here' });

    expect(reply.title).toBe('None of your likes matches “@\u200bhere”');
  });

  it('given the disk refuses the write, then "could not be saved" and the movie stays liked', async () => {
    const disk = diskThatCanFail();
    const f = await commandFixture({ fileAdapter: disk.fileAdapter });
    await f.seed([ID.heat, ID.fargo]);
    disk.fail();

    const reply = await f.run(unlike, { title: 'heat' });

    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('That change could not be saved');
    expect(f.store.likes(SERVER, MEMBER)).toEqual([ID.heat, ID.fargo]);
    const reopened = await LikeStore.open(f.folder, silentLogger());
    expect(reopened.likes(SERVER, MEMBER)).toEqual([ID.heat, ID.fargo]);
    await reopened.close();
  });
});

describe('/unlike autocomplete', () => {
  const me = { server: SERVER, member: MEMBER, options: {} };

  it('given nothing typed, then it offers all my likes in the order liked, with ids as values', async () => {
    const f = await commandFixture();
    await f.seed([ID.matrix, ID.heat]);
    await f.seed([ID.fargo], { member: OTHER });

    expect(unlike.autocomplete!(me, '', f.services)).toEqual([
      { name: 'Matrix, The (1999)', value: String(ID.matrix) },
      { name: 'Heat (1995)', value: String(ID.heat) },
    ]);
  });

  it('given typed text, then only my likes that match are offered, never the rest of the catalog', async () => {
    const f = await commandFixture();
    await f.seed([ID.hamlet1990, ID.heat]);
    await f.seed([ID.hamlet1996], { member: OTHER });

    expect(unlike.autocomplete!(me, 'hamlet', f.services)).toEqual([
      { name: 'Hamlet (1990)', value: String(ID.hamlet1990) },
    ]);
  });

  it('given no likes, then there is nothing to offer', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat], { member: OTHER });

    expect(unlike.autocomplete!(me, '', f.services)).toEqual([]);
    expect(unlike.autocomplete!(me, 'heat', f.services)).toEqual([]);
  });
});
