import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Reply, Services } from '../../commands/index.js';
import { like } from '../../commands/like.js';
import { seededRandom } from '../../model/random.js';
import { Catalog } from '../../src/catalog/index.js';
import { silentLogger } from '../../src/logger.js';
import { LikeStore, type ServerDocument } from '../../src/storage/index.js';
import { readMovies } from '../src/catalog/movies.js';
import { commandFixture, SERVER } from './support/fixture.js';

const MOVIES = readMovies();
const CATALOG = new Catalog(MOVIES);
const TITLES = new Map(MOVIES.map((m) => [m.id, m.title]));
const MEMBERS = Array.from({ length: 100 }, (_, i) => String(300000000000000000n + BigInt(i)));
const PER_MEMBER = 10;

/** Ten distinct movies for each member, drawn with a seed; many movies are liked by several. */
function picks(seed: number): Map<string, number[]> {
  const random = seededRandom(seed);
  const popular = MOVIES.slice(0, 300).map((m) => m.id);
  return new Map(
    MEMBERS.map((member) => {
      const mine = new Set<number>();
      while (mine.size < PER_MEMBER) mine.add(popular[Math.floor(random() * popular.length)]);
      return [member, [...mine]];
    }),
  );
}

/**
 * Sends every like at once, interleaved: each member's first like, then each one's second…
 * @param times - how often each like is sent, all at the same moment
 * @returns the replies, by member, in the order sent
 */
async function likeAtOnce(services: Services, wanted: Map<string, number[]>, times = 1) {
  const sent: { member: string; reply: Promise<Reply> }[] = [];
  for (let round = 0; round < PER_MEMBER; round++) {
    for (const [member, movies] of wanted) {
      for (let copy = 0; copy < times; copy++) {
        const options = { title: String(movies[round]) };
        sent.push({ member, reply: like.run({ server: SERVER, member, options }, services) });
      }
    }
  }
  const replies = await Promise.all(sent.map((s) => s.reply));
  const byMember = new Map<string, Reply[]>(MEMBERS.map((m) => [m, []]));
  sent.forEach(({ member }, i) => byMember.get(member)!.push(replies[i]));
  return byMember;
}

/** Each member's movies as the server file on disk lists them. */
async function onDisk(folder: string, file = `${SERVER}.json`): Promise<Map<string, number[]>> {
  const document = JSON.parse(await readFile(join(folder, file), 'utf8')) as ServerDocument;
  const members = Object.entries(document.members);
  return new Map(members.map(([member, { likes }]) => [member, likes.map((l) => l.movie)]));
}

const counts = (replies: Reply[]) =>
  replies.map((r) => Number(/^You like (\d+) /.exec(r.text!)?.[1]));

describe('/like from 100 members at the same moment', () => {
  it('given 1,000 likes at once, then all 1,000 are stored once, in the order sent, on disk too', async () => {
    const f = await commandFixture();
    const services = { ...f.services, catalog: CATALOG };
    const wanted = picks(1);

    const replies = await likeAtOnce(services, wanted);

    for (const [member, movies] of wanted) {
      const mine = replies.get(member)!;
      expect(mine.map((r) => r.title)).toEqual(movies.map((id) => `Liked ${TITLES.get(id)}`));
      // Every reply tells the count after its own like: 1 to 10, none twice.
      expect(counts(mine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(f.store.likes(SERVER, member)).toEqual(movies);
    }
    expect(f.store.snapshot().flatMap((m) => m.likes)).toHaveLength(1_000);

    await f.store.flush();
    expect(await onDisk(f.folder)).toEqual(wanted);
    expect(await onDisk(f.folder, `${SERVER}.json.bak`)).toEqual(wanted);
    const reopened = await LikeStore.open(f.folder, silentLogger());
    expect(reopened.snapshot()).toEqual(f.store.snapshot());
    await reopened.close();
  });

  it('given each of those 1,000 likes sent twice at once, then each is stored once and one reply of two says "Liked"', async () => {
    const f = await commandFixture();
    const services = { ...f.services, catalog: CATALOG };
    const wanted = picks(2);

    const replies = await likeAtOnce(services, wanted, 2);

    for (const [member, movies] of wanted) {
      const mine = replies.get(member)!;
      const titles = movies.flatMap((id) => [
        `Liked ${TITLES.get(id)}`,
        `You already like ${TITLES.get(id)}`,
      ]);
      expect(mine.map((r) => r.title)).toEqual(titles);
      expect(counts(mine)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
      expect(f.store.likes(SERVER, member)).toEqual(movies);
    }

    await f.store.flush();
    expect(await onDisk(f.folder)).toEqual(wanted);
    const reopened = await LikeStore.open(f.folder, silentLogger());
    expect(reopened.snapshot()).toEqual(f.store.snapshot());
    expect(reopened.snapshot().flatMap((m) => m.likes)).toHaveLength(1_000);
    await reopened.close();
  });
});
