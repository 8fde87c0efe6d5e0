import { parentPort, workerData } from 'node:worker_threads';
import { fitAndEvaluate } from '../../model/fit.js';
import { fingerprint } from '../../model/fingerprint.js';
import { readRatingsFile } from '../movielens/index.js';
import type { TrainingJob, TrainingMessage } from './job.js';
import { trainingData } from './training-data.js';

// A training thread: reads the data, trains and evaluates, and sends the
// model back. Everything heavy happens here or in the solver threads it
// starts, never on the bot's event loop.
const job = workerData as TrainingJob;
const post = (message: TrainingMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

const ratings = await readRatingsFile(job.ratingsFile);
const { interactions, members } = trainingData(ratings, job.members);
const model = await fitAndEvaluate(interactions, job.settings, job.holdout, (progress) =>
  post({ type: 'progress', progress }),
);
const done = { ...model, fingerprint: fingerprint(ratings), members };
post({ type: 'done', model: done }, [
  done.userFactors.buffer as ArrayBuffer,
  done.itemFactors.buffer as ArrayBuffer,
]);
