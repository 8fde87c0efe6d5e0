import { GatewayCloseCodes, GatewayIntentBits } from 'discord.js';

/** Every intent bit Discord defines; any other bit is an invalid intent (4013). */
const KNOWN_INTENTS = Object.values(GatewayIntentBits)
  .filter((bit): bit is number => typeof bit === 'number')
  .reduce((all, bit) => all | BigInt(bit), 0n);

/** Intents that must be switched on in the developer portal, else 4014. */
const PRIVILEGED_INTENTS =
  BigInt(GatewayIntentBits.GuildMembers) |
  BigInt(GatewayIntentBits.GuildPresences) |
  BigInt(GatewayIntentBits.MessageContent);

/**
 * Decides whether Discord would accept the intents of an IDENTIFY.
 *
 * @param intents - the `intents` field as sent
 * @param enabledPrivileged - the privileged intents the application has enabled
 * @returns the close code Discord would answer with, or null when accepted
 */
export function intentsRefusal(intents: unknown, enabledPrivileged: bigint): number | null {
  if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
    return GatewayCloseCodes.InvalidIntents;
  }
  const bits = BigInt(intents);
  if ((bits & ~KNOWN_INTENTS) !== 0n) return GatewayCloseCodes.InvalidIntents;
  if ((bits & PRIVILEGED_INTENTS & ~enabledPrivileged) !== 0n) {
    return GatewayCloseCodes.DisallowedIntents;
  }
  return null;
}

/**
 * @param intents - the intents of a session
 * @param intent - one intent
 * @returns whether the session asked for it
 */
export function hasIntent(intents: number, intent: GatewayIntentBits): boolean {
  return (BigInt(intents) & BigInt(intent)) !== 0n;
}
