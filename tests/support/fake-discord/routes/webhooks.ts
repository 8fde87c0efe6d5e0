import { MessageType } from 'discord.js';
import type { InteractionState } from '../interaction-store.js';
import type { MessageFields } from '../message-store.js';
import { messageRefusal } from '../message-validation.js';
import { errors, json, noContent, type RouteReply } from '../replies.js';
import type { RouteDefinition, RouteRequest } from '../router.js';
import type { FakeState } from '../state.js';

const WEBHOOK = '/webhooks/:applicationId/:token';
const MESSAGE = `${WEBHOOK}/messages/:messageId`;

/**
 * The interaction webhook: follow-ups (`POST`), and fetching, editing and deleting the
 * original response (`@original`) or a follow-up by id. The token in the path is the
 * credential; the webhook exists only once the interaction was acknowledged.
 *
 * @param state - the fake's shared state
 * @returns the route table entries
 */
export function webhookRoutes(state: FakeState): RouteDefinition[] {
  const withInteraction = (handle: (i: InteractionState, r: RouteRequest) => RouteReply) => {
    return (request: RouteRequest) => {
      const { applicationId, token } = request.params;
      if (applicationId !== state.world.bot.id) return errors.unknownWebhook();
      const interaction = state.interactions.byToken(token);
      if (!interaction) return errors.invalidWebhookToken();
      if (interaction.acknowledgement === null) return errors.unknownWebhook();
      return handle(interaction, request);
    };
  };

  const followUp = withInteraction((interaction, { body, files }) => {
    const fields = (body ?? {}) as MessageFields;
    const refusal = messageRefusal(fields, [], true, files.length);
    if (refusal) return refusal;

    const message = state.messages.create({
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      type: MessageType.Default,
      fields,
      files,
    });
    interaction.followUpIds.push(message.id);
    return json(message);
  });

  const fetch = withInteraction((interaction, { params }) => {
    const message = messageOf(state, interaction, params.messageId);
    return message ? json(message) : errors.unknownMessage();
  });

  const edit = withInteraction((interaction, { params, body, files }) => {
    const fields = (body ?? {}) as MessageFields;
    const refusal = messageRefusal(fields, [], false, files.length);
    if (refusal) return refusal;

    const id = messageOf(state, interaction, params.messageId)?.id;
    const edited = id ? state.messages.edit(id, fields, files) : undefined;
    return edited ? json(edited) : errors.unknownMessage();
  });

  const remove = withInteraction((interaction, { params }) => {
    const id = messageOf(state, interaction, params.messageId)?.id;
    return id && state.messages.delete(id) ? noContent() : errors.unknownMessage();
  });

  return [
    { method: 'POST', pattern: WEBHOOK, auth: 'url-token', handle: followUp },
    { method: 'GET', pattern: MESSAGE, auth: 'url-token', handle: fetch },
    { method: 'PATCH', pattern: MESSAGE, auth: 'url-token', handle: edit },
    { method: 'DELETE', pattern: MESSAGE, auth: 'url-token', handle: remove },
  ];
}

/** A webhook may only reach its own original response and follow-ups. */
function messageOf(state: FakeState, interaction: InteractionState, messageId: string) {
  const id = messageId === '@original' ? interaction.originalMessageId : messageId;
  const own =
    id !== null && (id === interaction.originalMessageId || interaction.followUpIds.includes(id));
  return own ? state.messages.get(id) : undefined;
}
