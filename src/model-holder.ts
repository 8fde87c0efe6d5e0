import type { Model } from '../model/model.js';
import { Recommender } from '../model/recommender.js';

/**
 * Holds the model that serves now. Replacing it is one assignment, so a
 * request sees either the old model or the new one, never a mix.
 */
export class ModelHolder {
  #current: Recommender;

  /** @param model - the first model */
  constructor(model: Model) {
    this.#current = new Recommender(model);
  }

  /** The recommender of the model serving now. */
  get current(): Recommender {
    return this.#current;
  }

  /**
   * Swaps in a new model.
   * @param model - the new model
   */
  replace(model: Model): void {
    this.#current = new Recommender(model);
  }
}
