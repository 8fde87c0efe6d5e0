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

/**
 * Encodes and decodes pick-list custom ids: `pick:<command>:<option>:<member>:<time>`,
 * short enough for Discord's 100-character limit.
 */
export const pickId = {
  encode(target: PickTarget): string {
    const at = (target.at ?? Date.now()).toString(36);
    return `pick:${target.command}:${target.option}:${target.member}:${at}`;
  },

  decode(customId: string): Required<PickTarget> | null {
    const parts = /^pick:([a-z-]{1,32}):([a-z_]{1,32}):(\d{1,20}):([0-9a-z]{1,12})$/.exec(customId);
    if (!parts) return null;
    return { command: parts[1], option: parts[2], member: parts[3], at: parseInt(parts[4], 36) };
  },
};
