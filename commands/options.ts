import type { Catalog } from '../src/catalog/index.js';
import type { Movie } from '../src/movielens/types.js';
import { problem } from './replies.js';
import type { Invocation, Reply } from './types.js';

/** The longest text an option takes; anything longer is surely not a title. */
export const MAX_TEXT = 200;
/** Control characters and line breaks (Unicode's separators too) never belong in a title. */
// Also the invisible format characters (zero-width space, direction marks and overrides, the
// BOM; not the joiners emoji need),
// which can hide or reorder text when echoed back.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
/** Discord mentions: text holding one is not a title, whatever the search makes of it. */
const MENTION = /@(?:everyone|here)|<(?:@[!&]?|#)\d+>/i;

/**
 * Reads a text option: trimmed, present, not too long, no control characters.
 * @returns the text, or an error reply that says what is wrong
 */
export function textOption(invocation: Invocation, name: string, example: string): string | Reply {
  const raw = invocation.options[name];
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return problem(`Which movie?`, `Give a title, for example \`${example}\`.`);
  if (text.length > MAX_TEXT) {
    return problem(
      'That title is too long',
      `Titles are at most ${MAX_TEXT} characters; try a few words of it.`,
    );
  }
  if (CONTROL.test(text)) {
    return problem(
      'That title has characters I cannot read',
      'Type the title as plain text, on one line.',
    );
  }
  return text;
}

/**
 * Reads a whole-number option within a range (max may be Infinity).
 * @returns the number (the fallback when absent), or an error reply
 */
export function countOption(
  invocation: Invocation,
  name: string,
  fallback: number,
  max: number,
): number | Reply {
  const raw = invocation.options[name];
  if (raw === undefined || raw === '') return fallback;
  // Typed text must be plain digits: "1e1" or "0x10" are not what a member means by a count.
  const text = String(raw).trim();
  const n = typeof raw === 'number' ? raw : /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Infinity ? '1 or more' : `from 1 to ${max}`;
    return problem(
      `${name} must be a whole number ${range}`,
      `For example \`${name}:${fallback}\`.`,
    );
  }
  return n;
}

/**
 * Turns what a member gave as a title into a movie: an autocomplete choice
 * carries the MovieLens id, typed text goes through the title search.
 * @returns the movie, or a reply (a pick list when several titles are close,
 *   suggestions when none is)
 */
export function findMovie(
  text: string,
  catalog: Catalog,
  command: string,
  option: string,
): Movie | Reply {
  // Digits are read as a MovieLens id, since that is what an autocomplete choice sends. A
  // member who types "2001" for 2001: A Space Odyssey gets movie 2001 instead; asking every
  // time would put a pick list in front of every choice whose id starts a title (Jumanji is
  // id 2, and "2 Days in the Valley" exists), so this is left as it is and documented.
  if (/^\d{1,9}$/.test(text)) {
    const byId = catalog.get(Number(text));
    if (byId) return byId;
  }

  const found = catalog.resolve(text);
  // "@everyone" finds "Everyone Says I Love You": suggested, never taken as the member's choice.
  if (found.kind === 'match' && !holdsMention(text)) return found.movie;
  if (found.kind === 'ambiguous') {
    return {
      tone: 'info',
      title: 'Which one do you mean?',
      text: `Several movies match “${quote(text)}”. Pick one:`,
      private: true,
      pick: { command, option, movies: found.options },
    };
  }
  const suggestions = found.kind === 'match' ? [found.movie] : found.suggestions;
  const nearest = suggestions.map((m) => `**${m.title}**`).join(', ');
  return problem(
    `No movie matches “${quote(text)}”`,
    nearest
      ? `Did you mean ${nearest}?`
      : 'Check the spelling, or type the first words of the title.',
  );
}

/**
 * @param text - what the member typed
 * @returns true when it holds a Discord mention (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>`)
 */
export function holdsMention(text: string): boolean {
  return MENTION.test(text);
}

/**
 * Makes member text safe to echo: no mention can ping, no Markdown can break
 * the reply, and it stays short.
 * @param text - what the member typed
 * @returns the text to show
 */
export function quote(text: string): string {
  // A cut between the two halves of an emoji would leave half a character.
  const cut = text.slice(0, 57).replace(/[\uD800-\uDBFF]$/, '');
  const short = text.length > 60 ? `${cut}…` : text;
  return short.replace(/[\\*_`~|>]/g, '\\$&').replace(/@/g, '@\u200b');
}

/**
 * @param value - an option value
 * @returns true for a boolean true or the text "true"/"yes"
 */
export function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|yes)$/i.test(value.trim()));
}
