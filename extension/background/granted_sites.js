// Sites beyond the supported marketplaces: the shopper grants one on the options page (an
// optional host permission), and FakeLens then reads that site's schema.org, microdata and
// OpenGraph product data with the same content scripts. The registration follows the
// granted permissions, so removing a site in the browser's or FakeLens's settings stops it.
const SCRIPT_ID = 'fakelens-granted-sites';

/** The content script files, as the manifest lists them for the marketplaces. */
export function contentScriptFiles() {
  return chrome.runtime.getManifest().content_scripts[0].js;
}

/**
 * Origins ("https://shop.example/*") granted on top of the manifest's marketplaces. The
 * marketplaces come with the manifest's content scripts (the browser lists their matches
 * among the granted origins); there are no host_permissions to subtract.
 */
export async function grantedOrigins() {
  const required = new Set(chrome.runtime.getManifest().content_scripts.flatMap((script) => script.matches));
  const { origins = [] } = await chrome.permissions.getAll();
  return origins.filter((origin) => !required.has(origin));
}

/** Registers the content scripts for exactly the granted origins. */
export async function syncGrantedSites() {
  const origins = await grantedOrigins();
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (origins.length === 0) {
    if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return origins;
  }
  const script = { id: SCRIPT_ID, matches: origins, js: contentScriptFiles(), runAt: 'document_idle', persistAcrossSessions: true };
  if (existing.length > 0) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
  return origins;
}
