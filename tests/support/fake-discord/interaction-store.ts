import type { APIUser, InteractionResponseType, InteractionType } from 'discord.js';

/** What the fake remembers about an interaction it dispatched. */
export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  /** After this time (ms since epoch) the initial callback is refused, as on Discord. */
  deadline: number;
  /** How the bot acknowledged it, or null while unanswered. */
  acknowledgement: InteractionResponseType | null;
  /**
   * The message `@original` refers to: the reply (or its loading placeholder) for commands,
   * the clicked message for components.
   */
  originalMessageId: string | null;
  /** Every message posted through this interaction's webhook (follow-ups). */
  followUpIds: string[];
}

/** The interactions dispatched so far, by id and by token. */
export class InteractionStore {
  readonly #byId = new Map<string, InteractionState>();

  /** @param state - a freshly dispatched interaction */
  add(state: InteractionState): void {
    this.#byId.set(state.id, state);
  }

  /**
   * @param id - the interaction id in a callback URL
   * @param token - the token next to it
   * @returns the interaction when both match, else undefined
   */
  byIdAndToken(id: string, token: string): InteractionState | undefined {
    const state = this.#byId.get(id);
    return state?.token === token ? state : undefined;
  }

  /**
   * @param token - an interaction token, as used in webhook URLs
   * @returns the interaction, or undefined
   */
  byToken(token: string): InteractionState | undefined {
    for (const state of this.#byId.values()) if (state.token === token) return state;
    return undefined;
  }
}
