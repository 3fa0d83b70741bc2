// Finds listings on a page: with the site's adapter (selectors kept as data in
// sites/adapters.json, chosen by shared/sites.js) on search and product pages, and from
// schema.org JSON-LD, microdata or OpenGraph tags where a page publishes them. Reads text
// only (textContent and attribute values), never markup.
//
// An adapter field is one of (see sites/README.md):
//   "css selector"                          the element's text
//   { "selector", "attribute" }             an attribute's value (content, aria-label, ...)
//   { "selector", "attribute", "pattern" }  the first group of a regular expression over an attribute
//   { "selector", "whole", "fraction" }     a price printed as separate integer and cents
//   [ field, field, ... ]                   the first of these that yields a value
globalThis.FakeLensExtract = (() => {
  // What the worker accepts (shared/messages.js, loaded before this script): longer text is cut here.
  const MAX_TEXT = globalThis.FakeLensMessages.MAX_TEXT_LENGTH;

  function first(root, selector) {
    try {
      return root.querySelector(selector);
    } catch {
      return null;  // a bad selector in an adapter must not stop the page's other listings
    }
  }

  const clean = (value) => String(value ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

  // Adapter patterns, compiled once; a bad one reads nothing (as a bad selector does).
  const patterns = new Map();
  function patternOf(source) {
    if (!patterns.has(source)) {
      try {
        patterns.set(source, new RegExp(source));
      } catch {
        patterns.set(source, null);
      }
    }
    return patterns.get(source);
  }

  /** {element, value} for an adapter field inside root, or null. */
  function read(root, field) {
    if (!field) return null;
    if (Array.isArray(field)) {
      for (const option of field) {
        const found = read(root, option);
        if (found) return found;
      }
      return null;
    }
    if (typeof field === 'string') {
      const element = first(root, field);
      const value = element ? clean(element.textContent) : '';
      return value ? { element, value } : null;
    }
    if (typeof field !== 'object' || typeof field.selector !== 'string') return null;
    const element = first(root, field.selector);
    if (!element) return null;
    if (typeof field.attribute === 'string') {
      let value = clean(element.getAttribute(field.attribute));
      if (typeof field.pattern === 'string') value = clean(patternOf(field.pattern)?.exec(value)?.[1]);
      return value ? { element, value } : null;
    }
    if (typeof field.whole === 'string') {
      // "1.299" + "90" is 1299.90 whatever the locale's separators: keep digits only.
      const whole = clean(first(element, field.whole)?.textContent).replace(/\D/g, '');
      const fraction = clean(first(element, field.fraction ?? ':not(*)')?.textContent).replace(/\D/g, '');
      if (!whole) return null;
      const symbol = clean(element.textContent).replace(/[\d.,\s]/g, '').slice(0, 8);
      return { element, value: `${symbol} ${whole}${fraction ? `.${fraction}` : ''}` };
    }
    return null;
  }

  function money(root, field, currency) {
    const found = read(root, field);
    return found ? FakeLensPriceText.parsePrice(found.value, currency) : null;
  }

  // Page furniture some sites render in the listing slot ("Shop on eBay" placeholders).
  const NOT_A_LISTING = /^(shop on ebay|sponsored|anúncio|patrocinado)$/i;

  // "Sold by Acme", "Por Loja Acme" -> "Acme Store" stays whole: a store's name is its
  // identity in the seller record (and "Official Store" is a signal of its own).
  function sellerName(value) {
    const name = value.replace(/^(ships from and sold by|sold and shipped by|sold by|vendido por|por|seller:|verkäufer:)\s*/i, '');
    return (name || value).slice(0, 200);
  }

  /** Search results: one entry per listing element not yet seen. */
  function searchListings(document, adapter, host, seen) {
    const spec = adapter.search;
    if (!spec) return [];
    const currency = FakeLensSites.currencyFor(adapter, host);
    const found = [];
    let items = [];
    try {
      items = document.querySelectorAll(spec.item);
    } catch {
      return [];
    }
    for (const element of items) {
      if (seen.has(element)) continue;
      const title = read(element, spec.title);
      if (!title || NOT_A_LISTING.test(title.value)) continue;
      const listing = { title: title.value, marketplace: adapter.id, page: 'search' };
      const price = money(element, spec.price, currency);
      const listPrice = money(element, spec.listPrice, currency);
      if (price) listing.price = price;
      if (listPrice && price && listPrice.currency === price.currency) listing.listPrice = listPrice;
      const seller = read(element, spec.seller);
      if (seller) listing.seller = { name: sellerName(seller.value) };
      const link = spec.link ? first(element, spec.link) : null;
      if (link?.href) listing.url = String(link.href).slice(0, 2000);
      found.push({ element, titleElement: title.element, listing });
    }
    return found;
  }

  /** A product page: the one listing, with seller and description where shown. */
  function productListing(document, adapter, host) {
    const spec = adapter.product;
    if (!spec) return null;
    const title = read(document, spec.title);
    if (!title) return null;
    const currency = FakeLensSites.currencyFor(adapter, host);
    // eBay prefixes a visually hidden "Details about" to its product title.
    const name = title.value.replace(/^(details about|details zu)\s+/i, '');
    const listing = { title: name, marketplace: adapter.id, page: 'product', url: String(document.location?.href ?? '').slice(0, 2000) };
    const price = money(document, spec.price, currency);
    const listPrice = money(document, spec.listPrice, currency);
    if (price) listing.price = price;
    if (listPrice && price && listPrice.currency === price.currency) listing.listPrice = listPrice;
    const description = read(document, spec.description);
    if (description) listing.description = description.value;
    const brand = read(document, spec.brand);
    if (brand) {
      listing.brand = brand.value.replace(/^(visit the|brand:|marke:|besuche den|visita la tienda de|visitez la boutique|visita lo store di)\s*/i, '')
        .replace(/\s*(store|-store|shop)$/i, '').slice(0, 200);
    }
    const seller = read(document, spec.seller);
    if (seller) listing.seller = { name: sellerName(seller.value) };
    // The seller's id from their shop link: a record keyed by it survives a renamed shop
    // and cannot be shared by two shops that show the same name.
    const sellerId = seller ? read(document, spec.sellerId) : null;
    if (sellerId) listing.seller.id = sellerId.value.slice(0, 200);
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

  /** schema.org Product items published as microdata (itemscope/itemprop). */
  function microdataProducts(document) {
    const products = [];
    // A property of this item only, not of an item nested inside it (an offer's seller).
    const property = (item, name) => [...item.querySelectorAll(`[itemprop~="${name}"]`)]
      .find((element) => element.parentElement?.closest('[itemscope]') === item) ?? null;
    const valueOf = (element) => {
      if (!element) return null;
      const raw = element.getAttribute('content') ?? (element.tagName === 'META' ? null : element.textContent);
      const value = clean(raw);
      return value || null;
    };
    for (const item of document.querySelectorAll('[itemscope][itemtype*="schema.org/Product"]')) {
      if (products.length >= 50) break;
      const name = valueOf(property(item, 'name'));
      if (!name) continue;
      const listing = { title: name, page: 'product' };
      const description = valueOf(property(item, 'description'));
      if (description) listing.description = description;
      const brandElement = property(item, 'brand');
      const brand = brandElement?.hasAttribute('itemscope') ? valueOf(property(brandElement, 'name')) : valueOf(brandElement);
      if (brand) listing.brand = brand.slice(0, 200);
      const offer = property(item, 'offers');
      if (offer) {
        const currency = valueOf(property(offer, 'priceCurrency'));
        // The offer's text may carry a symbol ("$39.00"); its priceCurrency is what counts.
        const price = /^[A-Z]{3}$/.test(currency ?? '')
          ? FakeLensPriceText.parsePrice(valueOf(property(offer, 'price') ?? property(offer, 'lowPrice')) ?? '', currency) : null;
        if (price) listing.price = { amount: price.amount, currency };
      }
      products.push({ element: item, titleElement: property(item, 'name'), listing });
    }
    return products;
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

  return Object.freeze({ searchListings, productListing, jsonLdProducts, microdataProducts, openGraphProduct, read });
})();
