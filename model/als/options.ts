import type { WeightingName } from '../weighting.js';

/** The settings of an ALS model, with EVALUATION.md's names. */
export interface AlsSettings {
  /** Length of each user and item vector. */
  factors: number;
  /** Full passes, each solving every user then every item. */
  iterations: number;
  /** λ, added to the diagonal of every normal-equation system; must be > 0. */
  regularization: number;
  /** Scale of the confidences (see weighting.ts). */
  alpha: number;
  /** How interactions become confidences. */
  weighting: WeightingName;
  /** Conjugate-gradient steps per row and half-iteration. */
  cgSteps: number;
  /** Worker threads that solve rows. */
  threads: number;
  /** Seed of the starting factors. */
  seed: number;
}

/**
 * reelmate's defaults. Chosen on a validation part of train.dat, never on
 * test.dat (see README, "Choosing the defaults").
 */
export const DEFAULT_SETTINGS: AlsSettings = {
  factors: 48,
  iterations: 15,
  regularization: 1,
  alpha: 3,
  weighting: 'constant',
  cgSteps: 3,
  threads: 2,
  seed: 0,
};

/** A setting that is out of range. */
export class SettingsError extends Error {
  readonly code = 'BAD_SETTING';

  constructor(
    readonly setting: keyof AlsSettings,
    message: string,
  ) {
    super(`reelmate: ${setting} ${message}`);
    this.name = 'SettingsError';
  }
}

/**
 * Checks each setting's range and fills in the defaults.
 * @param settings - the settings given
 * @returns complete, valid settings
 * @throws SettingsError naming the first bad setting
 */
export function checkSettings(settings: Partial<AlsSettings>): AlsSettings {
  const given = Object.entries(settings).filter(([, value]) => value !== undefined);
  const s: AlsSettings = { ...DEFAULT_SETTINGS, ...Object.fromEntries(given) };
  const wholeInRange = (key: keyof AlsSettings, min: number, max: number) => {
    const v = s[key] as number;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new SettingsError(key, `must be a whole number from ${min} to ${max}, not ${v}`);
    }
  };
  wholeInRange('factors', 1, 1024);
  wholeInRange('iterations', 1, 1000);
  wholeInRange('cgSteps', 1, 100);
  wholeInRange('threads', 1, 64);
  wholeInRange('seed', 0, 2 ** 32 - 1);
  if (!(s.regularization > 0) || !Number.isFinite(s.regularization)) {
    throw new SettingsError('regularization', `must be a number above 0, not ${s.regularization}`);
  }
  if (!(s.alpha > 0) || !Number.isFinite(s.alpha)) {
    throw new SettingsError('alpha', `must be a number above 0, not ${s.alpha}`);
  }
  if (s.weighting !== 'constant' && s.weighting !== 'bm25') {
    throw new SettingsError('weighting', `must be constant or bm25, not ${String(s.weighting)}`);
  }
  return s;
}
