import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command, Reply, Services } from '../../commands/index.js';
import { dispatch } from '../dispatch.js';
import type { Logger } from '../logger.js';
import { parseLine } from './parse-line.js';
import { renderJson, renderText } from './render.js';

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
 */
export async function runConsole(options: {
  input: Readable;
  output: Writable;
  commands: ReadonlyMap<string, Command>;
  services: Services;
  logger: Logger;
  json: boolean;
}): Promise<void> {
  const { input, output, commands, services, logger, json } = options;
  const lines = createInterface({ input, terminal: false });
  let pending: Reply['pick'];

  const show = (name: string, reply: Reply) => {
    output.write(json ? renderJson(name, reply) : renderText(reply));
    pending = reply.pick ?? pending;
  };
  const run = async (name: string, values: Record<string, string>) => {
    const command = commands.get(name);
    if (!command) return;
    // Whoever runs the console runs the bot, so they may manage it.
    const invocation = { server: CONSOLE_SERVER, member: CONSOLE_MEMBER, manager: true, options: values };
    pending = undefined;
    show(name, await dispatch(command, invocation, services, logger));
  };

  for await (const line of lines) {
    const parsed = parseLine(line, commands);
    if (parsed.kind === 'empty') continue;
    if (parsed.kind === 'unknown') {
      const known = [...commands.keys()].map((n) => `/${n}`).join(', ');
      show('unknown', { tone: 'error', title: `There is no /${parsed.name}`, text: `Try ${known}.`, private: true });
      continue;
    }
    if (parsed.kind === 'command') {
      await run(parsed.name, parsed.options);
      continue;
    }

    const chosen = pending?.movies[parsed.choice - 1];
    if (!pending || !chosen) {
      show('pick', { tone: 'error', title: 'There is nothing to pick from', text: 'Start with a command such as `/like`.', private: true });
      continue;
    }
    await run(pending.command, { [pending.option]: String(chosen.id) });
  }
}
