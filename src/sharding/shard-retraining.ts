import type { Retraining } from '../../commands/index.js';
import { loadModel } from '../../model/model-files.js';
import type { Logger } from '../logger.js';
import type { ModelHolder } from '../model-holder.js';
import { isReelmateMessage, type ShardMessage } from './messages.js';

/**
 * Retraining as a shard process sees it: requests go to the manager, and
 * when the manager announces a new model the shard loads the model folder.
 * @param modelDir - the model folder the manager writes
 * @param logger - the shard's logger
 * @returns a factory binding it to the shard's model holder
 */
export function shardRetraining(
  modelDir: string,
  logger: Logger,
): (holder: ModelHolder) => Retraining {
  return (holder) => {
    let busy = false;
    let nextRun: Date | null = null;

    process.on('message', (message: unknown) => {
      if (!isReelmateMessage(message)) return;
      if (message.type === 'reelmate:retrain-state') {
        busy = message.busy;
        nextRun = message.nextRun ? new Date(message.nextRun) : null;
      }
      if (message.type === 'reelmate:model-updated') {
        loadModel(modelDir).then(
          (model) => {
            holder.replace(model);
            logger.info({ trainedAt: model.trainedAt }, 'Loaded the new model the manager trained');
          },
          (error: Error) =>
            logger.error(
              { err: error, modelDir },
              'Could not load the new model; keeping the old one',
            ),
        );
      }
    });

    return {
      start: (reason) => {
        if (busy) return 'already running';
        const request: ShardMessage = { type: 'reelmate:retrain', reason };
        process.send?.(request);
        busy = true;
        return 'started';
      },
      busy: () => busy,
      nextRun: () => nextRun,
    };
  };
}
