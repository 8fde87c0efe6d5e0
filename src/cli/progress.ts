import cliProgress from 'cli-progress';
import type { TrainingProgress } from '../../model/als/train.js';

/**
 * A progress bar for training on standard error, drawn only when standard
 * error is a terminal so pipes and --json output stay clean.
 * @param enabled - false turns it off
 * @returns the callback for trainAls and a function that clears the bar
 */
export function trainingProgressBar(enabled = true) {
  if (!enabled || !process.stderr.isTTY) return { onProgress: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: 'training [{bar}] {value}/{total} iterations, {seconds} s', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (p: TrainingProgress) => {
    if (!started) bar.start(p.iterations, 0, { seconds: '0.0' });
    started = true;
    bar.update(p.iteration, { seconds: p.seconds.toFixed(1) });
  };
  return { onProgress, stop: () => started && bar.stop() };
}
