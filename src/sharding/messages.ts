/**
 * Messages between the shard manager and its shard processes. Exactly one
 * process, the manager, trains; shards ask it to and reload the model
 * folder when it says a new model is in.
 */
export type ManagerMessage =
  | { type: 'reelmate:retrain-state'; busy: boolean; nextRun: string | null }
  | { type: 'reelmate:model-updated' };

export type ShardMessage = { type: 'reelmate:retrain'; reason: string };

/**
 * @param message - anything received over the process channel
 * @returns whether it is one of reelmate's messages (discord.js sends its own too)
 */
export function isReelmateMessage(message: unknown): message is ManagerMessage | ShardMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('reelmate:');
}
