/** What a pick-list select menu remembers in its custom id. */
export interface PickTarget {
  command: string;
  option: string;
  member: string;
  /** When the list was made, in ms since the epoch. */
  at?: number;
}

/** A pick list older than this is stale: the member is asked to run the command again. */
export const PICK_TTL_MS = 15 * 60 * 1000;

const PATTERN = /^pick:([a-z-]{1,32}):([a-z_]{1,32}):(\d{1,20}):([0-9a-z]{1,12})$/;

/** Discord's limit on a component's custom id. */
const MAX_LENGTH = 100;

/**
 * Encodes and decodes pick-list custom ids: `pick:<command>:<option>:<member>:<time>`,
 * short enough for Discord's 100-character limit.
 */
export const pickId = {
  encode(target: PickTarget): string {
    const at = (target.at ?? Date.now()).toString(36);
    const id = `pick:${target.command}:${target.option}:${target.member}:${at}`;
    // Discord refuses a longer id, and decode could not read one the pattern rejects.
    if (id.length > MAX_LENGTH || !PATTERN.test(id)) {
      throw new RangeError(`reelmate: cannot make a pick-list id from ${JSON.stringify(target)}`);
    }
    return id;
  },

  decode(customId: string): Required<PickTarget> | null {
    const parts = PATTERN.exec(customId);
    if (!parts) return null;
    return { command: parts[1], option: parts[2], member: parts[3], at: parseInt(parts[4], 36) };
  },
};
