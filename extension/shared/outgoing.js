// What leaves the browser when the shopper has set an endpoint: the least a receiver needs
// to count a report against a seller, and nothing else. The options page lists these
// fields in words (ui/options.html, "What is sent"); keep the two in step.
// - the report's id, time and reason; the note only when the shopper chose to send notes;
// - the listing's marketplace, id, title, price, list price and seller (name, id, official),
//   and its address without query string or fragment (those carry search terms and
//   tracking);
// - the verdict's level, score, category scores, rule pack, and for each piece of evidence
//   its rule, category, weight, field and the words matched. Evidence sentences are left out:
//   the seller sentence quotes the shopper's own record of that seller.
// Never: descriptions, reviews, page addresses beyond the listing's, the seller history.

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** "https://shop.example/item/1?q=x#top" -> "https://shop.example/item/1"; undefined when not an http(s) URL. */
export function addressWithoutQuery(url) {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

function pick(source, keys) {
  const out = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function outgoingListing(listing) {
  const out = pick(listing, ['id', 'marketplace', 'title', 'price', 'listPrice']);
  const url = addressWithoutQuery(listing.url);
  if (url) out.url = url;
  if (isPlainObject(listing.seller)) {
    const seller = pick(listing.seller, ['name', 'id', 'official']);
    if (Object.keys(seller).length > 0) out.seller = seller;
  }
  return out;
}

function outgoingVerdict(verdict) {
  const out = pick(verdict, ['level', 'score', 'categories', 'rules']);
  if (Array.isArray(verdict.evidence)) {
    out.evidence = verdict.evidence.filter(isPlainObject).map((item) => pick(item, ['rule', 'category', 'weight', 'field', 'span', 'match']));
  }
  return out;
}

/** The JSON body POSTed for a stored report (a Report of the contract, status "sent"). */
export function outgoingReport(report, { includeNote = false } = {}) {
  const body = { id: report.id, createdAt: report.createdAt };
  if (report.reason !== undefined) body.reason = report.reason;
  if (includeNote && typeof report.note === 'string' && report.note !== '') body.note = report.note;
  body.listing = outgoingListing(report.listing);
  body.verdict = outgoingVerdict(report.verdict);
  body.status = 'sent';
  return body;
}
