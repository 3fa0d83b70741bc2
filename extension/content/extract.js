// Finds listings on a page: with the site's adapter (selectors kept as data in
// sites/adapters.json) on search and product pages, and from schema.org JSON-LD where a
// page publishes it. Reads text only (textContent), never markup.
globalThis.FakeLensExtract = (() => {
  const MAX_TEXT = 20000;

  function text(root, selector) {
    if (!selector) return null;
    let element = null;
    try {
      element = root.querySelector(selector);
    } catch {
      return null;  // a bad selector in an adapter must not stop the page's other listings
    }
    if (!element) return null;
    const value = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return value ? { element, value: value.slice(0, MAX_TEXT) } : null;
  }

  function currencyFor(adapter, host) {
    for (const [suffix, currency] of Object.entries(adapter.currencyByHost ?? {})) {
      if (host === suffix || host.endsWith(`.${suffix}`)) return currency;
    }
    return undefined;
  }

  function money(root, selector, currency) {
    const found = text(root, selector);
    return found ? FakeLensPriceText.parsePrice(found.value, currency) : null;
  }

  /** Search results: one entry per listing element not yet seen. */
  function searchListings(document, adapter, host, seen) {
    const spec = adapter.search;
    if (!spec) return [];
    const currency = currencyFor(adapter, host);
    const found = [];
    let items = [];
    try {
      items = document.querySelectorAll(spec.item);
    } catch {
      return [];
    }
    for (const element of items) {
      if (seen.has(element)) continue;
      const title = text(element, spec.title);
      if (!title || /^shop on ebay$/i.test(title.value)) continue;
      const listing = { title: title.value, marketplace: adapter.id, page: 'search' };
      const price = money(element, spec.price, currency);
      const listPrice = money(element, spec.listPrice, currency);
      if (price) listing.price = price;
      if (listPrice && price && listPrice.currency === price.currency) listing.listPrice = listPrice;
      const link = spec.link ? element.querySelector(spec.link) : null;
      if (link?.href) listing.url = String(link.href).slice(0, 2000);
      found.push({ element, titleElement: title.element, listing });
    }
    return found;
  }

  /** A product page: the one listing, with seller and description where shown. */
  function productListing(document, adapter, host) {
    const spec = adapter.product;
    if (!spec) return null;
    const title = text(document, spec.title);
    if (!title) return null;
    const currency = currencyFor(adapter, host);
    // eBay prefixes a visually hidden "Details about" to its product title.
    const name = title.value.replace(/^(details about|details zu)\s+/i, '');
    const listing = { title: name, marketplace: adapter.id, page: 'product', url: String(document.location?.href ?? '').slice(0, 2000) };
    const price = money(document, spec.price, currency);
    const listPrice = money(document, spec.listPrice, currency);
    if (price) listing.price = price;
    if (listPrice && price && listPrice.currency === price.currency) listing.listPrice = listPrice;
    const description = text(document, spec.description);
    if (description) listing.description = description.value;
    const brand = text(document, spec.brand);
    if (brand) {
      listing.brand = brand.value.replace(/^(visit the|brand:|marke:|besuche den|visita la tienda de|visitez la boutique|visita lo store di)\s*/i, '')
        .replace(/\s*(store|-store|shop)$/i, '').slice(0, 200);
    }
    const seller = text(document, spec.seller);
    if (seller) listing.seller = { name: seller.value.slice(0, 200) };
    return { element: title.element.closest('div, section, main') ?? title.element, titleElement: title.element, listing };
  }

  /** schema.org Product objects published as JSON-LD, for pages without an adapter. */
  function jsonLdProducts(document) {
    const products = [];
    const visit = (node) => {
      if (!node || typeof node !== 'object' || products.length >= 50) return;
      if (Array.isArray(node)) return node.forEach(visit);
      const type = [].concat(node['@type'] ?? []);
      if (type.includes('Product') && typeof node.name === 'string') products.push(node);
      if (node['@graph']) visit(node['@graph']);
      if (type.includes('ItemList')) [].concat(node.itemListElement ?? []).forEach((item) => visit(item.item ?? item));
    };
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        visit(JSON.parse(script.textContent ?? ''));
      } catch {
        // malformed JSON-LD is common; skip it
      }
    }
    return products.map((product) => {
      const listing = { title: product.name.slice(0, MAX_TEXT), page: 'product' };
      if (typeof product.description === 'string') listing.description = product.description.slice(0, MAX_TEXT);
      const brand = typeof product.brand === 'string' ? product.brand : product.brand?.name;
      if (typeof brand === 'string') listing.brand = brand.slice(0, 200);
      const offer = [].concat(product.offers ?? [])[0];
      const amount = Number(offer?.price ?? offer?.lowPrice);
      if (offer && Number.isFinite(amount) && amount >= 0 && /^[A-Z]{3}$/.test(offer.priceCurrency ?? '')) {
        listing.price = { amount, currency: offer.priceCurrency };
      }
      return listing;
    });
  }

  /** An OpenGraph product page (og:type product or a marketplace item), or null. */
  function openGraphProduct(document) {
    const meta = (name) => {
      const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
      const value = element?.getAttribute('content');
      return typeof value === 'string' && value.trim() ? value.trim() : null;
    };
    const type = meta('og:type') ?? '';
    const title = meta('og:title');
    if (!title || !/product|item/i.test(type)) return null;
    const listing = { title: title.slice(0, MAX_TEXT), page: 'product' };
    const description = meta('og:description');
    if (description) listing.description = description.slice(0, MAX_TEXT);
    const amount = Number(meta('product:price:amount') ?? meta('og:price:amount'));
    const currency = meta('product:price:currency') ?? meta('og:price:currency');
    if (Number.isFinite(amount) && amount >= 0 && /^[A-Z]{3}$/.test(currency ?? '')) listing.price = { amount, currency };
    return listing;
  }

  function adapterFor(adapters, host) {
    return adapters.find((adapter) => adapter.hosts.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) ?? null;
  }

  return Object.freeze({ searchListings, productListing, jsonLdProducts, openGraphProduct, adapterFor });
})();
