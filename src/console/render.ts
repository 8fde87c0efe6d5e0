import type { Reply } from '../../commands/index.js';

/** Where the console wrote each file of a reply: file name → path. */
export type WrittenFiles = ReadonlyMap<string, string>;

/**
 * Shows a reply as plain text for a terminal or a pipe.
 * @param reply - the reply
 * @param written - where its files were written
 * @defaultValue written none
 * @returns lines of text, ending with a newline
 */
export function renderText(reply: Reply, written: WrittenFiles = new Map()): string {
  // Titles hold member text escaped for Discord, which a terminal shows as typed.
  const out = [`${reply.tone === 'error' ? '!' : '#'} ${stripMarkdown(reply.title)}`];
  if (reply.text) out.push(stripMarkdown(reply.text));
  reply.movies?.forEach((m, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${m.title}${m.note ? ` — ${m.note}` : ''}`);
  });
  reply.pick?.movies.forEach((m, i) => out.push(`${String(i + 1).padStart(2)}. ${m.title}`));
  if (reply.pick) out.push('Answer with the number of your choice.');
  reply.sections?.forEach((s) => out.push('', stripMarkdown(s.title), stripMarkdown(s.text)));
  if (reply.files?.length) out.push('');
  reply.files?.forEach((f) => {
    const path = written.get(f.name);
    out.push(path ? `${f.name} written to ${path}` : `${f.name} could not be written`);
  });
  if (reply.footer) out.push(stripMarkdown(reply.footer));
  return out.join('\n') + '\n\n';
}

/**
 * Shows a reply as one JSON line, with the MovieLens ids of the movies it names, and its
 * files by name, size and path instead of their bytes.
 * @param command - the command that answered
 * @param reply - the reply
 * @param written - where its files were written
 * @defaultValue written none
 * @returns one line of JSON
 */
export function renderJson(
  command: string,
  reply: Reply,
  written: WrittenFiles = new Map(),
): string {
  const { pick, files, ...rest } = reply;
  const choices = pick?.movies.map((m) => ({ id: m.id, title: m.title }));
  const listed = files?.map((f) => ({
    name: f.name,
    bytes: f.data.length,
    description: f.description,
    path: written.get(f.name) ?? null,
  }));
  return (
    JSON.stringify({
      command,
      ...rest,
      ...(choices ? { choices } : {}),
      ...(listed ? { files: listed } : {}),
    }) + '\n'
  );
}

function stripMarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\*_`~|>])/g, '$1');
}
