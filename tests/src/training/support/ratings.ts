import { writeFile } from 'node:fs/promises';

/**
 * Writes a MovieLens-style ratings file (`user::movie::stars`, no timestamps)
 * where user u rates movie m when (7u + 3m) mod 5 < 3, so every user rates
 * about 60% of the movies and the pattern repeats in a way ALS can learn.
 * @param file - where to write it
 * @param size - users and movies, both numbered from 1
 * @returns how many rating lines it holds
 */
export async function writeRatings(
  file: string,
  size: { users: number; movies: number },
): Promise<number> {
  const lines: string[] = [];
  for (let user = 1; user <= size.users; user++) {
    for (let movie = 1; movie <= size.movies; movie++) {
      const stars = 1 + ((user + movie) % 5);
      if ((7 * user + 3 * movie) % 5 < 3) lines.push(`${user}::${movie}::${stars}`);
    }
  }
  await writeFile(file, lines.join('\n') + '\n');
  return lines.length;
}

/**
 * Writes a ratings file with exactly `lines` ratings spread over 6,000 users
 * and 3,700 movies, MovieLens 1M's scale, for tests that need a big file.
 * @param file - where to write it
 * @param lines - how many rating lines
 */
export async function writeManyRatings(file: string, lines: number): Promise<void> {
  const out: string[] = new Array<string>(lines);
  for (let k = 0; k < lines; k++) {
    out[k] = `${1 + (k % 6000)}::${1 + ((k * 7919) % 3700)}::${1 + (k % 5)}`;
  }
  await writeFile(file, out.join('\n') + '\n');
}
