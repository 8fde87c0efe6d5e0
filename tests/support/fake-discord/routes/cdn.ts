import { errors, type RouteReply } from '../replies.js';
import type { RouteDefinition } from '../router.js';
import type { FakeState } from '../state.js';

/**
 * The fake CDN: serves the bytes of files the bot attached, at the URLs the fake put in
 * message attachments, so nothing ever needs cdn.discordapp.com.
 *
 * @param state - the fake's shared state
 * @returns the route table entries, matched against the raw path
 */
export function cdnRoutes(state: FakeState): RouteDefinition[] {
  return [
    {
      method: 'GET',
      pattern: '/cdn/attachments/:channelId/:attachmentId/:filename',
      auth: 'none',
      handle: ({ params }): RouteReply => {
        const file = state.messages.upload(params.attachmentId);
        if (!file) return errors.notFound();
        return {
          status: 200,
          body: file.bytes,
          headers: { 'content-type': file.contentType || 'application/octet-stream' },
        };
      },
    },
  ];
}
