import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Training takes seconds of both cores, so one test run trains one model and every bot of the
// run starts from a copy of it. Test files run in separate processes of one vitest run, all
// children of the vitest process, so its pid names the run. The first file to take the lock
// lets its bot train and then publishes the model folder; the others wait for it. Folders of
// runs whose vitest process has ended are removed.

const PREFIX = 'reelmate-e2e-model-run';
const RUN = `${PREFIX}${process.ppid}`;
const RUN_NAME = new RegExp(`^${PREFIX}(\\d+)`);
const SHARED = join(tmpdir(), RUN);
const LOCK = `${SHARED}.lock`;

/** What a test file does about the model: copy the run's, or train it for the run. */
export type ModelClaim =
  | { role: 'copy'; from: string }
  | {
      role: 'train';
      /** Shares a model folder the bot trained with the rest of the run. */
      publish(modelDir: string): Promise<void>;
      /** Tells the rest of the run that training failed here. */
      abandon(): Promise<void>;
    };

/**
 * Takes the run's lock, or waits until the file holding it has published the model.
 * @param timeoutMs - how long to wait for another file's training
 * @returns the claim
 * @throws Error when the training file gave up, ended, or took longer than `timeoutMs`
 */
export async function claimSharedModel(timeoutMs: number): Promise<ModelClaim> {
  await removeEndedRuns();
  if (existsSync(SHARED)) return { role: 'copy', from: SHARED };
  try {
    await mkdir(LOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { role: 'copy', from: await waitForPublished(timeoutMs) };
  }

  await writeFile(join(LOCK, 'owner'), String(process.pid));
  return {
    role: 'train',
    publish: async (modelDir) => {
      const staging = `${SHARED}.staging-${process.pid}`;
      await cp(modelDir, staging, { recursive: true, dereference: true });
      await rename(staging, SHARED);
    },
    abandon: () => writeFile(join(LOCK, 'failed'), 'the bot that trained the model did not start'),
  };
}

/**
 * @param from - a published model folder
 * @param modelDir - the bot's own model folder, which retrains may overwrite
 */
export async function copyModel(from: string, modelDir: string): Promise<void> {
  await cp(from, modelDir, { recursive: true, dereference: true });
}

async function waitForPublished(timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(SHARED)) {
    if (existsSync(join(LOCK, 'failed'))) throw new Error('e2e: the run’s model training failed');
    const owner = Number(await readFile(join(LOCK, 'owner'), 'utf8').catch(() => '0'));
    if (owner && !isAlive(owner))
      throw new Error(`e2e: test process ${owner} ended while training`);
    if (Date.now() > deadline) throw new Error(`e2e: no shared model within ${timeoutMs} ms`);
    await sleep(200);
  }
  return SHARED;
}

async function removeEndedRuns(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names) {
    const pid = Number(RUN_NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.ppid || isAlive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
