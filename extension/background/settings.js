// The shopper's settings, in chrome.storage.local under one versioned key. Anything stored
// that does not match this version and shape is replaced by the defaults, never trusted.
export const SETTINGS_VERSION = 3;  // 1 -> 2: endpoint (shared/records.js MIGRATIONS); 2 -> 3: sendNotes (upgradeSettings)
const KEY = 'settings';

export const DEFAULT_SETTINGS = Object.freeze({
  version: SETTINGS_VERSION,
  sensitivity: 'standard',   // 'calm': badges for high only; 'standard': medium and high; 'all': low too
  disabledSites: [],         // adapter ids the shopper switched off
  customPack: null,          // rule pack JSON text, or null for the built-in pack
  endpoint: null,            // where reports are POSTed, or null: nothing is sent (the default)
  sendNotes: false,          // whether a report's note goes with it to the endpoint
});

// Hosts where a plain http:// endpoint is allowed: a receiver on this machine. The
// manifest's Content-Security-Policy allows exactly these in connect-src (a test checks the
// two agree); an IPv6 literal cannot be written in a CSP source, so [::1] is not offered.
export const LOCAL_HTTP_HOSTS = Object.freeze(['127.0.0.1', 'localhost']);

/** An https:// URL, or http:// on this machine (a local receiver); anything else is refused. */
export function validEndpoint(value) {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HTTP_HOSTS.includes(url.hostname));
  } catch {
    return false;
  }
}

// Settings a version older stored, brought up to this one (2 had no sendNotes: notes stay unsent).
function upgradeSettings(stored) {
  if (stored?.version === 2) return { ...stored, version: 3, sendNotes: false };
  return stored;
}

function valid(settings) {
  return settings && settings.version === SETTINGS_VERSION &&
    ['calm', 'standard', 'all'].includes(settings.sensitivity) &&
    Array.isArray(settings.disabledSites) && settings.disabledSites.every((s) => typeof s === 'string') &&
    (settings.customPack === null || typeof settings.customPack === 'string') &&
    (settings.endpoint === null || validEndpoint(settings.endpoint)) &&
    typeof settings.sendNotes === 'boolean';
}

export async function readSettings() {
  const stored = upgradeSettings((await chrome.storage.local.get(KEY))[KEY]);
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
