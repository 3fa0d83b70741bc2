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
  //   {type, sensitivity?, disabledSites?, endpoint? (https URL or null)} -> {data: {settings}}
  SET_SETTINGS: 'fakelens:set-settings',
  //   {type, packText | null} -> {data: {rules}} or {error: {code: 'invalid_rules', problems}}
  SET_CUSTOM_PACK: 'fakelens:set-custom-pack',
  // content script -> background: {type, report: {id (UUID), listing, verdict}} -> {data: {report}}
  //   (also from extension pages); the same id twice stores one report
  REPORT_LISTING: 'fakelens:report-listing',
  //   {type, id, reason?, note?} -> {data: {report}}  (content scripts: within 10 minutes)
  UPDATE_REPORT: 'fakelens:update-report',
  //   {type, id} -> {data: {deleted}}  (content scripts: the undo, within a minute)
  DELETE_REPORT: 'fakelens:delete-report',
  // extension pages only: {type} -> {data: {reports, sellers, damaged, reportLinks}}
  LIST_REPORTS: 'fakelens:list-reports',
  //   {type, reports} -> {data: {added, duplicates, invalid}}
  IMPORT_REPORTS: 'fakelens:import-reports',
  //   {type} -> {data: {sent, pending}}: sends queued and failed reports now
  SEND_REPORTS: 'fakelens:send-reports',
  // background -> content script (context menu): {type} -> {data: {report}} or {error}
  REPORT_CONTEXT_TARGET: 'fakelens:report-context-target',
  REASONS: Object.freeze(['counterfeit', 'exaggerated', 'fake-discount', 'other']),
  SENSITIVITIES: Object.freeze(['calm', 'standard', 'all']),
  // Bounds every message is checked against before anything acts on it.
  MAX_LISTINGS_PER_MESSAGE: 200,
  MAX_TEXT_LENGTH: 20000,
});
