import type { Command } from '../../commands/index.js';

/** A console line turned into a command call, or the reason it could not be. */
export type ParsedLine =
  | { kind: 'command'; name: string; options: Record<string, string> }
  | { kind: 'pick'; choice: number }
  | { kind: 'empty' }
  | { kind: 'unknown'; name: string };

/**
 * Reads a console line the way Discord's box reads a slash command:
 * `/like the matrix`, `/similar title:heat count:5`, `/recommend 5`. Named
 * options use `name:value`; text before the first name fills the first text
 * option, or the first number option when the command takes no text. A bare
 * number (or `/pick N`) answers the last pick list.
 * @param line - the line as typed
 * @param commands - the known commands
 * @returns what the line asks for
 */
export function parseLine(line: string, commands: ReadonlyMap<string, Command>): ParsedLine {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'empty' };
  const pick = /^(?:\/pick\s+)?(\d{1,2})$/.exec(text);
  if (pick) return { kind: 'pick', choice: Number(pick[1]) };

  const [, name = '', rest = ''] = /^\/?(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
  const command = commands.get(name.toLowerCase());
  if (!command) return { kind: 'unknown', name };

  const declared = command.definition.toJSON().options ?? [];
  const names = declared.map((o) => o.name);
  const options: Record<string, string> = {};
  const named = new RegExp(`(?:^|\\s)(${names.join('|') || '(?!)'}):`, 'g');
  const marks = [...rest.matchAll(named)];
  const positional = (marks.length ? rest.slice(0, marks[0].index) : rest).trim();
  marks.forEach((mark, i) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : rest.length;
    options[mark[1]] = rest.slice(start, end).trim();
  });

  if (positional !== '') {
    // 3 is a string option, 4 an integer option, in Discord's numbering.
    const target = declared.find((o) => o.type === 3) ?? declared.find((o) => o.type === 4);
    if (target && options[target.name] === undefined) options[target.name] = positional;
  }
  return { kind: 'command', name: command.definition.name, options };
}
