import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../support/fake-discord/index.js';
import { PNG_SIGNATURE, pngSize } from '../src/stats/support/png.js';
import { CLEAN, hygieneReport } from './support/hygiene.js';
import { MATRIX } from './support/movies.js';
import { embedOf, isEphemeral } from './support/replies.js';
import { startSession, type E2eSession } from './support/session.js';

/**
 * The first /stats ranks the catalog for all 6,040 MovieLens users in a worker thread: seconds
 * alone, more on a shared machine. The answer is deferred meanwhile and edited in.
 */
const STATISTICS = { timeoutMs: 120_000 };

describe('/stats and /explore with their charts, through a fake Discord', () => {
  let s: E2eSession;
  let server: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    s = await startSession();
    server = s.fake.guilds[0].id;
    [alice, bob] = s.fake.users.map((u) => u.id);
  });

  afterAll(async () => {
    if (s) expect(await s.close()).toEqual([]);
  });

  const run = (input: Omit<CommandInput, 'guildId'>) =>
    s.fake.sendCommand({ guildId: server, ...input }).final(STATISTICS);

  it('answers /stats with the coverage chart uploaded as a PNG file and shown in the embed', async () => {
    await run({ userId: alice, name: 'like', options: { title: String(MATRIX.id) } });

    const answer = await run({ userId: alice, name: 'stats' });

    expect(answer.status).toBeLessThan(300);
    expect(answer.request.multipart).toBe(true);
    expect(answer.files.map((f) => [f.field, f.name])).toEqual([['files[0]', 'coverage.png']]);
    const [chart] = answer.files;
    expect(chart.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.bytes)).toEqual({ width: 960, height: 480 });
    expect(answer.message?.attachments.map((a) => a.filename)).toEqual(['coverage.png']);

    const embed = embedOf(answer);
    expect(embed.image?.url).toBe('attachment://coverage.png');
    expect(embed.description).toContain('**This server**: 1 member with likes, 1 like in total.');
    expect(embed.description).toContain(
      'Interactions per user: min 20, median 96, mean 165.6, max 2,314',
    );
    const [coverage] = embed.fields ?? [];
    expect(coverage.name).toBe('Catalog coverage');
    expect(coverage.value).toMatch(
      /^\*\*[\d,]+ distinct movies\*\* \([\d.]+% of the 3,706 the model knows\) in the top 10 of 6,040 MovieLens users and 1 member/,
    );
    expect(isEphemeral(answer)).toBe(true);
  });

  it('answers /explore with five profiles, the groups as fields, and the groups chart', async () => {
    const handle = s.fake.sendCommand({
      guildId: server,
      userId: bob,
      name: 'explore',
      options: { count: 5, seed: 42, share: true },
    });
    const answer = await handle.final(STATISTICS);

    expect(answer.status).toBeLessThan(300);
    expect(answer.files.map((f) => f.name)).toEqual(['explore.txt', 'explore.png']);
    const chart = answer.files[1];
    expect(chart.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.bytes)!.width).toBeGreaterThanOrEqual(400);
    expect(answer.files[0].bytes.toString('utf8')).toMatch(
      /^Top 5 for 5 random MovieLens profiles\n/,
    );

    const embed = embedOf(answer);
    expect(embed.image?.url).toBe('attachment://explore.png');
    const profiles = (embed.description ?? '').split('\n').filter((l) => /^\*\*#\d+\*\* /.test(l));
    expect(profiles).toHaveLength(5);
    for (const line of profiles) expect(line).toMatch(/^\*\*#\d+\*\* (female|male), [^,]+, .+: .+/);
    expect(embed.fields?.map((f) => f.name)).toEqual(
      expect.arrayContaining(['By gender', 'By age band']),
    );
    expect(isEphemeral(answer)).toBe(false);
  });

  it('answers the same /explore seed with the same profiles', async () => {
    const input = { userId: bob, name: 'explore', options: { count: 5, seed: 42 } } as const;

    const [first, second] = [await run(input), await run(input)];

    expect(embedOf(second).description).toBe(embedOf(first).description);
    expect(second.files[0].bytes.equals(first.files[0].bytes)).toBe(true);
  });

  it('leaves nothing Discord would refuse, no error in the log, no stray connection', () => {
    expect(hygieneReport(s)).toEqual(CLEAN);
  });
});
