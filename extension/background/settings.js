// The shopper's settings, in chrome.storage.local under one versioned key. Anything stored
// that does not match this version and shape is replaced by the defaults, never trusted.
export const SETTINGS_VERSION = 2;  // 1 -> 2: endpoint (see shared/records.js MIGRATIONS)
const KEY = 'settings';

export const DEFAULT_SETTINGS = Object.freeze({
  version: SETTINGS_VERSION,
  sensitivity: 'standard',   // 'calm': badges for high only; 'standard': medium and high; 'all': low too
  disabledSites: [],         // adapter ids the shopper switched off
  customPack: null,          // rule pack JSON text, or null for the built-in pack
  endpoint: null,            // where reports are POSTed, or null: nothing is sent (the default)
});

/** An https:// URL, or http:// on this machine (a local receiver); anything else is refused. */
export function validEndpoint(value) {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

function valid(settings) {
  return settings && settings.version === SETTINGS_VERSION &&
    ['calm', 'standard', 'all'].includes(settings.sensitivity) &&
    Array.isArray(settings.disabledSites) && settings.disabledSites.every((s) => typeof s === 'string') &&
    (settings.customPack === null || typeof settings.customPack === 'string') &&
    (settings.endpoint === null || validEndpoint(settings.endpoint));
}

export async function readSettings() {
  const stored = (await chrome.storage.local.get(KEY))[KEY];
  if (stored === undefined || valid(stored)) return stored ?? { ...DEFAULT_SETTINGS };
  // Damaged (or from a newer FakeLens): keep a copy aside before anything overwrites it,
  // and use the defaults; the settings page says so.
  const aside = (await chrome.storage.local.get('damaged:settings'))['damaged:settings'];
  if (aside === undefined) await chrome.storage.local.set({ 'damaged:settings': { keptAt: new Date().toISOString(), value: stored } });
  return { ...DEFAULT_SETTINGS };
}

/** The damaged settings kept aside, {keptAt, value}, or null. */
export async function damagedSettings() {
  return (await chrome.storage.local.get('damaged:settings'))['damaged:settings'] ?? null;
}

export async function writeSettings(settings) {
  if (!valid(settings)) throw new Error('refusing to store invalid settings');
  await chrome.storage.local.set({ [KEY]: settings });
  return settings;
}
