// The demo marketplace: a sample results page annotated by the extension's own code
// (annotator/content/extract.js and annotate.js, copied from extension/ at build time) with
// the same engine and the service worker's scoring flow (annotator/shared/scoring.js).
// Reports and the seller record use the extension's data functions
// (annotator/shared/records.js) and live in this page's localStorage instead of the
// extension's storage: the same records, the same seller history in scoring.
import { $, loadEngine } from './common.mjs';
import { addSellerEvent, dayOf, emptySeller, historyOf, recordSighting, reportProblem, sellerKeyOf } from './annotator/shared/records.js';
import { recordSightings, scoreWithSellerHistory } from './annotator/shared/scoring.js';

const STORE_KEY = 'fakelens-demo:store';

// ---- the page's store: {reports: {id: Report}, sellers: {key: seller}} ----
function readStore() {
  try {
    const data = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null');
    if (data && typeof data === 'object' && data.reports && data.sellers) return data;
  } catch {
    // damaged or absent: start empty (the demo holds nothing of value)
  }
  return { reports: {}, sellers: {} };
}
function writeStore(data) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(data));
    return null;
  } catch (error) {
    return { code: 'storage_full', message: `this browser would not store the report (${error.message})` };
  }
}

// ---- the page ----
const { adapter, listings } = await (await fetch('shop-listings.json')).json();
adapter.hosts = [location.hostname];

function money(amount) {
  return `$${amount.toFixed(2)}`;
}

function renderItems() {
  $('shop-items').replaceChildren(...listings.map((item) => {
    const li = document.createElement('li');
    li.className = 'shop-item';
    li.dataset.listingId = item.id;
    li.dataset.expect = item.expect;
    const thumb = document.createElement('div');
    thumb.className = 'thumb';
    thumb.setAttribute('aria-hidden', 'true');
    thumb.textContent = item.emoji;
    const link = document.createElement('a');
    link.className = 'item-link';
    link.href = `#${item.id}`;
    const heading = document.createElement('h2');
    heading.textContent = item.title;
    link.append(heading);
    const price = document.createElement('p');
    price.className = 'price';
    const now = document.createElement('span');
    now.className = 'now';
    now.textContent = money(item.price.amount);
    price.append(now);
    if (item.listPrice) {
      const was = document.createElement('span');
      was.className = 'was';
      was.textContent = money(item.listPrice.amount);
      was.setAttribute('aria-label', `was ${money(item.listPrice.amount)}`);
      price.append(was);
    }
    const seller = document.createElement('p');
    seller.className = 'seller';
    seller.append('Sold by ');
    const name = document.createElement('span');
    name.className = 'seller-name';
    name.textContent = item.seller.name;
    seller.append(name);
    li.append(thumb, link, price, seller);
    return li;
  }));
  $('result-count').textContent = `(${listings.length} listings)`;
}

function renderReports(engine) {
  const data = readStore();
  const reports = Object.values(data.reports).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  $('reports-empty').hidden = reports.length > 0;
  $('reports-list').replaceChildren(...reports.map((report) => {
    const li = document.createElement('li');
    li.dataset.reportId = report.id;
    li.textContent = `${report.listing.title} (${report.listing.seller?.name ?? 'no seller'})${report.reason ? `: ${report.reason}` : ''}`;
    return li;
  }));
  const now = new Date().toISOString();
  $('seller-records').tBodies[0].replaceChildren(...Object.values(data.sellers)
    .filter((seller) => Object.values(seller.days).some((c) => c.report))
    .map((seller) => {
      const record = engine.sellerRecord(historyOf(seller, now)).record;
      const row = document.createElement('tr');
      for (const text of [seller.name, String(record?.reports ?? ''), String(record?.credit ?? '')]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }));
}

const engine = await loadEngine();
renderItems();
if (engine) {
  const sensitivity = () => ($('show-all').checked ? 'all' : 'standard');

  // The seller records scoreWithSellerHistory reads and recordSightings adds to: this page's store.
  const sellerRecords = {
    recordsFor(keys) {
      const { sellers } = readStore();
      return new Map(keys.filter((key) => sellers[key]).map((key) => [key, sellers[key]]));
    },
    recordSeen(sightings, day) {
      const data = readStore();
      for (const sighting of sightings) {
        data.sellers[sighting.sellerKey] ??= emptySeller(sighting.sellerKey, sighting.listing);
        recordSighting(data.sellers[sighting.sellerKey], sighting, day);
      }
      writeStore(data);
    },
  };

  // One pass at a time: two passes that overlapped across the await would both clear, then
  // both draw, and every listing would get two badges.
  let passes = Promise.resolve();
  // The demo's listings are its own, all on one short page: each pass counts them as seen,
  // with the extension's cap of a few per seller per page (this page load).
  const pageSightings = {};
  const scoreAndAnnotate = () => (passes = passes.catch(() => {}).then(annotatePass));

  async function annotatePass() {
    document.querySelectorAll('fakelens-badge, mark[data-fakelens-highlight]').forEach((node) => {
      if (node.nodeName === 'MARK') node.replaceWith(...node.childNodes);
      else node.remove();
    });
    const found = FakeLensExtract.searchListings(document, adapter, location.hostname, new WeakSet());
    const verdicts = await scoreWithSellerHistory(engine, found.map((item) => item.listing), { sellers: sellerRecords });
    await recordSightings(engine, found.map((item) => item.listing), { sellers: sellerRecords, page: pageSightings }).catch(() => {});
    found.forEach((item, index) => {
      item.element.removeAttribute('data-fakelens-level');
      FakeLensAnnotate.annotate(document, item, verdicts[index], sensitivity(), actionsFor(item.listing, verdicts[index]));
    });
    renderReports(engine);
  }

  function actionsFor(listing, verdict) {
    return {
      async report() {
        const data = readStore();
        const report = { id: crypto.randomUUID(), createdAt: new Date().toISOString(), listing, verdict, status: 'saved' };
        const problem = reportProblem(report);
        if (problem) return { error: { code: 'bad_report', message: problem } };
        data.reports[report.id] = report;
        const key = sellerKeyOf(listing);
        if (key) {
          data.sellers[key] ??= emptySeller(key, listing);
          addSellerEvent(data.sellers[key], 'report', dayOf(report.createdAt));
        }
        const failed = writeStore(data);
        if (failed) return { error: failed };
        renderReports(engine);
        return { data: { report } };
      },
      async undo(id) {
        const data = readStore();
        const report = data.reports[id];
        if (!report) return { data: { deleted: false } };
        delete data.reports[id];
        const key = sellerKeyOf(report.listing);
        if (key && data.sellers[key]) addSellerEvent(data.sellers[key], 'report', dayOf(report.createdAt), -1);
        writeStore(data);
        renderReports(engine);
        return { data: { deleted: true } };
      },
      async update(id, change) {
        const data = readStore();
        if (!data.reports[id]) return { error: { code: 'not_found', message: 'no such report' } };
        data.reports[id] = { ...data.reports[id], ...change };
        const failed = writeStore(data);
        renderReports(engine);
        return failed ? { error: failed } : { data: { report: data.reports[id] } };
      },
    };
  }

  $('show-all').addEventListener('change', scoreAndAnnotate);
  $('clear-demo').addEventListener('click', () => {
    localStorage.removeItem(STORE_KEY);
    scoreAndAnnotate();
  });
  await scoreAndAnnotate();
  document.body.dataset.shopReady = 'true';
}
