// The WebAssembly engine and the site adapters, loaded lazily behind promises (a worker the
// browser restarted loads them again on its first message), with the shopper's custom pack
// when one is stored and still valid.
import '../shared/sites.js';
import { load } from '../engine/fakelens.mjs';
import { readSettings } from './settings.js';

let enginePromise = null;
let adaptersPromise = null;
let customPackProblem = null;

export function engine() {
  enginePromise ??= load({ locateFile: (name) => chrome.runtime.getURL(`engine/${name}`) })
    .then(async (loaded) => {
      const { customPack } = await readSettings();
      if (customPack) {
        const result = loaded.loadRules(customPack);
        customPackProblem = result.error ?? null;  // the built-in pack stays active on error
      }
      return loaded;
    })
    .catch((cause) => {
      enginePromise = null;  // let the next message try again
      throw cause;
    });
  return enginePromise;
}

/** The next engine() starts afresh (with the built-in pack unless a custom one is stored). */
export function restartEngine() {
  enginePromise = null;
  customPackProblem = null;
}

/** Why the stored custom pack did not load, or null. */
export const customPackError = () => customPackProblem;
export function setCustomPackError(problem) {
  customPackProblem = problem;
}

export function adapters() {
  adaptersPromise ??= fetch(chrome.runtime.getURL('sites/adapters.json'))
    .then((response) => response.json())
    .then((data) => (data.schemaVersion === 1 && Array.isArray(data.adapters) ? data.adapters : []))
    .catch((cause) => {
      adaptersPromise = null;
      throw cause;
    });
  return adaptersPromise;
}

/** The adapter serving `host`, or null. */
export async function adapterForHost(host) {
  return globalThis.FakeLensSites.adapterFor(await adapters(), host);
}
