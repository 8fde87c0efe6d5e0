import type { IncomingMessage } from 'node:http';

/** A file uploaded in a multipart request, as discord.js sends attachments. */
export interface RecordedFile {
  /** The form field, `files[0]` and so on. */
  field: string;
  /** The filename the bot chose. */
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A request body after parsing. */
export interface ParsedBody {
  /** The JSON body, or the parsed `payload_json` of a multipart body; `undefined` when empty. */
  body: unknown;
  files: RecordedFile[];
  multipart: boolean;
}

/** Thrown for a body Discord would reject as malformed. */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
}

/**
 * @param request - the incoming request
 * @returns its whole body
 */
export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses JSON and multipart/form-data bodies. Multipart parsing is left to the platform's
 * `Response#formData()` rather than a hand-written parser.
 *
 * @param raw - the body bytes
 * @param contentType - the request's content-type header
 * @returns the parsed body
 * @throws MalformedBodyError when the JSON (or payload_json) does not parse
 */
export async function parseBody(raw: Buffer, contentType = ''): Promise<ParsedBody> {
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  if (raw.length === 0) return { body: undefined, files: [], multipart: false };

  return { body: parseJson(raw.toString('utf8')), files: [], multipart: false };
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: RecordedFile[] = [];
  let body: unknown;

  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parseJson(value);
      continue;
    }
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, contentType: value.type, bytes });
  }

  return { body, files, multipart: true };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError('the request body contains invalid JSON');
  }
}
