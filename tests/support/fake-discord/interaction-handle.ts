import {
  InteractionResponseType as Callback,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIMessage,
} from 'discord.js';
import type { InteractionState } from './interaction-store.js';
import type { MessageFields, MessageStore } from './message-store.js';
import type { RecordedRequest } from './recorded-request.js';
import type { Recorder } from './recorder.js';
import type { RecordedFile } from './request-body.js';

const CALLBACK_ROUTE = '/interactions/:interactionId/:token/callback';
const WEBHOOK_ROUTE = '/webhooks/:applicationId/:token';
const WEBHOOK_MESSAGE_ROUTE = '/webhooks/:applicationId/:token/messages/:messageId';

/** Callback types that promise an edit later instead of carrying the answer. */
const DEFERRED = [Callback.DeferredChannelMessageWithSource, Callback.DeferredMessageUpdate];

/** One response of the bot to an interaction. */
export interface InteractionAnswer {
  /** `callback` for the initial response, `edit` for a PATCH of the original message. */
  via: 'callback' | 'edit';
  /** The callback type for `callback` answers, null for edits. */
  callbackType: Callback | null;
  /** The message fields (or autocomplete `choices`) the bot sent. */
  data: MessageFields & { choices?: APIApplicationCommandOptionChoice[] };
  files: RecordedFile[];
  /** The HTTP status the fake answered; a 4xx means Discord would have refused it. */
  status: number;
  request: RecordedRequest;
  /** The original message as it stands now, when the answer produced one. */
  message: APIMessage | undefined;
}

/** How long {@link InteractionHandle} methods wait. */
export interface AnswerWaitOptions {
  /** For each expected request. @defaultValue `5000` */
  timeoutMs?: number;
  /** Quiet time after an answer during which a further edit replaces it. @defaultValue `150` */
  settleMs?: number;
}

/**
 * A dispatched interaction, to await the bot's answer to it. Answers broken by an injected
 * failure are skipped, since discord.js retries them.
 */
export class InteractionHandle<P extends APIInteraction = APIInteraction> {
  readonly payload: P;
  readonly #state: InteractionState;
  readonly #requests: Recorder<RecordedRequest>;
  readonly #messages: MessageStore;

  /**
   * @param payload - the INTERACTION_CREATE data that was dispatched
   * @param state - what the fake tracks about it
   * @param requests - the REST log to watch
   * @param messages - the message store, to report the current original message
   */
  constructor(
    payload: P,
    state: InteractionState,
    requests: Recorder<RecordedRequest>,
    messages: MessageStore,
  ) {
    this.payload = payload;
    this.#state = state;
    this.#requests = requests;
    this.#messages = messages;
  }

  /** The interaction id. */
  get id(): string {
    return this.#state.id;
  }

  /**
   * Waits for the initial response (the callback request).
   *
   * @param timeoutMs - how long to wait
   * @returns the callback as an answer
   * @defaultValue `timeoutMs` is 5000
   */
  async reply(timeoutMs = 5_000): Promise<InteractionAnswer> {
    const request = await this.#wait((r) => this.#isCallback(r), timeoutMs, 0, 'a callback');
    return this.#answer(request);
  }

  /**
   * Waits for the answer the user ends up seeing: the callback, or for a deferred response
   * the edit that follows, then any further edits until `settleMs` pass without one.
   *
   * @param options - timeouts
   * @returns the last answer
   */
  async final(options: AnswerWaitOptions = {}): Promise<InteractionAnswer> {
    const { timeoutMs = 5_000, settleMs = 150 } = options;
    let last = await this.#wait((r) => this.#isCallback(r), timeoutMs, 0, 'a callback');
    if (DEFERRED.includes((last.body as { type: Callback }).type)) {
      last = await this.#wait((r) => this.#isEdit(r), timeoutMs, last.index + 1, 'an edit');
    }

    for (;;) {
      const next = await this.#requests
        .waitFor((r) => this.#isEdit(r), settleMs, { from: last.index + 1 })
        .catch(() => null);
      if (!next) return this.#answer(last);
      last = next;
    }
  }

  /**
   * @param timeoutMs - how long to wait for the callback
   * @returns the choices of an autocomplete response
   */
  async choices(timeoutMs = 5_000): Promise<APIApplicationCommandOptionChoice[]> {
    return (await this.reply(timeoutMs)).data.choices ?? [];
  }

  /** @returns every request made through this interaction's token so far */
  requests(): RecordedRequest[] {
    return this.#requests.filter((r) => r.params.token === this.#state.token);
  }

  /** @returns the follow-up messages posted so far */
  followUps(): RecordedRequest[] {
    return this.requests().filter((r) => r.route === WEBHOOK_ROUTE && r.method === 'POST');
  }

  #isCallback(request: RecordedRequest): boolean {
    return (
      request.route === CALLBACK_ROUTE &&
      request.params.interactionId === this.#state.id &&
      request.injectedFailure === null
    );
  }

  #isEdit(request: RecordedRequest): boolean {
    const { messageId, token } = request.params;
    return (
      request.route === WEBHOOK_MESSAGE_ROUTE &&
      request.method === 'PATCH' &&
      token === this.#state.token &&
      (messageId === '@original' || messageId === this.#state.originalMessageId) &&
      request.injectedFailure === null
    );
  }

  async #wait(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs: number,
    from: number,
    what: string,
  ): Promise<RecordedRequest> {
    try {
      return await this.#requests.waitFor(predicate, timeoutMs, { from });
    } catch (error) {
      const name = (this.payload.data as { name?: string } | undefined)?.name ?? 'component';
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`fake-discord: interaction ${this.id} (${name}) got no ${what}. ${detail}`);
    }
  }

  #answer(request: RecordedRequest): InteractionAnswer {
    const callback = request.route === CALLBACK_ROUTE;
    const body = (request.body ?? {}) as { type?: Callback; data?: InteractionAnswer['data'] };
    const originalId = this.#state.originalMessageId;
    return {
      via: callback ? 'callback' : 'edit',
      callbackType: callback ? (body.type ?? null) : null,
      data: (callback ? body.data : (body as InteractionAnswer['data'])) ?? {},
      files: request.files,
      status: request.status,
      request,
      message: originalId ? this.#messages.get(originalId) : undefined,
    };
  }
}
