import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkSettings, type AlsSettings } from '../../model/als/options.js';

/** The ALS settings every model command takes, with EVALUATION.md's names. */
const SETTING_OPTIONS = {
  factors: { type: 'string' },
  iterations: { type: 'string' },
  regularization: { type: 'string' },
  alpha: { type: 'string' },
  weighting: { type: 'string' },
  'cg-steps': { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
} as const;

/** A command-line mistake: the message is shown as it is, with the usage. */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses a command's arguments: its own options plus the ALS settings.
 * @param argv - the arguments after the script name
 * @param own - the command's own options
 * @returns the command's values and complete, checked settings
 * @throws UsageError for unknown options or bad values
 */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  own: T,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...SETTING_OPTIONS, ...own }, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const number = (name: keyof typeof SETTING_OPTIONS) => {
    const text = v[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(n)) {
      throw new UsageError(`--${name} takes a number, not "${String(text)}"`);
    }
    return n;
  };
  const given: Partial<AlsSettings> = {
    factors: number('factors'),
    iterations: number('iterations'),
    regularization: number('regularization'),
    alpha: number('alpha'),
    weighting: v.weighting as AlsSettings['weighting'] | undefined,
    cgSteps: number('cg-steps'),
    threads: number('threads'),
    seed: number('seed'),
  };
  const settings = checkSettings(given);
  return { values: v, settings };
}

/**
 * Runs a command's main function and turns its failure into a short message
 * and exit code 1 (2 for usage mistakes), without a stack trace for errors
 * the user caused.
 * @param usage - the usage line
 * @param main - the command
 */
export function runCommand(usage: string, main: () => Promise<void>): void {
  main().catch((error: Error & { code?: string }) => {
    const expected =
      error.code !== undefined && /^reelmate: |^--|^Unknown|^Option/.test(error.message);
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: ${usage}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(expected ? `${error.message}\n` : `${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
