import { setTimeout as sleep } from 'node:timers/promises';

/** Handles an end-to-end session opens: the fake's server and sockets, children and their pipes. */
const HANDLE_KINDS = ['TCPWrap', 'TCPServerWrap', 'PipeWrap', 'ProcessWrap'];

/** @returns the kinds of the handles of those sorts open in this process now */
export function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => HANDLE_KINDS.includes(kind));
}

/**
 * Waits briefly for closed handles to go, then lists those beyond what was open before.
 * @param before - the handles open before the session
 * @returns the handles left over, one entry per extra handle of a kind
 */
export async function leftoverHandles(before: readonly string[]): Promise<string[]> {
  const extra = () => {
    const left = [...before];
    return openHandles().filter((kind) => {
      const index = left.indexOf(kind);
      if (index < 0) return true;
      left.splice(index, 1);
      return false;
    });
  };
  for (let waited = 0; extra().length > 0 && waited < 2_000; waited += 50) await sleep(50);
  return extra();
}
