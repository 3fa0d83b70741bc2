// What every handler shares: the reply shapes and the checks on what a message carries.
import '../shared/messages.js';

const M = globalThis.FakeLensMessages;

export function error(code, message) {
  return { error: { code, message } };
}

/** A thrown StoreError (or anything) as an {error} reply with a stable code. */
export function errorFrom(cause) {
  return error(cause?.code ?? 'internal', String(cause?.message ?? cause));
}

export const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Checks a listing from a content script before it reaches the engine (which checks it
// again, fully): bounded size, a string title.
export function validListing(listing) {
  return isPlainObject(listing) && typeof listing.title === 'string' && listing.title.length > 0 &&
    listing.title.length <= M.MAX_TEXT_LENGTH &&
    (listing.description === undefined || (typeof listing.description === 'string' && listing.description.length <= M.MAX_TEXT_LENGTH));
}

// Extension pages (popup, options, reports) have this extension's origin; content scripts
// run in marketplace pages, in a tab.
export function fromExtensionPage(sender) {
  return typeof sender?.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
}

/** A message's listings, checked: an {error} reply, or null when they are at most `max` valid listings. */
export function listingsProblem(listings, max) {
  if (!Array.isArray(listings) || listings.length > max) return error('bad_message', `listings must be an array of at most ${max}`);
  if (!listings.every(validListing)) return error('bad_message', 'every listing needs a title and bounded text');
  return null;
}
