import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/**
 * A fresh empty folder under the system's temporary folder, removed after the test.
 * @returns its path
 */
export async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'reelmate-training-'));
  folders.push(folder);
  return folder;
}
