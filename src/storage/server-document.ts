import { isId, isMovieId } from './ids.js';

/** One like as stored: the movie and when it was liked. */
export interface LikeEntry {
  /** The MovieLens movie id. */
  movie: number;
  /** When the member liked it, as an ISO 8601 time. */
  at: string;
}

/** A server file as it is on disk: `<serverId>.json`. */
export interface ServerDocument {
  /** The format version; only 1 exists. */
  version: 1;
  /** Each member's likes, in the order liked. */
  members: Record<string, { likes: LikeEntry[] }>;
}

/**
 * A server's liked lists in memory: member id to likes in the order liked. Lists are never
 * changed in place, so two maps can share them.
 */
export type Members = Map<string, readonly LikeEntry[]>;

/**
 * Reads a parsed server file, checking its shape.
 * @param value - what JSON.parse gave
 * @returns the liked lists, or null when the shape or version is not the one written here;
 * a movie listed twice for a member is kept once
 */
export function readMembers(value: unknown): Members | null {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.members)) return null;

  const members: Members = new Map();
  for (const [member, entry] of Object.entries(value.members)) {
    if (!isId(member) || !isRecord(entry) || !Array.isArray(entry.likes)) return null;
    const likes = readLikes(entry.likes);
    if (!likes) return null;
    if (likes.length > 0) members.set(member, likes);
  }
  return members;
}

/**
 * @param members - liked lists
 * @returns the document to write; members without likes are left out
 */
export function toDocument(members: Members): ServerDocument {
  const entries = [...members]
    .filter(([, likes]) => likes.length > 0)
    .map(([member, likes]) => [member, { likes: likes.map(({ movie, at }) => ({ movie, at })) }]);
  // fromEntries defines each key as the object's own, so a member called "__proto__" is safe.
  return { version: 1, members: Object.fromEntries(entries) };
}

function readLikes(values: unknown[]): LikeEntry[] | null {
  const likes: LikeEntry[] = [];
  const seen = new Set<number>();
  for (const value of values) {
    if (!isRecord(value) || !isMovieId(value.movie) || !isTime(value.at)) return null;
    if (seen.has(value.movie)) continue;
    seen.add(value.movie);
    likes.push({ movie: value.movie, at: value.at });
  }
  return likes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
