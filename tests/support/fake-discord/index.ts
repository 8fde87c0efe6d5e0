/**
 * A fake Discord for end-to-end tests: REST, gateway and CDN on 127.0.0.1 that the real
 * discord.js Client logs into. Start one per test with {@link startFakeDiscord}, point the
 * client at it with `rest: fake.rest`, and close both afterwards.
 */
export { FakeDiscord, startFakeDiscord, type FakeRestOptions } from './fake-discord.js';
export type { FailureRule, FailureSpec } from './failures.js';
export type { GatewayEvent } from './gateway-events.js';
export type { DispatchPayload, GatewaySession } from './gateway-session.js';
export type {
  AnswerWaitOptions,
  InteractionAnswer,
  InteractionHandle,
} from './interaction-handle.js';
export type { OptionsInput, OptionValues } from './interaction-options.js';
export type {
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  InteractionContextInput,
} from './interactions.js';
export type { MessageFields } from './message-store.js';
export {
  DEFAULT_TOKEN,
  type FakeDiscordOptions,
  type FakeGuildSeed,
  type FakeUserSeed,
} from './options.js';
export type { RecordedRequest } from './recorded-request.js';
export type { EntryPredicate, Recorder, WaitForOptions } from './recorder.js';
export type { RecordedFile } from './request-body.js';
export { shardIdFor } from './snowflake.js';
export type { FakeGuild } from './world.js';
