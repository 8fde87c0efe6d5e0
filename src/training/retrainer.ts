import type { AlsSettings } from '../../model/als/options.js';
import { saveModel } from '../../model/model-files.js';
import type { Model } from '../../model/model.js';
import type { Logger } from '../logger.js';
import type { MemberLikes } from '../storage/index.js';
import { DEFAULT_HOLDOUT } from './job.js';
import { TrainingError, trainInWorker, type TrainingRun } from './run-training.js';

/** How a retrain ended. */
export type RetrainOutcome =
  | { kind: 'replaced'; model: Model }
  | { kind: 'kept'; reason: string }
  | { kind: 'failed'; reason: string };

/** What the retrainer needs. */
export interface RetrainerOptions {
  ratingsFile: string;
  modelDir: string;
  settings: AlsSettings;
  /** Every member's likes at the moment a retrain starts. */
  members(): MemberLikes[] | Promise<MemberLikes[]>;
  logger: Logger;
  /** The model serving now. */
  current(): Model;
  /** Called with a new model once it passed its checks and was saved. */
  swap(model: Model): void | Promise<void>;
  /** How far below the current ndcg@10 a new model may fall and still replace it. */
  margin?: number;
  /** Starts a training run; tests replace it to simulate failures. */
  train?: typeof trainInWorker;
}

/** A retrain under way: its training thread (once started) and its outcome. */
interface Running {
  run: TrainingRun | undefined;
  outcome: Promise<RetrainOutcome> | undefined;
  /** Set by stop(), so a retrain still reading members' likes never starts its thread. */
  stopped: boolean;
}

/** Member-requested retrains are at least this far apart (scheduled ones are not held back). */
export const RETRAIN_COOLDOWN_MS = 10 * 60 * 1000;

/** A new model may be this much worse (ndcg@10 on its held-out part) and still replace the old. */
export const DEFAULT_MARGIN = 0.02;

/**
 * Retrains on MovieLens plus every member's likes, one run at a time. A new
 * model replaces the current one only when it trained to the end and its
 * held-out figures are no worse than the margin allows; otherwise the old
 * model keeps serving and the reason is logged.
 */
export class Retrainer {
  readonly #options: RetrainerOptions;
  #running: Running | undefined;
  #last: { at: Date; outcome: RetrainOutcome } | undefined;

  constructor(options: RetrainerOptions) {
    this.#options = options;
  }

  /** True while a retrain runs. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /**
   * @param now - the clock
   * @defaultValue now Date.now()
   * @returns whether a member's request now comes too soon after the last retrain
   */
  tooSoon(now = Date.now()): boolean {
    return this.#last !== undefined && now - this.#last.at.getTime() < RETRAIN_COOLDOWN_MS;
  }

  /** When the last retrain ended and how. */
  get last(): { at: Date; outcome: RetrainOutcome } | undefined {
    return this.#last;
  }

  /**
   * Starts a retrain, or joins the one already running.
   * @param reason - why, for the log: 'scheduled' or who asked
   * @returns the outcome, once the retrain has ended
   */
  run(reason: string): Promise<RetrainOutcome> {
    if (this.#running?.outcome) return this.#running.outcome;
    const running: Running = { run: undefined, outcome: undefined, stopped: false };
    running.outcome = this.#retrain(reason, running).finally(() => (this.#running = undefined));
    this.#running = running;
    return running.outcome;
  }

  /** Stops a running retrain; the current model stays. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    running.stopped = true;
    await running.run?.stop();
  }

  async #retrain(reason: string, running: Running): Promise<RetrainOutcome> {
    const { logger, settings } = this.#options;
    let outcome: RetrainOutcome;
    try {
      // Reading the likes may fail or take a while (the shard manager reads every server file).
      const members = await this.#options.members();
      if (running.stopped) return this.#stoppedAtShutdown();
      logger.info(
        { reason, members: members.length },
        'Retraining the model on MovieLens and members’ likes',
      );
      running.run = (this.#options.train ?? trainInWorker)({
        ratingsFile: this.#options.ratingsFile,
        members,
        settings,
        holdout: DEFAULT_HOLDOUT,
      });
      outcome = await this.#check(await running.run.result);
    } catch (error) {
      if (error instanceof TrainingError && error.code === 'STOPPED') {
        return this.#stoppedAtShutdown();
      }
      outcome = { kind: 'failed', reason: (error as Error).message };
    }

    this.#last = { at: new Date(), outcome };
    if (outcome.kind === 'replaced') {
      const m = outcome.model;
      logger.info(
        {
          seconds: Number(m.fitSeconds.toFixed(2)),
          ndcg: m.evaluation?.['ndcg@10'],
          ...m.trainedOn,
        },
        'Retrained: the new model is serving',
      );
    } else {
      logger.warn(
        { reason: outcome.reason },
        `Retrain ${outcome.kind === 'failed' ? 'failed' : 'rejected'}; the current model keeps serving`,
      );
    }
    return outcome;
  }

  #stoppedAtShutdown(): RetrainOutcome {
    this.#options.logger.info('Retrain stopped because the bot is shutting down');
    return { kind: 'kept', reason: 'stopped at shutdown' };
  }

  /** Saves and swaps in a model that passed; explains one that did not. */
  async #check(model: Model): Promise<RetrainOutcome> {
    const margin = this.#options.margin ?? DEFAULT_MARGIN;
    const before = this.#options.current().evaluation?.['ndcg@10'];
    const after = model.evaluation?.['ndcg@10'];
    if (after === undefined || !Number.isFinite(after)) {
      return { kind: 'kept', reason: 'the new model has no held-out figures' };
    }
    if (before !== undefined && after < before - margin) {
      return {
        kind: 'kept',
        reason: `ndcg@10 on held-out data fell from ${before.toFixed(4)} to ${after.toFixed(4)}`,
      };
    }
    await saveModel(this.#options.modelDir, model);
    await this.#options.swap(model);
    return { kind: 'replaced', model };
  }
}
