import { explore } from './explore.js';
import { help } from './help.js';
import { like } from './like.js';
import { likes } from './likes.js';
import { recommend } from './recommend.js';
import { retrain } from './retrain.js';
import { similar } from './similar.js';
import { stats } from './stats.js';
import type { Command } from './types.js';
import { unlike } from './unlike.js';

/** Every command, by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [like, unlike, likes, recommend, similar, stats, explore, retrain, help].map((c) => [
    c.definition.name,
    c,
  ]),
);

export type {
  Choice,
  Command,
  Invocation,
  MovieLine,
  Reply,
  ReplyFile,
  Retraining,
  Section,
  Services,
} from './types.js';
