// The one message contract between the extension's parts, grouped by who may send each
// message. The service worker derives its trust check and its dispatch from these groups
// (background/dispatch.js): a message is accepted only from its group's senders and only
// if its group's handler module answers it. Adding a message is one entry here plus its
// handler in that module.
// Loaded both as a classic content script and as a side-effect module import in the
// service worker, so it only assigns a global. Replies are always {data} or
// {error: {code, message}}, never silence.
(() => {
  const GROUPS = {
    // Content scripts in marketplace pages (a tab, not an extension page).
    fromContentScripts: {
      // {type, listings: Listing[]} -> {data: {verdicts}}
      SCORE_LISTINGS: 'fakelens:score-listings',
      // {type, host} -> {data: {adapter, enabled, sensitivity}}
      GET_SITE_ADAPTER: 'fakelens:get-site-adapter',
      // {type, listings: Listing[] (at most MAX_SEEN_PER_MESSAGE)} -> {data: {counted}}: listings
      // the shopper could see; the worker counts a few per seller per page on the seller records
      LISTINGS_SEEN: 'fakelens:listings-seen',
      // {type, id} -> {data: {opened}}: opens FakeLens's own window to add a reason and a note
      // to a report just made (typed there, the page cannot listen)
      OPEN_REPORT_DETAILS: 'fakelens:open-report-details',
    },
    // FakeLens's own pages only: the popup, the options page and the reports page.
    fromExtensionPages: {
      // {type, tabId} -> {data: {count, flagged: [{title, level, score}]}}
      GET_TAB_SUMMARY: 'fakelens:get-tab-summary',
      // {type} -> {data: {settings, rules, sites, grantedSites, customPackError, damagedSettingsAt}}
      GET_SETTINGS: 'fakelens:get-settings',
      // {type, sensitivity?, disabledSites?, endpoint? (https URL or null)} -> {data: {settings}}
      SET_SETTINGS: 'fakelens:set-settings',
      // {type, packText | null} -> {data: {rules}} or {error: {code: 'invalid_rules', problems}}
      SET_CUSTOM_PACK: 'fakelens:set-custom-pack',
      // {type} -> {data: {reports, sellers: [{key, marketplace, name, record, skippedDays}], damaged, reportLinks}}
      LIST_REPORTS: 'fakelens:list-reports',
      // {type, reports} -> {data: {added, duplicates, invalid}}
      IMPORT_REPORTS: 'fakelens:import-reports',
      // {type} -> {data: {sent, pending}}: sends queued and failed reports now
      SEND_REPORTS: 'fakelens:send-reports',
      // {type, key (seller key)} -> {data: {deleted, reportsKept}}: its sightings go, its reports stay and count
      DELETE_SELLER: 'fakelens:delete-seller',
      // {type, storeKey} -> {data: {deleted}}: a damaged report or seller record, or one kept aside
      DELETE_DAMAGED: 'fakelens:delete-damaged',
    },
    // Either: a content script (the badge's report row) or an extension page (reports page).
    // Content scripts may undo a report for a minute and add details for ten; pages any time.
    fromEither: {
      // {type, report: {id (UUID), listing, verdict}} -> {data: {report}}; the same id twice stores one
      REPORT_LISTING: 'fakelens:report-listing',
      // {type, id, reason?, note?} -> {data: {report}}
      UPDATE_REPORT: 'fakelens:update-report',
      // {type, id} -> {data: {deleted}}
      DELETE_REPORT: 'fakelens:delete-report',
    },
    // The other way: the service worker to a content script (the context menu's item).
    toContentScripts: {
      // {type} -> {data: {report}} or {error}
      REPORT_CONTEXT_TARGET: 'fakelens:report-context-target',
    },
  };

  const groupOfType = new Map();
  for (const [group, types] of Object.entries(GROUPS)) {
    Object.freeze(types);
    for (const type of Object.values(types)) groupOfType.set(type, group);
  }

  globalThis.FakeLensMessages = Object.freeze({
    ...Object.assign({}, ...Object.values(GROUPS)),
    GROUPS: Object.freeze(GROUPS),
    /** The group a message type belongs to ('fromContentScripts', ...), or null. */
    groupOf: (type) => groupOfType.get(type) ?? null,
    REASONS: Object.freeze(['counterfeit', 'exaggerated', 'fake-discount', 'other']),
    SENSITIVITIES: Object.freeze(['calm', 'standard', 'all']),
    // Bounds every message is checked against before anything acts on it.
    MAX_LISTINGS_PER_MESSAGE: 200,
    MAX_SEEN_PER_MESSAGE: 50,
    MAX_TEXT_LENGTH: 20000,
  });
})();
