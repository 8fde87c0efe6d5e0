import {
  ApplicationCommandOptionType as OptionType,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
} from 'discord.js';

/** Option values by name, e.g. `{ title: 'Alien', year: 1979 }`. */
export type OptionValues = Record<string, string | number | boolean>;

/** Options as a test gives them: values by name, or the raw API array for full control. */
export type OptionsInput = OptionValues | APIApplicationCommandInteractionDataOption[];

/** Which command is invoked, and where in it. */
export interface OptionTarget {
  commandName: string;
  /** The registered command, whose option types win over guessing; undefined if unregistered. */
  command: APIApplicationCommand | undefined;
  subcommandGroup?: string;
  subcommand?: string;
  /** For autocomplete: the option the user is typing in. */
  focused?: string;
}

/**
 * Turns option values into the `data.options` Discord sends. Types come from the registered
 * command when there is one (so 5 becomes an Integer if declared so); otherwise strings,
 * booleans, integers and other numbers are told apart by value. Subcommands wrap the leaves.
 *
 * @param input - the options as the test gave them
 * @param target - the command and subcommand they belong to
 * @returns the interaction data options
 * @throws Error when the registered command has no option of a given name
 */
export function toDataOptions(
  input: OptionsInput | undefined,
  target: OptionTarget,
): APIApplicationCommandInteractionDataOption[] {
  if (Array.isArray(input)) return input;

  const definitions = leafDefinitions(target);
  const leaves = Object.entries(input ?? {}).map(([name, value]) => {
    const definition = definitions?.find((d) => d.name === name);
    if (definitions && !definition) {
      throw new Error(`fake-discord: /${target.commandName} has no option '${name}'`);
    }
    const type = definition?.type ?? guessType(value);
    const focused = name === target.focused;
    // Discord sends the focused value as the raw text typed so far, even for numbers.
    return { name, type, value: focused ? String(value) : value, ...(focused ? { focused } : {}) };
  }) as APIApplicationCommandInteractionDataOption[];

  if (!target.subcommand) return leaves;
  const subcommand = { name: target.subcommand, type: OptionType.Subcommand, options: leaves };
  if (!target.subcommandGroup) return [subcommand] as APIApplicationCommandInteractionDataOption[];
  const group = {
    name: target.subcommandGroup,
    type: OptionType.SubcommandGroup,
    options: [subcommand],
  };
  return [group] as APIApplicationCommandInteractionDataOption[];
}

function leafDefinitions(target: OptionTarget): APIApplicationCommandOption[] | undefined {
  if (!target.command) return undefined;

  let options: APIApplicationCommandOption[] = target.command.options ?? [];
  for (const name of [target.subcommandGroup, target.subcommand]) {
    if (!name) continue;
    const parent = options.find((o) => o.name === name);
    if (!parent || !('options' in parent)) {
      throw new Error(`fake-discord: /${target.commandName} has no subcommand '${name}'`);
    }
    options = (parent.options ?? []) as APIApplicationCommandOption[];
  }
  return options;
}

function guessType(value: string | number | boolean): OptionType {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'string') return OptionType.String;
  return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
}
