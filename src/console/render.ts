import type { Reply } from '../../commands/index.js';

/**
 * Shows a reply as plain text for a terminal or a pipe.
 * @param reply - the reply
 * @returns lines of text, ending with a newline
 */
export function renderText(reply: Reply): string {
  const out = [reply.tone === 'error' ? `! ${reply.title}` : `# ${reply.title}`];
  if (reply.text) out.push(stripMarkdown(reply.text));
  reply.movies?.forEach((m, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${m.title}${m.note ? ` — ${m.note}` : ''}`);
  });
  reply.pick?.movies.forEach((m, i) => out.push(`${String(i + 1).padStart(2)}. ${m.title}`));
  if (reply.pick) out.push('Answer with the number of your choice.');
  if (reply.footer) out.push(reply.footer);
  return out.join('\n') + '\n\n';
}

/**
 * Shows a reply as one JSON line, with the MovieLens ids of the movies it names.
 * @param command - the command that answered
 * @param reply - the reply
 * @returns one line of JSON
 */
export function renderJson(command: string, reply: Reply): string {
  const { pick, ...rest } = reply;
  const choices = pick?.movies.map((m) => ({ id: m.id, title: m.title }));
  return JSON.stringify({ command, ...rest, ...(choices ? { choices } : {}) }) + '\n';
}

function stripMarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\*_`~|>])/g, '$1');
}
