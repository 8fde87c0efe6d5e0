import { Router } from '../router.js';
import type { FakeState } from '../state.js';
import { cdnRoutes } from './cdn.js';
import { commandRoutes } from './commands.js';
import { identityRoutes } from './identity.js';
import { interactionRoutes } from './interactions.js';
import { webhookRoutes } from './webhooks.js';

/**
 * @param state - the fake's shared state
 * @returns the routers for `/api/v10` and for the fake CDN
 */
export function createRouters(state: FakeState): { api: Router; cdn: Router } {
  const api = new Router([
    ...identityRoutes(state),
    ...commandRoutes(state),
    ...interactionRoutes(state),
    ...webhookRoutes(state),
  ]);
  return { api, cdn: new Router(cdnRoutes(state)) };
}
