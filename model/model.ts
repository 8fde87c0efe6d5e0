import type { AlsSettings } from './als/options.js';
import type { Metrics } from './evaluate.js';
import type { WeightingStats } from './weighting.js';

/** Interactions per user row of the training data. */
export interface PerUser {
  min: number;
  /** The middle row's count; the mean of the two middle ones for an even number of rows. */
  median: number;
  mean: number;
  max: number;
}

/** The size of the training data, recorded at training time so statistics never recompute it. */
export interface TrainedOn {
  /** User rows: MovieLens users and members. */
  users: number;
  items: number;
  interactions: number;
  /**
   * Interactions per user row. Absent in model folders written before it was recorded; the
   * next retrain fills it in.
   */
  perUser?: PerUser;
}

/** Everything about a trained model except its factor matrices: model.json. */
export interface ModelInfo {
  /** Format of the model folder. */
  format: 1;
  /** Outside ids of the user rows, in order (MovieLens user ids, then members). */
  users: number[];
  /** User rows that are the bot's members rather than MovieLens users. */
  members: { id: number; server: string; member: string }[];
  /** MovieLens movie ids of the item rows, in order. */
  items: number[];
  /** Training interactions per item row, for popularity and statistics. */
  popularity: number[];
  settings: AlsSettings;
  weighting: WeightingStats;
  /**
   * A hash of the base training data (MovieLens, without members' likes),
   * to tell whether a saved model still fits it.
   */
  fingerprint: string;
  trainedOn: TrainedOn;
  fitSeconds: number;
  /** Figures on a held-out part, when training held one out. */
  evaluation: Metrics | null;
  /** When training started, ISO 8601. */
  trainedAt: string;
  /** When the model was ready (training and its evaluation done), ISO 8601. */
  createdAt: string;
}

/** A trained model. */
export interface Model extends ModelInfo {
  userFactors: Float32Array;
  itemFactors: Float32Array;
}
