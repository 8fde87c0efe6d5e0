import { parentPort, workerData } from 'node:worker_threads';
import { computeTopLists, type TopListsJob } from './top-lists.js';

// A statistics thread: ranks the catalog for everybody, derives coverage, groups and charts,
// and sends them back. The seconds of ranking happen here, never on the bot's event loop.
const figures = computeTopLists(workerData as TopListsJob);
const { coverage, groups } = figures.charts;
parentPort?.postMessage(figures, [
  figures.movielens.movies.buffer as ArrayBuffer,
  ...[coverage, groups].map((png) => png.buffer as ArrayBuffer),
]);
