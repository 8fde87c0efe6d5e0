import { normaliseText } from './normalise.js';

/** The names a title can be found by, each already normalised. */
export interface TitleNames {
  /** The title itself and its natural and article-less forms: "matrix the", "the matrix", … */
  primary: string[];
  /** Other names the title gives in parentheses: "the postman" for "Postino, Il (The Postman)". */
  alternates: string[];
}

/** MovieLens moves a leading article to the end: "Matrix, The", "Enfer, L'". */
const TRAILING_ARTICLE = /^(.+), (The|An|A|Les|La|Le|L'|Il|Das|Der|Die|El)$/i;

const YEAR_SUFFIX = /\s*\(\d{4}\)\s*$/;
const PARENTHESES = /\(([^()]*)\)/g;
const ALSO_KNOWN_AS = /^a\.k\.a\.?\s*/i;

/**
 * Lists the names a MovieLens title answers to, so that people can type it the way they say it.
 * @param title - the title as movies.dat has it, e.g. "Postino, Il (The Postman) (1994)"
 * @returns the primary names ("postino il", "il postino", "postino", and the whole title without
 * its year) and the alternates ("the postman", "postman"), without duplicates or empty names
 */
export function titleNames(title: string): TitleNames {
  const withoutYear = title.replace(YEAR_SUFFIX, '');
  const open = withoutYear.indexOf('(');
  const main = open > 0 ? withoutYear.slice(0, open) : withoutYear;
  const alternates = open > 0 ? [...withoutYear.slice(open).matchAll(PARENTHESES)] : [];

  const primary = new Set([...spellings(main), normaliseText(withoutYear)]);
  const others = new Set(
    alternates.flatMap(([, name]) => spellings(name.replace(ALSO_KNOWN_AS, ''))),
  );
  for (const name of primary) others.delete(name);

  primary.delete('');
  others.delete('');
  return { primary: [...primary], alternates: [...others] };
}

/** The name as written, with its trailing article brought to the front, and without it. */
function spellings(name: string): string[] {
  const trimmed = name.trim();
  const match = TRAILING_ARTICLE.exec(trimmed);
  if (!match) return [normaliseText(trimmed)];

  const [, rest, article] = match;
  const natural = article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`;
  return [normaliseText(trimmed), normaliseText(natural), normaliseText(rest)];
}
