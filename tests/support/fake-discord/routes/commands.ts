import { commandErrors, commandListErrors } from '../command-validation.js';
import { errors, json, noContent, type RouteReply } from '../replies.js';
import type { RouteDefinition, RouteRequest } from '../router.js';
import type { FakeState } from '../state.js';

type CommandBody = Record<string, unknown> & { name: string };

const GLOBAL = '/applications/:applicationId/commands';
const GUILD = '/applications/:applicationId/guilds/:guildId/commands';

/**
 * Application command registration, global and per guild: bulk overwrite, create, list,
 * fetch, edit and delete. Bodies are checked against Discord's limits first.
 *
 * @param state - the fake's shared state
 * @returns the route table entries
 */
export function commandRoutes(state: FakeState): RouteDefinition[] {
  const { commands } = state;
  const scoped = (handle: (guildId: string | null, request: RouteRequest) => RouteReply) => {
    return (request: RouteRequest) => {
      const refusal = scopeRefusal(state, request.params);
      return refusal ?? handle(request.params.guildId ?? null, request);
    };
  };

  const list = scoped((guildId) => json(commands.list(guildId)));
  const overwrite = scoped((guildId, { body }) => {
    const problem = commandListErrors(body);
    return problem
      ? errors.invalidFormBody(problem)
      : json(commands.replace(guildId, body as CommandBody[]));
  });
  const create = scoped((guildId, { body }) => {
    const problem = commandErrors(body);
    if (problem) return errors.invalidFormBody(problem);
    const { command, created } = commands.upsert(guildId, body as CommandBody);
    return json(command, created ? 201 : 200);
  });
  const fetch = scoped((guildId, { params }) => {
    const command = commands.list(guildId).find((c) => c.id === params.commandId);
    return command ? json(command) : errors.unknownCommand();
  });
  const edit = scoped((guildId, { params, body }) => {
    const command = commands.list(guildId).find((c) => c.id === params.commandId);
    if (!command) return errors.unknownCommand();
    const merged = { ...command, ...(body as object) };
    const problem = commandErrors(merged);
    return problem
      ? errors.invalidFormBody(problem)
      : json(commands.upsert(guildId, merged, command.id).command);
  });
  const remove = scoped((guildId, { params }) =>
    commands.remove(guildId, params.commandId) ? noContent() : errors.unknownCommand(),
  );

  return [GLOBAL, GUILD].flatMap((base): RouteDefinition[] => [
    { method: 'GET', pattern: base, auth: 'bot', handle: list },
    { method: 'PUT', pattern: base, auth: 'bot', handle: overwrite },
    { method: 'POST', pattern: base, auth: 'bot', handle: create },
    { method: 'GET', pattern: `${base}/:commandId`, auth: 'bot', handle: fetch },
    { method: 'PATCH', pattern: `${base}/:commandId`, auth: 'bot', handle: edit },
    { method: 'DELETE', pattern: `${base}/:commandId`, auth: 'bot', handle: remove },
  ]);
}

/** A bot may only manage its own commands, and guild commands only where it is a member. */
function scopeRefusal(state: FakeState, params: Record<string, string>): RouteReply | null {
  if (params.applicationId !== state.world.bot.id) return errors.unknownApplication();
  const { guildId } = params;
  if (guildId && !state.world.guilds.some((g) => g.id === guildId)) return errors.missingAccess();
  return null;
}
