// Loads the shipped WebAssembly build (dist/wasm) through its one loader, as Node must:
// with the .wasm bytes and the built-in pack's text passed in.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distWasm } from './paths.mjs';

export async function loadShippedEngine() {
  const loaderUrl = pathToFileURL(path.join(distWasm, 'fakelens.mjs')).href;
  const { load } = await import(loaderUrl);
  return load({
    wasmBinary: fs.readFileSync(path.join(distWasm, 'fakelens-core.wasm')),
    defaultRules: fs.readFileSync(path.join(distWasm, 'default.rules.json'), 'utf8'),
  });
}
