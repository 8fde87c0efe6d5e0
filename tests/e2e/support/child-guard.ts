import { isMainThread } from 'node:worker_threads';
import { guardLoopback } from '../../support/loopback-guard.js';

// Preloaded into the bot's process with `--import` by the end-to-end tests. The loopback guard
// refuses every outgoing connection not aimed at 127.0.0.1; this reports each refusal on
// standard error as a JSON line the tests read, and a summary when the process exits.
// Training threads open no sockets, so only the main thread is watched.
if (isMainThread) {
  const report = (fields: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ e2eGuard: true, ...fields })}\n`);
  const guard = guardLoopback();

  let reported = 0;
  const reportNew = () => {
    for (const v of guard.violations.slice(reported)) {
      report({ violation: `${v.address}:${v.port}` });
    }
    reported = guard.violations.length;
  };
  setInterval(reportNew, 100).unref();
  process.once('exit', () => {
    reportNew();
    report({ attempts: guard.attempts.length, violations: guard.violations.length });
  });
  report({ armed: true });
}
