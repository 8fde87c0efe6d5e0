/** What a route answers: an HTTP status, an optional JSON (or raw bytes) body and headers. */
export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * @param body - the JSON to send
 * @param status - the HTTP status
 * @returns a JSON reply
 * @defaultValue `status` is 200
 */
export function json(body: unknown, status = 200): RouteReply {
  return { status, body };
}

/** @returns an empty 204 reply, as Discord sends for most acknowledgements */
export function noContent(): RouteReply {
  return { status: 204 };
}

/**
 * Builds an error in Discord's shape, `{ message, code }` plus field `errors` for form errors,
 * so discord.js turns it into a `DiscordAPIError` with the right `code`.
 *
 * @param status - the HTTP status
 * @param code - Discord's JSON error code (0 for general HTTP errors)
 * @param message - Discord's message for that code
 * @param errors - per-field errors, for code 50035
 * @returns the error reply
 */
export function discordError(
  status: number,
  code: number,
  message: string,
  errors?: unknown,
): RouteReply {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

/** The errors the fake answers with, named as Discord documents their codes. */
export const errors = {
  notFound: () => discordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => discordError(405, 0, '405: Method Not Allowed'),
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  invalidJson: () => discordError(400, 50109, 'The request body contains invalid JSON.'),
  unknownApplication: () => discordError(404, 10002, 'Unknown Application'),
  unknownCommand: () => discordError(404, 10063, 'Unknown application command'),
  missingAccess: () => discordError(403, 50001, 'Missing Access'),
  unknownInteraction: () => discordError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => discordError(400, 40060, 'Interaction has already been acknowledged.'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  invalidWebhookToken: () => discordError(401, 50027, 'Invalid Webhook Token'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  emptyMessage: () => discordError(400, 50006, 'Cannot send an empty message'),
  invalidFormBody: (fieldErrors: unknown) =>
    discordError(400, 50035, 'Invalid Form Body', fieldErrors),
};

/**
 * Discord's nested form error for one field, e.g. `{ content: { _errors: [...] } }`.
 *
 * @param path - the field path, e.g. `['data', 'choices']`
 * @param code - Discord's validation code, e.g. `BASE_TYPE_MAX_LENGTH`
 * @param message - the human-readable explanation
 * @returns the nested `errors` object
 */
export function fieldError(path: (string | number)[], code: string, message: string): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), {
    _errors: [{ code, message }],
  });
}
