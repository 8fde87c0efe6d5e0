import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

import { createLogger, type Logger } from '../../../src/logger.js';

const folders: string[] = [];

// A test may end while a store it did not close still writes its last good copy; removal
// retries until that write has landed instead of failing with ENOTEMPTY.
afterEach(async () => {
  for (const folder of folders.splice(0)) {
    await rm(folder, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 });
  }
});

/**
 * A fresh empty folder under the system's temporary folder, removed after the test.
 * @returns its path
 */
export async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'reelmate-storage-'));
  folders.push(folder);
  return folder;
}

/** A log line as pino writes it. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/**
 * A real pino logger whose lines are kept for the test to read.
 * @returns the logger and the lines it wrote
 */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger('debug', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/**
 * @param file - a JSON file
 * @returns its parsed content
 */
export async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/**
 * @param folder - a folder
 * @returns the names in it, sorted
 */
export async function list(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}
