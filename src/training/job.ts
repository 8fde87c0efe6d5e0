import type { AlsSettings } from '../../model/als/options.js';
import type { TrainingProgress } from '../../model/als/train.js';
import type { Model } from '../../model/model.js';
import type { MemberLikes } from '../storage/index.js';

/** What a training thread is asked to do. */
export interface TrainingJob {
  /** MovieLens's ratings.dat. */
  ratingsFile: string;
  /** Members' likes, one extra row each. */
  members: MemberLikes[];
  settings: AlsSettings;
  /** Share of each user's interactions held out for the model's figures. */
  holdout: number;
}

/** What a training thread reports. */
export type TrainingMessage =
  { type: 'progress'; progress: TrainingProgress } | { type: 'done'; model: Model };

/** Share held out for a model's figures unless a caller says otherwise. */
export const DEFAULT_HOLDOUT = 0.1;
