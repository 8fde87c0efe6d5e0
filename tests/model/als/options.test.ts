import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  DEFAULT_SETTINGS,
  SettingsError,
  type AlsSettings,
} from '../../../model/als/options.js';
import type { WeightingName } from '../../../model/weighting.js';

/** Runs checkSettings, expecting a SettingsError, and returns it. */
function rejection(settings: Partial<AlsSettings>): SettingsError {
  try {
    checkSettings(settings);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError, nothing was thrown');
}

describe('checkSettings', () => {
  it('given no settings, then it gives the documented defaults', () => {
    expect(checkSettings({})).toEqual({
      factors: 48,
      iterations: 15,
      regularization: 1,
      alpha: 3,
      weighting: 'constant',
      cgSteps: 3,
      threads: 2,
      seed: 0,
    });
    expect(DEFAULT_SETTINGS).toEqual(checkSettings({}));
  });

  it('given some settings, then they replace the defaults and the rest are filled in', () => {
    expect(checkSettings({ factors: 64, weighting: 'bm25', seed: 7 })).toEqual({
      ...DEFAULT_SETTINGS,
      factors: 64,
      weighting: 'bm25',
      seed: 7,
    });
  });

  it.each<[keyof AlsSettings, Partial<AlsSettings>]>([
    ['factors', { factors: 0 }],
    ['factors', { factors: 2.5 }],
    ['iterations', { iterations: 0 }],
    ['cgSteps', { cgSteps: 0 }],
    ['threads', { threads: 0 }],
    ['seed', { seed: -1 }],
    ['regularization', { regularization: 0 }],
    ['regularization', { regularization: -0.5 }],
    ['regularization', { regularization: Number.NaN }],
    ['regularization', { regularization: Number.POSITIVE_INFINITY }],
    ['alpha', { alpha: 0 }],
    ['weighting', { weighting: 'foo' as WeightingName }],
  ])('given a bad %s (%o), then a SettingsError names that setting', (setting, settings) => {
    const error = rejection(settings);

    expect(error.setting).toBe(setting);
    expect(error.code).toBe('BAD_SETTING');
    expect(error.name).toBe('SettingsError');
    expect(error.message).toMatch(new RegExp(`^reelmate: ${setting} must be`));
  });

  it('given a setting that is present but undefined, then it takes the default', () => {
    expect(checkSettings({ factors: undefined, alpha: 2 })).toEqual({
      ...DEFAULT_SETTINGS,
      alpha: 2,
    });
  });

  it('given weighting foo, then the message lists the accepted weightings and the bad value', () => {
    expect(rejection({ weighting: 'foo' as WeightingName }).message).toBe(
      'reelmate: weighting must be constant or bm25, not foo',
    );
  });

  it('given factors 0, then the message gives the allowed range', () => {
    expect(rejection({ factors: 0 }).message).toBe(
      'reelmate: factors must be a whole number from 1 to 1024, not 0',
    );
  });
});
