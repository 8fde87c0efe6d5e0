import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { retrain } from '../../commands/retrain.js';
import { commandFixture, MEMBER, SERVER } from './support/fixture.js';

describe('/retrain', () => {
  it('given a member who cannot manage the server, then it is refused and no retrain starts', async () => {
    const f = await commandFixture();

    const refused = await f.run(retrain);
    const refusedExplicitly = await f.run(retrain, {}, { manager: false });

    for (const reply of [refused, refusedExplicitly]) {
      expect(reply.tone).toBe('error');
      expect(reply.title).toBe('Only members who can manage this server can retrain');
      expect(reply.private).toBe(true);
    }
    expect(f.retraining.reasons).toEqual([]);
    expect(f.retraining.busy()).toBe(false);
  });

  it('given a manager, then a retrain starts and the reason names who asked and where', async () => {
    const f = await commandFixture();

    const reply = await f.run(retrain, {}, { manager: true });

    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Retraining started');
    expect(reply.text).toContain('/stats');
    expect(f.retraining.reasons).toEqual([`requested by ${MEMBER} in ${SERVER}`]);
  });

  it('given a retrain already running, then the reply says so and no second one starts', async () => {
    const f = await commandFixture();
    await f.run(retrain, {}, { manager: true });

    const reply = await f.run(retrain, {}, { manager: true });

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('A retrain is already running');
    expect(f.retraining.reasons).toHaveLength(1);
  });

  it('given a retrain that ended minutes ago, then the reply asks to wait and none starts', async () => {
    const f = await commandFixture();
    f.retraining.recent = true;

    const reply = await f.run(retrain, {}, { manager: true });

    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('The model was retrained a few minutes ago');
    expect(f.retraining.reasons).toHaveLength(0);
  });

  it('is hidden by default from members without Manage Server', () => {
    expect(retrain.definition.toJSON().default_member_permissions).toBe(
      String(PermissionFlagsBits.ManageGuild),
    );
  });
});
