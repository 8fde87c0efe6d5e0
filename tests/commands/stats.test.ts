import { describe, expect, it } from 'vitest';

import type { Invocation, Services } from '../../commands/index.js';
import { COVERAGE_CHART, stats } from '../../commands/stats.js';
import type { Model } from '../../model/model.js';
import { computeTopLists, type TopListFigures } from '../../src/stats/top-lists.js';
import { pngSize } from '../src/stats/support/png.js';
import { smallWorld } from '../src/stats/support/small-world.js';
import { commandFixture, fixtureModel, ID, ids, MEMBER, SERVER } from './support/fixture.js';

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

  it('given a model that recorded them, then the interactions per user: min, median, mean, max', async () => {
    const model = trainedModel();
    model.trainedOn.perUser = { min: 20, median: 96, mean: 1_000_209 / 6040, max: 2314 };
    const f = await commandFixture({ model });

    const reply = await f.run(stats);

    expect(reply.text!.split('\n')).toContain(
      'Interactions per user: min 20, median 96, mean 165.6, max 2,314',
    );
  });

  it('given a model saved before they were recorded, then the per-user figures are said to be missing', async () => {
    const model = trainedModel();
    delete model.trainedOn.perUser;
    const f = await commandFixture({ model });

    const reply = await f.run(stats);

    expect(reply.text).toContain('Interactions per user: not recorded for this model');
  });
});

describe('/stats catalog coverage', () => {
  const figures = computeTopLists(smallWorld());

  /** Runs /stats with the fixture's services and the given top lists. */
  async function statsWith(topLists: Services['topLists'], options: Invocation['options'] = {}) {
    const f = await commandFixture();
    const services: Services = { ...f.services, topLists };
    return stats.run({ server: SERVER, member: MEMBER, options }, services);
  }

  it('given everybody’s top 10, then a section with the distinct movies overall, at each rank and cumulatively', async () => {
    const c = figures.coverage;

    const reply = await statsWith(async () => figures);

    expect(reply.sections).toHaveLength(1);
    const [section] = reply.sections!;
    expect(section.title).toBe('Catalog coverage');
    const lines = section.text.split('\n');
    expect(lines[0]).toBe(
      `**${c.distinct} distinct movies** (${((100 * c.distinct) / 30).toFixed(1)}% of the 30 the ` +
        'model knows) in the top 10 of 60 MovieLens users and 0 members, leaving out what each ' +
        'has seen or liked.',
    );
    expect(lines[1]).toBe(`Distinct at rank 1, 2, … 10: ${c.perRank.join(' · ')}`);
    expect(lines[2]).toBe(`Distinct in the top 1, 2, … 10: ${c.cumulative.join(' · ')}`);
    expect(section.text.length).toBeLessThanOrEqual(1024);
  });

  it('given everybody’s top 10, then the coverage chart is attached as a PNG and shown in the answer', async () => {
    const reply = await statsWith(async () => figures);

    expect(reply.files?.map((f) => f.name)).toEqual([COVERAGE_CHART]);
    const [chart] = reply.files!;
    expect(pngSize(chart.data)).toEqual({ width: 960, height: 480 });
    expect(chart.data.equals(Buffer.from(figures.charts.coverage))).toBe(true);
    expect(chart.description).toMatch(/^Distinct movies in everybody's top 10/);
    expect(reply.image).toBe(COVERAGE_CHART);
  });

  it('given the figures still being computed, then the answer waits for them', async () => {
    let finish!: (f: TopListFigures) => void;
    const computing = new Promise<TopListFigures>((resolve) => (finish = resolve));
    let answered = false;

    const pending = statsWith(() => computing).then((reply) => {
      answered = true;
      return reply;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    finish(figures);

    expect((await pending).files?.[0].name).toBe(COVERAGE_CHART);
  });

  it('given the computation fails, then the rest of the statistics still come, with a short note', async () => {
    const reply = await statsWith(async () => {
      throw new Error('the statistics thread ran out of memory (simulated)');
    });

    expect(reply.text).toMatch(/^\*\*This server\*\*/);
    expect(reply.sections).toEqual([
      {
        title: 'Catalog coverage',
        text: 'Could not be computed right now; please try again later.',
      },
    ]);
    expect(reply.files).toBeUndefined();
  });

  it('given a process that does not compute them, then the section says so and nothing is attached', async () => {
    const f = await commandFixture();

    const reply = await f.run(stats);

    expect(reply.sections).toEqual([
      { title: 'Catalog coverage', text: 'Not computed by this process.' },
    ]);
    expect(reply.files).toBeUndefined();
    expect(reply.image).toBeUndefined();
  });
});
