import {
  MessageFlags,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord.js';
import type { RecordedFile } from './request-body.js';
import type { SnowflakeFactory } from './snowflake.js';

/** The message fields of an interaction response or webhook body, as discord.js sends them. */
export interface MessageFields {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  tts?: boolean;
  /** New uploads are `{ id: '0' }` (the index of `files[0]`); kept ones carry their snowflake. */
  attachments?: { id: string | number; filename?: string; description?: string }[];
}

/** Where a new message goes and who it answers. */
export interface NewMessage {
  channelId: string;
  guildId: string | null;
  type: MessageType;
  fields: MessageFields;
  files: RecordedFile[];
  interaction?: APIMessageInteractionMetadata;
  /** Extra flags, e.g. Loading for a deferred reply's placeholder. */
  flags?: number;
}

/**
 * The messages the bot has posted through the fake, kept so that edits, fetches and component
 * interactions see what the bot last sent, and attachment URLs serve the uploaded bytes.
 */
export class MessageStore {
  readonly #messages = new Map<string, APIMessage>();
  readonly #uploads = new Map<string, RecordedFile>();
  readonly #snowflakes: SnowflakeFactory;
  readonly #cdnBase: string;
  readonly #author: APIUser;

  /**
   * @param snowflakes - source of message and attachment ids
   * @param cdnBase - base URL of the fake CDN, for attachment URLs
   * @param author - the bot user, author of every stored message
   */
  constructor(snowflakes: SnowflakeFactory, cdnBase: string, author: APIUser) {
    this.#snowflakes = snowflakes;
    this.#cdnBase = cdnBase;
    this.#author = author;
  }

  /**
   * @param input - the new message
   * @returns the message as Discord would return it
   */
  create(input: NewMessage): APIMessage {
    const id = this.#snowflakes.next();
    const message: APIMessage = {
      id,
      type: input.type,
      channel_id: input.channelId,
      ...(input.guildId ? { guild_id: input.guildId } : {}),
      author: this.#author,
      content: input.fields.content ?? '',
      embeds: input.fields.embeds ?? [],
      components: input.fields.components ?? [],
      attachments: this.#attachments(input.channelId, input.fields, input.files, []),
      flags: (input.fields.flags ?? 0) | (input.flags ?? 0),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: input.fields.tts ?? false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      webhook_id: this.#author.id,
      application_id: this.#author.id,
      ...(input.interaction ? { interaction_metadata: input.interaction } : {}),
    };
    this.#messages.set(id, message);
    return message;
  }

  /**
   * Applies an edit: given fields replace the old ones, and a deferred reply stops loading.
   *
   * @param id - the message to edit
   * @param fields - the fields sent in the PATCH
   * @param files - files uploaded with the edit
   * @returns the edited message, or undefined when there is no such message
   */
  edit(id: string, fields: MessageFields, files: RecordedFile[]): APIMessage | undefined {
    const old = this.#messages.get(id);
    if (!old) return undefined;

    const keptFlags = (old.flags ?? 0) & ~MessageFlags.Loading;
    const edited: APIMessage = {
      ...old,
      content: fields.content ?? old.content,
      embeds: fields.embeds ?? old.embeds,
      components: fields.components ?? old.components,
      attachments: this.#attachments(old.channel_id, fields, files, old.attachments),
      flags:
        fields.flags === undefined
          ? keptFlags
          : fields.flags | (keptFlags & MessageFlags.Ephemeral),
      edited_timestamp: new Date().toISOString(),
    };
    this.#messages.set(id, edited);
    return edited;
  }

  /**
   * @param id - a message id
   * @returns the message, or undefined
   */
  get(id: string): APIMessage | undefined {
    return this.#messages.get(id);
  }

  /**
   * @param id - a message id
   * @returns whether it existed
   */
  delete(id: string): boolean {
    return this.#messages.delete(id);
  }

  /**
   * @param attachmentId - the id in an attachment URL
   * @returns the uploaded file, or undefined
   */
  upload(attachmentId: string): RecordedFile | undefined {
    return this.#uploads.get(attachmentId);
  }

  /** Resolves the attachment list of a body against its uploads and the message's old files. */
  #attachments(
    channelId: string,
    fields: MessageFields,
    files: RecordedFile[],
    previous: APIAttachment[],
  ): APIAttachment[] {
    const uploaded = (index: number) => files.find((file) => file.field === `files[${index}]`);
    if (!fields.attachments) {
      return [...previous, ...files.map((file) => this.#store(channelId, file))];
    }

    return fields.attachments.flatMap((entry) => {
      const kept = previous.find((attachment) => attachment.id === String(entry.id));
      if (kept) return [kept];
      const file = uploaded(Number(entry.id));
      return file ? [this.#store(channelId, file, entry.description)] : [];
    });
  }

  #store(channelId: string, file: RecordedFile, description?: string): APIAttachment {
    const id = this.#snowflakes.next();
    this.#uploads.set(id, file);
    const url = `${this.#cdnBase}/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
    return {
      id,
      filename: file.name,
      ...(description ? { description } : {}),
      content_type: file.contentType,
      size: file.bytes.length,
      url,
      proxy_url: url,
    };
  }
}
