import type { ChildScript } from './bot-process.js';

/** A frame of a printed V8 stack trace: `    at fn (file.ts:12:3)`. */
const FRAME = /^\s+at .+:\d+:\d+\)?$/;

/**
 * Stack traces a process printed, as plain text or inside a JSON log line (pino's `err.stack`).
 * @param script - a bot or deploy process
 * @returns the lines that hold a stack frame or a `stack` field; empty when there is none
 */
export function stackTraces(script: ChildScript): string[] {
  return script.log
    .lines()
    .filter((line) => FRAME.test(line.text) || /"stack":/.test(line.text))
    .map((line) => line.text);
}
