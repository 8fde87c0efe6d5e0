import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ensureMovieLens, loadMovieLens, MovieLensError } from '../../../src/movielens/index.js';

const MOVIES =
  "1::Toy Story (1995)::Animation|Children's|Comedy\n73::Misérables, Les (1995)::Drama\n";
const USERS = '1::F::1::10::48067\n2::M::56::16::70072\n';
const RATINGS = '1::1::5::978300760\n1::73::3::978302109\n2::1::4::978298147\n';

/** Builds a zip in memory from entry names and contents. */
async function buildZip(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content) : content, name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** An official-looking archive: the three files and README under ml-1m/, plus a file to skip. */
const GOOD_ENTRIES = {
  'ml-1m/movies.dat': Buffer.from(MOVIES, 'latin1'),
  'ml-1m/users.dat': USERS,
  'ml-1m/ratings.dat': RATINGS,
  'ml-1m/README': 'SUMMARY\n',
  'ml-1m/notes.txt': 'not data\n',
};

describe('ensureMovieLens', () => {
  const archives = new Map<string, Buffer>();
  let requests: string[] = [];
  let server: Server;
  let base: string;
  let scratch: string;

  beforeAll(async () => {
    archives.set('/ml-1m.zip', await buildZip(GOOD_ENTRIES));
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const body = archives.get(request.url ?? '');
      if (!body) {
        response.writeHead(404).end('not found');
        return;
      }
      // Two writes, so progress is reported more than once.
      response.writeHead(200, { 'content-length': body.length });
      response.write(body.subarray(0, 100));
      setTimeout(() => response.end(body.subarray(100)), 10);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });
  beforeEach(async () => {
    requests = [];
    scratch = await mkdtemp(join(tmpdir(), 'reelmate-download-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('given the right checksum, then it extracts the data files and README and reports progress', async () => {
    const zip = archives.get('/ml-1m.zip')!;
    const dir = join(scratch, 'data', 'ml-1m');
    const progress: Array<[number, number | null]> = [];

    const result = await ensureMovieLens(dir, {
      url: `${base}/ml-1m.zip`,
      sha256: sha256(zip),
      onProgress: (received, total) => progress.push([received, total]),
    });

    expect(result).toBe(dir);
    expect((await readdir(dir)).sort()).toEqual([
      'README',
      'movies.dat',
      'ratings.dat',
      'users.dat',
    ]);
    expect(await readFile(join(dir, 'ratings.dat'), 'utf8')).toBe(RATINGS);
    expect(await readFile(join(dir, 'movies.dat'))).toEqual(Buffer.from(MOVIES, 'latin1'));
    expect(await readdir(join(scratch, 'data'))).toEqual(['ml-1m']);
    expect(progress[0]).toEqual([0, zip.length]);
    expect(progress.at(-1)).toEqual([zip.length, zip.length]);
    expect(progress.length).toBeGreaterThan(2);
    const { movies } = await loadMovieLens(dir);
    expect(movies[1].title).toBe('Misérables, Les (1995)');
  });

  it('given a wrong checksum, then it throws CHECKSUM_MISMATCH and leaves no files', async () => {
    const dir = join(scratch, 'ml-1m');

    const error = await ensureMovieLens(dir, {
      url: `${base}/ml-1m.zip`,
      sha256: '0'.repeat(64),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MovieLensError);
    expect(error).toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect((error as Error).message).toMatch(/^reelmate: /);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('given a 404, then it throws DOWNLOAD_FAILED with the status and leaves no files', async () => {
    const dir = join(scratch, 'ml-1m');

    const error = await ensureMovieLens(dir, {
      url: `${base}/gone.zip`,
      sha256: '0'.repeat(64),
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'DOWNLOAD_FAILED', status: 404 });
    expect((error as Error).message).toContain('HTTP 404');
    expect(await readdir(scratch)).toEqual([]);
  });

  it('given a folder that already holds the three files, then it makes no request', async () => {
    const dir = join(scratch, 'ml-1m');
    await mkdir(dir);
    await writeFile(join(dir, 'movies.dat'), MOVIES, 'latin1');
    await writeFile(join(dir, 'users.dat'), USERS);
    await writeFile(join(dir, 'ratings.dat'), RATINGS);
    let fetches = 0;

    const result = await ensureMovieLens(dir, {
      url: `${base}/ml-1m.zip`,
      sha256: '0'.repeat(64),
      fetchImpl: (...args) => {
        fetches++;
        return fetch(...args);
      },
    });

    expect(result).toBe(dir);
    expect(fetches).toBe(0);
    expect(requests).toEqual([]);
  });

  it('given a folder that lacks ratings.dat, then it downloads and fills the folder in', async () => {
    const zip = archives.get('/ml-1m.zip')!;
    const dir = join(scratch, 'ml-1m');
    await mkdir(dir);
    await writeFile(join(dir, 'movies.dat'), 'stale');

    await ensureMovieLens(dir, { url: `${base}/ml-1m.zip`, sha256: sha256(zip) });

    expect(await readFile(join(dir, 'ratings.dat'), 'utf8')).toBe(RATINGS);
    expect(await readFile(join(dir, 'movies.dat'))).toEqual(Buffer.from(MOVIES, 'latin1'));
    expect(await readdir(scratch)).toEqual(['ml-1m']);
  });

  it('given an entry whose path climbs out with "..", then it throws BAD_ARCHIVE and extracts nothing', async () => {
    // yazl refuses to write "..", so the name is patched in afterwards; the name is not covered
    // by the entry's CRC, so the archive stays otherwise valid.
    const safe = await buildZip({ ...GOOD_ENTRIES, 'ml-1m/xx/evil.dat': 'evil\n' });
    const zip = Buffer.from(
      safe.toString('latin1').replaceAll('ml-1m/xx/evil.dat', 'ml-1m/../evil.dat'),
      'latin1',
    );
    archives.set('/evil.zip', zip);
    const dir = join(scratch, 'ml-1m');

    const error = await ensureMovieLens(dir, {
      url: `${base}/evil.zip`,
      sha256: sha256(zip),
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'BAD_ARCHIVE' });
    expect(await readdir(scratch)).toEqual([]);
  });

  it('given an archive without ratings.dat, then it throws BAD_ARCHIVE naming the file', async () => {
    const { 'ml-1m/ratings.dat': _, ...rest } = GOOD_ENTRIES;
    const zip = await buildZip(rest);
    archives.set('/partial.zip', zip);

    const error = await ensureMovieLens(join(scratch, 'ml-1m'), {
      url: `${base}/partial.zip`,
      sha256: sha256(zip),
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'BAD_ARCHIVE' });
    expect((error as Error).message).toContain('ratings.dat');
    expect(await readdir(scratch)).toEqual([]);
  });
});
