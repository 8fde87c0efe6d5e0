import type { APIEmbed } from 'discord.js';
import { errors, fieldError, type RouteReply } from './replies.js';
import type { MessageFields } from './message-store.js';

/** Discord's message limits, from its message and embed documentation. */
const LIMITS = {
  content: 2_000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  authorName: 256,
  embedTotal: 6_000,
  choices: 25,
  choiceName: 100,
};

/**
 * Checks message fields against the limits Discord enforces, so a bot that builds an
 * oversized embed fails here as it would in production.
 *
 * @param fields - the message fields of a body
 * @param path - where they sit in the body, for the error path (`['data']` in callbacks)
 * @param mustHaveContent - true when creating a message, which may not be empty
 * @param fileCount - files uploaded with it, which count as content
 * @returns the error reply, or null when Discord would accept the fields
 */
export function messageRefusal(
  fields: MessageFields,
  path: string[],
  mustHaveContent: boolean,
  fileCount: number,
): RouteReply | null {
  const content = fields.content ?? '';
  if (content.length > LIMITS.content) {
    const message = `Must be ${LIMITS.content} or fewer in length.`;
    return errors.invalidFormBody(
      fieldError([...path, 'content'], 'BASE_TYPE_MAX_LENGTH', message),
    );
  }

  const embeds = fields.embeds ?? [];
  if (embeds.length > LIMITS.embeds) {
    const message = `Must be ${LIMITS.embeds} or fewer in length.`;
    return errors.invalidFormBody(fieldError([...path, 'embeds'], 'BASE_TYPE_MAX_LENGTH', message));
  }
  for (const [index, embed] of embeds.entries()) {
    const problem = embedProblem(embed);
    if (problem) {
      const where = [...path, 'embeds', index, problem.field];
      return errors.invalidFormBody(fieldError(where, 'BASE_TYPE_MAX_LENGTH', problem.message));
    }
  }

  const empty =
    content === '' &&
    embeds.length === 0 &&
    (fields.components ?? []).length === 0 &&
    (fields.attachments ?? []).length === 0 &&
    fileCount === 0;
  return mustHaveContent && empty ? errors.emptyMessage() : null;
}

/**
 * @param choices - the `data.choices` of an autocomplete result
 * @returns the error reply, or null when Discord would accept them
 */
export function choicesRefusal(choices: unknown): RouteReply | null {
  const path = ['data', 'choices'];
  if (!Array.isArray(choices)) {
    return errors.invalidFormBody(fieldError(path, 'BASE_TYPE_REQUIRED', 'This field is required'));
  }
  if (choices.length > LIMITS.choices) {
    const message = `Must be ${LIMITS.choices} or fewer in length.`;
    return errors.invalidFormBody(fieldError(path, 'BASE_TYPE_MAX_LENGTH', message));
  }
  const badIndex = choices.findIndex((choice: { name?: unknown }) => {
    const name = typeof choice?.name === 'string' ? choice.name : '';
    return name.length < 1 || name.length > LIMITS.choiceName;
  });
  if (badIndex < 0) return null;

  const message = `Must be between 1 and ${LIMITS.choiceName} in length.`;
  return errors.invalidFormBody(
    fieldError([...path, badIndex, 'name'], 'BASE_TYPE_BAD_LENGTH', message),
  );
}

function embedProblem(embed: APIEmbed): { field: string; message: string } | null {
  const tooLong = (field: string, text: string | undefined, max: number) =>
    (text ?? '').length > max ? { field, message: `Must be ${max} or fewer in length.` } : null;
  const fields = embed.fields ?? [];
  const total = [
    embed.title,
    embed.description,
    embed.footer?.text,
    embed.author?.name,
    ...fields.flatMap((f) => [f.name, f.value]),
  ].reduce((sum, text) => sum + (text ?? '').length, 0);

  return (
    tooLong('title', embed.title, LIMITS.embedTitle) ??
    tooLong('description', embed.description, LIMITS.embedDescription) ??
    tooLong('footer', embed.footer?.text, LIMITS.footerText) ??
    tooLong('author', embed.author?.name, LIMITS.authorName) ??
    (fields.length > LIMITS.embedFields
      ? { field: 'fields', message: `Must be ${LIMITS.embedFields} or fewer in length.` }
      : null) ??
    fields
      .map(
        (f) =>
          tooLong('fields', f.name, LIMITS.fieldName) ??
          tooLong('fields', f.value, LIMITS.fieldValue),
      )
      .find(Boolean) ??
    (total > LIMITS.embedTotal
      ? { field: 'description', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` }
      : null)
  );
}
