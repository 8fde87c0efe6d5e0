import {
  ApplicationIntegrationType,
  InteractionResponseType as Callback,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';
import type { InteractionState } from '../interaction-store.js';
import type { MessageFields } from '../message-store.js';
import { choicesRefusal, messageRefusal } from '../message-validation.js';
import { errors, fieldError, json, noContent, type RouteReply } from '../replies.js';
import type { RecordedFile } from '../request-body.js';
import type { RouteDefinition, RouteRequest } from '../router.js';
import type { FakeState } from '../state.js';

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED: Record<number, Callback[]> = {
  [InteractionType.ApplicationCommand]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.Modal,
  ],
  [InteractionType.MessageComponent]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [Callback.ApplicationCommandAutocompleteResult],
};

interface CallbackBody {
  type: Callback;
  data?: MessageFields & { choices?: unknown };
}

/**
 * `POST /interactions/:id/:token/callback`: the bot's initial response. Enforces what Discord
 * does: one response per interaction, within the deadline, of a type that fits the
 * interaction, with a valid message.
 *
 * @param state - the fake's shared state
 * @returns the route table entry
 */
export function interactionRoutes(state: FakeState): RouteDefinition[] {
  return [
    {
      method: 'POST',
      pattern: '/interactions/:interactionId/:token/callback',
      auth: 'url-token',
      handle: (request) => respond(state, request),
    },
  ];
}

function respond(state: FakeState, { params, query, body, files }: RouteRequest): RouteReply {
  const interaction = state.interactions.byIdAndToken(params.interactionId, params.token);
  if (!interaction || Date.now() > interaction.deadline) return errors.unknownInteraction();
  if (interaction.acknowledgement !== null) return errors.alreadyAcknowledged();

  const callback = body as CallbackBody;
  if (!ALLOWED[interaction.type]?.includes(callback?.type)) {
    const message = 'Interaction response type is not valid for this interaction';
    return errors.invalidFormBody(
      fieldError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', message),
    );
  }
  const refusal = contentRefusal(callback, files);
  if (refusal) return refusal;

  const message = applyCallback(state, interaction, callback, files);
  interaction.acknowledgement = callback.type;
  if (query.get('with_response') !== 'true') return noContent();

  const result: RESTPostAPIInteractionCallbackWithResponseResult = {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(message ? responseMessageInfo(message) : {}),
    },
    resource: { type: callback.type, ...(message ? { message } : {}) },
  };
  return json(result);
}

function contentRefusal(callback: CallbackBody, files: RecordedFile[]): RouteReply | null {
  const data = callback.data ?? {};
  switch (callback.type) {
    case Callback.ChannelMessageWithSource:
      return messageRefusal(data, ['data'], true, files.length);
    case Callback.UpdateMessage:
      return messageRefusal(data, ['data'], false, files.length);
    case Callback.ApplicationCommandAutocompleteResult:
      return choicesRefusal(data.choices);
    default:
      return null;
  }
}

/** @returns the message the response created or changed, if any */
function applyCallback(
  state: FakeState,
  interaction: InteractionState,
  callback: CallbackBody,
  files: RecordedFile[],
): APIMessage | undefined {
  const { messages } = state;
  const fields = callback.data ?? {};
  const post = (extraFlags: number) => {
    const message = messages.create({
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      type:
        interaction.type === InteractionType.ApplicationCommand
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      fields,
      files,
      flags: extraFlags,
      interaction: metadataFor(interaction),
    });
    interaction.originalMessageId = message.id;
    return message;
  };

  switch (callback.type) {
    case Callback.ChannelMessageWithSource:
      return post(0);
    case Callback.DeferredChannelMessageWithSource:
      // Discord shows "<bot> is thinking..." as a real message flagged Loading until the edit.
      return post(MessageFlags.Loading);
    case Callback.UpdateMessage:
      return interaction.originalMessageId
        ? messages.edit(interaction.originalMessageId, fields, files)
        : undefined;
    case Callback.DeferredMessageUpdate:
      return interaction.originalMessageId
        ? messages.get(interaction.originalMessageId)
        : undefined;
    default:
      return undefined;
  }
}

/** The `interaction_metadata` Discord attaches to a response message. */
function metadataFor(interaction: InteractionState): APIMessageInteractionMetadata {
  const base = {
    id: interaction.id,
    user: interaction.user,
    authorizing_integration_owners: interaction.guildId
      ? { [ApplicationIntegrationType.GuildInstall]: interaction.guildId }
      : { [ApplicationIntegrationType.UserInstall]: interaction.user.id },
  };
  if (interaction.type === InteractionType.MessageComponent && interaction.originalMessageId) {
    const interacted = interaction.originalMessageId;
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: interacted };
  }
  return { ...base, type: InteractionType.ApplicationCommand };
}

function responseMessageInfo(message: APIMessage) {
  const flags = message.flags ?? 0;
  return {
    response_message_id: message.id,
    response_message_loading: (flags & MessageFlags.Loading) !== 0,
    response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
  };
}
