// Loads the shipped WebAssembly build (dist/wasm) through its one loader, as Node must:
// with the .wasm bytes and the built-in pack passed in. By default the pack comes from its
// load image, as browsers load it (the JSON is passed too, the loader's fallback);
// `from: 'json'` loads the JSON alone.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distWasm } from './paths.mjs';

export async function loadShippedEngine({ from = 'image' } = {}) {
  const loaderUrl = pathToFileURL(path.join(distWasm, 'fakelens.mjs')).href;
  const { load } = await import(loaderUrl);
  const options = {
    wasmBinary: fs.readFileSync(path.join(distWasm, 'fakelens-core.wasm')),
    defaultRules: fs.readFileSync(path.join(distWasm, 'default.rules.json'), 'utf8'),
  };
  if (from === 'image') options.defaultRulesImage = fs.readFileSync(path.join(distWasm, 'default.rules.image'));
  const engine = await load(options);
  if (engine.builtInRulesFrom !== `default.rules.${from}`) {
    throw new Error(`the engine loaded its pack from ${engine.builtInRulesFrom}, not default.rules.${from}`);
  }
  return engine;
}
