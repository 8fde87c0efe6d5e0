/** Letters that Unicode decomposition leaves alone but people type as plain Latin letters. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Brings a title or a query to the form both are compared in: no accents, lower case, words of
 * letters and digits separated by single spaces.
 *
 * NFKD rather than NFD so that compatibility characters fold too ("Alien³" becomes "alien3");
 * it performs the canonical decomposition of NFD as well. Apostrophes are dropped rather than
 * spaced so that "schindlers" and "schindler's" agree, invisible format characters (a
 * zero-width space pasted inside a word) are dropped so they do not split a word, and "&"
 * reads as "and".
 * @param text - any text, emoji and control characters included
 * @returns the comparable form; empty when the text holds no letter or digit
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[æœøßłđðþı]/g, (letter) => FOLDED_LETTERS[letter])
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
