// The one message contract between the extension's parts. Loaded both as a classic
// content script and as a side-effect module import in the service worker, so it only
// assigns a global. Replies are always {data} or {error: {code, message}}, never silence.
globalThis.FakeLensMessages = Object.freeze({
  // content script -> background: {type, listings: Listing[]} -> {data: {verdicts, site}}
  SCORE_LISTINGS: 'fakelens:score-listings',
  // content script -> background: {type, host} -> {data: {adapter}} (the site's selectors)
  GET_SITE_ADAPTER: 'fakelens:get-site-adapter',
  // Bounds every message is checked against before anything acts on it.
  MAX_LISTINGS_PER_MESSAGE: 200,
  MAX_TEXT_LENGTH: 20000,
});
