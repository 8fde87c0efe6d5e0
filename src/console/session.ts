import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command, Reply, ReplyFile, Services } from '../../commands/index.js';
import { dispatch } from '../dispatch.js';
import type { Logger } from '../logger.js';
import { parseLine } from './parse-line.js';
import { renderJson, renderText, type WrittenFiles } from './render.js';

/** Where the console writes the files of its answers (charts) unless told otherwise. */
export const CONSOLE_FILES_DIR = join(tmpdir(), 'reelmate-console');

/** The console is one server with one member. */
export const CONSOLE_SERVER = 'console';
export const CONSOLE_MEMBER = 'you';

/**
 * Reads commands from a stream, one per line, and writes each answer:
 * console mode, for a fresh machine with no Discord account, and for pipes.
 * Lines are handled one after another; the session ends at end of input.
 * @param options.input - where commands come from
 * @param options.output - where answers go
 * @param options.commands - the known commands
 * @param options.services - what commands use
 * @param options.logger - the bot's logger
 * @param options.json - one JSON object per answer instead of text
 * @param options.filesDir - where the files of answers (charts) are written
 * @defaultValue options.filesDir CONSOLE_FILES_DIR
 */
export async function runConsole(options: {
  input: Readable;
  output: Writable;
  commands: ReadonlyMap<string, Command>;
  services: Services;
  logger: Logger;
  json: boolean;
  filesDir?: string;
  signal?: AbortSignal;
}): Promise<void> {
  const { input, output, commands, services, logger, json } = options;
  const filesDir = options.filesDir ?? CONSOLE_FILES_DIR;
  const lines = createInterface({ input, terminal: false, signal: options.signal });
  let pending: Reply['pick'];

  const show = async (name: string, reply: Reply) => {
    const written = await writeFiles(reply.files ?? [], filesDir, logger);
    output.write(json ? renderJson(name, reply, written) : renderText(reply, written));
    pending = reply.pick ?? pending;
  };
  const run = async (name: string, values: Record<string, string>) => {
    const command = commands.get(name);
    if (!command) return;
    // Whoever runs the console runs the bot, so they may manage it.
    const invocation = {
      server: CONSOLE_SERVER,
      member: CONSOLE_MEMBER,
      manager: true,
      options: values,
    };
    pending = undefined;
    await show(name, await dispatch(command, invocation, services, logger));
  };

  for await (const line of lines) {
    // Lines already buffered when the signal came are not answered either.
    if (options.signal?.aborted) break;
    const parsed = parseLine(line, commands);
    if (parsed.kind === 'empty') continue;
    if (parsed.kind === 'unknown') {
      const known = [...commands.keys()].map((n) => `/${n}`).join(', ');
      await show('unknown', {
        tone: 'error',
        title: `There is no /${parsed.name}`,
        text: `Try ${known}.`,
        private: true,
      });
      continue;
    }
    if (parsed.kind === 'command') {
      await run(parsed.name, parsed.options);
      continue;
    }

    if (!pending) {
      await show('pick', {
        tone: 'error',
        title: 'There is nothing to pick from',
        text: 'Start with a command such as `/like`.',
        private: true,
      });
      continue;
    }
    const chosen = pending.movies[parsed.choice - 1];
    if (!chosen) {
      const title = `Pick a number from 1 to ${pending.movies.length}`;
      await show('pick', { tone: 'error', title, text: 'The list is still open.', private: true });
      continue;
    }
    await run(pending.command, { [pending.option]: String(chosen.id) });
  }
}

/**
 * Writes a reply's files into a folder, each replacing the last file of its name whole
 * (written beside it, then renamed), so a reader never sees half a chart.
 * @returns where each file went; a file that could not be written is logged and left out
 */
async function writeFiles(files: ReplyFile[], dir: string, logger: Logger): Promise<WrittenFiles> {
  const written = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, basename(file.name));
    const temp = `${path}.${process.pid}.tmp`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(temp, file.data);
      await rename(temp, path);
      written.set(file.name, path);
    } catch (error) {
      logger.error({ err: error, file: path }, 'Could not write a file of an answer');
    }
  }
  return written;
}
