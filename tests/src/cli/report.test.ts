import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `npm run report` with the given arguments; these all stop before reading any data. */
function report(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('npm run report', () => {
  it('given no --out, then exit code 2 with the usage', async () => {
    const { code, stderr } = await report([]);

    expect(code).toBe(2);
    expect(stderr).toBe(
      '--out is required\nusage: npm run report -- --out DIR [--count N (default 30)] ' +
        '[--seed N (default 1)] [--json]\n',
    );
  });

  it.each([
    [['--out', 'x', '--count', '0'], '--count takes a whole number from 1 to 50, not "0"'],
    [
      ['--out', 'x', '--seed', 'soon'],
      '--seed takes a whole number from 0 to 2147483647, not "soon"',
    ],
    [['--out', 'x', '--colour'], "Unknown option '--colour'"],
  ])('given %j, then exit code 2 naming the mistake', async (args, message) => {
    const { code, stderr } = await report(args);

    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toContain(message);
  });
});
