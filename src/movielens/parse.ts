import { MovieLensError } from './errors.js';
import type { Movie, Profile, Ratings } from './types.js';

const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;
const DOT = 46;
const COLON = 58;
const ZERO = 48;
const NINE = 57;
const INT32_MAX = 2 ** 31 - 1;

const RATINGS_FORMAT = 'UserID::MovieID::Rating[::Timestamp]';
const MOVIES_FORMAT = 'MovieID::Title::Genres';
const USERS_FORMAT = 'UserID::Gender::Age::Occupation::Zip-code';

// The code tables of the "USERS FILE DESCRIPTION" section of the MovieLens 1M README.
const GENDERS = new Map([
  ['F', 'female'],
  ['M', 'male'],
]);
const AGE_BANDS = new Map([
  ['1', 'Under 18'],
  ['18', '18-24'],
  ['25', '25-34'],
  ['35', '35-44'],
  ['45', '45-49'],
  ['50', '50-55'],
  ['56', '56+'],
]);
const OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];

/**
 * Reads ratings.dat into columns. Lines may carry a trailing `::Timestamp` or not, mixed
 * freely; the timestamp is checked and dropped. Blank lines are skipped.
 * @param text - the file's contents
 * @param file - the file's name, quoted in errors
 * @defaultValue file none: errors give the line number alone
 * @returns one entry per rating line, in file order
 * @throws MovieLensError `BAD_LINE` naming the first malformed line
 */
export function parseRatings(text: string, file?: string): Ratings {
  const capacity = countLines(text);
  const ratings = {
    users: new Int32Array(capacity),
    items: new Int32Array(capacity),
    values: new Float32Array(capacity),
  };
  const cursor = new Cursor(text);
  let count = 0;

  // A million lines: scanning char codes takes about 0.1 s, where split and a regex per line
  // take three to four times that and leave a million strings for the garbage collector.
  for (let line = 1; cursor.pos < text.length; line++) {
    const start = cursor.pos;
    if (cursor.skipBlankLine()) continue;
    if (!readRatingLine(cursor, ratings, count)) {
      throw badLine(text, start, line, RATINGS_FORMAT, file);
    }
    count++;
  }

  if (count === capacity) return ratings;
  return {
    users: ratings.users.slice(0, count),
    items: ratings.items.slice(0, count),
    values: ratings.values.slice(0, count),
  };
}

/**
 * Reads movies.dat, which MovieLens 1M stores in Latin-1 ("Misérables, Les (1995)").
 * @param bytes - the file's raw bytes
 * @param file - the file's name, quoted in errors
 * @defaultValue file none: errors give the line number alone
 * @returns one movie per non-blank line, in file order
 * @throws MovieLensError `BAD_LINE` naming the first malformed line
 */
export function parseMovies(bytes: Buffer, file?: string): Movie[] {
  const movies: Movie[] = [];
  for (const [line, number] of nonBlankLines(bytes.toString('latin1'))) {
    // Split at the first and last separators so a title holding "::" would survive.
    const first = line.indexOf('::');
    const last = line.lastIndexOf('::');
    const id = parseId(line.slice(0, first));
    const title = line.slice(first + 2, last);
    if (first < 0 || last === first || id === null || title === '') {
      throw badLineText(line, number, MOVIES_FORMAT, file);
    }
    const genres = line.slice(last + 2);
    movies.push({ id, title, year: parseYear(title), genres: genres ? genres.split('|') : [] });
  }
  return movies;
}

/**
 * Reads users.dat, decoding gender, age band and occupation codes to words.
 * @param text - the file's contents
 * @param file - the file's name, quoted in errors
 * @defaultValue file none: errors give the line number alone
 * @returns one profile per non-blank line, in file order; the zip code is dropped
 * @throws MovieLensError `BAD_LINE` naming the first malformed line or unknown code
 */
export function parseUsers(text: string, file?: string): Profile[] {
  const profiles: Profile[] = [];
  for (const [line, number] of nonBlankLines(text)) {
    const [idText = '', genderCode = '', ageCode = '', occupationCode = '', ...rest] =
      line.split('::');
    const id = parseId(idText);
    const gender = GENDERS.get(genderCode);
    const age = AGE_BANDS.get(ageCode);
    const occupation = /^\d+$/.test(occupationCode) ? OCCUPATIONS[Number(occupationCode)] : null;
    if (rest.length !== 1 || id === null || !gender || !age || !occupation) {
      throw badLineText(line, number, USERS_FORMAT, file);
    }
    profiles.push({ id, gender, age, occupation });
  }
  return profiles;
}

/** Walks a text by char code, one token at a time; `value` holds the last number read. */
class Cursor {
  pos = 0;
  value = 0;

  constructor(readonly text: string) {}

  /** Steps over an empty or whitespace-only line, returning whether there was one. */
  skipBlankLine(): boolean {
    let end = this.pos;
    while (isBlank(this.text.charCodeAt(end))) end++;
    if (end < this.text.length && this.text.charCodeAt(end) !== NEWLINE) return false;
    this.pos = end + 1;
    return true;
  }

  /** Reads an unsigned decimal integer of at least one digit. */
  readInteger(): boolean {
    const start = this.pos;
    let value = 0;
    let code = this.text.charCodeAt(this.pos);
    while (code >= ZERO && code <= NINE) {
      value = value * 10 + (code - ZERO);
      code = this.text.charCodeAt(++this.pos);
    }
    this.value = value;
    return this.pos > start;
  }

  /** Reads an unsigned decimal number such as `4` or `3.5`. */
  readNumber(): boolean {
    if (!this.readInteger()) return false;
    if (this.text.charCodeAt(this.pos) !== DOT) return true;
    const whole = this.value;
    const start = ++this.pos;
    if (!this.readInteger()) return false;
    this.value = whole + this.value / 10 ** (this.pos - start);
    return true;
  }

  /** Reads the `::` field separator. */
  readSeparator(): boolean {
    if (this.text.charCodeAt(this.pos) !== COLON) return false;
    if (this.text.charCodeAt(this.pos + 1) !== COLON) return false;
    this.pos += 2;
    return true;
  }

  /** Reads the end of a line: `\n`, `\r\n`, or the end of the text. */
  readLineEnd(): boolean {
    if (this.text.charCodeAt(this.pos) === RETURN) this.pos++;
    if (this.pos >= this.text.length) return true;
    if (this.text.charCodeAt(this.pos) !== NEWLINE) return false;
    this.pos++;
    return true;
  }
}

/** Reads one ratings line into entry `index` of the columns, returning false if malformed. */
function readRatingLine(cursor: Cursor, ratings: Ratings, index: number): boolean {
  if (!cursor.readInteger() || cursor.value > INT32_MAX) return false;
  ratings.users[index] = cursor.value;
  if (!cursor.readSeparator() || !cursor.readInteger() || cursor.value > INT32_MAX) return false;
  ratings.items[index] = cursor.value;
  if (!cursor.readSeparator() || !cursor.readNumber()) return false;
  ratings.values[index] = cursor.value;
  if (cursor.readSeparator() && !cursor.readInteger()) return false;
  return cursor.readLineEnd();
}

/** Whether a char code is whitespace a blank line may hold. */
function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === RETURN;
}

/** Counts lines so the columns are allocated once, at their final size for a clean file. */
function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  const endsOpen = text.length > 0 && text.charCodeAt(text.length - 1) !== NEWLINE;
  return endsOpen ? count + 1 : count;
}

/** Yields each line that holds more than whitespace, with its 1-based number. */
function* nonBlankLines(text: string): Generator<[string, number]> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    if (line.trim() !== '') yield [line, index + 1];
  }
}

/** Reads a MovieLens id: decimal digits only, within Int32 range. */
function parseId(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const id = Number(text);
  return id <= INT32_MAX ? id : null;
}

/** Reads the release year from a title's trailing "(1999)". */
function parseYear(title: string): number | null {
  const match = /\((\d{4})\)\s*$/.exec(title);
  return match ? Number(match[1]) : null;
}

/** Builds the error for the line of `text` that begins at `start`. */
function badLine(text: string, start: number, line: number, format: string, file?: string) {
  const end = text.indexOf('\n', start);
  return badLineText(text.slice(start, end < 0 ? text.length : end), line, format, file);
}

/** Builds the error for a malformed line, quoting its start. */
function badLineText(text: string, line: number, format: string, file?: string) {
  const where = file ? `${file}, line ${line}` : `line ${line}`;
  const quoted = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  const message = `${where} is not "${format}": ${quoted}`;
  return new MovieLensError('BAD_LINE', message, { file, line });
}
