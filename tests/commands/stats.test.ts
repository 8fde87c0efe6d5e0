import { describe, expect, it } from 'vitest';

import { stats } from '../../commands/stats.js';
import type { Model } from '../../model/model.js';
import { commandFixture, fixtureModel, ID, ids } from './support/fixture.js';

const ANN = '200000000000000001';
const BOB = '200000000000000002';
const CAROL = '200000000000000003';
const OTHER_SERVER = '100000000000000002';

/** The fixture's model with the figures of a real training run. */
function trainedModel(): Model {
  return {
    ...fixtureModel(),
    members: [{ id: 6041, server: '100000000000000001', member: ANN }],
    trainedOn: { users: 6041, items: 3706, interactions: 1_000_210 },
    fitSeconds: 9.84,
    trainedAt: '2024-03-04T05:06:07.000Z',
    evaluation: {
      users: 6040,
      'precision@10': 0.1234,
      'recall@10': 0.0567,
      'map@10': 0.0789,
      'ndcg@10': 0.2346,
      'coverage@10': 0.3456,
    },
  };
}

describe('/stats', () => {
  it("given likes in this server and another, then only this server's members and likes are counted", async () => {
    const f = await commandFixture();
    await f.seed([ID.heat, ID.matrix], { member: ANN });
    await f.seed([ID.heat], { member: BOB });
    await f.seed([ID.fargo, ID.alien, ID.heat], { member: CAROL, server: OTHER_SERVER });

    const reply = await f.run(stats, {}, { member: ANN });

    expect(reply.text).toMatch(/^\*\*This server\*\*: 2 members with likes, 3 likes in total\.$/m);
    expect(reply.movies).toEqual([
      { id: ID.heat, title: 'Heat (1995)', note: '2 likes' },
      { id: ID.matrix, title: 'Matrix, The (1999)', note: '1 like' },
    ]);
    expect(ids(reply)).not.toContain(ID.fargo);
    expect(reply.footer).toMatch(/Most liked in this server/);
  });

  it('given the other server asks, then it sees only its own member', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat, ID.matrix], { member: ANN });
    await f.seed([ID.fargo], { member: CAROL, server: OTHER_SERVER });

    const reply = await f.run(stats, {}, { member: CAROL, server: OTHER_SERVER });

    expect(reply.text).toMatch(/1 member with likes, 1 like in total/);
    expect(ids(reply)).toEqual([ID.fargo]);
  });

  it('given a server without likes, then zero counts and no most-liked list', async () => {
    const f = await commandFixture();
    await f.seed([ID.heat], { server: OTHER_SERVER });

    const reply = await f.run(stats);

    expect(reply.text).toMatch(/0 members with likes, 0 likes in total/);
    expect(reply.movies).toEqual([]);
    expect(reply.footer).toBeUndefined();
  });

  it('given no schedule, then "Next retrain: not scheduled"', async () => {
    const f = await commandFixture();
    f.retraining.next = null;

    const reply = await f.run(stats);

    expect(reply.text).toContain('\nNext retrain: not scheduled\n');
  });

  it('given a scheduled retrain, then its date and time in UTC', async () => {
    const f = await commandFixture();
    f.retraining.next = new Date('2024-05-06T04:30:00Z');

    const reply = await f.run(stats);

    expect(reply.text).toContain('\nNext retrain: 2024-05-06 04:30 UTC\n');
  });

  it('given a trained model, then when and how it was trained, its settings and its held-out figures', async () => {
    const f = await commandFixture({ model: trainedModel() });

    const reply = await f.run(stats);

    const lines = reply.text!.split('\n');
    expect(lines).toContain('**Model**: trained 2024-03-04 05:06 UTC in 9.8 s');
    expect(lines).toContain(
      'Trained on 6,041 users (1 member), 3,706 movies, 1,000,210 interactions',
    );
    expect(lines).toContain(
      'Settings: 3 factors, 15 iterations, regularization 1, alpha 1, constant weighting, 3 CG steps',
    );
    expect(lines).toContain(
      'Held-out figures: ndcg@10 0.235, precision@10 0.123, map@10 0.079, coverage@10 0.346',
    );
  });

  it('given a model without evaluation, then the held-out figures are said to be missing', async () => {
    const f = await commandFixture();

    const reply = await f.run(stats);

    expect(reply.text).toContain('Held-out figures: not measured for this model');
  });

  it('given a retrain running, then the model line says so', async () => {
    const f = await commandFixture();
    f.retraining.running = true;

    const reply = await f.run(stats);

    expect(reply.text).toMatch(/^\*\*Model\*\*: trained .* \(a retrain is running now\)$/m);
  });

  it('given share, then the answer is for the whole channel; otherwise private', async () => {
    const f = await commandFixture();

    expect((await f.run(stats, { share: true })).private).toBe(false);
    expect((await f.run(stats)).private).toBe(true);
  });
});
