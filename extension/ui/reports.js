// The reports page: the shopper's reports (search, filter, delete, export, import), the
// sending queue, the seller records with the credit the core computed (delete one), and the
// damaged records kept aside (delete one). Page text (titles, notes, seller names) is shown
// with textContent only.
import '../shared/messages.js';
import { exportCsv, exportJson, parseExport } from '../shared/records.js';

const M = globalThis.FakeLensMessages;
const $ = (id) => document.getElementById(id);
const send = (message) => chrome.runtime.sendMessage(message);
let state = { reports: [], sellers: [], damaged: [], reportLinks: {} };

const cell = (text) => {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
};
const sellerOf = (report) => report.listing.seller?.name ?? report.listing.seller?.id ?? '';

function matches(report) {
  const query = $('search').value.trim().toLowerCase();
  const site = $('site-filter').value;
  const seller = $('seller-filter').value;
  if (site && report.listing.marketplace !== site) return false;
  if (seller && sellerOf(report) !== seller) return false;
  if (!query) return true;
  return [report.listing.title, sellerOf(report), report.note, report.reason, report.listing.marketplace]
    .some((text) => typeof text === 'string' && text.toLowerCase().includes(query));
}

function fillFilter(select, values) {
  const current = select.value;
  const first = select.options[0];
  select.replaceChildren(first, ...[...new Set(values)].filter(Boolean).sort().map((value) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = value;
    return option;
  }));
  select.value = [...select.options].some((o) => o.value === current) ? current : '';
}

function render() {
  const shown = state.reports.filter(matches);
  $('count').textContent = String(shown.length);
  $('reports').tBodies[0].replaceChildren(...shown.map((report) => {
    const row = document.createElement('tr');
    row.dataset.reportId = report.id;
    const title = cell('');
    if (typeof report.listing.url === 'string' && /^https?:\/\//.test(report.listing.url)) {
      const link = document.createElement('a');
      link.href = report.listing.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = report.listing.title;
      title.append(link);
    } else {
      title.textContent = report.listing.title;
    }
    const actions = document.createElement('td');
    const marketplaceLink = state.reportLinks[report.id];
    if (marketplaceLink) {
      const link = document.createElement('a');
      link.href = marketplaceLink;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = 'Report to the marketplace';
      actions.append(link, ' ');
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'delete';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', `Delete the report of ${report.listing.title.slice(0, 60)}`);
    remove.addEventListener('click', async () => {
      const reply = await send({ type: M.DELETE_REPORT, id: report.id });
      if (reply?.error) alert(reply.error.message);
      refresh();
    });
    actions.append(remove);
    const status = report.status === 'saved' && report.delivery ? `queued (${report.delivery.attempts ?? 0} tries)` : report.status;
    row.append(cell(new Date(report.createdAt).toLocaleString()), cell(report.listing.marketplace), cell(sellerOf(report)), title,
      cell(report.verdict.level ? `${report.verdict.level} ${report.verdict.score}` : 'error'),
      cell([report.reason, report.note].filter(Boolean).join(': ')), cell(status), actions);
    return row;
  }));
  $('sellers').tBodies[0].replaceChildren(...state.sellers.map((seller) => {
    const row = document.createElement('tr');
    row.dataset.sellerKey = seller.key;
    const r = seller.record;
    const credit = cell(r ? String(r.credit) : 'unavailable');
    if (seller.skippedDays?.length) credit.append(` (${seller.skippedDays.length} unreadable day(s) left out)`);
    const actions = document.createElement('td');
    actions.append(deleteButton('delete-seller', `Delete the record of seller ${seller.name.slice(0, 60)}`, async () => {
      if (!confirm(`Delete your record of ${seller.name || seller.key}? The listings of theirs you saw are deleted; your reports of them stay and still count.`)) return;
      const reply = await send({ type: M.DELETE_SELLER, key: seller.key });
      $('sellers-status').textContent = reply?.error
        ? `Not deleted: ${reply.error.message}`
        : `Deleted the record of ${seller.name || seller.key}${reply.data.reportsKept ? `; your ${reply.data.reportsKept} report(s) of them still count` : ''}.`;
      refresh();
    }));
    row.append(cell(seller.marketplace), cell(seller.name), cell(r?.reports), cell(r?.seen), cell(r?.seenHigh), credit, actions);
    return row;
  }));
  $('damaged-section').hidden = state.damaged.length === 0;
  $('damaged-records').tBodies[0].replaceChildren(...state.damaged.map((record) => {
    const row = document.createElement('tr');
    row.dataset.storeKey = record.key;
    const actions = document.createElement('td');
    actions.append(deleteButton('delete-damaged', `Delete the damaged record ${record.key.slice(0, 80)}`, async () => {
      if (!confirm(`Delete the damaged record ${record.key}? FakeLens cannot read it; this cannot be undone.`)) return;
      const reply = await send({ type: M.DELETE_DAMAGED, storeKey: record.key });
      if (reply?.error) alert(reply.error.message);
      refresh();
    }));
    row.append(cell(record.key), cell(record.problem), actions);
    return row;
  }));
}

function deleteButton(className, label, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = 'Delete';
  button.setAttribute('aria-label', label);
  button.addEventListener('click', onClick);
  return button;
}

async function refresh() {
  const reply = await send({ type: M.LIST_REPORTS });
  if (reply?.error) {
    $('damaged').hidden = false;
    $('damaged').textContent = `FakeLens could not read your reports: ${reply.error.message}`;
    return;
  }
  state = reply.data;
  $('damaged').hidden = state.damaged.length === 0;
  $('damaged').textContent = state.damaged.length
    ? `${state.damaged.length} stored record(s) are damaged and were kept aside untouched (${state.damaged[0].key}: ${state.damaged[0].problem}).`
    : '';
  fillFilter($('site-filter'), state.reports.map((r) => r.listing.marketplace));
  fillFilter($('seller-filter'), state.reports.map(sellerOf));
  const settings = (await send({ type: M.GET_SETTINGS }))?.data?.settings;
  $('send-info').textContent = settings?.endpoint
    ? `New reports are sent to ${settings.endpoint}; failed sends are retried.`
    : 'No endpoint is set: your reports stay on this device.';
  $('send-now').hidden = !settings?.endpoint;
  render();
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const stamp = () => new Date().toISOString().slice(0, 10);
$('export-json').addEventListener('click', () => download(`fakelens-reports-${stamp()}.json`, 'application/json', exportJson(state.reports, new Date().toISOString())));
$('export-csv').addEventListener('click', () => download(`fakelens-reports-${stamp()}.csv`, 'text/csv', exportCsv(state.reports)));
$('import-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (!file) return;
  const parsed = parseExport(await file.text());
  if (parsed.error) {
    $('import-status').textContent = `Not imported: ${parsed.error}`;
    return;
  }
  const reply = await send({ type: M.IMPORT_REPORTS, reports: parsed.reports });
  $('import-status').textContent = reply?.error
    ? `Not imported: ${reply.error.message}`
    : `Imported ${reply.data.added} report(s); ${reply.data.duplicates} already here.`;
  event.target.value = '';
  refresh();
});
$('send-now').addEventListener('click', async () => {
  $('send-status').textContent = 'Sending…';
  const reply = await send({ type: M.SEND_REPORTS });
  $('send-status').textContent = reply?.error ? reply.error.message : `Sent ${reply.data.sent}; ${reply.data.pending} still waiting.`;
  refresh();
});
for (const id of ['search', 'site-filter', 'seller-filter']) $(id).addEventListener('input', render);
chrome.storage.onChanged.addListener(() => refresh());
refresh();
