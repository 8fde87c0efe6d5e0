import { readFile } from 'node:fs/promises';

const KERNEL_URL = new URL('../wasm/als-kernel.wasm', import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Compiles the WebAssembly ALS kernel once per thread.
 * @returns the compiled module, ready to be sent to solver threads
 */
export function kernelModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(KERNEL_URL).then(
    (bytes) => WebAssembly.compile(bytes),
    (error: NodeJS.ErrnoException) => {
      compiled = undefined;
      if (error.code !== 'ENOENT') throw error;
      throw new Error(
        'reelmate: the ALS kernel is not built (model/wasm/als-kernel.wasm is missing); ' +
          'run `npm run build:wasm` (npm ci does it for you)',
      );
    },
  );
  return compiled;
}
