// The one message contract between the extension's parts. Loaded both as a classic
// content script and as a side-effect module import in the service worker, so it only
// assigns a global. Replies are always {data} or {error: {code, message}}, never silence.
globalThis.FakeLensMessages = Object.freeze({
  // content script -> background: {type, listings: Listing[]} -> {data: {verdicts, site}}
  SCORE_LISTINGS: 'fakelens:score-listings',
  // content script -> background: {type, host} -> {data: {adapter, enabled, sensitivity}}
  GET_SITE_ADAPTER: 'fakelens:get-site-adapter',
  // extension pages only (popup, options) -> background:
  //   {type, tabId} -> {data: {count, flagged: [{title, level, score}]}}
  GET_TAB_SUMMARY: 'fakelens:get-tab-summary',
  //   {type} -> {data: {settings, rules, sites, grantedSites, customPackError}}
  GET_SETTINGS: 'fakelens:get-settings',
  //   {type, sensitivity?, disabledSites?} -> {data: {settings}}
  SET_SETTINGS: 'fakelens:set-settings',
  //   {type, packText | null} -> {data: {rules}} or {error: {code: 'invalid_rules', problems}}
  SET_CUSTOM_PACK: 'fakelens:set-custom-pack',
  SENSITIVITIES: Object.freeze(['calm', 'standard', 'all']),
  // Bounds every message is checked against before anything acts on it.
  MAX_LISTINGS_PER_MESSAGE: 200,
  MAX_TEXT_LENGTH: 20000,
});
