// The shopper's settings, in chrome.storage.local under one versioned key. Anything stored
// that does not match this version and shape is replaced by the defaults, never trusted.
export const SETTINGS_VERSION = 1;
const KEY = 'settings';

export const DEFAULT_SETTINGS = Object.freeze({
  version: SETTINGS_VERSION,
  sensitivity: 'standard',   // 'calm': badges for high only; 'standard': medium and high; 'all': low too
  disabledSites: [],         // adapter ids the shopper switched off
  customPack: null,          // rule pack JSON text, or null for the built-in pack
});

function valid(settings) {
  return settings && settings.version === SETTINGS_VERSION &&
    ['calm', 'standard', 'all'].includes(settings.sensitivity) &&
    Array.isArray(settings.disabledSites) && settings.disabledSites.every((s) => typeof s === 'string') &&
    (settings.customPack === null || typeof settings.customPack === 'string');
}

export async function readSettings() {
  const stored = (await chrome.storage.local.get(KEY))[KEY];
  return valid(stored) ? stored : { ...DEFAULT_SETTINGS };
}

export async function writeSettings(settings) {
  if (!valid(settings)) throw new Error('refusing to store invalid settings');
  await chrome.storage.local.set({ [KEY]: settings });
  return settings;
}
