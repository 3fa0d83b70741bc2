// Which site adapter (sites/adapters.json) serves a host, and the currency it assumes there.
// The one lookup for the service worker (which hands a content script its adapter) and for
// extraction. A classic script that only assigns a global, like shared/messages.js.
globalThis.FakeLensSites = (() => {
  // An adapter's host covers itself and every subdomain: "ebay.com" covers "www.ebay.com".
  const covers = (suffix, host) => host === suffix || host.endsWith(`.${suffix}`);

  /** The adapter whose hosts cover `host`, or null. */
  function adapterFor(adapters, host) {
    const name = String(host).toLowerCase();
    return adapters.find((adapter) => adapter.hosts.some((suffix) => covers(suffix, name))) ?? null;
  }

  /** The currency a bare "$" or "¥" means on `host`. */
  function currencyFor(adapter, host) {
    const match = Object.entries(adapter.currencyByHost ?? {}).find(([suffix]) => covers(suffix, host));
    return match ? match[1] : adapter.currency;
  }

  return Object.freeze({ adapterFor, currencyFor });
})();
