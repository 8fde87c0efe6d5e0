import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { fieldError } from './replies.js';

/** Discord's rule for command and option names: 1-32 letters, digits, `-`, `_` or `'`. */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_DESCRIPTION = 100;

type Json = Record<string, unknown>;

/**
 * Checks a command body against the limits Discord enforces, so a definition the real API
 * would reject with 50035 fails against the fake too. Covers names, descriptions, option and
 * choice counts, and required-before-optional; not localizations or permissions.
 *
 * @param body - one command as sent in PUT or POST
 * @param index - its position in a PUT array, which prefixes the error path
 * @returns Discord's nested `errors` object for the first problem, or null when valid
 */
export function commandErrors(body: unknown, index?: number): unknown {
  const prefix = index === undefined ? [] : [index];
  if (!isObject(body))
    return fieldError(prefix, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');

  const type = body.type ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  return (
    nameErrors(body.name, chatInput, [...prefix, 'name']) ??
    descriptionErrors(body.description, chatInput, [...prefix, 'description']) ??
    optionListErrors(body.options, [...prefix, 'options'])
  );
}

/**
 * @param bodies - the commands of a bulk overwrite
 * @returns the `errors` object for the first problem, or null when valid
 */
export function commandListErrors(bodies: unknown): unknown {
  if (!Array.isArray(bodies)) return fieldError([], 'LIST_TYPE_CONVERT', 'Must be an array');

  const seen = new Set<string>();
  for (const [index, body] of bodies.entries()) {
    const problem = commandErrors(body, index);
    if (problem) return problem;

    const key = `${(body as Json).type ?? 1}:${String((body as Json).name)}`;
    if (seen.has(key)) {
      return fieldError([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Duplicate name');
    }
    seen.add(key);
  }
  return null;
}

function nameErrors(name: unknown, lowercase: boolean, path: (string | number)[]): unknown {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    return fieldError(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  if (lowercase && name !== name.toLowerCase()) {
    return fieldError(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase');
  }
  return null;
}

function descriptionErrors(value: unknown, required: boolean, path: (string | number)[]): unknown {
  const text = typeof value === 'string' ? value : '';
  if (!required) {
    return text === '' ? null : fieldError(path, 'BASE_TYPE_MAX_LENGTH', 'Must be empty');
  }
  if (text.length < 1 || text.length > MAX_DESCRIPTION) {
    const message = `Must be between 1 and ${MAX_DESCRIPTION} in length.`;
    return fieldError(path, 'BASE_TYPE_BAD_LENGTH', message);
  }
  return null;
}

function optionListErrors(options: unknown, path: (string | number)[]): unknown {
  if (options === undefined) return null;
  if (!Array.isArray(options)) return fieldError(path, 'LIST_TYPE_CONVERT', 'Must be an array');
  if (options.length > MAX_OPTIONS) {
    return fieldError(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_OPTIONS} or fewer in length.`);
  }

  let optionalSeen = false;
  for (const [index, option] of options.entries()) {
    const here = [...path, index];
    if (!isObject(option)) return fieldError(here, 'DICT_TYPE_CONVERT', 'Only dictionaries');
    const problem = optionErrors(option, here);
    if (problem) return problem;

    if (option.required === true && optionalSeen) {
      const message = 'Required options must be placed before non-required options';
      return fieldError(
        [...here, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message,
      );
    }
    optionalSeen ||= option.required !== true;
  }
  return null;
}

function optionErrors(option: Json, path: (string | number)[]): unknown {
  const nameProblem = nameErrors(option.name, true, [...path, 'name']);
  if (nameProblem) return nameProblem;
  const descriptionProblem = descriptionErrors(option.description, true, [...path, 'description']);
  if (descriptionProblem) return descriptionProblem;

  const choices = option.choices;
  if (Array.isArray(choices) && choices.length > MAX_CHOICES) {
    const message = `Must be ${MAX_CHOICES} or fewer in length.`;
    return fieldError([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', message);
  }
  if (option.autocomplete === true && Array.isArray(choices) && choices.length > 0) {
    const message = 'Autocomplete cannot be set with choices';
    return fieldError(
      [...path, 'autocomplete'],
      'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE',
      message,
    );
  }

  const nests =
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup;
  return nests ? optionListErrors(option.options, [...path, 'options']) : null;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
